import type { Insertable, Kysely } from 'kysely';
import type { Database } from '../../src/db/database.ts';
import type { NavigationRecordTable } from '../../src/modules/navigation/navigation.tables.ts';
import { findProtocolInForce } from '../../src/modules/navigation/protocol.repository.ts';

// Finished navigation records inserted directly (the flow's own tests cover how they are made), for
// tests that read them: reports and the demo seed. Defaults: a desk navigation signposted to a
// community pharmacy with no red flag; pass a red flag to get an escalation.

export interface NavigationRecordBuild {
  navigatorUserId: string;
  practiceId?: string | null;
  startedAt?: Date;
  outcome?: 'signposted' | 'referred-link-worker' | 'gp' | 'declined';
  gpReason?: 'patient-preferred' | 'needed';
  destination?: { kind: 'protocol' | 'service'; key: string; name: string };
  redFlag?: {
    outcome: 'call-999' | 'duty-gp-now' | 'same-day-gp' | 'nhs-111';
    source: 'screen' | 'free-text';
  };
  followUp?: 'got_help' | 'couldnt_get_in' | 'not_eligible' | 'service_full' | 'didnt_go';
  /** Stopped part-way: the red-flag check done, no outcome. */
  unfinished?: boolean;
}

const PHARMACY = { kind: 'protocol' as const, key: 'community-pharmacy', name: 'Community pharmacy' };

function outcomeFields(build: NavigationRecordBuild): Partial<Insertable<NavigationRecordTable>> {
  const outcome = build.outcome ?? 'signposted';
  const destination =
    outcome === 'declined'
      ? null
      : outcome === 'gp'
        ? { kind: 'protocol' as const, key: 'gp', name: 'GP appointment' }
        : outcome === 'referred-link-worker'
          ? { kind: 'protocol' as const, key: 'link-worker', name: 'Social prescribing link worker' }
          : (build.destination ?? PHARMACY);
  return {
    needs: ['minor-illness'],
    outcome,
    patient_choice: outcome === 'declined' ? 'declined' : outcome === 'gp' ? 'chose_gp' : 'accepted_signpost',
    gp_reason: outcome === 'gp' ? (build.gpReason ?? 'needed') : null,
    destination_kind: destination?.kind ?? null,
    destination_key: destination?.key ?? null,
    destination_name: destination?.name ?? null,
    follow_up: build.followUp ?? null,
  };
}

/**
 * A navigation record (finished unless `unfinished`), using the protocol in force.
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - who, when, and how it ended
 * @returns the record's id
 */
export async function buildNavigationRecord(
  db: Kysely<Database>,
  tenantId: string,
  build: NavigationRecordBuild,
): Promise<string> {
  const protocol = await findProtocolInForce(db, tenantId, build.practiceId ?? null);
  const startedAt = build.startedAt ?? new Date();
  const checkedAt = new Date(startedAt.getTime() + 20_000);
  const doneAt = new Date(startedAt.getTime() + 90_000);
  const flag = build.redFlag;
  const row: Insertable<NavigationRecordTable> = {
    tenant_id: tenantId,
    practice_id: build.practiceId ?? null,
    navigator_user_id: build.navigatorUserId,
    channel: 'desk',
    protocol_id: protocol.id,
    started_at: startedAt,
    red_flag_checked_at: checkedAt,
    red_flag_outcome: flag?.outcome ?? 'none',
    ...(flag === undefined
      ? build.unfinished === true
        ? {}
        : { ...outcomeFields(build), completed_at: doneAt }
      : {
          red_flag_key: 'chest-pain',
          red_flag_source: flag.source,
          red_flag_words: 'tight pain in my chest',
          red_flag_at: checkedAt,
          outcome: 'red-flag',
          completed_at: checkedAt,
        }),
  };
  const inserted = await db
    .insertInto('navigation_record')
    .values(row)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}
