import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, type TestAgent } from '../../../test/support/accounts.ts';
import { buildPractice } from '../../../test/support/casework-builders.ts';
import { errorLinks, page } from '../../../test/support/casework-context.ts';
import {
  buildNavigationRecord,
  type NavigationRecordBuild,
} from '../../../test/support/navigation-report-builders.ts';
import { createTestApp, signedInAgent } from '../../../test/support/test-app.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { addDays, londonDate } from '../casework/working-days.ts';

let t: TestDatabase;
let app: FastifyInstance;
let supervisor: TestAgent;
let commissioner: TestAgent;
let navigator: TestAgent;
let practiceA: string;
let practiceB: string;
const today = londonDate(new Date());
const noonDaysAgo = (days: number): Date => new Date(`${addDays(today, -days)}T12:00:00Z`);

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t);
  practiceA = (await buildPractice(t.db, t.tenant.id, { name: 'Alder Surgery' })).id;
  practiceB = (await buildPractice(t.db, t.tenant.id, { name: 'Birch Practice' })).id;
  const nat = await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'], displayName: 'Nat Navigator' });
  const bea = await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'], displayName: 'Bea Booker' });
  const atA = (build: Partial<NavigationRecordBuild>, daysAgo = 2): NavigationRecordBuild => ({
    navigatorUserId: nat.id,
    practiceId: practiceA,
    startedAt: noonDaysAgo(daysAgo),
    ...build,
  });
  const atB = (build: Partial<NavigationRecordBuild>): NavigationRecordBuild => ({
    navigatorUserId: bea.id,
    practiceId: practiceB,
    startedAt: noonDaysAgo(3),
    ...build,
  });
  const builds: NavigationRecordBuild[] = [
    ...Array.from({ length: 6 }, () => atA({})),
    atA({ outcome: 'gp', gpReason: 'patient-preferred' }),
    atA({ outcome: 'gp', gpReason: 'patient-preferred' }),
    atA({ outcome: 'gp', gpReason: 'needed' }),
    atA({ redFlag: { outcome: 'duty-gp-now', source: 'free-text' } }),
    atA({ outcome: 'declined' }),
    atA({ unfinished: true }),
    atA({}, 40),
    ...Array.from({ length: 3 }, () => atB({ outcome: 'referred-link-worker' })),
    atB({
      destination: { kind: 'service', key: 'calm', name: 'Calm Minds' },
      followUp: 'couldnt_get_in',
    }),
  ];
  for (const build of builds) {
    await buildNavigationRecord(t.db, t.tenant.id, build);
  }
  supervisor = (await signedInAgent(app, t, { roles: ['supervisor'] })).agent;
  commissioner = (await signedInAgent(app, t, { roles: ['commissioner'] })).agent;
  navigator = (await signedInAgent(app, t, { roles: ['care_navigator'] })).agent;
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const csvRows = (body: string): string[][] => parse(body, { bom: true });

/** A section's table as text rows (header cell first), by the section's name. */
function tableOf(response: LightMyRequestResponse, name: string): string[][] {
  const $ = page(response);
  return $(`#section-${name}`)
    .closest('section')
    .find('tbody tr')
    .toArray()
    .map((tr) =>
      $(tr)
        .find('th, td')
        .toArray()
        .map((c) => $(c).text().trim()),
    );
}

describe('care navigation reports', () => {
  it('shows the last 28 days for every practice by default, with staff names for a supervisor', async () => {
    const response = await supervisor.get('/app/navigation/reports');
    expect(response.statusCode).toBe(200);
    const $ = page(response);
    expect($('.nhsuk-body-l').text()).toContain('16 navigations started.');
    expect($('.nhsuk-body-l').text()).toContain(
      '71% of completed navigations without a red flag went somewhere other than the GP (10 of 14)',
    );
    expect(tableOf(response, 'navigators')).toEqual([
      ['Bea Booker', '4', '4', '0', '0'],
      ['Nat Navigator', '12', '6', '3', '1'],
    ]);
    expect(tableOf(response, 'destinations')).toEqual([
      ['Community pharmacy', 'Practice or NHS option', '6'],
      ['GP appointment', 'Practice or NHS option', '3'],
      ['Social prescribing link worker', 'Practice or NHS option', '3'],
      ['Calm Minds', 'Local service (directory)', '1'],
    ]);
    expect(tableOf(response, 'red-flags')[1]).toEqual([
      'Put the patient through to the duty GP now',
      '0',
      '1',
      '1',
    ]);
    expect(tableOf(response, 'chose-gp')).toEqual([
      ['Alder Surgery', '10', '3', '30%'],
      ['Birch Practice', '4', '0', '0%'],
    ]);
    expect(tableOf(response, 'turned-away')).toEqual([['Calm Minds', '0', '1', '1']]);
    expect($('svg[role="img"]').length).toBeGreaterThanOrEqual(6);
    expect($('body').text()).not.toContain('fewer than 5');
  });

  it('filters by practice and by dates', async () => {
    const onlyB = await supervisor.get(`/app/navigation/reports?practice=${practiceB}`);
    expect(page(onlyB)('.nhsuk-body-l').text()).toContain('4 navigations started.');
    expect(tableOf(onlyB, 'navigators')).toEqual([['Bea Booker', '4', '4', '0', '0']]);
    const old = addDays(today, -40);
    const oldDay = await supervisor.get(
      `/app/navigation/reports?practice=${practiceA}&from=${old}&to=${old}`,
    );
    expect(page(oldDay)('.nhsuk-body-l').text()).toContain('1 navigations started.');
    expect(tableOf(oldDay, 'days')).toHaveLength(1);
  });

  it('hides staff names from a commissioner and suppresses small counts', async () => {
    const response = await commissioner.get('/app/navigation/reports');
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Nat Navigator');
    expect(page(response)('#section-navigators')).toHaveLength(0);
    expect(tableOf(response, 'destinations')).toEqual([
      ['Community pharmacy', 'Practice or NHS option', '6'],
      ['GP appointment', 'Practice or NHS option', 'fewer than 5'],
      ['Social prescribing link worker', 'Practice or NHS option', 'fewer than 5'],
      ['Calm Minds', 'Local service (directory)', 'fewer than 5'],
    ]);
    expect(tableOf(response, 'chose-gp')[0]).toEqual(['Alder Surgery', '10', 'fewer than 5', 'not shown']);
  });

  it('rejects impossible dates with the error summary', async () => {
    const response = await supervisor.get(
      '/app/navigation/reports?from%5Bday%5D=31&from%5Bmonth%5D=2&from%5Byear%5D=2026&to%5Bday%5D=1&to%5Bmonth%5D=1&to%5Byear%5D=2026',
    );
    expect(response.statusCode).toBe(400);
    expect(errorLinks(response)).toEqual([{ text: "'From' date must be a real date", href: '#from-day' }]);
    const reversed = await supervisor.get(`/app/navigation/reports?from=${today}&to=${addDays(today, -1)}`);
    expect(errorLinks(reversed)).toEqual([
      { text: "'To' date must be the same as or after the 'From' date", href: '#to-day' },
    ]);
    const unknown = await supervisor.get('/app/navigation/reports?practice=not-a-practice');
    expect(errorLinks(unknown)).toEqual([{ text: 'Select a practice from the list', href: '#practice' }]);
  });

  it('downloads a table as CSV with the same filters', async () => {
    const response = await supervisor.get(
      `/app/navigation/reports.csv?table=navigators&practice=${practiceA}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="navigation-navigators-/);
    expect(csvRows(response.body)).toEqual([
      ['Navigator', 'Navigations', 'Somewhere other than the GP', 'GP', 'Red flags escalated'],
      ['Nat Navigator', '12', '6', '3', '1'],
    ]);
    const days = await supervisor.get(
      `/app/navigation/reports.csv?table=days&from=${addDays(today, -3)}&to=${today}`,
    );
    expect(csvRows(days.body).slice(1)).toEqual([
      [addDays(today, -3), '4', '4'],
      [addDays(today, -2), '12', '11'],
      [addDays(today, -1), '0', '0'],
      [today, '0', '0'],
    ]);
  });

  it('gives a commissioner suppressed CSVs and no per-navigator table', async () => {
    const csv = await commissioner.get('/app/navigation/reports.csv?table=destinations');
    expect(csvRows(csv.body)[2]).toEqual(['GP appointment', 'Practice or NHS option', '<5']);
    expect((await commissioner.get('/app/navigation/reports.csv?table=navigators')).statusCode).toBe(404);
    expect((await supervisor.get('/app/navigation/reports.csv?table=patients')).statusCode).toBe(404);
  });

  it('is not for care navigators', async () => {
    expect((await navigator.get('/app/navigation/reports')).statusCode).toBe(403);
    expect((await navigator.get('/app/navigation/reports.csv?table=days')).statusCode).toBe(403);
  });
});
