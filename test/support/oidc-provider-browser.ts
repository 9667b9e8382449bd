// Plays a browser at the test OpenID provider (test/support/oidc-provider.ts) over plain fetch: its own
// cookie jar, the provider's redirects followed by hand, the login form filled in or cancelled.

/** A cookie jar for one origin: name → value, from Set-Cookie headers. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) {
        this.cookies.delete(name);
      } else {
        this.cookies.set(name, value);
      }
    }
  }
}

/**
 * Opens an authorization URL and follows the provider's redirects, signing in as `login` at the form (or
 * pressing Cancel), until a redirect leaves the provider.
 * @param issuer - the provider's issuer URL
 * @param authorizationUrl - where the app sent the browser
 * @param action - the login to type, or cancel
 * @returns the URL the provider sent the browser back to
 */
export async function followAuthorization(
  issuer: string,
  authorizationUrl: string,
  action: { login: string } | { cancel: true },
): Promise<URL> {
  const jar = new CookieJar();
  let url = new URL(authorizationUrl);
  let body: URLSearchParams | undefined;
  for (let hop = 0; hop < 12; hop += 1) {
    if (url.origin !== new URL(issuer).origin) {
      return url;
    }
    const response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: {
        cookie: jar.header(),
        ...(body === undefined ? {} : { 'content-type': 'application/x-www-form-urlencoded' }),
      },
      ...(body === undefined ? {} : { body: body.toString() }),
    });
    jar.store(response);
    body = undefined;
    const location = response.headers.get('location');
    if (location !== null) {
      url = new URL(location, url);
      continue;
    }
    const html = await response.text();
    const form = /action="(\/interaction\/[\w-]+)\/login"/.exec(html);
    if (response.status !== 200 || form?.[1] === undefined) {
      throw new Error(`The provider answered ${String(response.status)} at ${url.pathname}`);
    }
    if ('cancel' in action) {
      url = new URL(`${form[1]}/abort`, url);
      body = new URLSearchParams();
    } else if (html.includes('id="problem"')) {
      throw new Error(`The provider refused the login ${action.login}`);
    } else {
      url = new URL(`${form[1]}/login`, url);
      body = new URLSearchParams({ login: action.login });
    }
  }
  throw new Error('Too many redirects at the provider');
}
