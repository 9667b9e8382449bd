import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { parseForm, zodFieldIssues, type FormResult } from '../../http/forms.ts';
import { accountMessage as m } from './account.content.ts';
import { passwordProblem } from './password.ts';

// The forms of the sign-in verification, password reset, invitation, password change and two-step pages.
// Each parse returns the typed values or the problems by field (the field's id on the page).

/** A password field that must be filled in; an absurdly long one is as wrong as a wrong one. */
const password = (required: string, incorrect = required): z.ZodType<string> =>
  z.string({ error: required }).min(1, { error: required }).max(1000, { error: incorrect });

const codeSchema = z.object({
  code: z
    .string({ error: m('pages.verify.code.validationError.required') })
    .transform((code) => code.replace(/[\s-]+/g, ''))
    .pipe(
      z
        .string()
        .min(1, { error: m('pages.verify.code.validationError.required'), abort: true })
        .regex(/^\d{6}$/, { error: m('pages.verify.code.validationError.format') }),
    ),
});

/**
 * A 6-digit code from an authenticator app (spaces and hyphens ignored).
 * @param body - the posted form
 */
export function parseCodeForm(body: unknown): FormResult<{ code: string }> {
  return parseForm(codeSchema, body);
}

const forgotSchema = z.object({
  email: z
    .string({ error: m('pages.forgotPassword.email.validationError.required') })
    .trim()
    .min(1, { error: m('pages.forgotPassword.email.validationError.required') })
    .max(254, { error: m('pages.forgotPassword.email.validationError.tooLong') })
    .pipe(z.email({ error: m('pages.forgotPassword.email.validationError.format') })),
});

/**
 * The "forgotten password" form: an email address.
 * @param body - the posted form
 */
export function parseForgotForm(body: unknown): FormResult<{ email: string }> {
  return parseForm(forgotSchema, body);
}

const filledIn = (required: string): z.ZodType<string> =>
  z.string({ error: required }).min(1, { error: required });

// No length limit here: passwordProblem() names the longest password allowed.
const newPasswordSchema = z.object({
  newPassword: filledIn(m('pages.newPassword.newPassword.validationError.required')),
  confirmPassword: filledIn(m('pages.newPassword.confirmPassword.validationError.required')),
});

function newPasswordIssues(
  values: { newPassword?: unknown; confirmPassword?: unknown },
  personal: { email: string; name: string },
): FieldIssue[] {
  const parsed = newPasswordSchema.safeParse(values);
  const issues = parsed.success ? [] : zodFieldIssues(parsed.error);
  if (typeof values.newPassword === 'string' && values.newPassword !== '') {
    const problem = passwordProblem(values.newPassword, personal);
    if (problem !== null) {
      issues.push({ field: 'newPassword', message: problem });
    } else if (
      typeof values.confirmPassword === 'string' &&
      values.confirmPassword !== '' &&
      values.confirmPassword !== values.newPassword
    ) {
      issues.push({
        field: 'confirmPassword',
        message: m('pages.newPassword.confirmPassword.validationError.mismatch'),
      });
    }
  }
  return issues;
}

/**
 * Choosing a new password (reset, invitation): the password rules (passwordProblem) and the same password twice.
 * @param body - the posted form
 * @param personal - the user's email address and name, which the password must not contain
 */
export function parseNewPasswordForm(
  body: unknown,
  personal: { email: string; name: string },
): FormResult<{ newPassword: string }> {
  const values = (body ?? {}) as Record<string, unknown>;
  const issues = newPasswordIssues(values, personal);
  return issues.length === 0
    ? { ok: true, value: { newPassword: String(values.newPassword) } }
    : { ok: false, issues };
}

/**
 * Changing a password: the current one, and a new one twice.
 * @param body - the posted form
 * @param personal - the user's email address and name
 */
export function parseChangePasswordForm(
  body: unknown,
  personal: { email: string; name: string },
): FormResult<{ currentPassword: string; newPassword: string }> {
  const values = (body ?? {}) as Record<string, unknown>;
  const current = password(
    m('pages.changePassword.currentPassword.validationError.required'),
    m('pages.changePassword.currentPassword.validationError.incorrect'),
  ).safeParse(values.currentPassword);
  const issues: FieldIssue[] = current.success
    ? []
    : current.error.issues.map((issue) => ({ field: 'currentPassword', message: issue.message }));
  issues.push(...newPasswordIssues(values, personal));
  if (issues.length > 0 || !current.success) {
    return { ok: false, issues };
  }
  return { ok: true, value: { currentPassword: current.data, newPassword: String(values.newPassword) } };
}

const disableSchema = z.object({
  password: password(
    m('pages.twoStepDisable.password.validationError.required'),
    m('pages.twoStepDisable.password.validationError.incorrect'),
  ),
});

/**
 * Turning two-step verification off: the current password.
 * @param body - the posted form
 */
export function parseDisableTwoStepForm(body: unknown): FormResult<{ password: string }> {
  return parseForm(disableSchema, body);
}

/** The order of fields on the password forms, for the error summary. */
export const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;
