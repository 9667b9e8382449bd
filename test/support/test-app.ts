import type { FastifyInstance } from 'fastify';
import { createApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { buildUser, TestAgent, type BuiltUser, type UserBuild } from './accounts.ts';
import { createTestConfig } from './test-config.ts';
import type { TestDatabase } from './test-db.ts';

// The whole app for an integration test, and a user signed in to it through the sign-in form.

/**
 * The configuration of an app under test: the test defaults, a fixed session secret (sealed two-step
 * secrets stay readable) and a form rate limit no test file reaches, then the overrides.
 * @param overrides - configuration to change
 */
export function testAppConfig(overrides: Partial<Config> = {}): Config {
  return createTestConfig({ sessionSecret: 'x'.repeat(32), formRateLimitPerMinute: 1000, ...overrides });
}

/**
 * The whole app over a test database, without logs, with testAppConfig(overrides). Close it in afterAll.
 * @param t - the test database and its tenant
 * @param overrides - configuration to change
 */
export async function createTestApp(
  t: Pick<TestDatabase, 'db' | 'tenant'>,
  overrides: Partial<Config> = {},
): Promise<FastifyInstance> {
  return createApp({
    db: t.db,
    config: testAppConfig(overrides),
    tenant: t.tenant,
    logger: false,
  });
}

/**
 * A new user (buildUser: the roles asked for, in a new organisation) signed in on a new agent; with
 * several roles the agent acts in the first.
 * @param app - the app
 * @param t - the test database and its tenant
 * @param build - what to change from buildUser's defaults
 */
export async function signedInAgent(
  app: FastifyInstance,
  t: Pick<TestDatabase, 'db' | 'tenant'>,
  build: UserBuild = {},
): Promise<{ agent: TestAgent; user: BuiltUser }> {
  const user = await buildUser(t.db, t.tenant.id, build);
  const agent = new TestAgent(app);
  await agent.signIn(user.email, user.password);
  return { agent, user };
}
