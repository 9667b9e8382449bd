import * as oidc from 'openid-client';
import { z } from 'zod';
import type { OidcConfig } from '../../config.ts';

// The relying-party side of OpenID Connect sign-in (NHS CIS2 Authentication, or any standard provider):
// Authorization Code flow with PKCE (S256), state and nonce, client_secret_basic at the token endpoint,
// ID token validated by openid-client (signature, issuer, audience, expiry, nonce). Claim names are
// configurable because CIS2's are not confirmed (DOMAIN.md 8.6).

/** Who the provider says signed in. */
export interface OidcIdentity {
  /** The `iss` of the validated ID token. */
  issuer: string;
  /** The `sub` claim: the provider's stable id of the person. */
  subject: string;
  email: string | null;
  /** The provider's `email_verified` claim; null when it does not say. */
  emailVerified: boolean | null;
  name: string | null;
}

/** What one sign-in must remember between leaving for the provider and coming back. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Where to go after sign-in: a path on this site. */
  next: string;
}

export interface OidcClient {
  /**
   * Starts a sign-in: a fresh state, nonce and PKCE verifier, and the provider's authorization URL.
   * @param next - where to go after sign-in
   */
  begin: (next: string) => Promise<{ flow: OidcFlow; url: URL }>;
  /**
   * Finishes a sign-in: exchanges the code and validates the ID token against the flow; reads the
   * claims (from the ID token, then the userinfo endpoint for any the ID token lacks). Throws on failure.
   * @param callbackUrl - the URL the provider sent the browser back to
   * @param flow - the flow begun for this browser
   */
  finish: (callbackUrl: URL, flow: OidcFlow) => Promise<OidcIdentity>;
}

/** How long a sign-in may take at the provider. */
export const OIDC_FLOW_SECONDS = 10 * 60;

const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * True when the issuer is on this machine. openid-client refuses http:// otherwise, and so do we:
 * plain HTTP is allowed only for a provider on localhost (tests, local development), never across a network.
 * @param issuer - the issuer URL
 */
export function isLoopbackIssuer(issuer: string): boolean {
  const { hostname } = new URL(issuer);
  return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
}

/**
 * The scopes to ask for: the configured ones, with `openid` added when missing (no ID token without it).
 * @param scopes - space-separated scopes from configuration
 */
export function oidcScopes(scopes: string): string {
  const list = scopes.split(/\s+/).filter((s) => s !== '');
  return (list.includes('openid') ? list : ['openid', ...list]).join(' ');
}

type Claims = Record<string, unknown>;

function stringClaim(sources: readonly Claims[], name: string): string | null {
  for (const claims of sources) {
    const value = claims[name];
    if (typeof value === 'string' && value.trim() !== '') {
      return value.trim();
    }
  }
  return null;
}

function booleanClaim(sources: readonly Claims[], name: string): boolean | null {
  for (const claims of sources) {
    const value = claims[name];
    if (typeof value === 'boolean') {
      return value;
    }
    if (value === 'true' || value === 'false') {
      return value === 'true';
    }
  }
  return null;
}

/**
 * Maps claims to an identity, taking each claim from the first source that has it.
 * @param idToken - the validated ID token's claims (`iss` and `sub` come from here)
 * @param more - further claim sets in order of preference (the userinfo response)
 * @param mapping - which claims hold the email address and the name
 */
export function identityFromClaims(
  idToken: { iss: string; sub: string } & Claims,
  more: readonly Claims[],
  mapping: Pick<OidcConfig, 'emailClaim' | 'nameClaim'>,
): OidcIdentity {
  const sources = [idToken, ...more];
  return {
    issuer: idToken.iss,
    subject: idToken.sub,
    email: stringClaim(sources, mapping.emailClaim),
    emailVerified: booleanClaim(sources, 'email_verified'),
    name: stringClaim(sources, mapping.nameClaim),
  };
}

const flowCookie = z.object({
  state: z.string().min(1).max(200),
  nonce: z.string().min(1).max(200),
  codeVerifier: z.string().min(43).max(128),
  next: z.string().max(500),
  expiresAt: z.number(),
});

/**
 * The flow as a cookie value (the cookie is signed, so it cannot be altered; it carries its own expiry
 * because a cookie's Max-Age is only the browser's promise).
 * @param flow - the flow
 * @param now - the time it starts
 */
export function encodeOidcFlow(flow: OidcFlow, now: Date): string {
  return JSON.stringify({ ...flow, expiresAt: now.getTime() + OIDC_FLOW_SECONDS * 1000 });
}

/**
 * The flow from a cookie value; null when it is malformed or has expired.
 * @param value - the (already verified) cookie value
 * @param now - the time now
 */
export function decodeOidcFlow(value: string, now: Date): OidcFlow | null {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = flowCookie.safeParse(json);
  if (!parsed.success || parsed.data.expiresAt <= now.getTime()) {
    return null;
  }
  const { state, nonce, codeVerifier, next } = parsed.data;
  return { state, nonce, codeVerifier, next };
}

/**
 * An OpenID Connect client for one app. The provider's metadata is discovered on first use and kept;
 * a failed discovery is retried on the next sign-in.
 * @param config - issuer, client credentials, scopes and claim mapping
 * @param redirectUri - this app's callback URL, as registered at the provider
 */
export function createOidcClient(config: OidcConfig, redirectUri: string): OidcClient {
  let discovered: Promise<oidc.Configuration> | undefined;
  const configuration = (): Promise<oidc.Configuration> => {
    discovered ??= oidc
      .discovery(
        new URL(config.issuer),
        config.clientId,
        config.clientSecret,
        oidc.ClientSecretBasic(config.clientSecret),
        {
          timeout: DISCOVERY_TIMEOUT_SECONDS,
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- "deprecated" only as a warning sign; used for loopback issuers alone
          execute: isLoopbackIssuer(config.issuer) ? [oidc.allowInsecureRequests] : [],
        },
      )
      .catch((error: unknown) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };

  return {
    begin: async (next) => {
      const server = await configuration();
      const flow: OidcFlow = {
        state: oidc.randomState(),
        nonce: oidc.randomNonce(),
        codeVerifier: oidc.randomPKCECodeVerifier(),
        next,
      };
      const url = oidc.buildAuthorizationUrl(server, {
        redirect_uri: redirectUri,
        response_type: 'code',
        scope: oidcScopes(config.scopes),
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { flow, url };
    },
    finish: async (callbackUrl, flow) => {
      const server = await configuration();
      const tokens = await oidc.authorizationCodeGrant(server, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (idToken === undefined) {
        throw new Error('The provider returned no ID token');
      }
      const fromIdToken = identityFromClaims(idToken, [], config);
      const needsUserinfo = fromIdToken.email === null || fromIdToken.name === null;
      if (!needsUserinfo || server.serverMetadata().userinfo_endpoint === undefined) {
        return fromIdToken;
      }
      const userinfo = await oidc.fetchUserInfo(server, tokens.access_token, idToken.sub);
      return identityFromClaims(idToken, [userinfo], config);
    },
  };
}
