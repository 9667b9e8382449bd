import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';

// The SNOMED CT code table (DOMAIN.md 3.4), seeded per tenant. A code reaches a GP record (coded_event,
// the GP export and the message back) only while its row is confirmed AND enabled: an administrator
// confirms an UNCONFIRMED code against the current UK edition before switching it on. Seeding never
// overwrites a row, so a tenant's confirmations survive restarts.

export const CODED_EVENT_NAMES = [
  'first-contact',
  'declined',
  'offered',
  'pcsp-agreed',
  'pcsp-reviewed',
  'pcsp-declined',
  'pcsp-care-plan-type',
  'navigation-signposted',
] as const;
export type CodedEventName = (typeof CODED_EVENT_NAMES)[number];

/** One row of the code table, as seeded and as an administrator sees it. */
export interface SnomedCode {
  event: CodedEventName;
  /** Null while the concept ID is UNCONFIRMED (the row then stays unconfirmed and disabled). */
  conceptId: string | null;
  term: string;
  confirmed: boolean;
  enabled: boolean;
  useRule: string;
}

export type SnomedCodeSeed = SnomedCode;

export const SNOMED_CODE_SEEDS: readonly SnomedCodeSeed[] = [
  {
    event: 'first-contact',
    conceptId: '871731000000106',
    term: 'Referral to social prescribing service (procedure)',
    confirmed: true,
    enabled: true,
    useRule:
      'Only when the person accepts referral to the link worker, and only at the first contact of an episode; never for later contacts, welfare calls or admin',
  },
  {
    event: 'declined',
    conceptId: '871711000000103',
    term: 'Social prescribing declined (situation)',
    confirmed: true,
    enabled: true,
    useRule: 'The person declines referral to the link worker',
  },
  {
    event: 'offered',
    conceptId: '871691000000100',
    term: 'Social prescribing offered (situation)',
    confirmed: false,
    enabled: false,
    useRule: 'ID UNCONFIRMED: believed to be the third of NHS England’s recommended codes; check before use',
  },
  {
    event: 'pcsp-agreed',
    conceptId: null,
    term: 'Personalised care and support plan agreed',
    confirmed: false,
    enabled: false,
    useRule: 'Term confirmed, ID UNCONFIRMED: when a plan meeting all five PCSP criteria is agreed',
  },
  {
    event: 'pcsp-reviewed',
    conceptId: null,
    term: 'Review of personalised care and support plan',
    confirmed: false,
    enabled: false,
    useRule: 'Term confirmed, ID UNCONFIRMED: at a formal review of the plan',
  },
  {
    event: 'pcsp-declined',
    conceptId: null,
    term: 'Personalised care and support planning declined',
    confirmed: false,
    enabled: false,
    useRule: 'Term confirmed, ID UNCONFIRMED: the person declines care and support planning',
  },
  {
    event: 'pcsp-care-plan-type',
    conceptId: null,
    term: 'Care plan type (community care): personalised care and support plan',
    confirmed: false,
    enabled: false,
    useRule: 'Term confirmed, ID UNCONFIRMED: the type of a plan meeting all five PCSP criteria',
  },
  {
    event: 'navigation-signposted',
    conceptId: null,
    term: 'Signposting to a service by a care navigator',
    confirmed: false,
    enabled: false,
    useRule:
      'ID UNCONFIRMED: when a patient accepts a care navigator’s signpost to a service other than the GP (issue #5); choose the local signposting code and confirm it before use',
  },
];

/**
 * Seeds the tenant's SNOMED CT code table with DOMAIN.md 3.4 where rows are missing; existing rows (an
 * administrator's confirmation or switch) are left alone. Safe to call at every start.
 * @param db - the database
 * @param tenantId - the tenant
 * @returns how many rows were added
 */
export async function ensureSnomedCodes(db: Kysely<Database>, tenantId: string): Promise<number> {
  const result = await db
    .insertInto('snomed_code')
    .values(
      SNOMED_CODE_SEEDS.map((seed) => ({
        tenant_id: tenantId,
        event: seed.event,
        concept_id: seed.conceptId,
        term: seed.term,
        confirmed: seed.confirmed,
        enabled: seed.enabled,
        use_rule: seed.useRule,
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'event']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export interface UsableCode {
  conceptId: string;
  term: string;
}

export type CodeLookup =
  { ok: true; value: UsableCode } | { ok: false; error: 'UnknownEvent' | 'Unconfirmed' | 'Disabled' };

/**
 * The code to write for an event, if the tenant's table allows writing it: confirmed, enabled and with an
 * ID. Anything else is refused, so an unconfirmed code can never reach a GP record.
 * @param db - the database or the caller's transaction
 * @param tenantId - the tenant
 * @param event - the event
 */
export async function findUsableCode(
  db: Kysely<Database>,
  tenantId: string,
  event: CodedEventName,
): Promise<CodeLookup> {
  const row = await db
    .selectFrom('snomed_code')
    .select(['concept_id', 'term', 'confirmed', 'enabled'])
    .where('tenant_id', '=', tenantId)
    .where('event', '=', event)
    .executeTakeFirst();
  if (row === undefined) {
    return { ok: false, error: 'UnknownEvent' };
  }
  if (!row.confirmed || row.concept_id === null) {
    return { ok: false, error: 'Unconfirmed' };
  }
  if (!row.enabled) {
    return { ok: false, error: 'Disabled' };
  }
  return { ok: true, value: { conceptId: row.concept_id, term: row.term } };
}

/**
 * Switches a code on or off and records whether it is confirmed (administration and tests). Refuses to
 * enable a row with no concept ID (the database's check would too).
 * @param db - the database
 * @param tenantId - the tenant
 * @param change - the event and its new state (conceptId null clears it; undefined leaves it)
 * @returns whether the tenant has a row for the event
 */
export async function setSnomedCodeState(
  db: Kysely<Database>,
  tenantId: string,
  change: { event: CodedEventName; confirmed: boolean; enabled: boolean; conceptId?: string | null },
): Promise<boolean> {
  const result = await db
    .updateTable('snomed_code')
    .set({
      confirmed: change.confirmed,
      enabled: change.enabled,
      ...(change.conceptId === undefined ? {} : { concept_id: change.conceptId }),
    })
    .where('tenant_id', '=', tenantId)
    .where('event', '=', change.event)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
