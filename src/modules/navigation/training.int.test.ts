import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestAgent } from '../../../test/support/accounts.ts';
import { errorLinks, page } from '../../../test/support/casework-context.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { TRAINING_SCENARIOS } from './training-scenarios.ts';
import type { TrainingAttemptTable } from './training.tables.ts';

// Training over HTTP on a real database: an attempt walks the live flow's steps (red flags first), a red
// flag in free text is caught as in the live flow (or missed, and marked so), nothing touches a patient,
// attempts are private to their navigator, and only supervisors see the team.

let t: TestDatabase;
let app: FastifyInstance;
let nat: { agent: TestAgent; user: { id: string } };
let other: { agent: TestAgent; user: { id: string } };
let supervisor: TestAgent;
let clinician: TestAgent;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  nat = await signedInAgent(app, t, { roles: ['care_navigator'], displayName: 'Nat Navigator' });
  other = await signedInAgent(app, t, { roles: ['care_navigator'], displayName: 'Oli Other' });
  supervisor = (await signedInAgent(app, t, { roles: ['supervisor'] })).agent;
  clinician = (await signedInAgent(app, t, { roles: ['clinician'] })).agent;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

async function start(agent: TestAgent, key: string): Promise<string> {
  const response = await agent.post(`/app/training/scenarios/${key}`, {}, '/app/training');
  expect(response.statusCode).toBe(303);
  const location = response.headers.location ?? '';
  expect(location).toMatch(/^\/app\/training\/attempts\/[0-9a-f-]{36}$/);
  return location;
}

async function answer(
  agent: TestAgent,
  url: string,
  step: string,
  form: Record<string, string | string[]>,
): Promise<LightMyRequestResponse> {
  const token = /name="_csrf" value="([^"]+)"/.exec((await agent.get('/app/training')).body)?.[1] ?? '';
  const body = new URLSearchParams({ _csrf: token });
  for (const [k, v] of Object.entries(form)) {
    for (const value of [v].flat()) {
      body.append(k, value);
    }
  }
  return app.inject({
    method: 'POST',
    url: `${url}/${step}`,
    headers: { cookie: agent.cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

async function attemptRow(url: string): Promise<Selectable<TrainingAttemptTable>> {
  return t.db
    .selectFrom('training_attempt')
    .selectAll()
    .where('id', '=', url.split('/').pop() ?? '')
    .executeTakeFirstOrThrow();
}

async function count(
  table: 'navigation_record' | 'staff_task' | 'coded_event' | 'notify_outbox' | 'audit_event',
): Promise<number> {
  const row = await t.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the navigator’s training page', () => {
  it('lists every scenario with the training banner, not started', async () => {
    const response = await nat.agent.get('/app/training');
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('.nhsuk-notification-banner').text()).toContain(
      'Training – no patient, nothing is recorded in a patient’s record',
    );
    expect($('tbody tr')).toHaveLength(TRAINING_SCENARIOS.length);
    expect($('.nhsuk-summary-list').first().text()).toContain('Not started');
  });
});

describe('an attempt', () => {
  it('starts with the red-flag check of the protocol in force, and resumes rather than restarting', async () => {
    const url = await start(nat.agent, 'sore-throat');
    const $ = page(await nat.agent.get(url));
    expect($('h1').text()).toContain('Step 1 of 3: red-flag check');
    expect($('#patient-words').text()).toContain('sore throat for three days');
    expect($('input[name="redFlag"]').length).toBeGreaterThan(10);
    expect($('input[name="redFlag"][value="none"]')).toHaveLength(1);
    expect(await start(nat.agent, 'sore-throat')).toBe(url);
  });

  it('walks a signpost through needs and options to the right answer, with errors on the way', async () => {
    const url = await start(nat.agent, 'sore-throat');
    const empty = await answer(nat.agent, url, 'red-flags', {});
    expect(empty.statusCode).toBe(400);
    expect(errorLinks(empty)).toEqual([
      { text: 'Select the red flag the patient has, or that they have none of these', href: '#redFlag' },
    ]);
    expect((await answer(nat.agent, url, 'red-flags', { redFlag: 'none' })).statusCode).toBe(303);
    const noPick = await answer(nat.agent, url, 'needs', { needText: 'sore throat' });
    expect(errorLinks(noPick)).toEqual([
      { text: 'Select what the patient needs help with', href: '#quickPick' },
    ]);
    expect(page(noPick)('#needText').text()).toBe('sore throat');
    expect((await answer(nat.agent, url, 'needs', { quickPick: ['minor-illness'] })).statusCode).toBe(303);
    const $ = page(await nat.agent.get(url));
    const options = $('input[name="destination"]')
      .toArray()
      .map((i) => $(i).attr('value'));
    expect(options).toEqual(['community-pharmacy', 'practice-nurse', 'nhs-111-online', 'gp']);
    expect($('.nhsuk-inset-text').text()).toContain('The patient can always still choose the GP');
    const notOffered = await answer(nat.agent, url, 'choose', { destination: 'dentist' });
    expect(errorLinks(notOffered)).toEqual([{ text: 'Select what the patient chose', href: '#destination' }]);
    expect((await answer(nat.agent, url, 'choose', { destination: 'community-pharmacy' })).statusCode).toBe(
      303,
    );
    const result = page(await nat.agent.get(url));
    expect(result('#verdict').text()).toBe('Right');
    expect(result('.nhsuk-summary-list').text()).toContain('Pharmacy First');
    expect(await attemptRow(url)).toMatchObject({
      step: 'done',
      red_flag_answer: 'none',
      need_picks: ['minor-illness'],
      chosen_destination: 'community-pharmacy',
      correct: true,
      missed_red_flag: false,
    });
  });

  it('catches a red flag typed in free text, as the live flow does, and touches no patient', async () => {
    const before = await Promise.all(
      (['navigation_record', 'staff_task', 'coded_event', 'notify_outbox'] as const).map(count),
    );
    const url = await start(nat.agent, 'want-to-end-it-all');
    await answer(nat.agent, url, 'red-flags', { redFlag: 'none' });
    const caught = await answer(nat.agent, url, 'needs', {
      quickPick: 'mental-wellbeing',
      needText: 'Feeling rubbish and honestly I want to end it all',
    });
    expect(caught.statusCode).toBe(303);
    const $ = page(await nat.agent.get(url));
    expect($('#verdict').text()).toBe('Right');
    expect($('main').text()).toContain('caught it in the words you typed');
    expect($('h2').text()).toContain('Put the patient through to the duty GP now');
    expect(await attemptRow(url)).toMatchObject({
      red_flag_answer: 'duty-gp-now',
      red_flag_key: 'suicidal',
      red_flag_source: 'free-text',
      correct: true,
      missed_red_flag: false,
    });
    const after = await Promise.all(
      (['navigation_record', 'staff_task', 'coded_event', 'notify_outbox'] as const).map(count),
    );
    expect(after).toEqual(before);
  });

  it('marks a missed red flag as wrong and highlights it', async () => {
    const url = await start(nat.agent, 'want-to-end-it-all');
    await answer(nat.agent, url, 'red-flags', { redFlag: 'none' });
    await answer(nat.agent, url, 'needs', { quickPick: 'mental-wellbeing', needText: 'feeling low' });
    await answer(nat.agent, url, 'choose', { destination: 'talking-therapies' });
    const $ = page(await nat.agent.get(url));
    expect($('#verdict').text()).toBe('Missed red flag');
    expect($('.nhsuk-card--warning').text()).toContain('Put the patient through to the duty GP now');
    expect(await attemptRow(url)).toMatchObject({ correct: false, missed_red_flag: true });
  });

  it('ends at once when a red flag is raised on the screen', async () => {
    const url = await start(nat.agent, 'dad-in-the-car');
    expect((await answer(nat.agent, url, 'red-flags', { redFlag: 'chest-pain' })).statusCode).toBe(303);
    expect(page(await nat.agent.get(url))('#verdict').text()).toBe('Right');
    expect(await attemptRow(url)).toMatchObject({ step: 'done', red_flag_source: 'screen', correct: true });
  });

  it('ignores a step posted again, and keeps a completed attempt final in the database', async () => {
    const url = await start(nat.agent, 'toothache');
    await answer(nat.agent, url, 'red-flags', { redFlag: 'none' });
    const again = await answer(nat.agent, url, 'red-flags', { redFlag: 'chest-pain' });
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(url);
    expect(await attemptRow(url)).toMatchObject({ step: 'needs', red_flag_answer: 'none' });
    await answer(nat.agent, url, 'needs', { quickPick: 'teeth' });
    await answer(nat.agent, url, 'choose', { destination: 'gp' });
    const id = url.split('/').pop() ?? '';
    await expect(
      sql`UPDATE training_attempt SET correct = true WHERE id = ${id}`.execute(t.db),
    ).rejects.toThrow(/cannot be changed/);
    await expect(sql`DELETE FROM training_attempt WHERE id = ${id}`.execute(t.db)).rejects.toThrow(
      /cannot be changed/,
    );
  });

  it('is 404 to another navigator, for a step that does not exist and for a scenario that does not', async () => {
    const url = await start(nat.agent, 'runners-knee');
    expect((await other.agent.get(url)).statusCode).toBe(404);
    expect((await answer(other.agent, url, 'red-flags', { redFlag: 'none' })).statusCode).toBe(404);
    expect((await answer(nat.agent, url, 'outcome', { redFlag: 'none' })).statusCode).toBe(404);
    expect((await nat.agent.get('/app/training/attempts/not-a-uuid')).statusCode).toBe(404);
    const unknown = await nat.agent.post('/app/training/scenarios/no-such-card', {}, '/app/training');
    expect(unknown.statusCode).toBe(404);
  });

  it('shows progress on the training page', async () => {
    const $ = page(await nat.agent.get('/app/training'));
    expect($('#scenario-sore-throat').text()).toContain('Right first time');
    expect($('#scenario-want-to-end-it-all').text()).toContain('Missed red flag');
    expect($('#scenario-runners-knee').text()).toContain('In progress');
    expect($('.nhsuk-summary-list').first().text()).toContain('In training');
  });
});

describe('the team view', () => {
  it('shows supervisors every navigator with their level and scores', async () => {
    const response = await supervisor.get('/app/training/team');
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    const rows = $('tbody tr')
      .toArray()
      .map((r) => $(r).text().replace(/\s+/g, ' ').trim());
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^Nat Navigator.* In training 4 of 31 75% 1 of 11 /);
    expect(rows[1]).toMatch(/^Oli Other.* Not started 0 of 31 None yet 0 of 11 Not yet$/);
  });

  it.each([
    ['a navigator', () => nat.agent],
    ['a clinician', () => clinician],
  ])('is forbidden to %s', async (_who, agent) => {
    expect((await agent().get('/app/training/team')).statusCode).toBe(403);
  });

  it('is not the supervisor’s own training', async () => {
    expect((await supervisor.get('/app/training')).statusCode).toBe(403);
  });
});
