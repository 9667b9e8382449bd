import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { templateNameSchema } from './notify.schema.ts';

// One text message as a caller hands it to the outbox. Validated before it is stored, so the worker never
// meets a number GOV.UK Notify would refuse. Issues name the field, never the value: they can reach logs.

/** GOV.UK Notify's limit: six concatenated 153-character fragments. */
export const MAX_SMS_LENGTH = 918;

export const SMS_NUMBER_ERRORS = {
  empty: 'Enter a mobile phone number',
  characters: 'Mobile phone number can only include numbers 0 to 9, spaces, brackets, dashes and +',
  format: 'Enter a mobile phone number in the correct format, like 07700 900 982',
  notMobile: 'Enter a UK mobile phone number starting 07: this number cannot receive text messages',
  notUk: 'Enter a UK mobile phone number: text messages are only sent to UK numbers',
} as const;

export type UkMobileResult = { ok: true; value: string } | { ok: false; error: string };

/** Spaces (any, including non-breaking), brackets, dashes and dots people write numbers with. */
const SEPARATORS = /[\s().-]/g;
/**
 * After the leading 0: mobiles are 071-075, 077-079, and 07624 (Isle of Man). 070 (personal numbering)
 * and 076 (pagers) look like mobiles but cannot be relied on to receive a text message.
 */
const MOBILE_RANGE = /^7(?:[1-57-9]|624)/;

function nationalDigits(compact: string): string | undefined {
  const international = /^(?:\+|00)(\d+)$/.exec(compact)?.[1];
  if (international !== undefined) {
    // `+44 (0)7700 900982` is common in signatures: drop the 0 written after the country code.
    return international.startsWith('44') ? international.slice(2).replace(/^0/, '') : undefined;
  }
  if (compact.startsWith('0')) {
    return compact.slice(1);
  }
  // 447700900982: the international form without + or 00.
  return compact.length === 12 && compact.startsWith('447') ? compact.slice(2) : '';
}

/**
 * Reads a UK mobile number as people write it (07700 900982, +44 7700 900982, 0044 (0)7700-900-982) and
 * returns it in E.164 form (+447700900982). Refuses landlines and numbers outside the UK. A small rule
 * rather than libphonenumber: its metadata treats Ofcom's drama range (07700 900xxx), which GOV.UK Notify
 * and every test use, as invalid.
 * @param input - the number as entered
 */
export function normaliseUkMobile(input: string): UkMobileResult {
  const compact = input.replace(SEPARATORS, '');
  if (compact === '') {
    return { ok: false, error: SMS_NUMBER_ERRORS.empty };
  }
  if (!/^\+?\d+$/.test(compact)) {
    return { ok: false, error: SMS_NUMBER_ERRORS.characters };
  }
  const national = nationalDigits(compact);
  if (national === undefined) {
    return { ok: false, error: SMS_NUMBER_ERRORS.notUk };
  }
  if (national !== '' && !national.startsWith('7')) {
    return { ok: false, error: SMS_NUMBER_ERRORS.notMobile };
  }
  if (national.length !== 10) {
    return { ok: false, error: SMS_NUMBER_ERRORS.format };
  }
  if (!MOBILE_RANGE.test(national)) {
    return { ok: false, error: SMS_NUMBER_ERRORS.notMobile };
  }
  return { ok: true, value: `+44${national}` };
}

export const smsMessageSchema = z.object({
  to: z.string({ error: SMS_NUMBER_ERRORS.empty }).transform((value, ctx) => {
    const number = normaliseUkMobile(value);
    if (!number.ok) {
      ctx.addIssue({ code: 'custom', message: number.error });
      return z.NEVER;
    }
    return number.value;
  }),
  text: z
    .string({ error: 'Enter the message text' })
    .refine((value) => value.trim() !== '', { error: 'Enter the message text' })
    .refine((value) => value.length <= MAX_SMS_LENGTH, {
      error: `Text message must be ${MAX_SMS_LENGTH} characters or fewer`,
    }),
  template: templateNameSchema,
});

/** A text message a module wants sent: one UK mobile number, plain text, and a template name for reporting. */
export type SmsMessage = z.infer<typeof smsMessageSchema>;

export type SmsMessageValidation = { ok: true; value: SmsMessage } | { ok: false; error: FieldIssue[] };

/**
 * Checks a text message before it goes into the outbox.
 * @param input - the message as the caller built it
 * @returns the message with the number in E.164 form (+447...), or the problems by field
 */
export function validateSmsMessage(input: unknown): SmsMessageValidation {
  const parsed = smsMessageSchema.safeParse(input);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  return {
    ok: false,
    error: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

/** Thrown by enqueueSms for a message that fails validateSmsMessage; carries no field values. */
export class InvalidSmsMessageError extends Error {
  readonly code = 'InvalidSmsMessage';

  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid text message: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidSmsMessageError';
  }
}
