import { describe, expect, it } from 'vitest';
import {
  InvalidSmsMessageError,
  MAX_SMS_LENGTH,
  normaliseUkMobile,
  SMS_NUMBER_ERRORS,
  validateSmsMessage,
  type SmsMessage,
} from './sms.schema.ts';

const valid = {
  to: '07700 900982',
  text: 'Walking group: Tuesdays 10am at the community centre. Call 01632 960000.',
  template: 'signpost-copy',
} satisfies SmsMessage;

describe('normaliseUkMobile', () => {
  it.each([
    '07700900982',
    '07700 900982',
    '07700 900 982',
    '07700-900-982',
    '(07700) 900982',
    '+447700900982',
    '+44 7700 900982',
    '+44 (0)7700 900982',
    '00447700900982',
    '0044 7700 900982',
    '447700900982',
    '07700.900.982',
    '07700\u00a0900982',
  ])('reads %s as +447700900982', (input) => {
    expect(normaliseUkMobile(input)).toEqual({ ok: true, value: '+447700900982' });
  });

  it('accepts the mobile ranges, including the Isle of Man', () => {
    expect(normaliseUkMobile('07123 456789')).toEqual({ ok: true, value: '+447123456789' });
    expect(normaliseUkMobile('07911 123456')).toEqual({ ok: true, value: '+447911123456' });
    expect(normaliseUkMobile('07624 123456')).toEqual({ ok: true, value: '+447624123456' });
  });

  it.each([
    ['nothing', '', SMS_NUMBER_ERRORS.empty],
    ['only spaces', '   ', SMS_NUMBER_ERRORS.empty],
    ['letters', '07700 9OO982', SMS_NUMBER_ERRORS.characters],
    ['an extension', '07700 900982 ext 2', SMS_NUMBER_ERRORS.characters],
    ['a + in the middle', '0770+0900982', SMS_NUMBER_ERRORS.characters],
    ['a London landline', '020 7946 0000', SMS_NUMBER_ERRORS.notMobile],
    ['a landline in international form', '+44 161 496 0000', SMS_NUMBER_ERRORS.notMobile],
    ['a short landline', '01632 96000', SMS_NUMBER_ERRORS.notMobile],
    ['a freephone number', '0800 123 4567', SMS_NUMBER_ERRORS.notMobile],
    ['a personal number (070)', '07000 123456', SMS_NUMBER_ERRORS.notMobile],
    ['a pager (076)', '07600 123456', SMS_NUMBER_ERRORS.notMobile],
    ['a French mobile', '+33 6 12 34 56 78', SMS_NUMBER_ERRORS.notUk],
    ['an Irish mobile', '00353 85 123 4567', SMS_NUMBER_ERRORS.notUk],
    ['too few digits', '07700 90098', SMS_NUMBER_ERRORS.format],
    ['too many digits', '07700 9009821', SMS_NUMBER_ERRORS.format],
    ['no leading 0', '7700 900982', SMS_NUMBER_ERRORS.format],
  ])('refuses %s', (_label, input, error) => {
    expect(normaliseUkMobile(input)).toEqual({ ok: false, error });
  });
});

describe('validateSmsMessage', () => {
  it('accepts a message and stores the number in E.164 form', () => {
    expect(validateSmsMessage(valid)).toEqual({ ok: true, value: { ...valid, to: '+447700900982' } });
  });

  it(`accepts ${MAX_SMS_LENGTH} characters (six fragments) and refuses one more`, () => {
    expect(validateSmsMessage({ ...valid, text: 'a'.repeat(MAX_SMS_LENGTH) })).toMatchObject({ ok: true });
    expect(validateSmsMessage({ ...valid, text: 'a'.repeat(MAX_SMS_LENGTH + 1) })).toEqual({
      ok: false,
      error: [{ field: 'text', message: 'Text message must be 918 characters or fewer' }],
    });
  });

  it('names each bad field, without the values', () => {
    const result = validateSmsMessage({ to: '020 7946 0000', text: ' \n ', template: 'Signpost Copy' });
    expect(result).toEqual({
      ok: false,
      error: [
        { field: 'to', message: SMS_NUMBER_ERRORS.notMobile },
        { field: 'text', message: 'Enter the message text' },
        { field: 'template', message: 'Template name must be lower-case words joined by hyphens' },
      ],
    });
  });

  it('refuses missing fields', () => {
    expect(validateSmsMessage({})).toEqual({
      ok: false,
      error: [
        { field: 'to', message: SMS_NUMBER_ERRORS.empty },
        { field: 'text', message: 'Enter the message text' },
        { field: 'template', message: 'Enter a template name' },
      ],
    });
  });
});

describe('InvalidSmsMessageError', () => {
  it('lists the fields and messages and carries no number or text', () => {
    const result = validateSmsMessage({ ...valid, to: '+33 6 12 34 56 78' });
    if (result.ok) {
      expect.fail('expected a validation failure');
    }
    const error = new InvalidSmsMessageError(result.error);
    expect(error.code).toBe('InvalidSmsMessage');
    expect(error.issues).toEqual([{ field: 'to', message: SMS_NUMBER_ERRORS.notUk }]);
    expect(error.message).toBe(`Invalid text message: to: ${SMS_NUMBER_ERRORS.notUk}`);
    expect(error.message).not.toMatch(/612|Walking/);
  });
});
