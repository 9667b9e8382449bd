import { z } from 'zod';
import type { FieldIssue } from '../../http/errors.ts';
import { zodFieldIssues } from '../../http/forms.ts';
import { URGENCIES } from './referral.model.ts';
import {
  checkNeeds,
  checkReferralPerson,
  checkText,
  type FormResult,
  type StaffReferralInput,
} from './referral.schema.ts';
import { referralsMessage as m } from './referrals.content.ts';

// The JSON body of POST /api/referrals: the staff form's fields, with the date of birth as YYYY-MM-DD and
// needs as codes. zod checks the shape; the same field checks as the form judge the values, so the API and
// the form accept and word things identically.

const optionalString = (max: number): z.ZodOptional<z.ZodNullable<z.ZodString>> =>
  z.string().max(max).nullable().optional();

export const referralApiBody = z.strictObject({
  nhsNumber: optionalString(20),
  givenName: optionalString(200),
  familyName: optionalString(200),
  dateOfBirth: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Date of birth must be a date like 1984-03-15' })
    .nullable()
    .optional(),
  postcode: optionalString(64),
  phone: optionalString(40),
  reason: z.string({ error: m('pages.referral.reason.validationError.required') }).max(10_000),
  needs: z.array(z.string().max(50), { error: m('pages.referral.needs.validationError.required') }).max(50),
  urgency: z
    .enum(URGENCIES, { error: m('pages.referral.urgency.validationError.required') })
    .default('routine'),
  riskInformation: optionalString(10_000),
  consentConfirmed: z.literal(true, { error: m('pages.referral.consentConfirmed.validationError.required') }),
  practiceId: z
    .uuid({ error: m('pages.referral.practiceId.validationError.required') })
    .nullable()
    .optional(),
});

export type ReferralApiBody = z.output<typeof referralApiBody>;

/**
 * The API body as the form's validated input (issues name the JSON fields).
 * @param body - the parsed JSON
 * @param options - today's date in England, the tenant's practices, whether the practice must be given
 */
export function parseReferralApiBody(
  body: unknown,
  options: { today: string; practiceIds: readonly string[]; practiceRequired: boolean },
): FormResult<Omit<StaffReferralInput, 'submissionId'>> {
  const shape = referralApiBody.safeParse(body ?? {});
  if (!shape.success) {
    return { ok: false, issues: zodFieldIssues(shape.error) };
  }
  const b = shape.data;
  const [year = '', month = '', day = ''] = (b.dateOfBirth ?? '').split('-');
  const person = checkReferralPerson(
    {
      nhsNumber: b.nhsNumber ?? '',
      givenName: b.givenName ?? '',
      familyName: b.familyName ?? '',
      dateOfBirth: { day, month, year },
      postcode: b.postcode ?? '',
      phone: b.phone ?? '',
    },
    { today: options.today, dateField: 'dateOfBirth' },
  );
  const issues: FieldIssue[] = person.ok ? [] : [...person.issues];
  const reason = checkText(b.reason, 'reason', {
    required: m('pages.referral.reason.validationError.required'),
    tooLong: m('pages.referral.reason.validationError.tooLong'),
  });
  const risk = checkText(b.riskInformation ?? '', 'riskInformation', {
    tooLong: m('pages.referral.riskInformation.validationError.tooLong'),
  });
  const needs = checkNeeds(b.needs, m('pages.referral.needs.validationError.required'));
  for (const issue of [reason.issue, risk.issue]) {
    if (issue !== null) {
      issues.push(issue);
    }
  }
  if (!needs.ok) {
    issues.push(...needs.issues);
  }
  const practiceId = b.practiceId ?? null;
  if (
    (options.practiceRequired || practiceId !== null) &&
    (practiceId === null || !options.practiceIds.includes(practiceId))
  ) {
    issues.push({ field: 'practiceId', message: m('pages.referral.practiceId.validationError.required') });
  }
  if (issues.length > 0 || !person.ok || !needs.ok || reason.value === null) {
    return { ok: false, issues };
  }
  return {
    ok: true,
    value: {
      person: person.value,
      reason: reason.value,
      needs: needs.value,
      urgency: b.urgency,
      riskInformation: risk.value,
      practiceId,
    },
  };
}
