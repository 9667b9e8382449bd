import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { grantRole, insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { buildUser, TestAgent } from './accounts.ts';
import { createCaseworkContext, page, type CaseworkContext } from './casework-context.ts';

// The casework test context plus a care navigator working at its practice (so navigations, referrals and
// coded events name the practice), and helpers to drive the navigation flow over HTTP.

export interface NavigationContext extends CaseworkContext {
  /** A care navigator at the context's practice. */
  practiceNavigator: TestAgent;
}

/** A migrated database, the app, a practice, the casework cast and a navigator at the practice. */
export async function createNavigationContext(): Promise<NavigationContext> {
  const ctx = await createCaseworkContext();
  const org = await insertOrganisation(ctx.t.db, ctx.tenantId, {
    kind: 'practice',
    name: 'Hyde Park Surgery',
    practiceId: ctx.practiceId,
  });
  const user = await buildUser(ctx.t.db, ctx.tenantId, { displayName: 'Nia Navigator' });
  await grantRole(ctx.t.db, ctx.tenantId, {
    userId: user.id,
    organisationId: org.id,
    role: 'care_navigator',
  });
  const practiceNavigator = new TestAgent(ctx.app);
  await practiceNavigator.signIn(user.email);
  return { ...ctx, practiceNavigator };
}

/**
 * Starts a navigation and returns its page's path.
 * @param agent - the navigator
 * @param fields - the start form (by default: at the desk, without the patient's details)
 */
export async function startNavigation(
  agent: TestAgent,
  fields: Record<string, string> = { action: 'anonymous' },
): Promise<string> {
  const response = await agent.post('/app/navigate', { channel: 'desk', ...fields });
  expect(response.statusCode).toBe(303);
  return response.headers.location ?? '';
}

/**
 * Posts one step's form the way the page would: its CSRF token and version, plus the fields given.
 * @param agent - the navigator
 * @param url - the navigation's page
 * @param action - the step's path under the page (e.g. 'red-flags')
 * @param fields - what the navigator chose or typed
 */
export async function postStep(
  agent: TestAgent,
  url: string,
  action: string,
  fields: Record<string, string>,
): Promise<LightMyRequestResponse> {
  const $ = page(await agent.get(url));
  const token = String($('input[name="_csrf"]').first().val() ?? '');
  const version = String($('input[name="version"]').first().val() ?? '1');
  return agent.postWithToken(`${url}/${action}`, { version, ...fields }, token);
}

/** The navigation's id, from its page's path. */
export const navigationIdOf = (url: string): string => url.split('/').at(-1) ?? '';
