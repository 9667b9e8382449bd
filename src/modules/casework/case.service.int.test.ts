import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../test/support/accounts.ts';
import { buildPractice, buildReferral } from '../../../test/support/casework-builders.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { allocateCase, findCaseProgress, openCase, recordTriageOutcome } from './case.service.ts';
import { findCaseById } from './case.repository.ts';
import { recordContact } from './contact.service.ts';
import { londonDate } from './working-days.ts';
import { listCodedEventsOf } from './coded-event.repository.ts';
import { findMessageBack, listMessagesBack } from './message-back.service.ts';
import { ensureSnomedCodes, setSnomedCodeState } from './snomed-codes.ts';

// The service triage calls: opening and allocating cases, and what each triage decision writes (the
// message back; 871711000000103 only when the person declined).

let t: TestDatabase;
let tenantId: string;
let worker: { id: string };
let practiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tenantId = t.tenant.id;
  await ensureSnomedCodes(t.db, tenantId);
  worker = await buildUser(t.db, tenantId, { roles: ['link_worker'], displayName: 'Lee Worker' });
  practiceId = (await buildPractice(t.db, tenantId, { name: 'Hyde Park Surgery', odsCode: 'B86001' })).id;
});

afterAll(async () => {
  await t.close();
});

describe('openCase', () => {
  it('opens a waiting case without a link worker, and the same case again on a retry', async () => {
    const referral = await buildReferral(t.db, tenantId, { status: 'accepted' });
    const input = {
      referralId: referral.id,
      patientId: referral.patientId,
      practiceId: null,
      linkWorkerId: null,
      actorUserId: worker.id,
    };
    const first = await t.db.transaction().execute((trx) => openCase(trx, tenantId, input));
    const again = await t.db.transaction().execute((trx) => openCase(trx, tenantId, input));
    expect(again).toBe(first);
    const spCase = await findCaseById(t.db, tenantId, first);
    expect(spCase).toMatchObject({ status: 'waiting', linkWorkerId: null, allocatedAt: null, version: 1 });
    const plan = await t.db
      .selectFrom('care_plan')
      .select('version')
      .where('tenant_id', '=', tenantId)
      .where('case_id', '=', first)
      .executeTakeFirst();
    expect(plan?.version).toBe(1);
  });

  it('opens an active case when allocated, with first contact due in 5 working days', async () => {
    const referral = await buildReferral(t.db, tenantId, { status: 'accepted' });
    const id = await t.db.transaction().execute((trx) =>
      openCase(trx, tenantId, {
        referralId: referral.id,
        patientId: referral.patientId,
        practiceId,
        linkWorkerId: worker.id,
        actorUserId: worker.id,
        now: new Date('2026-04-01T10:00:00Z'),
      }),
    );
    const spCase = await findCaseById(t.db, tenantId, id);
    // Wednesday 1 April 2026 + 5 working days over Easter (3 and 6 April) = Friday 10 April.
    expect(spCase).toMatchObject({ status: 'active', linkWorkerId: worker.id, nextContactDue: '2026-04-10' });
    expect(spCase?.allocatedAt?.toISOString()).toBe('2026-04-01T10:00:00.000Z');
  });
});

describe('allocateCase', () => {
  it('allocates a waiting case at the version seen, and refuses a stale version', async () => {
    const referral = await buildReferral(t.db, tenantId, { status: 'accepted' });
    const id = await t.db.transaction().execute((trx) =>
      openCase(trx, tenantId, {
        referralId: referral.id,
        patientId: referral.patientId,
        practiceId: null,
        linkWorkerId: null,
        actorUserId: null,
      }),
    );
    const done = await t.db.transaction().execute((trx) =>
      allocateCase(trx, tenantId, {
        caseId: id,
        linkWorkerId: worker.id,
        expectedVersion: 1,
        actorUserId: null,
      }),
    );
    expect(done).toEqual({ ok: true, version: 2 });
    const stale = await t.db.transaction().execute((trx) =>
      allocateCase(trx, tenantId, {
        caseId: id,
        linkWorkerId: worker.id,
        expectedVersion: 1,
        actorUserId: null,
      }),
    );
    expect(stale).toEqual({ ok: false, error: 'CaseChanged' });
    expect(await findCaseById(t.db, tenantId, id)).toMatchObject({ status: 'active', version: 2 });
    const progress = await findCaseProgress(t.db, tenantId, referral.id);
    expect(progress).toMatchObject({ caseId: id, status: 'active', linkWorkerId: worker.id });
  });
});

describe('recordTriageOutcome', () => {
  it('writes the acceptance letter with the person, practice, link worker and needs', async () => {
    const referral = await buildReferral(t.db, tenantId, {
      status: 'accepted',
      practice_id: practiceId,
      needs: ['loneliness', 'money_debt'],
      referrer_name: 'Dr Patel',
    });
    await t.db.transaction().execute(async (trx) => {
      await openCase(trx, tenantId, {
        referralId: referral.id,
        patientId: referral.patientId,
        practiceId,
        linkWorkerId: worker.id,
        actorUserId: worker.id,
      });
      await recordTriageOutcome(
        trx,
        { tenant: t.tenant },
        {
          referralId: referral.id,
          outcome: 'accepted',
          actor: { userId: worker.id },
        },
      );
    });
    const [summary] = await listMessagesBack(t.db, tenantId, referral.id);
    expect(summary).toMatchObject({ stage: 'accepted', title: 'Social prescribing referral accepted' });
    const message = await findMessageBack(t.db, tenantId, {
      referralId: referral.id,
      messageId: summary.id,
    });
    expect(message?.coded).toMatchObject({
      stage: 'accepted',
      snomed: null,
      practice: { name: 'Hyde Park Surgery', odsCode: 'B86001' },
      linkWorker: { name: 'Lee Worker' },
      needs: [
        { code: 'loneliness', label: 'Loneliness and isolation' },
        { code: 'money_debt', label: 'Money and debt' },
      ],
      outcome: { code: 'accepted' },
    });
    expect(message?.bodyHtml).toContain('To Dr Patel, and the GP practice');
    expect(message?.bodyHtml).toContain('Hyde Park Surgery (B86001)');
    expect(await listCodedEventsOf(t.db, tenantId, { referralId: referral.id })).toEqual([]);
  });

  it('codes 871711000000103 when the person declined, and nothing for other declines', async () => {
    const byPatient = await buildReferral(t.db, tenantId, { status: 'declined' });
    const notEligible = await buildReferral(t.db, tenantId, { status: 'declined' });
    await t.db.transaction().execute(async (trx) => {
      await recordTriageOutcome(
        trx,
        { tenant: t.tenant },
        {
          referralId: byPatient.id,
          outcome: 'declined',
          declineReason: 'declined_by_patient',
          actor: { userId: worker.id },
        },
      );
      await recordTriageOutcome(
        trx,
        { tenant: t.tenant },
        {
          referralId: notEligible.id,
          outcome: 'declined',
          declineReason: 'not_eligible',
          actor: { userId: worker.id },
        },
      );
    });
    const coded = await listCodedEventsOf(t.db, tenantId, { referralId: byPatient.id });
    expect(coded).toMatchObject([{ snomedCode: '871711000000103', event: 'declined' }]);
    expect(await listCodedEventsOf(t.db, tenantId, { referralId: notEligible.id })).toEqual([]);
    const [message] = await listMessagesBack(t.db, tenantId, byPatient.id);
    const full = await findMessageBack(t.db, tenantId, {
      referralId: byPatient.id,
      messageId: message.id,
    });
    expect(full?.coded).toMatchObject({
      stage: 'declined',
      snomed: { code: '871711000000103', term: 'Social prescribing declined (situation)' },
      outcome: { code: 'declined_by_patient', label: 'The person declined social prescribing' },
    });
  });

  it('writes no code while the decline code is disabled, but still writes the letter', async () => {
    await setSnomedCodeState(t.db, tenantId, { event: 'declined', confirmed: true, enabled: false });
    try {
      const referral = await buildReferral(t.db, tenantId, { status: 'declined' });
      await t.db.transaction().execute((trx) =>
        recordTriageOutcome(
          trx,
          { tenant: t.tenant },
          {
            referralId: referral.id,
            outcome: 'declined',
            declineReason: 'declined_by_patient',
            actor: { userId: worker.id },
          },
        ),
      );
      expect(await listCodedEventsOf(t.db, tenantId, { referralId: referral.id })).toEqual([]);
      expect(await listMessagesBack(t.db, tenantId, referral.id)).toHaveLength(1);
    } finally {
      await setSnomedCodeState(t.db, tenantId, { event: 'declined', confirmed: true, enabled: true });
    }
  });

  it('tells the referrer where a redirected referral went', async () => {
    const referral = await buildReferral(t.db, tenantId, { status: 'redirected' });
    await t.db.transaction().execute((trx) =>
      recordTriageOutcome(
        trx,
        { tenant: t.tenant },
        {
          referralId: referral.id,
          outcome: 'redirected',
          redirectedTo: 'Community mental health team',
          actor: { userId: worker.id },
        },
      ),
    );
    const [message] = await listMessagesBack(t.db, tenantId, referral.id);
    expect(message.stage).toBe('declined');
    const full = await findMessageBack(t.db, tenantId, {
      referralId: referral.id,
      messageId: message.id,
    });
    expect(full?.coded).toMatchObject({
      outcome: { code: 'redirected', detail: 'Community mental health team' },
    });
  });
});

describe('two people recording the first contact at once', () => {
  it('codes it once: the second finds the case changed', async () => {
    const referral = await buildReferral(t.db, tenantId, { status: 'accepted' });
    const caseId = await t.db.transaction().execute((trx) =>
      openCase(trx, tenantId, {
        referralId: referral.id,
        patientId: referral.patientId,
        practiceId,
        linkWorkerId: worker.id,
        actorUserId: worker.id,
      }),
    );
    const input = {
      date: londonDate(new Date()),
      mode: 'phone' as const,
      didNotAttend: false,
      durationMinutes: null,
      notes: null,
      nextContactDue: null,
    };
    const record = (): Promise<Awaited<ReturnType<typeof recordContact>>> =>
      t.db.transaction().execute((trx) =>
        recordContact(trx, tenantId, {
          caseId,
          expectedVersion: 1,
          input,
          actorUserId: worker.id,
          now: new Date(),
        }),
      );
    const results = await Promise.all([record(), record()]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error)).sort()).toEqual(['CaseChanged', 'ok']);
    expect(await listCodedEventsOf(t.db, tenantId, { caseId })).toHaveLength(1);
    expect(await listMessagesBack(t.db, tenantId, referral.id)).toHaveLength(1);
  });
});
