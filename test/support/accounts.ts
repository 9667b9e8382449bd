import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/db/database.ts';
import type { OrganisationKind } from '../../src/modules/accounts/accounts.tables.ts';
import { insertOrganisation } from '../../src/modules/accounts/organisation.repository.ts';
import { hashPassword } from '../../src/modules/accounts/password.ts';
import type { Role } from '../../src/modules/accounts/roles.ts';
import { insertRoleAssignment } from '../../src/modules/accounts/user-admin.repository.ts';
import { insertUser, type User } from '../../src/modules/accounts/user.repository.ts';

export const TEST_PASSWORD = 'correct horse battery staple';
let cachedHash: Promise<string> | undefined;

export interface UserBuild {
  email?: string;
  displayName?: string;
  roles?: Role[];
  orgKind?: Exclude<OrganisationKind, 'practice'>;
  password?: string;
  status?: User['status'];
}

/** A user buildUser made: with the organisation of their roles and their password. */
export type BuiltUser = User & { organisationId: string; password: string };

/**
 * A user with roles in a fresh organisation (a PCN unless another kind is asked for).
 * @param db - the database
 * @param tenantId - the tenant
 * @param build - what to change from the defaults
 */
export async function buildUser(
  db: Kysely<Database>,
  tenantId: string,
  build: UserBuild = {},
): Promise<BuiltUser> {
  const password = build.password ?? TEST_PASSWORD;
  const passwordHash =
    build.password === undefined
      ? await (cachedHash ??= hashPassword(TEST_PASSWORD))
      : await hashPassword(password);
  const suffix = randomUUID().slice(0, 8);
  const org = await insertOrganisation(db, tenantId, {
    kind: build.orgKind ?? 'pcn',
    name: `Test organisation ${suffix}`,
  });
  const user = await insertUser(db, tenantId, {
    email: build.email ?? `user-${suffix}@example.org`,
    displayName: build.displayName ?? `Test User ${suffix}`,
    status: build.status ?? 'active',
    passwordHash,
  });
  for (const role of build.roles ?? []) {
    await insertRoleAssignment(db, tenantId, { userId: user.id, organisationId: org.id, role });
  }
  return { ...user, organisationId: org.id, password };
}

/** The cookies a response set, as a Cookie header value merged over earlier ones. */
export function mergeCookies(previous: string, response: LightMyRequestResponse): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter((c) => c !== '')
      .map((c) => [c.slice(0, c.indexOf('=')), c.slice(c.indexOf('=') + 1)] as const),
  );
  for (const cookie of response.cookies) {
    if (cookie.value === '' || (cookie.expires !== undefined && cookie.expires < new Date())) {
      jar.delete(cookie.name);
    } else {
      jar.set(cookie.name, cookie.value);
    }
  }
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** Reads the CSRF token from a page's first form. */
export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html);
  if (match?.[1] === undefined) {
    throw new Error('No CSRF token on the page');
  }
  return match[1];
}

/** A browser-like client for `app.inject`: keeps cookies, reads CSRF tokens from pages. */
export class TestAgent {
  cookies = '';
  constructor(readonly app: FastifyInstance) {}

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { accept: 'text/html', cookie: this.cookies, ...headers },
    });
    this.cookies = mergeCookies(this.cookies, response);
    return response;
  }

  /** Posts a form, with the CSRF token of the page at `formPage` (default: the same URL). */
  async post(url: string, form: Record<string, string>, formPage = url): Promise<LightMyRequestResponse> {
    const page = await this.get(formPage);
    return this.postWithToken(url, form, csrfFrom(page.body));
  }

  async postWithToken(
    url: string,
    form: Record<string, string>,
    token: string,
  ): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: {
        accept: 'text/html',
        cookie: this.cookies,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({ ...form, _csrf: token }).toString(),
    });
    this.cookies = mergeCookies(this.cookies, response);
    return response;
  }

  /** Signs in with email and password; follows to the role chooser when needed and picks the first role. */
  async signIn(email: string, password = TEST_PASSWORD): Promise<LightMyRequestResponse> {
    const response = await this.post('/signin', { email, password });
    const location = response.headers.location ?? '';
    if (location.startsWith('/app/role')) {
      const page = await this.get(location);
      const first = /name="assignment" type="radio" value="([^"]+)"/.exec(page.body)?.[1];
      if (first !== undefined) {
        return this.postWithToken('/app/role', { assignment: first, next: '/app' }, csrfFrom(page.body));
      }
    }
    return response;
  }
}
