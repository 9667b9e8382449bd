import type { FieldIssue } from '../../http/errors.ts';
import { NEED_CODES } from '../directory/vocabulary.ts';
import { caseworkMessage as m } from './casework.content.ts';
import { listField, textField, wholeNumber, type FormResult } from './casework.schema.ts';
import type { OnwardStatus } from './casework.tables.ts';
import { ONWARD_DECLINE_REASONS, ONWARD_STATUSES, type OnwardDeclineReason } from './casework.vocabulary.ts';

// The onward referral forms: the directory search on the page (a GET form), the referral itself, and a
// status change in the closed loop (DOMAIN.md 3.6).

type Body = Record<string, unknown>;

export interface OnwardSearchInput {
  q: string;
  needs: string[];
  postcode: string;
  /** False on the page's first visit: the case's needs and the person's postcode are then the defaults. */
  submitted: boolean;
}

/**
 * The search form's query string (unknown needs are dropped; text is capped).
 * @param query - the query string
 */
export function parseOnwardSearch(query: Body): OnwardSearchInput {
  return {
    q: textField(query, 'q').slice(0, 200),
    needs: listField(query, 'need').filter((n) => NEED_CODES.includes(n)),
    postcode: textField(query, 'postcode').slice(0, 10),
    submitted: textField(query, 'search') === 'yes',
  };
}

export interface OnwardInput {
  serviceId: string;
  kind: 'signpost' | 'referral';
  reason: string;
  shareConsent: boolean;
}

/**
 * The form that records an onward referral or signpost.
 * @param body - the posted form
 */
export function parseOnward(body: Body): FormResult<OnwardInput> {
  const issues: FieldIssue[] = [];
  const serviceId = textField(body, 'serviceId');
  if (!/^[0-9a-f-]{36}$/i.test(serviceId)) {
    issues.push({ field: 'serviceId', message: m('pages.onward.serviceId.validationError.required') });
  }
  const kind = textField(body, 'kind');
  if (kind !== 'signpost' && kind !== 'referral') {
    issues.push({ field: 'kind', message: m('pages.onward.kind.validationError.required') });
  }
  const reason = textField(body, 'reason');
  if (reason === '') {
    issues.push({ field: 'reason', message: m('pages.onward.reason.validationError.required') });
  } else if (reason.length > 2000) {
    issues.push({ field: 'reason', message: m('pages.onward.reason.validationError.tooLong') });
  }
  return issues.length > 0
    ? { ok: false, issues }
    : {
        ok: true,
        value: {
          serviceId,
          kind: kind as 'signpost' | 'referral',
          reason,
          shareConsent: textField(body, 'shareConsent') === 'yes',
        },
      };
}

export interface OnwardStatusInput {
  status: Exclude<OnwardStatus, 'sent'>;
  declineReason: OnwardDeclineReason | null;
  waitlistWeeks: number | null;
  note: string | null;
}

/**
 * A status change: declined needs a reason code, waitlisted the expected weeks, cancelled a note.
 * @param body - the posted form
 */
export function parseOnwardStatus(body: Body): FormResult<OnwardStatusInput> {
  const issues: FieldIssue[] = [];
  const status = textField(body, 'status');
  const valid = (ONWARD_STATUSES as readonly string[]).includes(status) && status !== 'sent';
  if (!valid) {
    issues.push({ field: 'status', message: m('pages.onwardStatus.status.validationError.required') });
  }
  const declineReason = textField(body, 'declineReason');
  if (status === 'declined' && !(declineReason in ONWARD_DECLINE_REASONS)) {
    issues.push({
      field: 'declineReason',
      message: m('pages.onwardStatus.declineReason.validationError.required'),
    });
  }
  const weeksText = textField(body, 'weeks');
  const weeks = wholeNumber(weeksText, [1, 104]);
  if (status === 'waitlisted') {
    if (weeksText === '') {
      issues.push({ field: 'weeks', message: m('pages.onwardStatus.weeks.validationError.required') });
    } else if (!weeks.ok) {
      issues.push({ field: 'weeks', message: m(`pages.onwardStatus.weeks.validationError.${weeks.rule}`) });
    }
  }
  const note = textField(body, 'statusNote');
  if (note.length > 1000) {
    issues.push({ field: 'statusNote', message: m('pages.onwardStatus.statusNote.validationError.tooLong') });
  } else if (status === 'cancelled' && note === '') {
    issues.push({
      field: 'statusNote',
      message: m('pages.onwardStatus.statusNote.validationError.required'),
    });
  }
  return issues.length > 0
    ? { ok: false, issues }
    : {
        ok: true,
        value: {
          status: status as OnwardStatusInput['status'],
          declineReason: status === 'declined' ? (declineReason as OnwardDeclineReason) : null,
          waitlistWeeks: status === 'waitlisted' && weeks.ok ? weeks.value : null,
          note: note === '' ? null : note,
        },
      };
}
