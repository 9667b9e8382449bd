import * as cheerio from 'cheerio';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { createApp } from '../../src/app.ts';
import { ensureSnomedCodes } from '../../src/modules/casework/snomed-codes.ts';
import type { Role } from '../../src/modules/accounts/roles.ts';
import { buildUser, TestAgent } from './accounts.ts';
import { buildPractice } from './casework-builders.ts';
import { createTestConfig } from './test-config.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

// One app, database and cast of signed-in staff for the casework integration tests: the link worker a
// case is allocated to, another link worker, a supervisor, a clinician (who receives safeguarding
// escalations and messages back), and a care navigator.

export interface StaffMember {
  id: string;
  email: string;
  displayName: string;
  organisationId: string;
  agent: TestAgent;
}

export interface CaseworkContext {
  t: TestDatabase;
  app: FastifyInstance;
  tenantId: string;
  practiceId: string;
  worker: StaffMember;
  otherWorker: StaffMember;
  supervisor: StaffMember;
  clinician: StaffMember;
  navigator: StaffMember;
  close: () => Promise<void>;
}

async function member(
  t: TestDatabase,
  app: FastifyInstance,
  role: Role,
  displayName: string,
): Promise<StaffMember> {
  const user = await buildUser(t.db, t.tenant.id, { roles: [role], displayName });
  const agent = new TestAgent(app);
  await agent.signIn(user.email);
  return { id: user.id, email: user.email, displayName, organisationId: user.organisationId, agent };
}

/** A migrated database with the SNOMED code table, the app, a practice and five signed-in people. */
export async function createCaseworkContext(): Promise<CaseworkContext> {
  const t = await createTestDatabase();
  await ensureSnomedCodes(t.db, t.tenant.id);
  const app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'c'.repeat(32), formRateLimitPerMinute: 100_000 }),
    tenant: t.tenant,
    logger: false,
  });
  const practice = await buildPractice(t.db, t.tenant.id, { name: 'Hyde Park Surgery', odsCode: 'B86001' });
  return {
    t,
    app,
    tenantId: t.tenant.id,
    practiceId: practice.id,
    worker: await member(t, app, 'link_worker', 'Lee Worker'),
    otherWorker: await member(t, app, 'link_worker', 'Sam Other'),
    supervisor: await member(t, app, 'supervisor', 'Pat Supervisor'),
    clinician: await member(t, app, 'clinician', 'Dr Kim Clinician'),
    navigator: await member(t, app, 'care_navigator', 'Nat Navigator'),
    close: async () => {
      await app.close();
      await t.close();
    },
  };
}

/**
 * The audit entries of a subject (newest last), for assertions.
 * @param ctx - the context
 * @param subjectId - e.g. a patient id
 */
export async function auditOf(
  ctx: CaseworkContext,
  subjectId: string,
): Promise<{ action: string; route: string | null; details: unknown; subject_label: string | null }[]> {
  return ctx.t.db
    .selectFrom('audit_event')
    .select(['action', 'route', 'details', 'subject_label'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('subject_id', '=', subjectId)
    .orderBy('seq')
    .execute();
}

/** A response's HTML, parsed. */
export function page(response: LightMyRequestResponse): cheerio.CheerioAPI {
  return cheerio.load(response.body);
}

/** The error summary's links (text and href), in order. */
export function errorLinks(response: LightMyRequestResponse): { text: string; href: string }[] {
  const $ = page(response);
  return $('.nhsuk-error-summary__list a')
    .toArray()
    .map((a) => ({ text: $(a).text().trim(), href: $(a).attr('href') ?? '' }));
}

/**
 * A CSRF token for this signed-in agent, from the sign-out button every signed-in page has.
 * @param agent - the agent
 */
export async function csrfToken(agent: TestAgent): Promise<string> {
  const response = await agent.get('/app');
  const token = /\/signout\?_csrf=([^"&]+)/.exec(response.body)?.[1];
  if (token === undefined) {
    throw new Error('No sign-out token on /app: is the agent signed in?');
  }
  return decodeURIComponent(token);
}

/**
 * Submits a form the way a browser would: loads the page, takes the form's hidden fields (CSRF token,
 * version, shown values), adds the given fields and posts to the form's action.
 * @param agent - the agent
 * @param pageUrl - the page the form is on
 * @param action - the form's action
 * @param fields - what the user filled in
 */
export async function submitForm(
  agent: TestAgent,
  pageUrl: string,
  action: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const $ = page(await agent.get(pageUrl));
  const form = $(`form[method="post"][action="${action}"]`).first();
  if (form.length === 0) {
    throw new Error(`No form posting to ${action} on ${pageUrl}`);
  }
  const hidden = Object.fromEntries(
    form
      .find('input[type="hidden"]')
      .toArray()
      .map((input) => [$(input).attr('name') ?? '', String($(input).val() ?? '')]),
  );
  const { _csrf: token = '', ...rest } = hidden;
  return agent.postWithToken(action, { ...rest, ...fields }, token);
}
