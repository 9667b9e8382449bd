import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import { loadServiceSummaries } from '../directory/directory-read.repository.ts';
import { capacityTag, formatWait, referralRouteLabels } from '../directory/directory-format.ts';
import type { CapacityStatus } from '../directory/vocabulary.ts';
import { isTakingPeople } from './navigate-options.ts';
import { elapsedText } from './navigate.state.ts';
import type { NavigationRecord } from './navigation-record.repository.ts';
import type { OfferedOption } from './navigation.tables.ts';
import {
  RED_FLAG_ACTIONS,
  RED_FLAG_OUTCOMES,
  type NavigationProtocol,
  type RedFlagOutcome,
} from './protocol.model.ts';

// What each step of the navigation page shows. Access keys: digits for quick picks and options (in the
// order shown), letters for the main actions; each page lists its keys.

/** Quick picks and options get Alt + 1 to 9, then 0. */
export const DIGIT_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

const TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});

/**
 * "14:05": a time of day in England.
 * @param date - the instant
 */
export function clockTime(date: Date): string {
  return TIME.format(date);
}

/**
 * What every step shows: the elapsed time, the patient and the version the form posts back.
 * @param record - the navigation
 * @param now - now
 * @param patientLabel - the patient's name and NHS number, or null when navigating without details
 */
export function baseView(
  record: NavigationRecord,
  now: Date,
  patientLabel: string | null,
): Record<string, unknown> {
  return {
    id: record.id,
    href: `/app/navigate/${record.id}`,
    version: record.version,
    startedAtIso: record.startedAt.toISOString(),
    elapsed: elapsedText(record.startedAt, now),
    patientLabel,
    channel: record.channel === 'phone' ? 'On the phone' : 'At the desk',
  };
}

/**
 * The red-flag questions grouped by what the navigator must do, most urgent first.
 * @param protocol - the protocol the navigation uses
 * @param chosen - the flag selected in the form, if any
 */
export function redFlagGroups(
  protocol: NavigationProtocol,
  chosen: string,
): { outcome: RedFlagOutcome; title: string; items: { value: string; text: string; checked: boolean }[] }[] {
  return RED_FLAG_OUTCOMES.map((outcome) => ({
    outcome,
    title: RED_FLAG_ACTIONS[outcome].title,
    items: protocol.content.redFlags
      .filter((f) => f.outcome === outcome)
      .map((f) => ({ value: f.key, text: f.question, checked: f.key === chosen })),
  })).filter((g) => g.items.length > 0);
}

/**
 * The stop page after a red flag: what to do now, what to say, and what was recorded.
 * @param record - the stopped navigation
 * @param protocol - the protocol it used
 */
export function stoppedView(record: NavigationRecord, protocol: NavigationProtocol): Record<string, unknown> {
  const outcome = (record.redFlagOutcome ?? 'call-999') as RedFlagOutcome;
  const flag = protocol.content.redFlags.find((f) => f.key === record.redFlagKey);
  return {
    action: RED_FLAG_ACTIONS[outcome],
    urgent: outcome === 'call-999' || outcome === 'duty-gp-now',
    question: flag?.question ?? record.redFlagKey,
    source: record.redFlagSource === 'free-text' ? 'Found in what you typed' : 'Chosen on the red-flag check',
    words: record.redFlagWords,
    time: record.redFlagAt === null ? null : clockTime(record.redFlagAt),
    handedTo: record.redFlagHandedTo,
  };
}

/**
 * The quick picks as buttons, with their access keys.
 * @param protocol - the protocol the navigation uses
 */
export function quickPickButtons(
  protocol: NavigationProtocol,
): { key: string; label: string; accessKey: string | null }[] {
  return protocol.content.quickPicks.map((p, i) => ({
    key: p.key,
    label: p.label,
    accessKey: DIGIT_KEYS[i] ?? null,
  }));
}

export interface OptionView {
  value: string;
  name: string;
  kind: 'destination' | 'service' | 'link-worker' | 'gp';
  accessKey: string | null;
  readAloud: string | null;
  howToAccess: string | null;
  accessCriteria: string | null;
  notSuitableWhen: string | null;
  organisation: string | null;
  capacity: { text: string; colour: string } | null;
  taking: boolean;
}

/**
 * The options offered, in their rank, with what to read aloud, how to access each and who it is for; the
 * services' details are read now, their capacity is the one recorded when offered.
 * @param db - the database
 * @param tenantId - the tenant
 * @param offered - the options as offered
 * @param protocol - the protocol the navigation uses
 */
export async function optionViews(
  db: Kysely<Database>,
  tenantId: string,
  offered: readonly OfferedOption[],
  protocol: NavigationProtocol,
): Promise<OptionView[]> {
  const services = await loadServiceSummaries(
    db,
    tenantId,
    offered.filter((o) => o.kind === 'service').map((o) => o.key),
  );
  let digit = 0;
  return offered.map((o) => {
    if (o.kind === 'protocol') {
      const d = protocol.content.destinations.find((x) => x.key === o.key);
      const kind = d?.kind === 'gp' ? 'gp' : d?.kind === 'link-worker' ? 'link-worker' : 'destination';
      return {
        value: `protocol:${o.key}`,
        name: o.name,
        kind,
        accessKey: kind === 'destination' ? (DIGIT_KEYS[digit++] ?? null) : null,
        readAloud: d?.readAloud ?? null,
        howToAccess: d?.howToAccess ?? null,
        accessCriteria: d?.accessCriteria ?? null,
        notSuitableWhen: d?.notSuitableWhen ?? null,
        organisation: null,
        capacity: null,
        taking: true,
      };
    }
    const s = services.get(o.key);
    const status = (o.capacity ?? 'unknown') as CapacityStatus;
    const wait = status === 'waitlist' ? formatWait(s?.capacityWaitWeeks ?? null) : null;
    const tag = capacityTag(status);
    const taking = isTakingPeople(o);
    return {
      value: `service:${o.key}`,
      name: o.name,
      kind: 'service',
      accessKey: taking ? (DIGIT_KEYS[digit++] ?? null) : null,
      readAloud: s?.description ?? null,
      howToAccess: s === undefined ? null : referralRouteLabels(s.referralRoutes).join('. ') || null,
      accessCriteria: s?.accessCriteria ?? null,
      notSuitableWhen: s?.redFlags ?? null,
      organisation: s?.organization?.name ?? null,
      capacity: { text: wait === null ? tag.text : `${tag.text}, ${wait}`, colour: tag.colour },
      taking,
    };
  });
}
