import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';

// One email as a caller hands it to the outbox. Validated before it is stored, so the worker never meets
// an address it cannot send to. Issues name the field, never the value: they can reach logs.

/** RFC 5321's limit on a forward path. */
const MAX_ADDRESS_LENGTH = 254;
/** RFC 5322's limit on a header line, a sane bound for a subject. */
const MAX_SUBJECT_LENGTH = 998;
const MAX_BODY_LENGTH = 200_000;

/** A name for reporting, such as 'password-reset': lower-case words joined by hyphens. Shared with SMS. */
export const templateNameSchema = z
  .string({ error: 'Enter a template name' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'Template name must be lower-case words joined by hyphens' })
  .max(60, { error: 'Template name must be 60 characters or fewer' });

const noLineBreaks = (value: string): boolean => !/[\r\n]/.test(value);

export const emailMessageSchema = z.object({
  // One bare address: no display name, no list (a comma would otherwise mean a second recipient).
  to: z
    .string({ error: 'Enter an email address' })
    .trim()
    .max(MAX_ADDRESS_LENGTH, { error: `Email address must be ${MAX_ADDRESS_LENGTH} characters or fewer` })
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
  subject: z
    .string({ error: 'Enter a subject' })
    .trim()
    .min(1, { error: 'Enter a subject' })
    .max(MAX_SUBJECT_LENGTH, { error: `Subject must be ${MAX_SUBJECT_LENGTH} characters or fewer` })
    .refine(noLineBreaks, { error: 'Subject must be a single line' }),
  text: z
    .string({ error: 'Enter the message text' })
    .min(1, { error: 'Enter the message text' })
    .max(MAX_BODY_LENGTH, { error: `Message text must be ${MAX_BODY_LENGTH} characters or fewer` }),
  html: z
    .string()
    .min(1, { error: 'HTML body must not be empty when given' })
    .max(MAX_BODY_LENGTH, { error: `HTML body must be ${MAX_BODY_LENGTH} characters or fewer` })
    .optional(),
  template: templateNameSchema,
});

/** An email a module wants sent: one recipient, a plain-text body and optionally an HTML one. */
export type EmailMessage = z.infer<typeof emailMessageSchema>;

export type EmailMessageValidation = { ok: true; value: EmailMessage } | { ok: false; error: FieldIssue[] };

/**
 * Checks an email before it goes into the outbox.
 * @param input - the message as the caller built it
 * @returns the trimmed message, or the problems by field
 */
export function validateEmailMessage(input: unknown): EmailMessageValidation {
  const parsed = emailMessageSchema.safeParse(input);
  if (parsed.success) {
    return { ok: true, value: parsed.data };
  }
  return {
    ok: false,
    error: parsed.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })),
  };
}

/** Thrown by enqueueEmail for a message that fails validateEmailMessage; carries no field values. */
export class InvalidEmailMessageError extends Error {
  readonly code = 'InvalidEmailMessage';

  constructor(readonly issues: FieldIssue[]) {
    super(`Invalid email message: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidEmailMessageError';
  }
}
