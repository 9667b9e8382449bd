import type { FieldIssue } from '../../http/errors.ts';
import { TRIAGE_DECLINE_REASONS } from '../casework/casework.vocabulary.ts';
import { formText } from '../people/person-fields.ts';
import { checkText, type FormResult } from './referral.schema.ts';
import { referralsMessage as m } from './referrals.content.ts';
import type { TriageDecision, TriageDeclineReason } from './triage.service.ts';

// The triage decision form: accept (and optionally allocate now), decline with a coded reason (a note is
// required for "other"), or redirect (where to). Also the allocation form of an accepted referral on the
// waiting list.

export const TRIAGE_FIELD_ORDER = [
  'decision',
  'linkWorkerId',
  'declineReason',
  'declineNote',
  'redirectedTo',
  'triageNote',
];

/** Coded decline reasons, in the order shown (labels from casework, which writes the message back). */
export const DECLINE_REASONS: readonly TriageDeclineReason[] = [
  'not_eligible',
  'needs_clinical_care',
  'declined_by_patient',
  'unable_to_contact',
  'duplicate',
  'other',
];

/** A decline reason's words (casework's list, which the message back uses too). */
export const declineReasonLabel = (reason: string): string => TRIAGE_DECLINE_REASONS[reason] ?? reason;

/** The allocation choice "not yet: add to the waiting list". */
export const NOT_NOW = 'later';

export interface TriageFormValue {
  decision: TriageDecision;
  triageNote: string | null;
  expectedVersion: number;
}

function version(body: unknown): number {
  const raw = formText(body, 'version');
  return /^[1-9]\d{0,8}$/.test(raw) ? Number(raw) : 0;
}

/**
 * The triage decision form.
 * @param body - the posted form
 * @param options - the ids of the link workers who may be chosen
 */
export function parseTriageForm(
  body: unknown,
  options: { linkWorkerIds: readonly string[] },
): FormResult<TriageFormValue> {
  const issues: FieldIssue[] = [];
  const decision = formText(body, 'decision');
  const note = checkText(
    formText(body, 'triageNote'),
    'triageNote',
    {
      tooLong: m('pages.triage.triageNote.validationError.tooLong'),
    },
    1000,
  );
  if (note.issue !== null) {
    issues.push(note.issue);
  }
  let value: TriageDecision | null = null;
  if (decision === 'accept') {
    const worker = formText(body, 'linkWorkerId');
    if (worker !== NOT_NOW && worker !== '' && !options.linkWorkerIds.includes(worker)) {
      issues.push({ field: 'linkWorkerId', message: m('pages.triage.linkWorkerId.validationError.unknown') });
    }
    value = { kind: 'accept', linkWorkerId: worker === NOT_NOW || worker === '' ? null : worker };
  } else if (decision === 'decline') {
    const reason = formText(body, 'declineReason');
    const declineNote = checkText(
      formText(body, 'declineNote'),
      'declineNote',
      {
        ...(reason === 'other' ? { required: m('pages.triage.declineNote.validationError.required') } : {}),
        tooLong: m('pages.triage.declineNote.validationError.tooLong'),
      },
      1000,
    );
    if (!(DECLINE_REASONS as readonly string[]).includes(reason)) {
      issues.push({
        field: 'declineReason',
        message: m('pages.triage.declineReason.validationError.required'),
      });
    }
    if (declineNote.issue !== null) {
      issues.push(declineNote.issue);
    }
    value = { kind: 'decline', reason: reason as TriageDeclineReason, note: declineNote.value };
  } else if (decision === 'redirect') {
    const to = checkText(
      formText(body, 'redirectedTo'),
      'redirectedTo',
      {
        required: m('pages.triage.redirectedTo.validationError.required'),
        tooLong: m('pages.triage.redirectedTo.validationError.tooLong'),
      },
      500,
    );
    if (to.issue !== null) {
      issues.push(to.issue);
    }
    value = { kind: 'redirect', to: to.value ?? '' };
  } else {
    issues.push({ field: 'decision', message: m('pages.triage.decision.validationError.required') });
  }
  if (issues.length > 0 || value === null) {
    return { ok: false, issues };
  }
  return { ok: true, value: { decision: value, triageNote: note.value, expectedVersion: version(body) } };
}

/**
 * The allocation form of an accepted referral waiting for a link worker.
 * @param body - the posted form
 * @param options - the ids of the link workers who may be chosen
 */
export function parseAllocationForm(
  body: unknown,
  options: { linkWorkerIds: readonly string[] },
): FormResult<{ linkWorkerId: string; caseVersion: number }> {
  const worker = formText(body, 'linkWorkerId');
  if (!options.linkWorkerIds.includes(worker)) {
    return {
      ok: false,
      issues: [{ field: 'linkWorkerId', message: m('pages.triage.linkWorkerId.validationError.unknown') }],
    };
  }
  return { ok: true, value: { linkWorkerId: worker, caseVersion: version(body) } };
}
