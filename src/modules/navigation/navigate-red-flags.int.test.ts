import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestAgent } from '../../../test/support/accounts.ts';
import { buildPatient } from '../../../test/support/casework-builders.ts';
import { errorLinks, page } from '../../../test/support/casework-context.ts';
import {
  createNavigationContext,
  postStep as post,
  startNavigation,
  type NavigationContext,
} from '../../../test/support/navigation-context.ts';
import { inStep, recordNeeds } from './navigate.service.ts';
import { findNavigationRecord } from './navigation-record.repository.ts';
import { findProtocolInForce } from './protocol.repository.ts';
import { RED_FLAG_ACTIONS } from './protocol.model.ts';

// Red flags come first and stop everything (DOMAIN.md 2.3, hazard HZ-01): from the screen and from free
// text typed at any step, with the patient's words, the time and an urgent task for the duty clinicians,
// all together; no navigation can hold needs, options or an outcome without the red-flag step, at the
// service, over HTTP and in the database; double submits write nothing twice; every step is audited.

let ctx: NavigationContext;
let navigator: TestAgent;

beforeAll(async () => {
  ctx = await createNavigationContext();
  navigator = ctx.practiceNavigator;
});

afterAll(async () => {
  await ctx.close();
});

const postStep = (url: string, action: string, fields: Record<string, string>): ReturnType<typeof post> =>
  post(navigator, url, action, fields);
const start = (fields?: Record<string, string>): Promise<string> => startNavigation(navigator, fields);

const idOf = (url: string): string => url.split('/').at(-1) ?? '';
const recordOf = async (url: string): ReturnType<typeof findNavigationRecord> =>
  findNavigationRecord(ctx.t.db, ctx.tenantId, idOf(url));

async function taskOf(id: string | null | undefined): Promise<Record<string, unknown> | undefined> {
  return ctx.t.db
    .selectFrom('staff_task')
    .select(['kind', 'priority', 'title', 'patient_id', 'assigned_to'])
    .where('id', '=', id ?? '00000000-0000-0000-0000-000000000000')
    .executeTakeFirst();
}

describe('a red flag on the screen', () => {
  it('stops the navigation, records the words and time, and raises an urgent task', async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await start({ action: 'start', nhsNumber: patient.nhsNumber ?? '' });
    const response = await postStep(url, 'red-flags', {
      action: 'flag',
      flag: 'chest-pain',
      words: 'It feels like an elephant on my chest',
    });
    expect(response.statusCode).toBe(303);
    const record = await recordOf(url);
    expect(record).toMatchObject({
      redFlagOutcome: 'call-999',
      redFlagKey: 'chest-pain',
      redFlagSource: 'screen',
      redFlagWords: 'It feels like an elephant on my chest',
      outcome: 'red-flag',
    });
    expect(record?.redFlagAt).toBeInstanceOf(Date);
    expect(await taskOf(record?.escalationTaskId)).toEqual({
      kind: 'red-flag-escalation',
      priority: 'urgent',
      title: RED_FLAG_ACTIONS['call-999'].taskTitle,
      patient_id: patient.id,
      assigned_to: null,
    });
    const $ = page(await navigator.get(url));
    expect($('h1').text()).toBe('Call 999 now');
    expect($('main').text()).toContain('It feels like an elephant on my chest');
    expect($('main').text()).toContain(RED_FLAG_ACTIONS['call-999'].sayToPatient);
    const tasks = await ctx.clinician.agent.get('/app/tasks');
    expect(tasks.body).toContain(RED_FLAG_ACTIONS['call-999'].taskTitle);
  });

  it('needs the patient words, and writes nothing without them', async () => {
    const url = await start();
    const refused = await postStep(url, 'red-flags', { action: 'flag', flag: 'suicidal', words: '' });
    expect(refused.statusCode).toBe(400);
    expect(errorLinks(refused)).toEqual([{ text: 'Enter the patient’s exact words', href: '#words' }]);
    expect((await recordOf(url))?.redFlagOutcome).toBeNull();
    const none = await postStep(url, 'red-flags', { action: 'none', flag: 'suicidal' });
    expect(none.statusCode).toBe(400);
    expect(errorLinks(none)[0]?.href).toBe('#flag');
  });

  it('records the handover once', async () => {
    const url = await start();
    await postStep(url, 'red-flags', { action: 'flag', flag: 'suicidal', words: 'I want to end it all' });
    expect((await postStep(url, 'handover', { handedTo: '' })).statusCode).toBe(400);
    const $ = page(await navigator.get(url));
    const token = String($('input[name="_csrf"]').first().val());
    const version = String($('input[name="version"]').val());
    const handover = (handedTo: string): ReturnType<TestAgent['postWithToken']> =>
      navigator.postWithToken(`${url}/handover`, { version, handedTo }, token);
    expect((await handover('Dr Patel, duty GP')).statusCode).toBe(303);
    expect((await handover('Someone else')).headers.location).toBe(url);
    expect((await recordOf(url))?.redFlagHandedTo).toBe('Dr Patel, duty GP');
  });
});

describe('a red flag in free text', () => {
  it('is caught in what else the patient said, even with None of these', async () => {
    const url = await start();
    await postStep(url, 'red-flags', { action: 'none', said: 'I took too many tablets last night' });
    expect(await recordOf(url)).toMatchObject({
      redFlagOutcome: 'call-999',
      redFlagKey: 'overdose',
      redFlagSource: 'free-text',
      redFlagWords: 'I took too many tablets last night',
    });
  });

  it('is caught in the exact-words box too, even with None of these', async () => {
    const url = await start();
    await postStep(url, 'red-flags', { action: 'none', words: 'My husband has collapsed' });
    const record = await recordOf(url);
    expect(record).toMatchObject({
      redFlagOutcome: 'call-999',
      redFlagSource: 'free-text',
      redFlagWords: 'My husband has collapsed',
      outcome: 'red-flag',
    });
    expect((await taskOf(record?.escalationTaskId))?.priority).toBe('urgent');
  });

  it('keeps every word the patient said when the flag picked and the free text differ', async () => {
    const url = await start();
    await postStep(url, 'red-flags', {
      action: 'flag',
      flag: 'suicidal',
      words: 'I keep thinking about ending it',
      said: 'I took too many tablets last night',
    });
    expect(await recordOf(url)).toMatchObject({
      redFlagOutcome: 'call-999',
      redFlagKey: 'overdose',
      redFlagWords: 'I keep thinking about ending it\nI took too many tablets last night',
    });
  });

  it('interrupts the needs step and never reaches the options', async () => {
    const url = await start();
    await postStep(url, 'red-flags', { action: 'none' });
    const response = await postStep(url, 'needs', {
      pick: 'mental-wellbeing',
      needText: 'Honestly I want to kill myself',
    });
    expect(response.statusCode).toBe(303);
    const record = await recordOf(url);
    expect(record).toMatchObject({
      redFlagOutcome: 'duty-gp-now',
      redFlagSource: 'free-text',
      redFlagWords: 'Honestly I want to kill myself',
      outcome: 'red-flag',
      optionsOffered: null,
    });
    expect((await taskOf(record?.escalationTaskId))?.priority).toBe('urgent');
    expect(page(await navigator.get(url))('h1').text()).toBe(RED_FLAG_ACTIONS['duty-gp-now'].title);
    expect((await postStep(url, 'outcome', { choice: 'declined' })).statusCode).toBe(303);
    expect((await recordOf(url))?.outcome).toBe('red-flag');
  });

  it('interrupts on red-flag words even without a quick pick, however long the words are', async () => {
    const url = await start();
    await postStep(url, 'red-flags', { action: 'none' });
    const words = `${'I have not been myself for weeks and '.repeat(40)}my husband has collapsed`;
    expect((await postStep(url, 'needs', { needText: words })).statusCode).toBe(303);
    const record = await recordOf(url);
    expect(record).toMatchObject({
      redFlagOutcome: 'call-999',
      redFlagKey: 'unconscious',
      redFlagWords: words,
      outcome: 'red-flag',
      needs: [],
    });
    expect((await taskOf(record?.escalationTaskId))?.priority).toBe('urgent');
  });
});

describe('no navigation without the red-flag step', () => {
  it('over HTTP: needs or an outcome posted first go back to the red-flag check and write nothing', async () => {
    const url = await start();
    const before = await recordOf(url);
    for (const [action, fields] of [
      ['needs', { pick: 'loneliness' }],
      ['outcome', { choice: 'declined' }],
      ['copy', { channel: 'none' }],
    ] as const) {
      const response = await postStep(url, action, fields);
      expect(response.headers.location).toBe(url);
    }
    expect(await recordOf(url)).toEqual(before);
    expect(page(await navigator.get(url))('h1').text()).toBe('Red flags: ask these first');
  });

  it('at the service: a step other than the red-flag check is refused', async () => {
    const url = await start();
    const protocol = await findProtocolInForce(ctx.t.db, ctx.tenantId, ctx.practiceId);
    const pick = protocol.content.quickPicks[0];
    const result = await inStep(
      ctx.t.db,
      ctx.tenantId,
      { id: idOf(url), step: 'needs', version: null },
      (trx, record) =>
        recordNeeds(trx, ctx.tenantId, {
          record,
          pick,
          text: null,
          protocol,
          actorUserId: record.navigatorUserId,
          now: new Date(),
        }),
    );
    expect(result).toEqual({ ok: false, error: 'WrongStep' });
    expect((await recordOf(url))?.needs).toEqual([]);
  });

  it('in the database: needs or an outcome without the check are refused', async () => {
    const url = await start();
    const write = (set: Record<string, unknown>): Promise<unknown> =>
      ctx.t.db.updateTable('navigation_record').set(set).where('id', '=', idOf(url)).execute();
    await expect(write({ needs: ['loneliness'] })).rejects.toThrow();
    await expect(write({ outcome: 'declined', completed_at: new Date() })).rejects.toThrow();
  });
});

describe('double submits and bad input', () => {
  it('writes a step once when it is posted twice with the same version', async () => {
    const url = await start();
    const $ = page(await navigator.get(url));
    const token = String($('input[name="_csrf"]').first().val());
    const form = { version: String($('input[name="version"]').val()), action: 'none' };
    await navigator.postWithToken(`${url}/red-flags`, form, token);
    const once = await recordOf(url);
    const again = await navigator.postWithToken(`${url}/red-flags`, form, token);
    expect(again.headers.location).toBe(url);
    expect(await recordOf(url)).toEqual(once);
  });

  it('checks the NHS number and starts nothing on a bad one', async () => {
    const count = async (): Promise<number> =>
      Number(
        (
          await ctx.t.db
            .selectFrom('navigation_record')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    const response = await navigator.post('/app/navigate', {
      channel: '',
      action: 'start',
      nhsNumber: '999 000 0019',
    });
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([
      { text: 'Select whether the patient is at the desk or on the phone', href: '#channel' },
      { text: 'This is not a valid NHS number. Check it and enter it again', href: '#nhsNumber' },
    ]);
    expect(page(response)('title').text()).toMatch(/^Error: /);
    expect(await count()).toBe(before);
  });

  it('answers 404 to another navigator', async () => {
    const url = await start();
    expect((await ctx.navigator.agent.get(url)).statusCode).toBe(404);
  });
});

describe('the audit trail', () => {
  it('records every person-data route of a navigation', async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId);
    const url = await start({ action: 'start', nhsNumber: patient.nhsNumber ?? '' });
    await postStep(url, 'red-flags', { action: 'none' });
    await postStep(url, 'needs', { pick: 'teeth' });
    await postStep(url, 'outcome', { choice: 'protocol:dentist' });
    await postStep(url, 'copy', { channel: 'print' });
    await navigator.get(`${url}/print`);
    const routes = await ctx.t.db
      .selectFrom('audit_event')
      .select('route')
      .distinct()
      .where('subject_id', '=', patient.id)
      .where('subject_label', '=', 'Care navigation')
      .execute();
    expect(routes.map((r) => r.route).sort()).toEqual([
      'GET /app/navigate/:id',
      'GET /app/navigate/:id/print',
      'POST /app/navigate',
      'POST /app/navigate/:id/copy',
      'POST /app/navigate/:id/needs',
      'POST /app/navigate/:id/outcome',
      'POST /app/navigate/:id/red-flags',
    ]);
  });
});
