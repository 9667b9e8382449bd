import { describe, expect, it } from 'vitest';
import { formatNhsNumber, nhsCheckDigit, parseNhsNumber } from './nhs-number.ts';

describe('NHS numbers', () => {
  it('accepts the worked example of the NHS Data Dictionary, typed in any common way', () => {
    for (const typed of ['9434765919', '943 476 5919', '943-476-5919', ' 943 476 5919 ']) {
      expect(parseNhsNumber(typed)).toEqual({ ok: true, value: '9434765919' });
    }
  });

  it('accepts test numbers from the 999 range that pass modulus 11', () => {
    for (const n of ['9990000018', '9990000026', '9990000034']) {
      expect(parseNhsNumber(n).ok).toBe(true);
    }
  });

  it('rejects a wrong check digit, including numbers whose check would be 10', () => {
    expect(parseNhsNumber('9990000010')).toEqual({ ok: false, problem: 'check-digit' });
    expect(parseNhsNumber('9434765918')).toEqual({ ok: false, problem: 'check-digit' });
    // 123456789: sum 10+18+24+28+30+30+28+24+18 = 210, 210 mod 11 = 1, 11 - 1 = 10: no valid number
    expect(nhsCheckDigit('123456789')).toBeNull();
    expect(parseNhsNumber('1234567890')).toEqual({ ok: false, problem: 'check-digit' });
  });

  it('uses 0 when the check comes to 11', () => {
    // 999000005: 9*10+9*9+9*8+5*2 = 90+81+72+10 = 253 = 11*23, so check = 11 -> 0
    expect(nhsCheckDigit('999000005')).toBe(0);
    expect(parseNhsNumber('9990000050').ok).toBe(true);
  });

  it('names empty and badly formed input', () => {
    expect(parseNhsNumber('  ')).toEqual({ ok: false, problem: 'empty' });
    expect(parseNhsNumber('99900000')).toEqual({ ok: false, problem: 'format' });
    expect(parseNhsNumber('999 000 001X')).toEqual({ ok: false, problem: 'format' });
  });

  it('shows numbers 3-3-4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
  });
});
