import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTE_RULES, ruleFor, type RouteRule } from '../../src/http/route-access.ts';
import { ROLE_PERMISSIONS, ROLES, type Role } from '../../src/modules/accounts/roles.ts';
import { buildUser, csrfFrom, TestAgent } from '../support/accounts.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-db.ts';
import { createTestApp } from '../support/test-app.ts';

// The route x role matrix: every route the app registers, called by every role, by a signed-in user with
// no role, and by nobody, and each answer checked against ROUTE_RULES and the role -> permission table.
// A route missing from ROUTE_RULES stops the app starting, and a rule without a route fails here, so the
// table and the app cannot drift apart. Routes that touch person-identifiable data must leave an audit
// entry whenever they succeed and a 'denied' one whenever a role is refused them, and every POST an
// identity may make is refused without its CSRF token.

type Identity = Role | 'anonymous' | 'no-role';
const IDENTITIES: Identity[] = ['anonymous', 'no-role', ...ROLES];

let t: TestDatabase;
let app: FastifyInstance;
const agents = new Map<Identity, TestAgent>();
const tokens = new Map<Identity, string>();
const emails = new Map<Identity, string>();
let target: { userId: string; organisationId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  app = await createTestApp(t, { formRateLimitPerMinute: 100_000 });
  const someone = await buildUser(t.db, t.tenant.id, { roles: ['link_worker'] });
  target = { userId: someone.id, organisationId: someone.organisationId };
  for (const identity of IDENTITIES) {
    if (identity !== 'anonymous') {
      const user = await buildUser(t.db, t.tenant.id, { roles: identity === 'no-role' ? [] : [identity] });
      emails.set(identity, user.email);
    }
    await signInAs(identity);
  }
});

/** A fresh agent (signed in, unless anonymous) and its CSRF token; again after a route ends the session. */
async function signInAs(identity: Identity): Promise<void> {
  const agent = new TestAgent(app);
  const email = emails.get(identity);
  if (email !== undefined) {
    await agent.signIn(email);
  }
  const page = await agent.get(identity === 'anonymous' ? '/signin' : '/app/role');
  const signOut = /\/signout\?_csrf=([^"&]+)/.exec(page.body)?.[1];
  tokens.set(identity, signOut === undefined ? csrfFrom(page.body) : decodeURIComponent(signOut));
  agents.set(identity, agent);
}

afterAll(async () => {
  await app.close();
  await t.close();
});

function samplePath(url: string): string {
  return url
    .replace('/app/admin/users/:id', `/app/admin/users/${target.userId}`)
    .replace('/app/admin/organisations/:id', `/app/admin/organisations/${target.organisationId}`)
    .replace(/:[A-Za-z]+/g, () => randomUUID())
    .replace(/\*$/, 'nhsuk-frontend.min.css');
}

function expectedFor(identity: Identity, rule: RouteRule): 'allowed' | 'sign-in' | 'refused' {
  if (rule.access === 'public') {
    return 'allowed';
  }
  if (identity === 'anonymous' || rule.access === 'second-factor') {
    return 'sign-in';
  }
  if (rule.access === 'signed-in') {
    return 'allowed';
  }
  if (identity === 'no-role') {
    return 'refused';
  }
  return (ROLE_PERMISSIONS[identity] as readonly string[]).includes(rule.access) ? 'allowed' : 'refused';
}

/** Calls a route as the agent's identity, a POST with this CSRF token. */
async function call(
  agent: TestAgent,
  route: { method: string },
  url: string,
  csrfToken: string,
): Promise<LightMyRequestResponse> {
  const post = route.method === 'POST';
  return app.inject({
    method: post ? 'POST' : 'GET',
    url,
    headers: {
      accept: 'text/html',
      cookie: agent.cookies,
      ...(post ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    },
    ...(post ? { payload: `_csrf=${encodeURIComponent(csrfToken)}` } : {}),
  });
}

/** Whether an entry with the outcome 'denied' was recorded after the first `count` entries. */
async function deniedSince(count: number): Promise<boolean> {
  const row = await t.db
    .selectFrom('audit_event')
    .select('outcome')
    .where('tenant_id', '=', t.tenant.id)
    .where('seq', '>', count)
    .where('outcome', '=', 'denied')
    .executeTakeFirst();
  return row !== undefined;
}

async function auditCount(): Promise<number> {
  const row = await t.db
    .selectFrom('audit_event')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', t.tenant.id)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe('the route x role access matrix', () => {
  it('has a rule for every registered route and a registered route for every rule', () => {
    const registered = new Set(
      app.registeredRoutes.map((r) => `${r.method === 'HEAD' ? 'GET' : r.method} ${r.url}`),
    );
    expect(Object.keys(ROUTE_RULES).filter((key) => !registered.has(key))).toEqual([]);
    expect([...registered].filter((key) => !(key in ROUTE_RULES))).toEqual([]);
  });

  it('answers every route, for every identity, as the permission table says', async () => {
    // Signing out ends the session the rest of the walk needs: those routes go last.
    const endsSession = (url: string): number => (url.includes('signout') ? 1 : 0);
    const routes = app.registeredRoutes
      .filter((r) => r.method === 'GET' || r.method === 'POST')
      .sort((a, b) => endsSession(a.url) - endsSession(b.url));
    const problems: string[] = [];
    for (const route of routes) {
      const rule = ruleFor(route.method, route.url);
      if (rule === undefined) {
        problems.push(`${route.method} ${route.url}: no rule`);
        continue;
      }
      for (const identity of IDENTITIES) {
        const agent = agents.get(identity);
        if (agent === undefined) {
          throw new Error(`no agent for ${identity}`);
        }
        const url = samplePath(route.url);
        const expected = expectedFor(identity, rule);
        if (route.method === 'POST' && expected === 'allowed') {
          // Every POST the identity may make is refused without its CSRF token: no route skips the check.
          const forged = await call(agent, route, url, 'forged');
          if (forged.statusCode !== 403) {
            problems.push(
              `POST ${route.url} as ${identity}: ${String(forged.statusCode)} with a forged token`,
            );
          }
        }
        const before = rule.personData === true ? await auditCount() : 0;
        const response = await call(agent, route, url, tokens.get(identity) ?? '');
        const location = response.headers.location ?? '';
        const sentToSignin =
          response.statusCode === 401 ||
          (response.statusCode === 303 && location.startsWith('/signin?next='));
        const refused =
          response.statusCode === 403 ||
          (response.statusCode === 303 && location.startsWith('/app/role?next='));
        const actual = sentToSignin ? 'sign-in' : refused ? 'refused' : 'allowed';
        if (actual !== expected && !(route.url === '/signin' && identity !== 'anonymous')) {
          problems.push(
            `${route.method} ${route.url} as ${identity}: expected ${expected}, got ${String(response.statusCode)} ${location}`,
          );
        }
        if (route.url.includes('signout')) {
          await signInAs(identity);
        }
        if (response.statusCode >= 500) {
          problems.push(`${route.method} ${route.url} as ${identity}: ${String(response.statusCode)}`);
        }
        if (
          rule.personData === true &&
          actual === 'allowed' &&
          response.statusCode < 400 &&
          (await auditCount()) <= before
        ) {
          problems.push(
            `${route.method} ${route.url} as ${identity}: touched personal data without an audit entry`,
          );
        }
        // A role refused a route with personal data is on the record (no role at all: choose one first).
        const roleRefused = identity !== 'anonymous' && identity !== 'no-role' && actual === 'refused';
        if (rule.personData === true && roleRefused && !(await deniedSince(before))) {
          problems.push(`${route.method} ${route.url} as ${identity}: a refusal left no 'denied' entry`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
