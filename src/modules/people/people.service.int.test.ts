import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildPatient,
  buildPractice,
  buildReferral,
  nextTestNhsNumber,
} from '../../../test/support/casework-builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import {
  createPatient,
  findPatientById,
  findPossibleDuplicates,
  hasShareConsent,
  listConsentEvents,
  patientSummaries,
  patientSummary,
  recordConsent,
  updatePatient,
} from './people.service.ts';

// The people service over a real database: one record per NHS number, duplicate candidates, consent
// events with the current flags, optimistic locking, summaries.

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t.close();
});

describe('createPatient', () => {
  it('defaults the verification status from whether there is a number', async () => {
    const withNumber = await buildPatient(t.db, t.tenant.id);
    const without = await buildPatient(t.db, t.tenant.id, { nhsNumber: null });
    expect(withNumber.nhsNumberStatus).toBe('03');
    expect(without.nhsNumberStatus).toBe('07');
    expect(without.nhsNumber).toBeNull();
  });

  it('never makes a second record for an NHS number, and says which record has it', async () => {
    const first = await buildPatient(t.db, t.tenant.id);
    const again = await t.db
      .transaction()
      .execute((trx) =>
        createPatient(
          trx,
          t.tenant.id,
          { givenName: 'Other', familyName: 'Person', dateOfBirth: '1990-01-01', nhsNumber: first.nhsNumber },
          null,
        ),
      );
    expect(again).toMatchObject({ ok: false, error: 'DuplicateNhsNumber', existing: { id: first.id } });
    const count = await t.db
      .selectFrom('patient')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('nhs_number', '=', first.nhsNumber)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });
});

describe('findPossibleDuplicates', () => {
  it('finds the same NHS number, and the same family name (any case) and date of birth', async () => {
    const family = `Okafor-${randomUUID().slice(0, 4)}`;
    const numbered = await buildPatient(t.db, t.tenant.id, { familyName: family, dateOfBirth: '1971-02-03' });
    const unnumbered = await buildPatient(t.db, t.tenant.id, {
      familyName: family,
      dateOfBirth: '1971-02-03',
      nhsNumber: null,
    });
    await buildPatient(t.db, t.tenant.id, { familyName: family, dateOfBirth: '1971-02-04' });

    const byName = await findPossibleDuplicates(t.db, t.tenant.id, {
      nhsNumber: null,
      familyName: family.toUpperCase(),
      dateOfBirth: '1971-02-03',
    });
    expect(byName.sameNhsNumber).toBeNull();
    expect(byName.sameNameAndBirth.map((p) => p.id).sort()).toEqual([numbered.id, unnumbered.id].sort());

    const byNumber = await findPossibleDuplicates(t.db, t.tenant.id, {
      nhsNumber: numbered.nhsNumber,
      familyName: 'Someone Else',
      dateOfBirth: '2000-01-01',
    });
    expect(byNumber.sameNhsNumber?.id).toBe(numbered.id);

    // A different valid NHS number is a different person: only the record without a number is offered.
    const otherNumber = await findPossibleDuplicates(t.db, t.tenant.id, {
      nhsNumber: nextTestNhsNumber(),
      familyName: family,
      dateOfBirth: '1971-02-03',
    });
    expect(otherNumber.sameNameAndBirth.map((p) => p.id)).toEqual([unnumbered.id]);
  });
});

describe('recordConsent', () => {
  it('appends an event and sets the current flag in the same transaction', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    await t.db.transaction().execute(async (trx) => {
      await recordConsent(
        trx,
        t.tenant.id,
        patient.id,
        {
          change: { kind: 'social-prescribing', decision: 'given' },
          method: 'verbal',
          wording: 'Words shown',
        },
        null,
      );
      await recordConsent(
        trx,
        t.tenant.id,
        patient.id,
        { change: { kind: 'contact-sms', granted: true }, method: 'verbal', wording: 'SMS words' },
        null,
      );
    });
    await t.db.transaction().execute((trx) =>
      recordConsent(
        trx,
        t.tenant.id,
        patient.id,
        {
          change: { kind: 'social-prescribing', decision: 'withdrawn' },
          method: 'written',
          wording: 'Words shown',
        },
        null,
      ),
    );
    const now = await findPatientById(t.db, t.tenant.id, patient.id);
    expect(now).toMatchObject({
      consentSocialPrescribing: 'withdrawn',
      consentSms: true,
      consentEmail: false,
      version: 1,
    });
    const events = await listConsentEvents(t.db, t.tenant.id, patient.id);
    expect(events.map((e) => `${e.kind}:${String(e.granted)}:${e.method}`)).toEqual([
      'social-prescribing:false:written',
      expect.stringMatching(/^(social-prescribing:true|contact-sms:true):verbal$/),
      expect.stringMatching(/^(social-prescribing:true|contact-sms:true):verbal$/),
    ]);
    expect(events[0]?.wording).toBe('Words shown');
  });

  it('records sharing per organisation and referral, and withdrawal ends it', async () => {
    const { id: referralId, patientId } = await buildReferral(t.db, t.tenant.id);
    const otherReferral = await buildReferral(t.db, t.tenant.id, { patient_id: patientId });
    const organizationId = randomUUID();
    const share = (granted: boolean): Promise<unknown> =>
      t.db.transaction().execute((trx) =>
        recordConsent(
          trx,
          t.tenant.id,
          patientId,
          {
            change: { kind: 'share-with-organisation', granted, organizationId, referralId },
            method: 'verbal',
            wording: 'Share words',
          },
          null,
        ),
      );
    const check = (ref: string): Promise<boolean> =>
      hasShareConsent(t.db, t.tenant.id, { patientId, organizationId, referralId: ref });
    expect(await check(referralId)).toBe(false);
    await share(true);
    expect(await check(referralId)).toBe(true);
    expect(await check(otherReferral.id)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await share(false);
    expect(await check(referralId)).toBe(false);
  });
});

describe('updatePatient', () => {
  it('changes the details at the expected version and bumps it; a stale version is a conflict', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    const details = { ...patient, givenName: 'Renamed' };
    const first = await t.db.transaction().execute((trx) =>
      updatePatient(trx, t.tenant.id, {
        id: patient.id,
        expectedVersion: 1,
        details,
        actorUserId: randomUUID(),
      }),
    );
    expect(first).toMatchObject({ ok: true, patient: { givenName: 'Renamed', version: 2 } });
    const stale = await t.db.transaction().execute((trx) =>
      updatePatient(trx, t.tenant.id, {
        id: patient.id,
        expectedVersion: 1,
        details,
        actorUserId: randomUUID(),
      }),
    );
    expect(stale).toMatchObject({ ok: false, error: 'VersionConflict', current: { version: 2 } });
  });

  it('refuses an NHS number another record holds', async () => {
    const holder = await buildPatient(t.db, t.tenant.id);
    const patient = await buildPatient(t.db, t.tenant.id, { nhsNumber: null });
    const result = await t.db.transaction().execute((trx) =>
      updatePatient(trx, t.tenant.id, {
        id: patient.id,
        expectedVersion: 1,
        details: { ...patient, nhsNumber: holder.nhsNumber, nhsNumberStatus: '02' },
        actorUserId: randomUUID(),
      }),
    );
    expect(result).toMatchObject({ ok: false, error: 'DuplicateNhsNumber', existing: { id: holder.id } });
  });
});

describe('patientSummary', () => {
  it('gives the name, formatted NHS number, date of birth and practice', async () => {
    const practice = await buildPractice(t.db, t.tenant.id, { name: 'Leafy Lane Surgery' });
    const patient = await buildPatient(t.db, t.tenant.id, {
      givenName: 'Sam',
      familyName: 'Jones',
      nhsNumber: '9990000018',
      practiceId: practice.id,
    });
    const summary = await patientSummary(t.db, t.tenant.id, patient.id);
    expect(summary).toMatchObject({
      name: 'Sam Jones',
      nhsNumberFormatted: '999 000 0018',
      dateOfBirth: '1960-04-12',
      practiceName: 'Leafy Lane Surgery',
    });
    const many = await patientSummaries(t.db, t.tenant.id, [patient.id, patient.id]);
    expect(many.get(patient.id)?.practiceName).toBe('Leafy Lane Surgery');
    expect(await patientSummary(t.db, t.tenant.id, randomUUID())).toBeUndefined();
  });
});
