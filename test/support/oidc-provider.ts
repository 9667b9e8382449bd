import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Account, type Interaction } from 'oidc-provider';
import type { OidcConfig } from '../../src/config.ts';
import { followAuthorization } from './oidc-provider-browser.ts';

// A real OpenID Connect provider for tests (the oidc-provider package, the library behind many certified
// providers) on 127.0.0.1 and a random port. One confidential client (client_secret_basic, authorization
// code only, PKCE required), accounts kept in memory, and a tiny login form instead of oidc-provider's
// development pages, so both an HTTP-only test and a real browser can sign in as a chosen account.
// Consent is granted without asking. oidc-provider v9 prints a Node-version warning on Node 20; it works.
//
//   const port = await reserveLocalPort();
//   const op = await startTestOidcProvider({ redirectUris: [`http://127.0.0.1:${port}/signin/oidc/callback`] });
//   op.addAccount({ sub: 'cis2-0001', email: 'ada@example.nhs.uk', name: 'Ada Lovelace' });
//   const app = await createTestApp(t, { publicBaseUrl: `http://127.0.0.1:${port}`, oidc: op.appConfig });
//   const callbackUrl = await op.authorize(authorizationUrl, { login: 'cis2-0001' });
//   await op.close();

export interface TestOidcAccount {
  /** The `sub` claim, and what is typed into the login form. */
  sub: string;
  email?: string;
  /** The `email_verified` claim; left out of the claims when undefined. */
  emailVerified?: boolean;
  name?: string;
}

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The app's OIDC_* configuration for this provider: its client, standard scopes and claims. */
  appConfig: OidcConfig;
  addAccount: (account: TestOidcAccount) => void;
  /**
   * Plays a browser with its own cookie jar: opens the authorization URL, signs in as `login` at the form
   * (or presses Cancel), and follows the provider's redirects until one leaves the provider.
   * @returns the URL the provider sent the browser back to (the app's callback, with code or error)
   */
  authorize: (authorizationUrl: string, action: { login: string } | { cancel: true }) => Promise<URL>;
  close: () => Promise<void>;
}

export interface TestOidcProviderOptions {
  /** The client's registered redirect URIs (exact match, as at a real provider). */
  redirectUris: string[];
}

async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.close((error) => {
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    });
  });
}

/** Finds a free port on 127.0.0.1 (for an app whose address must be known before it starts). */
export async function reserveLocalPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await closeServer(server);
  return port;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${String(c.charCodeAt(0))};`);

function loginForm(uid: string, problem?: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider: sign in</title></head>
<body><main>
<h1>Test identity provider</h1>
${problem === undefined ? '' : `<p id="problem">${escapeHtml(problem)}</p>`}
<form method="post" action="/interaction/${uid}/login">
  <label for="login">Login</label>
  <input id="login" name="login" autocomplete="off">
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${uid}/abort"><button type="submit">Cancel</button></form>
</main></body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

async function grantConsent(provider: Provider, interaction: Interaction, clientId: string): Promise<string> {
  const accountId = interaction.session?.accountId;
  if (accountId === undefined) {
    throw new Error('Consent asked before login');
  }
  const existing =
    interaction.grantId === undefined ? undefined : await provider.Grant.find(interaction.grantId);
  const grant = existing ?? new provider.Grant({ accountId, clientId });
  const details = interaction.prompt.details;
  if (details.missingOIDCScope !== undefined) {
    grant.addOIDCScope(details.missingOIDCScope.join(' '));
  }
  if (details.missingOIDCClaims !== undefined) {
    grant.addOIDCClaims(details.missingOIDCClaims);
  }
  for (const [resource, scopes] of Object.entries(details.missingResourceScopes ?? {})) {
    grant.addResourceScope(resource, scopes.join(' '));
  }
  return grant.save();
}

interface InteractionContext {
  provider: Provider;
  accounts: Map<string, TestOidcAccount>;
  clientId: string;
}

async function handleInteraction(
  ctx: InteractionContext,
  req: IncomingMessage,
  res: ServerResponse,
  match: { uid: string; action: string | undefined },
): Promise<void> {
  const interaction = await ctx.provider.interactionDetails(req, res);
  if (req.method === 'GET' && match.action === undefined) {
    if (interaction.prompt.name === 'consent') {
      const grantId = await grantConsent(ctx.provider, interaction, ctx.clientId);
      await ctx.provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
      return;
    }
    sendHtml(res, 200, loginForm(interaction.uid));
    return;
  }
  if (req.method === 'POST' && match.action === 'abort') {
    await ctx.provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'End-User aborted interaction' },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  if (req.method === 'POST' && match.action === 'login') {
    const login = (await readForm(req)).get('login') ?? '';
    if (!ctx.accounts.has(login)) {
      sendHtml(res, 200, loginForm(interaction.uid, 'Unknown login'));
      return;
    }
    await ctx.provider.interactionFinished(
      req,
      res,
      { login: { accountId: login } },
      { mergeWithLastSubmission: false },
    );
    return;
  }
  sendHtml(res, 405, 'Method not allowed');
}

function toAccount(account: TestOidcAccount): Account {
  return {
    accountId: account.sub,
    claims: async () => ({
      sub: account.sub,
      ...(account.email === undefined ? {} : { email: account.email }),
      ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
      ...(account.name === undefined ? {} : { name: account.name }),
    }),
  };
}

/**
 * Starts the provider.
 * @param options - the client's redirect URIs
 */
export async function startTestOidcProvider(options: TestOidcProviderOptions): Promise<TestOidcProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  const clientId = 'signpost-test';
  const clientSecret = randomBytes(24).toString('hex');
  const accounts = new Map<string, TestOidcAccount>();
  const signingKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' });
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: false } },
    ttl: {
      AccessToken: 600,
      AuthorizationCode: 60,
      Grant: 3600,
      IdToken: 600,
      Interaction: 600,
      Session: 3600,
    },
    interactions: { url: async (_ctx, interaction) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx, sub) => {
      const account = accounts.get(sub);
      return account === undefined ? undefined : toAccount(account);
    },
  });
  const providerHandler = provider.callback();
  const ctx: InteractionContext = { provider, accounts, clientId };
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(?:\/(login|abort))?$/.exec((req.url ?? '').split('?')[0] ?? '');
    if (match?.[1] === undefined) {
      providerHandler(req, res);
      return;
    }
    handleInteraction(ctx, req, res, { uid: match[1], action: match[2] }).catch((error: unknown) => {
      sendHtml(res, 500, escapeHtml(error instanceof Error ? error.message : 'Interaction failed'));
    });
  });
  return {
    issuer,
    clientId,
    clientSecret,
    appConfig: {
      issuer,
      clientId,
      clientSecret,
      scopes: 'openid profile email',
      emailClaim: 'email',
      nameClaim: 'name',
      label: 'Sign in with NHS Care Identity',
    },
    addAccount: (account) => {
      accounts.set(account.sub, account);
    },
    authorize: async (authorizationUrl, action) => followAuthorization(issuer, authorizationUrl, action),
    close: async () => {
      server.closeAllConnections();
      await closeServer(server);
    },
  };
}
