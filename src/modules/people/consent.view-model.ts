import { CONSENT_KIND_LABELS, CONSENT_METHOD_LABELS } from './consent.schema.ts';
import type { ConsentEvent } from './people.model.ts';

// The consent history as the person page shows it.

export interface ConsentHistoryRow {
  what: string;
  decision: string;
  method: string;
  recordedBy: string;
  recordedAt: Date;
  wording: string;
}

/**
 * The consent history, newest first, in words. A "no" after a "yes" for the same consent is a withdrawal.
 * @param events - the consent events, newest first
 * @param names - names of the organisations and of the staff who recorded them, by id
 */
export function consentHistory(
  events: readonly ConsentEvent[],
  names: { organisations: ReadonlyMap<string, string>; users: ReadonlyMap<string, string> },
): ConsentHistoryRow[] {
  const oldestFirst = [...events].reverse();
  const seenYes = new Set<string>();
  const rows = oldestFirst.map((e) => {
    const scope = `${e.kind}|${e.organizationId ?? ''}|${e.kind === 'share-with-organisation' ? (e.referralId ?? '') : ''}`;
    const decision = e.granted ? 'Given' : seenYes.has(scope) ? 'Withdrawn' : 'Declined';
    if (e.granted) {
      seenYes.add(scope);
    }
    const organisation =
      e.organizationId === null
        ? ''
        : ` with ${names.organisations.get(e.organizationId) ?? 'an organisation no longer listed'}`;
    return {
      what:
        e.kind === 'share-with-organisation' ? `Share details${organisation}` : CONSENT_KIND_LABELS[e.kind],
      decision,
      method: CONSENT_METHOD_LABELS[e.method],
      recordedBy:
        e.recordedBy === null ? 'The person, online' : (names.users.get(e.recordedBy) ?? 'A former user'),
      recordedAt: e.recordedAt,
      wording: e.wording ?? '',
    };
  });
  return rows.reverse();
}
