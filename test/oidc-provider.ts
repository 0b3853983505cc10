/**
 * A real OpenID Connect provider for the single sign-on tests (issue 21 §4):
 * oidc-provider on a free port of 127.0.0.1, with its development login form
 * (any password; the login names an account below), PKCE required, ProConnect's
 * claims (email, given_name, usual_name, siret — each its own scope) served by
 * the userinfo endpoint, and consent granted at once (a first-party client).
 *
 * `hostile.idTokenAudience` makes the token endpoint answer with an id_token
 * signed by the provider's own key but issued to another client (the wrong
 * audience case): the provider is real, only that answer is altered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt, exportJWK, generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import Provider, { type KoaContext } from 'oidc-provider';

export type TestAccount = {
  email: string;
  emailVerified?: boolean;
  givenName?: string;
  usualName?: string;
  siret?: string;
};

export type TestClient = { clientId: string; clientSecret: string; redirectUris: string[] };

export type TestProvider = {
  issuer: string;
  /** The same provider seen under another host name: its discovery names `issuer`, not this. */
  otherIssuer: string;
  hostile: { idTokenAudience: string | null };
  close(): Promise<void>;
};

const claimScopes = {
  email: ['email', 'email_verified'],
  given_name: ['given_name'],
  usual_name: ['usual_name'],
  siret: ['siret'],
};

export async function startTestProvider(options: {
  clients: TestClient[];
  /** By login name (the dev login form's "login" field); `email:ADDRESS` is also an account. */
  accounts: Record<string, TestAccount>;
}): Promise<TestProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(privateKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const hostile: TestProvider['hostile'] = { idTokenAudience: null };

  const provider = new Provider(issuer, {
    clients: options.clients.map((c) => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
    })),
    jwks: { keys: [jwk] },
    cookies: { keys: ['test-provider-cookie-key-0123456789'] },
    claims: claimScopes,
    scopes: ['openid', ...Object.keys(claimScopes)],
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: unknown, id: string) => {
      // `email:ADDRESS` signs on as a verified account of that address.
      const account =
        options.accounts[id] ?? (id.startsWith('email:') ? { email: id.slice(6) } : undefined);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({
          sub: id,
          email: account.email,
          email_verified: account.emailVerified ?? true,
          given_name: account.givenName,
          usual_name: account.usualName,
          siret: account.siret,
        }),
      };
    },
    // A first-party client: what it asks for is granted without a consent screen.
    loadExistingGrant: async (ctx: {
      oidc: {
        client: { clientId: string };
        session: { accountId: string };
        params: { scope: string };
      };
    }) => {
      const grant = new provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope(ctx.oidc.params.scope);
      await grant.save();
      return grant;
    },
  });

  provider.use(async (ctx: KoaContext, next) => {
    await next();
    const audience = hostile.idTokenAudience;
    if (!audience || ctx.path !== '/token' || ctx.status !== 200) return;
    const body = ctx.body as { id_token?: string };
    if (!body.id_token) return;
    const claims = decodeJwt(body.id_token);
    const key = await importJWK(jwk, 'RS256');
    body.id_token = await new SignJWT({ ...claims, aud: audience, azp: audience })
      .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
      .sign(key);
  });

  handler = provider.callback();
  return {
    issuer,
    otherIssuer: `http://localhost:${port}`,
    hostile,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A cookie jar for the test's own HTTP client: per host, name → value. */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    const jar = this.#cookies.get(url.host);
    return jar ? [...jar].map(([k, v]) => `${k}=${v}`).join('; ') : '';
  }

  store(url: URL, response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (!pair || at < 1) continue;
      const jar = this.#cookies.get(url.host) ?? new Map<string, string>();
      const value = pair.slice(at + 1);
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line))
        jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), value);
      this.#cookies.set(url.host, jar);
    }
  }
}

/** One request with the jar's cookies, never following redirects. */
export async function jarFetch(
  jar: CookieJar,
  url: string | URL,
  init: RequestInit = {},
): Promise<Response> {
  const target = new URL(url);
  const headers = new Headers(init.headers);
  const cookie = jar.header(target);
  if (cookie) headers.set('cookie', cookie);
  const response = await fetch(target, { ...init, headers, redirect: 'manual' });
  jar.store(target, response);
  return response;
}

/**
 * Follows redirects from `url` until a response is not one, or until the next
 * address starts with `stopAt` (returned, not fetched). The provider's login
 * form is filled with `login` on the way.
 */
export async function followFlow(
  jar: CookieJar,
  url: string,
  options: { login: string; stopAt?: string },
): Promise<{ response: Response | null; url: string }> {
  let current = url;
  for (let hop = 0; hop < 20; hop += 1) {
    if (options.stopAt && current.startsWith(options.stopAt))
      return { response: null, url: current };
    const response = await jarFetch(jar, current);
    const location = response.headers.get('location');
    if (location && response.status >= 300 && response.status < 400) {
      await response.body?.cancel();
      current = new URL(location, current).toString();
      continue;
    }
    const html = response.status === 200 ? await response.clone().text() : '';
    const form =
      /<form[^>]*action="([^"]+)"[^>]*>\s*<input type="hidden" name="prompt" value="login"/.exec(
        html,
      );
    if (form?.[1]) {
      const action = new URL(form[1], current);
      const posted = await jarFetch(jar, action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          prompt: 'login',
          login: options.login,
          password: 'any',
        }).toString(),
      });
      const next = posted.headers.get('location');
      await posted.body?.cancel();
      if (!next) throw new Error(`the provider's login form answered ${posted.status}`);
      current = new URL(next, action).toString();
      continue;
    }
    return { response, url: current };
  }
  throw new Error('too many redirects');
}
