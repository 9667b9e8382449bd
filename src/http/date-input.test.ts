import { describe, expect, it } from 'vitest';
import { dateInputValues, parseDateInput, readDateInput } from './date-input.ts';

describe('the NHS.UK date input', () => {
  it('reads the three boxes by their macro names, trimmed', () => {
    expect(readDateInput({ 'dob[day]': ' 1 ', 'dob[month]': '2', 'dob[year]': '1990' }, 'dob')).toEqual({
      day: '1',
      month: '2',
      year: '1990',
    });
    expect(readDateInput({}, 'dob')).toEqual({ day: '', month: '', year: '' });
    expect(readDateInput({ 'dob[day]': ['1'] }, 'dob').day).toBe('');
  });

  it.each([
    [
      { day: '', month: '', year: '' },
      { ok: false, problem: 'required' },
    ],
    [
      { day: '', month: '2', year: '1990' },
      { ok: false, problem: 'missingDay' },
    ],
    [
      { day: '1', month: '', year: '1990' },
      { ok: false, problem: 'missingMonth' },
    ],
    [
      { day: '1', month: '2', year: '' },
      { ok: false, problem: 'missingYear' },
    ],
    [
      { day: '31', month: '2', year: '1990' },
      { ok: false, problem: 'notReal' },
    ],
    [
      { day: '29', month: '2', year: '2023' },
      { ok: false, problem: 'notReal' },
    ],
    [
      { day: '1', month: '13', year: '1990' },
      { ok: false, problem: 'notReal' },
    ],
    [
      { day: 'x', month: '2', year: '1990' },
      { ok: false, problem: 'notReal' },
    ],
    [
      { day: '1', month: '2', year: '90' },
      { ok: false, problem: 'notReal' },
    ],
    [
      { day: '29', month: '2', year: '2024' },
      { ok: true, value: '2024-02-29' },
    ],
    [
      { day: '01', month: '02', year: '1990' },
      { ok: true, value: '1990-02-01' },
    ],
  ])('%o gives %o', (values, expected) => {
    expect(parseDateInput(values)).toEqual(expected);
  });

  it('shows a stored date in the boxes without leading zeros', () => {
    expect(dateInputValues('1990-02-01')).toEqual({ day: '1', month: '2', year: '1990' });
  });
});
