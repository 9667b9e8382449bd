import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildPatient, buildPractice } from '../../../test/support/casework-builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import type { Permission } from '../accounts/roles.ts';
import type { NewReferral, Referral } from './referral.model.ts';
import {
  createReferral,
  findReferralForViewer,
  listReferralsForPatient,
  submitReferral,
} from './referral.service.ts';

// The referrals service on a real database: the one entry point, idempotency (including the race settled
// by ON CONFLICT on PostgreSQL), urgent words, and who may see a referral.

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.close();
});

const newReferral = (overrides: Partial<NewReferral> = {}): NewReferral => ({
  person: {
    details: {
      givenName: 'Kit',
      familyName: `Service-${randomUUID().slice(0, 6)}`,
      dateOfBirth: '1990-01-01',
      postcode: 'LS6 1AN',
    },
  },
  source: 'clinician',
  referrer: { userId: randomUUID(), name: 'Dr Who', organisation: 'Surgery', email: null },
  practiceId: null,
  reason: 'Needs support with housing',
  needs: ['housing'],
  urgency: 'routine',
  riskInformation: null,
  consentConfirmed: true,
  consents: [],
  idempotencyKey: null,
  ...overrides,
});

describe('createReferral', () => {
  it('takes the patient’s practice when the referral names none', async () => {
    const practice = await buildPractice(t.db, t.tenant.id);
    const patient = await buildPatient(t.db, t.tenant.id, { practiceId: practice.id });
    const result = await submitReferral(
      t.db,
      { tenantId: t.tenant.id },
      newReferral({ person: { patientId: patient.id } }),
      { actor: { userId: null } },
    );
    expect(result).toMatchObject({
      created: true,
      patientCreated: false,
      referral: { practiceId: practice.id, patientId: patient.id },
    });
  });

  it('flags urgent words in the reason or the risk information, with a local phrase list when given', async () => {
    const shipped = await submitReferral(
      t.db,
      { tenantId: t.tenant.id },
      newReferral({ riskInformation: 'Chest pain on exertion' }),
      { actor: { userId: null } },
    );
    expect(shipped.referral.flaggedForClinician).toBe(true);
    expect(shipped.urgentPhrases).toEqual(['chest pain']);
    const local = await submitReferral(
      t.db,
      { tenantId: t.tenant.id, urgentPhrases: ['hopeless'] },
      newReferral({ reason: 'Feels hopeless' }),
      { actor: { userId: null } },
    );
    expect(local.referral.flaggedForClinician).toBe(true);
    const none = await submitReferral(
      t.db,
      { tenantId: t.tenant.id, urgentPhrases: ['hopeless'] },
      newReferral({ reason: 'Chest pain' }),
      { actor: { userId: null } },
    );
    expect(none.referral.flaggedForClinician).toBe(false);
  });

  it('returns the first referral for a key seen before, without creating anything', async () => {
    const key = `test:${randomUUID()}`;
    const first = await submitReferral(
      t.db,
      { tenantId: t.tenant.id },
      newReferral({ idempotencyKey: key }),
      { actor: { userId: null } },
    );
    const again = await submitReferral(
      t.db,
      { tenantId: t.tenant.id },
      newReferral({ idempotencyKey: key }),
      { actor: { userId: null } },
    );
    expect(again).toMatchObject({ created: false, referral: { id: first.referral.id } });
  });

  it.runIf(inject('dbKind') === 'postgres')(
    'settles a race on the key: the second waits for the first, rolls back its own work and returns the first',
    async () => {
      const key = `race:${randomUUID()}`;
      const input = newReferral({ idempotencyKey: key });
      let release: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let inserted: () => void = () => undefined;
      const firstInserted = new Promise<void>((resolve) => {
        inserted = resolve;
      });
      // The first submission inserts its referral and holds its transaction open.
      const first = t.db.transaction().execute(async (trx) => {
        const result = await createReferral(trx, { tenantId: t.tenant.id }, input, { userId: null });
        inserted();
        await held;
        return result;
      });
      await firstInserted;
      // The second cannot see the first's uncommitted referral, so it creates a patient and tries to insert.
      const second = submitReferral(t.db, { tenantId: t.tenant.id }, input, { actor: { userId: null } });
      await new Promise((resolve) => setTimeout(resolve, 200));
      release();
      const [a, b] = await Promise.all([first, second]);
      expect(a.created).toBe(true);
      expect(b).toMatchObject({ created: false, referral: { id: a.referral.id } });
      const family = 'details' in input.person ? input.person.details.familyName : '';
      const people = await t.db
        .selectFrom('patient')
        .select('id')
        .where('family_name', '=', family)
        .execute();
      expect(people).toHaveLength(1);
    },
  );
});

describe('who may see a referral', () => {
  it('is its referrer, or a role that triages', async () => {
    const referrerId = randomUUID();
    const { referral } = await submitReferral(
      t.db,
      { tenantId: t.tenant.id },
      newReferral({ referrer: { userId: referrerId, name: 'Nurse', organisation: null, email: null } }),
      { actor: { userId: referrerId } },
    );
    const create = new Set<Permission>(['referrals:create']);
    const triage = new Set<Permission>(['referrals:triage']);
    const find = (userId: string, permissions: ReadonlySet<Permission>): Promise<Referral | undefined> =>
      findReferralForViewer(t.db, t.tenant.id, referral.id, { userId, permissions });
    expect((await find(referrerId, create))?.id).toBe(referral.id);
    expect(await find(randomUUID(), create)).toBeUndefined();
    expect((await find(randomUUID(), triage))?.id).toBe(referral.id);
    expect(await listReferralsForPatient(t.db, t.tenant.id, referral.patientId)).toHaveLength(1);
  });
});
