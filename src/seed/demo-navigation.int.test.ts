import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestService } from '../../test/support/builders.ts';
import { buildPatient } from '../../test/support/casework-builders.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { findPractice } from '../modules/accounts/practice.repository.ts';
import { addDays } from '../modules/casework/working-days.ts';
import { findProtocolInForce } from '../modules/navigation/protocol.repository.ts';
import { ensureDemoAccounts } from './demo-accounts.ts';
import { DEMO_NAVIGATION_DAYS, ensureDemoNavigation } from './demo-navigation.ts';
import { DEMO_EXTRA_NAVIGATORS } from './demo-users.data.ts';

// The demo navigation history on top of the demo accounts, with a few directory services and patients
// of one practice to reuse. The seeding moment is fixed (a Wednesday).
const NOW = new Date('2026-11-18T10:30:00Z');
const TODAY = '2026-11-18';

let t: TestDatabase;
let first: Awaited<ReturnType<typeof ensureDemoNavigation>>;
let weetwood: string;

interface RecordRow {
  day: string;
  practice_id: string | null;
  patient_id: string | null;
  protocol_id: string;
  red_flag_outcome: string | null;
  red_flag_words: string | null;
  outcome: string | null;
  gp_reason: string | null;
  destination_kind: string | null;
  copy_channel: string | null;
  follow_up: string | null;
  options_offered: unknown;
}

async function records(): Promise<RecordRow[]> {
  return t.db
    .selectFrom('navigation_record')
    .select((eb) => [
      eb.fn<string>('to_char', [eb.ref('started_at'), eb.val('YYYY-MM-DD')]).as('day'),
      'practice_id',
      'patient_id',
      'protocol_id',
      'red_flag_outcome',
      'red_flag_words',
      'outcome',
      'gp_reason',
      'destination_kind',
      'copy_channel',
      'follow_up',
      'options_offered',
    ])
    .where('tenant_id', '=', t.tenant.id)
    .execute();
}

beforeAll(async () => {
  t = await createTestDatabase();
  await ensureDemoAccounts(t.db, t.tenant);
  weetwood = (await findPractice(t.db, t.tenant.id, { odsCode: 'B9D001' }))?.id ?? '';
  for (const [i, capacity] of (['accepting', 'waitlist', 'paused'] as const).entries()) {
    await createTestService(t.db, t.tenant.id, {
      name: `Friendship club ${String(i)}`,
      signpost: { needs: ['loneliness', 'mental_wellbeing'], capacityStatus: capacity },
    });
  }
  for (let i = 0; i < 3; i++) {
    const patient = await buildPatient(t.db, t.tenant.id);
    await t.db.updateTable('patient').set({ practice_id: weetwood }).where('id', '=', patient.id).execute();
  }
  first = await ensureDemoNavigation(t.db, t.tenant, { now: NOW });
}, 300_000);

afterAll(async () => {
  await t.close();
});

describe('demo navigation history', () => {
  it('adds the navigators and a record for every navigation it reports', async () => {
    expect(first.navigatorsCreated).toBe(1 + DEMO_EXTRA_NAVIGATORS.length);
    const rows = await records();
    expect(rows).toHaveLength(first.recordsCreated);
    const navigators = await t.db
      .selectFrom('navigation_record')
      .select('navigator_user_id')
      .distinct()
      .where('tenant_id', '=', t.tenant.id)
      .execute();
    expect(navigators).toHaveLength(5);
    const trained = await t.db
      .selectFrom('training_attempt')
      .select('user_id')
      .distinct()
      .where('tenant_id', '=', t.tenant.id)
      .execute();
    expect(first.trainingAttemptsCreated).toBeGreaterThan(0);
    expect(trained.length).toBeGreaterThanOrEqual(3);
  });

  it('covers the weekdays of the four weeks before the seeding day, 10 to 40 a day', async () => {
    const perDay = new Map<string, number>();
    for (const r of await records()) {
      perDay.set(r.day, (perDay.get(r.day) ?? 0) + 1);
    }
    const weekdays = Array.from({ length: DEMO_NAVIGATION_DAYS }, (_, i) => addDays(TODAY, -1 - i)).filter(
      (d) => ![0, 6].includes(new Date(`${d}T12:00:00Z`).getUTCDay()),
    );
    expect([...perDay.keys()].sort()).toEqual(weekdays.sort());
    for (const count of perDay.values()) {
      expect(count).toBeGreaterThanOrEqual(10);
      expect(count).toBeLessThanOrEqual(40);
    }
  });

  it('has a believable mix of outcomes, a few escalations with the patient’s words, copies and follow-ups', async () => {
    const rows = await records();
    const share = (keep: (r: RecordRow) => boolean): number => rows.filter(keep).length / rows.length;
    expect(rows.every((r) => r.red_flag_outcome !== null)).toBe(true);
    const flags = rows.filter((r) => r.outcome === 'red-flag');
    expect(flags.length).toBeGreaterThan(0);
    expect(flags.every((r) => r.red_flag_outcome !== 'none' && (r.red_flag_words ?? '') !== '')).toBe(true);
    expect(share((r) => r.outcome === 'red-flag')).toBeLessThan(0.06);
    expect(share((r) => r.outcome === 'signposted')).toBeGreaterThan(0.33);
    expect(share((r) => r.outcome === 'signposted')).toBeLessThan(0.52);
    expect(share((r) => r.outcome === 'referred-link-worker')).toBeGreaterThan(0.12);
    expect(share((r) => r.outcome === 'gp')).toBeGreaterThan(0.18);
    expect(share((r) => r.outcome === 'gp')).toBeLessThan(0.36);
    expect(share((r) => r.outcome === 'declined')).toBeGreaterThan(0.01);
    expect(rows.some((r) => r.outcome === null)).toBe(true);
    expect(rows.some((r) => r.gp_reason === 'patient-preferred')).toBe(true);
    expect(rows.some((r) => r.destination_kind === 'service')).toBe(true);
    expect(rows.some((r) => r.copy_channel === 'sms')).toBe(true);
    expect(rows.some((r) => r.follow_up === 'service_full' || r.follow_up === 'couldnt_get_in')).toBe(true);
    expect(
      rows
        .filter((r) => r.outcome !== null && r.outcome !== 'red-flag')
        .every((r) => Array.isArray(r.options_offered)),
    ).toBe(true);
  });

  it('uses the protocol in force and reuses some demo patients of the practice', async () => {
    const rows = await records();
    const protocol = await findProtocolInForce(t.db, t.tenant.id, weetwood);
    expect(new Set(rows.map((r) => r.protocol_id))).toEqual(new Set([protocol.id]));
    const atWeetwood = rows.filter((r) => r.practice_id === weetwood);
    expect(atWeetwood.some((r) => r.patient_id !== null)).toBe(true);
    expect(atWeetwood.some((r) => r.patient_id === null)).toBe(true);
    expect(rows.filter((r) => r.practice_id !== weetwood).every((r) => r.patient_id === null)).toBe(true);
  });

  it('queues no message and writes nothing on a second run, even on a later day', async () => {
    const outbox = await t.db
      .selectFrom('notify_outbox')
      .select('id')
      .where('tenant_id', '=', t.tenant.id)
      .execute();
    expect(outbox).toHaveLength(0);
    const again = await ensureDemoNavigation(t.db, t.tenant, { now: new Date('2026-11-23T09:00:00Z') });
    expect(again).toEqual({ navigatorsCreated: 0, recordsCreated: 0, trainingAttemptsCreated: 0 });
    expect(await records()).toHaveLength(first.recordsCreated);
  });
});
