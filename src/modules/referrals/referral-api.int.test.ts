import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, csrfFrom, TestAgent } from '../../../test/support/accounts.ts';
import { buildPatient, buildPractice } from '../../../test/support/casework-builders.ts';
import { createTestConfig } from '../../../test/support/test-config.ts';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-db.ts';
import { createApp } from '../../app.ts';
import { searchAudit } from '../audit/audit.repository.ts';

// POST /api/referrals over HTTP: 201 then 200 with the same body for a retried Idempotency-Key (also for
// two requests racing with the same key), field-by-field 400s, 401/403, and every response checked
// against the OpenAPI document the app serves.

let t: TestDatabase;
let app: FastifyInstance;
let agent: TestAgent;
let token: string;
let practiceId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createApp({
    db: t.db,
    config: createTestConfig({ sessionSecret: 'a'.repeat(32), formRateLimitPerMinute: 1000 }),
    tenant: t.tenant,
    logger: false,
  });
  practiceId = (await buildPractice(t.db, t.tenant.id)).id;
  const user = await buildUser(t.db, t.tenant.id, { roles: ['care_navigator'] });
  agent = new TestAgent(app);
  await agent.signIn(user.email);
  token = csrfFrom((await agent.get('/app/referrals/new')).body);
});

afterAll(async () => {
  await app.close();
  await t.close();
});

const body = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  givenName: 'Ola',
  familyName: `Api-${randomUUID().slice(0, 6)}`,
  dateOfBirth: '1972-05-20',
  postcode: 'LS6 2AB',
  reason: 'Isolated after a stroke',
  needs: ['loneliness', 'physical_activity'],
  urgency: 'soon',
  consentConfirmed: true,
  practiceId,
  ...overrides,
});

async function post(
  payload: unknown,
  headers: Record<string, string> = {},
  as: { cookies: string; token: string } = { cookies: agent.cookies, token },
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/referrals',
    headers: { cookie: as.cookies, 'x-csrf-token': as.token, 'content-type': 'application/json', ...headers },
    payload: JSON.stringify(payload),
  });
}

async function responseValidator(status: string): Promise<ValidateFunction> {
  const res = await app.inject('/api/openapi.json');
  const doc = res.json<{
    paths: Record<string, { post: { responses: Record<string, object> } }>;
    components: { schemas: Record<string, object> };
  }>();
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'signpost-api', components: doc.components });
  const response = doc.paths['/api/referrals'].post.responses[status];
  const schema = JSON.parse(
    JSON.stringify(response).replaceAll('"#/components/', '"signpost-api#/components/'),
  ) as {
    content: { 'application/json': { schema: object } };
  };
  return ajv.compile(schema.content['application/json'].schema);
}

describe('POST /api/referrals', () => {
  it('creates a referral (201), and a retry with the same key returns the same body (200)', async () => {
    const key = randomUUID();
    const first = await post(body(), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    const created = first.json<{
      id: string;
      href: string;
      source: string;
      needs: string[];
      urgency: string;
      status: string;
    }>();
    expect(created).toMatchObject({
      source: 'care-navigator',
      status: 'new',
      urgency: 'soon',
      needs: ['loneliness', 'physical_activity'],
    });
    expect(first.headers.location).toBe(`/app/referrals/${created.id}`);
    const again = await post(body({ reason: 'A changed body does not matter on a retry' }), {
      'idempotency-key': key,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(created);
    const validate201 = await responseValidator('201');
    const validate200 = await responseValidator('200');
    expect(validate201(first.json<unknown>()), JSON.stringify(validate201.errors)).toBe(true);
    expect(validate200(again.json<unknown>()), JSON.stringify(validate200.errors)).toBe(true);
    const audit = await searchAudit(t.db, t.tenant.id, {
      subjectType: 'referral',
      subjectId: created.id,
      limit: 5,
    });
    expect(audit.records.map((r) => r.action).sort()).toEqual(['create', 'read']);
  });

  it('makes one referral when two requests with the same key race', async () => {
    const key = randomUUID();
    const payload = body();
    const [a, b] = await Promise.all([
      post(payload, { 'idempotency-key': key }),
      post(payload, { 'idempotency-key': key }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json<{ id: string }>().id).toBe(b.json<{ id: string }>().id);
    const referrals = await t.db
      .selectFrom('referral')
      .select('id')
      .where('idempotency_key', 'like', `%:${key}`)
      .execute();
    expect(referrals).toHaveLength(1);
    const people = await t.db
      .selectFrom('patient')
      .select('id')
      .where('family_name', '=', String(payload.familyName))
      .execute();
    expect(people).toHaveLength(1);
  });

  it('keeps keys per user: another user with the same key makes their own referral', async () => {
    const key = randomUUID();
    const mine = await post(body(), { 'idempotency-key': key });
    const other = await buildUser(t.db, t.tenant.id, { roles: ['clinician'] });
    const otherAgent = new TestAgent(app);
    await otherAgent.signIn(other.email);
    const otherToken = csrfFrom((await otherAgent.get('/app/referrals/new')).body);
    const theirs = await post(
      body(),
      { 'idempotency-key': key },
      { cookies: otherAgent.cookies, token: otherToken },
    );
    expect(theirs.statusCode).toBe(201);
    expect(theirs.json<{ id: string }>().id).not.toBe(mine.json<{ id: string }>().id);
  });

  it('uses the existing record for a known NHS number', async () => {
    const patient = await buildPatient(t.db, t.tenant.id);
    const res = await post(
      {
        nhsNumber: patient.nhsNumber,
        reason: 'Debt worries',
        needs: ['money_debt'],
        consentConfirmed: true,
        practiceId,
      },
      { 'idempotency-key': randomUUID() },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json<{ patientId: string }>().patientId).toBe(patient.id);
  });

  it.each([
    ['no Idempotency-Key', body(), {}, 'Idempotency-Key'],
    ['no needs', body({ needs: [] }), undefined, 'needs'],
    ['an unknown need', body({ needs: ['astrology'] }), undefined, 'needs'],
    ['consent not confirmed', body({ consentConfirmed: false }), undefined, 'consentConfirmed'],
    ['a wrong NHS number', body({ nhsNumber: '9990000010' }), undefined, 'nhsNumber'],
    ['a date of birth in the future', body({ dateOfBirth: '2999-01-01' }), undefined, 'dateOfBirth'],
    ['a date of birth that is not a date', body({ dateOfBirth: '1972-02-30' }), undefined, 'dateOfBirth'],
    ['no practice', body({ practiceId: undefined }), undefined, 'practiceId'],
    ['a field it does not know', body({ colour: 'blue' }), undefined, 'form'],
    [
      'no person',
      { reason: 'x', needs: ['loneliness'], consentConfirmed: true, practiceId },
      undefined,
      'nhsNumber',
    ],
    ['a body that is not an object', ['not', 'an', 'object'], undefined, 'form'],
  ])(
    'refuses %s with a 400 naming the field',
    async (_case, payload, headers: Record<string, string> | undefined, field) => {
      const res = await post(payload, headers ?? { 'idempotency-key': randomUUID() });
      expect(res.statusCode).toBe(400);
      const error = res.json<{ error: { code: string; issues: { field: string }[] } }>().error;
      expect(error.code).toBe('ValidationFailed');
      expect(error.issues.map((i) => i.field)).toContain(field);
      const validate = await responseValidator('400');
      expect(validate(res.json<unknown>()), JSON.stringify(validate.errors)).toBe(true);
    },
  );

  it('answers 401 without a session and 403 for a role that may not refer', async () => {
    const anonymous = await app.inject({
      method: 'POST',
      url: '/api/referrals',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'k' },
      payload: '{}',
    });
    expect(anonymous.statusCode).toBe(401);
    const supervisor = await buildUser(t.db, t.tenant.id, { roles: ['supervisor'] });
    const other = new TestAgent(app);
    await other.signIn(supervisor.email);
    const home = (await other.get('/app')).body;
    const otherToken = decodeURIComponent(/\/signout\?_csrf=([^"&]+)/.exec(home)?.[1] ?? '');
    const refused = await post(
      body(),
      { 'idempotency-key': randomUUID() },
      { cookies: other.cookies, token: otherToken },
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe('Forbidden');
  });

  it('refuses a request without the CSRF header', async () => {
    const res = await post(
      body(),
      { 'idempotency-key': randomUUID() },
      { cookies: agent.cookies, token: '' },
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /api/openapi.json', () => {
  it('describes POST /api/referrals with its Idempotency-Key header', async () => {
    const doc = (await app.inject('/api/openapi.json')).json<{
      paths: Record<string, { post?: { parameters: { name: string; required: boolean }[] } }>;
    }>();
    expect(doc.paths['/api/referrals'].post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', required: true }),
    );
  });
});
