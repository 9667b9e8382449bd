import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../test/support/accounts.ts';
import { buildPractice } from '../../../test/support/casework-builders.ts';
import {
  createCaseworkContext,
  csrfToken,
  errorLinks,
  page,
  type CaseworkContext,
} from '../../../test/support/casework-context.ts';
import { formFields } from '../../../test/support/html-form.ts';
import {
  draftIdOf as draftId,
  itemIndex as indexOf,
  PROTOCOL_BASE as BASE,
  protocolClient,
  type ProtocolClient,
} from '../../../test/support/protocol-client.ts';
import { signedInAgent } from '../../../test/support/test-app.ts';
import { findProtocolInForce } from './protocol.repository.ts';

// The protocol pages over HTTP and a real database: a clinician starts a draft, edits each section
// (problems shown, nothing saved), signs it off, and from then on the flow uses it; practice versions
// win for their practice only. Run on PGlite and PostgreSQL.

describe('the navigation protocol pages', () => {
  let ctx: CaseworkContext;
  let clinician: TestAgent;
  let otherPracticeId: string;
  let client: ProtocolClient;

  beforeAll(async () => {
    ctx = await createCaseworkContext();
    clinician = ctx.clinician.agent;
    client = protocolClient(ctx.t.db, clinician);
    otherPracticeId = (
      await buildPractice(ctx.t.db, ctx.tenantId, { name: 'Moss Lane Surgery', odsCode: 'B86002' })
    ).id;
  });

  afterAll(async () => {
    await ctx.close();
  });

  it('shows the shipped default in force, with the warning that no local clinician has approved one', async () => {
    const response = await clinician.get(BASE);
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('#not-signed-off').text()).toContain('Not yet signed off by a local clinician');
    expect(
      $('h2')
        .toArray()
        .map((h) => $(h).text()),
    ).toEqual(
      expect.arrayContaining(['Every practice (PCN-wide)', 'Hyde Park Surgery', 'Moss Lane Surgery']),
    );
    expect(response.body).toContain('Shipped default, not signed off locally');
  });

  it.each([
    ['navigator', () => ctx.navigator.agent],
    ['supervisor', () => ctx.supervisor.agent],
  ])('refuses a %s every protocol page', async (_who, agent) => {
    expect((await agent().get(BASE)).statusCode).toBe(403);
    const installed = await findProtocolInForce(ctx.t.db, ctx.tenantId, null);
    expect((await agent().get(`${BASE}/${installed.id}`)).statusCode).toBe(403);
  });

  it('refuses a commissioner, and a navigator cannot start a draft', async () => {
    const { agent } = await signedInAgent(ctx.app, ctx.t, { roles: ['commissioner'] });
    expect((await agent.get(BASE)).statusCode).toBe(403);
    const token = await csrfToken(ctx.navigator.agent);
    const denied = await ctx.navigator.agent.postWithToken(`${BASE}/drafts`, { scope: 'pcn' }, token);
    expect(denied.statusCode).toBe(403);
  });

  it('takes a PCN-wide draft through every section to sign-off, and the flow uses it from then on', async () => {
    const before = await findProtocolInForce(ctx.t.db, ctx.tenantId, ctx.practiceId);
    const created = await client.startDraft('pcn');
    expect(created.statusCode).toBe(303);
    const id = draftId(created);
    expect(await client.row(id)).toMatchObject({ status: 'draft', version: 2, practice_id: null });
    expect(draftId(await client.startDraft('pcn'))).toBe(id);

    // Red flags: a problem first (nothing saved), then a reworded question and a new phrase.
    const invalid = await client.editSection(id, 'red-flags', (f) => {
      f[`item-${indexOf(f, 'chest-pain')}-question`] = '  ';
    });
    expect(invalid.statusCode).toBe(400);
    const chestIndex = indexOf(formFields(invalid.body, `${BASE}/${id}/red-flags`), 'chest-pain');
    expect(errorLinks(invalid)).toEqual([
      {
        text: `Enter the question to read aloud for red flag ${chestIndex + 1}`,
        href: `#item-${chestIndex}-question`,
      },
    ]);
    expect(page(invalid)('title').text()).toMatch(/^Error: /);
    expect((await client.row(id)).updated_by).toBe(ctx.clinician.id);

    const saved = await client.editSection(id, 'red-flags', (f) => {
      const i = indexOf(f, 'chest-pain');
      f[`item-${i}-question`] = 'Do they have chest pain, or pain spreading to the arm, jaw or neck?';
      f[`item-${i}-phrases`] = `${f[`item-${i}-phrases`] ?? ''}\nheavy chest`;
    });
    expect(saved.statusCode).toBe(303);
    const afterFlags = await client.row(id);
    const chest = afterFlags.content.redFlags.find((f) => f.key === 'chest-pain');
    expect(chest?.question).toBe('Do they have chest pain, or pain spreading to the arm, jaw or neck?');
    expect(chest?.phrases).toContain('heavy chest');
    expect(afterFlags.change_summary).toBe('Red flags: 1 changed.');

    // Quick picks: a new one, with a destination and a directory need.
    const picks = await client.editSection(id, 'quick-picks', (f) => {
      const n = Number(f.count);
      f[`item-${n}-label`] = 'Hearing problems';
      f[`item-${n}-dest-1`] = 'community-pharmacy';
      f[`item-${n}-need-loneliness`] = 'yes';
    });
    expect(picks.statusCode).toBe(303);
    const added = (await client.row(id)).content.quickPicks.at(-1);
    expect(added).toEqual({
      key: 'hearing-problems',
      label: 'Hearing problems',
      needs: ['loneliness'],
      destinations: ['community-pharmacy'],
    });

    // Destinations: one a quick pick offers cannot go, the GP cannot be switched off, then a rewording.
    const inUse = await client.editSection(id, 'destinations', (f) => {
      f[`item-${indexOf(f, 'dentist')}-remove`] = 'yes';
    });
    expect(inUse.statusCode).toBe(400);
    const dentist = indexOf(formFields(inUse.body, `${BASE}/${id}/destinations`), 'dentist');
    expect(errorLinks(inUse)[0]?.href).toBe(`#item-${dentist}-remove`);
    const noGp = await client.editSection(id, 'destinations', (f) => {
      f[`item-${indexOf(f, 'gp')}-enabled`] = '';
    });
    expect(noGp.statusCode).toBe(400);
    expect(errorLinks(noGp)[0]?.text).toContain('Keep exactly one GP destination switched on');
    const words = await client.editSection(id, 'destinations', (f) => {
      f[`item-${indexOf(f, 'dentist')}-readAloud`] = 'A dentist can help with teeth and gums.';
      const n = Number(f.count);
      f[`item-${n}-kind`] = 'community';
      f[`item-${n}-name`] = 'Hearing loss drop-in';
      f[`item-${n}-readAloud`] = 'The drop-in can check and repair hearing aids.';
      f[`item-${n}-howToAccess`] = 'Walk in on Tuesday mornings.';
      f[`item-${n}-accessCriteria`] = 'Adults with hearing aids.';
    });
    expect(words.statusCode).toBe(303);
    expect((await client.row(id)).content.destinations.at(-1)).toEqual({
      key: 'hearing-loss-drop-in',
      kind: 'community',
      name: 'Hearing loss drop-in',
      readAloud: 'The drop-in can check and repair hearing aids.',
      howToAccess: 'Walk in on Tuesday mornings.',
      accessCriteria: 'Adults with hearing aids.',
      notSuitableWhen: null,
      enabled: true,
    });

    // The overview lists what changed since the version in force.
    const overview = page(await clinician.get(`${BASE}/${id}`));
    const changes = overview('#changes ~ ul').text();
    expect(changes).toContain('Changed:');
    expect(changes).toContain('Added:');
    expect(changes).toContain('Hearing problems');
    expect(changes).toContain('A dentist can help with teeth and gums.');

    // Sign-off: problems first, then a stale form, then the real thing.
    const url = `${BASE}/${id}`;
    const approve = `${BASE}/${id}/approve`;
    const bad = await client.submit(url, approve, (f) => {
      f['reviewDue[year]'] = '2001';
    });
    expect(bad.statusCode).toBe(400);
    expect(errorLinks(bad).map((l) => l.href)).toEqual(['#statement', '#reviewDue-day']);
    expect((await client.row(id)).status).toBe('draft');

    const stale = await client.submit(url, approve, (f) => {
      f.statement = 'yes';
      f.updatedAt = new Date(0).toISOString();
    });
    expect(stale.statusCode).toBe(409);
    expect(errorLinks(stale)[0]?.text).toContain('This draft changed after you opened it');
    expect((await client.row(id)).status).toBe('draft');

    const signed = await client.submit(url, approve, (f) => {
      f.statement = 'yes';
      f.approverName = 'Dr Kim Clinician, GP partner';
    });
    expect(signed.statusCode).toBe(303);
    const approved = await client.row(id);
    expect(approved).toMatchObject({
      status: 'approved',
      approved_by: ctx.clinician.id,
      approved_by_name: 'Dr Kim Clinician, GP partner',
    });
    expect(approved.approval_statement).toContain('clinically safe for use');
    expect((await client.row(before.id)).status).toBe('retired');

    const inForce = await findProtocolInForce(ctx.t.db, ctx.tenantId, ctx.practiceId);
    expect(inForce).toMatchObject({ id, version: 2, locallyApproved: true });
    expect(inForce.content.redFlags.find((f) => f.key === 'chest-pain')?.phrases).toContain('heavy chest');

    const audit = await ctx.t.db
      .selectFrom('audit_event')
      .select(['action', 'subject_label', 'details'])
      .where('subject_type', '=', 'navigation-protocol')
      .where('subject_id', '=', id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.subject_label)).toEqual([
      'Protocol draft',
      'Protocol draft',
      'Protocol draft',
      'Protocol draft',
      'Protocol approved (clinical sign-off)',
    ]);
    expect(audit.at(-1)?.details).toMatchObject({ version: 2, practiceId: null, retired: [before.id] });

    // An approved version is read-only: no section pages, no second approval, no warning any more.
    expect((await clinician.get(`${BASE}/${id}/red-flags`)).statusCode).toBe(404);
    expect(page(await clinician.get(BASE))('#not-signed-off')).toHaveLength(0);
  });

  it('puts a practice version in force for that practice only', async () => {
    const pcn = await findProtocolInForce(ctx.t.db, ctx.tenantId, null);
    const id = draftId(await client.startDraft(ctx.practiceId));
    expect(await client.row(id)).toMatchObject({ practice_id: ctx.practiceId, version: 1 });
    expect((await client.row(id)).content).toEqual(pcn.content);
    await client.editSection(id, 'quick-picks', (f) => {
      f[`item-${indexOf(f, 'teeth')}-label`] = 'Teeth and gums';
    });
    const signed = await client.submit(`${BASE}/${id}`, `${BASE}/${id}/approve`, (f) => {
      f.statement = 'yes';
    });
    expect(signed.statusCode).toBe(303);

    expect((await findProtocolInForce(ctx.t.db, ctx.tenantId, ctx.practiceId)).id).toBe(id);
    expect((await findProtocolInForce(ctx.t.db, ctx.tenantId, otherPracticeId)).id).toBe(pcn.id);
    expect((await findProtocolInForce(ctx.t.db, ctx.tenantId, null)).id).toBe(pcn.id);
    expect((await client.row(pcn.id)).status).toBe('approved');
  });

  it('highlights a version in force whose review is overdue', async () => {
    const pcn = await findProtocolInForce(ctx.t.db, ctx.tenantId, null);
    const overdueTags = async (): Promise<string[]> => {
      const $ = page(await clinician.get(BASE));
      return $('.nhsuk-tag--red')
        .toArray()
        .map((t) => $(t).text().trim());
    };
    expect(await overdueTags()).toEqual([]);
    await ctx.t.db
      .updateTable('navigation_protocol')
      .set({ review_due: '2020-01-31' })
      .where('id', '=', pcn.id)
      .execute();
    // The PCN-wide version, and Moss Lane Surgery which uses it; Hyde Park Surgery has its own.
    expect(await overdueTags()).toEqual(['Review overdue', 'Overdue', 'Review overdue']);
  });

  it('saves nothing from a section form shown before the draft last changed, then discards it', async () => {
    const id = draftId(await client.startDraft(otherPracticeId));
    const stale = await client.editSection(id, 'quick-picks', (f) => {
      f['item-0-label'] = 'Medicines';
      f.updatedAt = new Date(0).toISOString();
    });
    expect(stale.statusCode).toBe(409);
    expect(errorLinks(stale)[0]?.text).toContain('Someone changed this draft while you were editing it');
    expect((await client.row(id)).content.quickPicks[0]?.label).toBe('Medication question');
    expect((await clinician.get(`${BASE}/${id}/teeth`)).statusCode).toBe(404);
    expect((await clinician.get(`${BASE}/not-an-id`)).statusCode).toBe(404);
    const discarded = await client.submit(`${BASE}/${id}`, `${BASE}/${id}/discard`, () => undefined);
    expect(discarded.statusCode).toBe(303);
    expect(discarded.headers.location).toBe(`${BASE}?done=discarded`);
    const left = await ctx.t.db.selectFrom('navigation_protocol').select('id').where('id', '=', id).execute();
    expect(left).toEqual([]);
  });
});
