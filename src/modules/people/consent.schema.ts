import type { FieldIssue } from '../../http/errors.ts';
import { peopleMessage as m } from './people.content.ts';
import type { ConsentRecord } from './people.model.ts';
import type { FormResult } from './people.schema.ts';
import { formText } from './person-fields.ts';

// The consent form of the person page, and the words shown for each consent (stored with every decision,
// so the record says exactly what the person agreed to).

export const CONSENT_KINDS = [
  'social-prescribing',
  'contact-sms',
  'contact-email',
  'share-with-organisation',
] as const;
export const CONSENT_DECISIONS = ['given', 'declined', 'withdrawn'] as const;
export const CONSENT_METHODS = ['verbal', 'written', 'online'] as const;

export const CONSENT_KIND_LABELS: Record<(typeof CONSENT_KINDS)[number], string> = {
  'social-prescribing': 'Social prescribing',
  'contact-sms': 'Contact by text message',
  'contact-email': 'Contact by email',
  'share-with-organisation': 'Share their details with a community organisation',
};
export const CONSENT_METHOD_LABELS: Record<(typeof CONSENT_METHODS)[number] | 'not-recorded', string> = {
  verbal: 'Spoken (in person or by phone)',
  written: 'In writing',
  online: 'Online',
  'not-recorded': 'Not recorded',
};

/**
 * The words shown or read to the person for each consent. Stored with every decision, so the record says
 * exactly what the person agreed to.
 * @param kind - which consent
 * @param organisationName - for sharing: the organisation's name
 */
export function consentWording(kind: (typeof CONSENT_KINDS)[number], organisationName = ''): string {
  switch (kind) {
    case 'social-prescribing':
      return 'Social prescribing: a link worker from your GP practice team will contact you to talk about what matters to you and connect you with support in your community. Your GP practice will be told what happens.';
    case 'contact-sms':
      return 'We may send you text messages about your social prescribing support, such as appointment reminders.';
    case 'contact-email':
      return 'We may send you emails about your social prescribing support, such as your support plan.';
    case 'share-with-organisation':
      return `We will share your name, contact details and the reason for this referral with ${organisationName}, so they can contact you about their support. You can ask us to stop sharing at any time.`;
  }
}

export interface ConsentFormValue {
  record: ConsentRecord;
  /** For sharing: the organisation chosen (its name goes into the wording). */
  organizationId: string | null;
}

/**
 * The consent form of the person page.
 * @param body - the posted form
 * @param options - the directory organisations and the person's referrals that may be chosen
 */
export function parseConsentForm(
  body: unknown,
  options: { organisations: ReadonlyMap<string, string>; referralIds: readonly string[] },
): FormResult<ConsentFormValue> {
  const issues: FieldIssue[] = [];
  const kind = formText(body, 'kind');
  const decision = formText(body, 'decision');
  const method = formText(body, 'method');
  if (!(CONSENT_KINDS as readonly string[]).includes(kind)) {
    issues.push({ field: 'kind', message: m('pages.consent.kind.validationError.invalid') });
  }
  if (!(CONSENT_DECISIONS as readonly string[]).includes(decision)) {
    issues.push({ field: 'decision', message: m('pages.consent.decision.validationError.invalid') });
  } else if (decision === 'declined' && kind !== 'social-prescribing' && kind !== '') {
    issues.push({ field: 'decision', message: m('pages.consent.decision.validationError.notForKind') });
  }
  if (!(CONSENT_METHODS as readonly string[]).includes(method)) {
    issues.push({ field: 'method', message: m('pages.consent.method.validationError.invalid') });
  }
  const organizationId = formText(body, 'organizationId');
  const referralId = formText(body, 'referralId');
  if (kind === 'share-with-organisation') {
    if (!options.organisations.has(organizationId)) {
      issues.push({
        field: 'organizationId',
        message: m('pages.consent.organizationId.validationError.required'),
      });
    }
    if (!options.referralIds.includes(referralId)) {
      issues.push({ field: 'referralId', message: m('pages.consent.referralId.validationError.required') });
    }
  }
  if (issues.length > 0) {
    return { ok: false, issues };
  }
  const validKind = kind as (typeof CONSENT_KINDS)[number];
  const validMethod = method as (typeof CONSENT_METHODS)[number];
  const granted = decision === 'given';
  const organisationName = options.organisations.get(organizationId) ?? '';
  const change: ConsentRecord['change'] =
    validKind === 'social-prescribing'
      ? { kind: validKind, decision: decision as (typeof CONSENT_DECISIONS)[number] }
      : validKind === 'share-with-organisation'
        ? { kind: validKind, granted, organizationId, referralId }
        : { kind: validKind, granted };
  return {
    ok: true,
    value: {
      record: { change, method: validMethod, wording: consentWording(validKind, organisationName) },
      organizationId: validKind === 'share-with-organisation' ? organizationId : null,
    },
  };
}
