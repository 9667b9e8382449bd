import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPatient } from '../../../test/support/casework-builders.ts';
import { auditOf, page, submitForm } from '../../../test/support/casework-context.ts';
import {
  createNavigationContext,
  navigationIdOf,
  postStep,
  startNavigation,
  type NavigationContext,
} from '../../../test/support/navigation-context.ts';
import { createStaffTask } from '../casework/staff-task.service.ts';
import { formatNhsNumber } from '../people/nhs-number.ts';
import { findNavigationRecord } from './navigation-record.repository.ts';
import { RED_FLAG_ACTIONS } from './protocol.model.ts';

// The duty clinician's view of a red flag at reception (DOMAIN.md 2.3 rule 4): the urgent task links to
// what the navigator recorded (the exact words, the time, the flag, the navigator, the patient, the
// handover); only people who pick up clinical tasks may read it; only a navigation a red flag stopped has
// one; every read is audited; marking the task done (receipt confirmed) shows on the page.

const CHEST_PAIN =
  'Do they have chest pain: a tight band, heavy weight or squeezing in the centre of the chest, or pain spreading to the jaw or neck?';
const WHEN = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  dateStyle: 'long',
  timeStyle: 'short',
});

let ctx: NavigationContext;

beforeAll(async () => {
  ctx = await createNavigationContext();
});

afterAll(async () => {
  await ctx.close();
});

/** The text of a summary list row's value, by its key. */
function rowValue($: ReturnType<typeof page>, key: string): string {
  const row = $('.nhsuk-summary-list__row').filter((_, el) => $(el).find('dt').text().trim() === key);
  return row.find('dd').text().replace(/\s+/g, ' ').trim();
}

/** The "See what the patient said" link on the clinician's task list for this navigation, if any. */
async function taskListLink(navigationId: string): Promise<string | undefined> {
  const $ = page(await ctx.clinician.agent.get('/app/tasks'));
  return $('a')
    .toArray()
    .map((a) => ({ text: $(a).text(), href: $(a).attr('href') }))
    .find((a) => a.text.startsWith('See what the patient said') && a.href?.includes(navigationId))?.href;
}

describe('the escalation page', () => {
  it('takes the clinician from the task to the words, time, flag, navigator and patient, and audits it', async () => {
    const patient = await buildPatient(ctx.t.db, ctx.tenantId, {
      givenName: 'Edna',
      dateOfBirth: '1938-05-01',
    });
    const url = await startNavigation(ctx.practiceNavigator, {
      action: 'start',
      channel: 'phone',
      nhsNumber: patient.nhsNumber ?? '',
    });
    await postStep(ctx.practiceNavigator, url, 'red-flags', {
      action: 'flag',
      flag: 'chest-pain',
      words: 'It feels like an elephant on my chest',
    });
    const id = navigationIdOf(url);
    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, id);
    const task = await ctx.t.db
      .selectFrom('staff_task')
      .select('navigation_id')
      .where('id', '=', record?.escalationTaskId ?? '')
      .executeTakeFirst();
    expect(task?.navigation_id).toBe(id);

    const href = await taskListLink(id);
    expect(href).toBe(`/app/navigate/${id}/escalation`);
    const response = await ctx.clinician.agent.get(href ?? '');
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('h1').text()).toBe(RED_FLAG_ACTIONS['call-999'].title);
    expect(rowValue($, "The patient's exact words")).toBe('It feels like an elephant on my chest');
    expect(rowValue($, 'Red flag')).toBe(CHEST_PAIN);
    expect(rowValue($, 'When')).toBe(WHEN.format(record?.redFlagAt ?? new Date(0)));
    expect(rowValue($, 'How it was found')).toBe('Chosen on the red-flag screen');
    expect(rowValue($, 'Handed over to')).toBe('Not recorded yet');
    expect(rowValue($, 'Navigator')).toBe('Nia Navigator');
    expect(rowValue($, 'Practice')).toBe('Hyde Park Surgery');
    expect(rowValue($, 'Channel')).toBe('On the phone');
    expect(rowValue($, 'Name')).toBe(`Edna ${patient.familyName}`);
    expect(rowValue($, 'NHS number')).toBe(formatNhsNumber(patient.nhsNumber ?? ''));
    expect(rowValue($, 'Date of birth')).toBe('1 May 1938');
    expect(rowValue($, 'Phone')).toBe(patient.phone);
    expect(rowValue($, 'State')).toBe('Open');

    const entry = (await auditOf(ctx, patient.id)).at(-1);
    expect(entry).toMatchObject({
      action: 'read',
      route: 'GET /app/navigate/:id/escalation',
      subject_label: 'Care navigation',
      details: { navigationId: id, page: 'escalation' },
    });
  });

  it('shows the handover once recorded, and the task done once the clinician confirms receipt', async () => {
    const url = await startNavigation(ctx.practiceNavigator);
    await postStep(ctx.practiceNavigator, url, 'red-flags', {
      action: 'none',
      said: 'I want to kill myself',
    });
    await postStep(ctx.practiceNavigator, url, 'handover', { handedTo: 'Dr Patel, duty GP' });
    const id = navigationIdOf(url);
    const escalation = `/app/navigate/${id}/escalation`;
    let $ = page(await ctx.clinician.agent.get(escalation));
    expect(rowValue($, 'Handed over to')).toBe('Dr Patel, duty GP');
    expect(rowValue($, 'How it was found')).toBe('Found in the words the navigator typed');
    expect($('main').text()).toContain("The patient's details were not given");

    const record = await findNavigationRecord(ctx.t.db, ctx.tenantId, id);
    const done = `/app/tasks/${record?.escalationTaskId ?? ''}/done`;
    expect((await submitForm(ctx.clinician.agent, '/app/tasks', done, {})).statusCode).toBe(303);
    expect(await taskListLink(id)).toBeUndefined();
    $ = page(await ctx.clinician.agent.get(escalation));
    expect(rowValue($, 'State')).toMatch(/^Done at .+ by Dr Kim Clinician$/);
  });

  it('is refused to a navigator, who cannot pick up clinical tasks', async () => {
    const url = await startNavigation(ctx.practiceNavigator);
    await postStep(ctx.practiceNavigator, url, 'red-flags', { action: 'none', said: 'He has collapsed' });
    const response = await ctx.practiceNavigator.get(`${url}/escalation`);
    expect(response.statusCode).toBe(403);
  });

  it('does not exist for a navigation without a red flag, an unknown one, or an id that is not a UUID', async () => {
    const url = await startNavigation(ctx.practiceNavigator);
    await postStep(ctx.practiceNavigator, url, 'red-flags', { action: 'none' });
    for (const path of [
      `${url}/escalation`,
      `/app/navigate/${randomUUID()}/escalation`,
      '/app/navigate/not-a-uuid/escalation',
    ]) {
      expect((await ctx.clinician.agent.get(path)).statusCode, path).toBe(404);
    }
  });

  it('is linked from the task list only for someone who may read it', async () => {
    const url = await startNavigation(ctx.practiceNavigator);
    await postStep(ctx.practiceNavigator, url, 'red-flags', { action: 'none', said: 'She is fitting' });
    const id = navigationIdOf(url);
    await ctx.t.db.transaction().execute((trx) =>
      createStaffTask(trx, ctx.tenantId, {
        kind: 'review',
        title: 'A task naming a navigation',
        priority: 'routine',
        assignedTo: ctx.worker.id,
        patientId: null,
        caseId: null,
        navigationId: id,
        dueAt: null,
        createdBy: null,
      }),
    );
    const $ = page(await ctx.worker.agent.get('/app/tasks'));
    expect($('main').text()).toContain('A task naming a navigation');
    expect($('a[href$="/escalation"]')).toHaveLength(0);
  });
});
