import { addWorkingDays, londonDate, workingDaysBetween } from '../casework/working-days.ts';
import { findNeed, NEEDS } from '../directory/vocabulary.ts';
import type { Referral, ReferralStatus } from './referral.model.ts';
import { STATUS_LABELS, STATUS_TAG_COLOURS, URGENCIES, URGENCY_LABELS } from './referral.model.ts';

// What the referral and triage pages show: checkbox and radio items, needs in words, status tags, the
// first-contact target, the status history.

export interface ChoiceItem {
  value: string;
  text: string;
  checked?: boolean;
  selected?: boolean;
  hint?: { text: string };
}

export const referralHref = (id: string): string => `/app/referrals/${id}`;
export const triageHref = (id: string): string => `/app/triage/${id}`;

/**
 * The needs checkboxes.
 * @param chosen - the needs ticked
 */
export function needItems(chosen: readonly string[]): ChoiceItem[] {
  return NEEDS.map((n) => ({ value: n.code, text: n.label, checked: chosen.includes(n.code) }));
}

/**
 * The urgency radios.
 * @param chosen - the urgency chosen
 */
export function urgencyItems(chosen: string): ChoiceItem[] {
  return URGENCIES.map((u) => ({ value: u, text: URGENCY_LABELS[u], checked: u === chosen }));
}

/**
 * Need codes in words.
 * @param codes - need codes
 */
export function needLabels(codes: readonly string[]): string[] {
  return codes.map((c) => findNeed(c)?.label ?? c);
}

/**
 * A status as an NHS.UK tag.
 * @param status - the referral's status
 */
export function statusTag(status: ReferralStatus): { text: string; colour: string } {
  return { text: STATUS_LABELS[status], colour: STATUS_TAG_COLOURS[status] };
}

export type TargetState = 'on-track' | 'at-risk' | 'missed' | 'met';

export const TARGET_LABELS: Record<TargetState, string> = {
  'on-track': 'On track',
  'at-risk': 'At risk',
  missed: 'Missed',
  met: 'Met',
};

export const TARGET_COLOURS: Record<TargetState, string> = {
  'on-track': 'green',
  'at-risk': 'yellow',
  missed: 'red',
  met: 'grey',
};

/**
 * The first-contact target of a referral: first contact within N working days of receipt. Met when the
 * first contact happened by the due date; missed once the due date has passed without it (or it came
 * late); at risk on the due date and the working day before.
 * @param received - when the referral arrived
 * @param firstContactAt - when the first contact happened, or null
 * @param options - today's date in England and the target in working days
 */
export function firstContactTarget(
  received: Date,
  firstContactAt: Date | null,
  options: { today: string; workingDays: number },
): { due: string; state: TargetState } {
  const due = addWorkingDays(londonDate(received), options.workingDays);
  if (firstContactAt !== null) {
    return { due, state: londonDate(firstContactAt) <= due ? 'met' : 'missed' };
  }
  if (options.today > due) {
    return { due, state: 'missed' };
  }
  return { due, state: workingDaysBetween(options.today, due) <= 1 ? 'at-risk' : 'on-track' };
}

/**
 * Working days a referral or case has waited, from the day it arrived to today.
 * @param since - when it arrived
 * @param today - today's date in England
 */
export function workingDaysWaiting(since: Date, today: string): number {
  return Math.max(0, workingDaysBetween(londonDate(since), today));
}

/**
 * "3 working days" / "1 working day".
 * @param days - a count
 */
export function workingDaysText(days: number): string {
  return `${String(days)} working ${days === 1 ? 'day' : 'days'}`;
}

export interface HistoryEntry {
  at: Date;
  text: string;
}

/**
 * What has happened to a referral, in order: received, triage decision, and what casework reports of the
 * case (allocated, first contact, discharged).
 * @param referral - the referral
 * @param facts - names and labels the page has looked up, and the case's progress (if there is a case)
 */
export function referralHistory(
  referral: Referral,
  facts: {
    triagedByName: string | null;
    declineReasonLabel: string | null;
    linkWorkerName: string | null;
    progress:
      { allocatedAt: Date | null; firstContactAt: Date | null; dischargedAt: Date | null } | undefined;
  },
): HistoryEntry[] {
  const entries: HistoryEntry[] = [{ at: referral.receivedAt, text: 'Referral received' }];
  const by = facts.triagedByName === null ? '' : ` by ${facts.triagedByName}`;
  if (referral.triagedAt !== null) {
    switch (referral.status) {
      case 'accepted':
        entries.push({ at: referral.triagedAt, text: `Accepted for social prescribing${by}` });
        break;
      case 'declined':
        entries.push({
          at: referral.triagedAt,
          text: `Declined${by}: ${facts.declineReasonLabel ?? 'no reason recorded'}`,
        });
        break;
      case 'redirected':
        entries.push({
          at: referral.triagedAt,
          text: `Redirected${by} to ${referral.redirectedTo ?? 'another service'}`,
        });
        break;
      case 'new':
      case 'closed':
        break;
    }
  }
  const p = facts.progress;
  if (p?.allocatedAt) {
    entries.push({ at: p.allocatedAt, text: `Allocated to ${facts.linkWorkerName ?? 'a link worker'}` });
  }
  if (p?.firstContactAt) {
    entries.push({ at: p.firstContactAt, text: 'First contact with the link worker' });
  }
  if (p?.dischargedAt) {
    entries.push({ at: p.dischargedAt, text: 'Discharged from social prescribing' });
  }
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
