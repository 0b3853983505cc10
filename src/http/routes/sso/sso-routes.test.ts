/**
 * Single sign-on against a REAL OpenID provider (oidc-provider, test/oidc-provider.ts)
 * over HTTP, on both backends (issue 21 §4): an administrator saves the provider
 * (secret encrypted, never returned); a person signs on through the provider's login
 * form and comes back logged in, their account created with the default role and
 * their organisation found by SIRET; an existing account is linked by its verified
 * address. Hostile cases each end on the login page with their code (and a French
 * sentence), never a 500: a forged state, a replayed callback, an id_token issued
 * to another client, an unverified address, a disallowed domain, an issuer that
 * is not the configured one, an administrator. Password login switched off for a
 * domain refuses the password and names the provider.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, logIn, makeUser, testPassword } from '../../../../test/http.ts';
import { inboundDeps } from '../../../../test/mail.ts';
import {
  CookieJar,
  followFlow,
  jarFetch,
  startTestProvider,
  type TestProvider,
} from '../../../../test/oidc-provider.ts';
import { freePort } from '../../../../test/ports.ts';
import { createUser } from '../../../domain/users/manage-users.ts';
import { type SsoProviderInput, ssoErrorMessages } from '../../../shared/sso-contracts.ts';

const siret = '13002526500013';

describeEachBackend('single sign-on with a real OpenID provider', (ctx) => {
  let app: FastifyInstance;
  let provider: TestProvider;
  let base = '';
  let admin: { cookie: string; csrfToken: string };
  let existing: Awaited<ReturnType<typeof makeUser>>;
  let organisationId = '';

  const providerInput = (issuer: string): SsoProviderInput => ({
    slug: 'proconnect',
    label: 'ProConnect',
    issuer,
    clientId: 'guichet',
    clientSecret: 'guichet-client-secret-0123456789',
    scopes: 'openid email given_name usual_name siret',
    defaultRole: 'viewer',
    allowedDomains: ['partenaire.example.org', 'example.org'],
    verifiesEmail: false,
    passwordOffDomains: ['partenaire.example.org'],
    enabled: true,
  });

  const adminCall = (
    method: 'POST' | 'PUT' | 'PATCH' | 'GET' | 'DELETE',
    url: string,
    payload?: unknown,
  ) =>
    app.inject({
      method,
      url,
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, origin: base },
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  /** Signs on as `login`; returns where Guichet sent the browser and the jar. */
  async function signOn(login: string, slug = 'proconnect') {
    const jar = new CookieJar();
    const end = await followFlow(jar, `${base}/auth/sso/${slug}/start`, {
      login,
      stopAt: `${base}/?`,
    });
    if (end.response) await end.response.body?.cancel();
    const landed = new URL(end.url);
    return { jar, landed, code: landed.searchParams.get('sso') };
  }

  async function sessionOfJar(jar: CookieJar) {
    const response = await jarFetch(jar, `${base}/api/auth/session`);
    return {
      status: response.status,
      body: (await response.json()) as { user?: { email: string; role: string; name: string } },
    };
  }

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    provider = await startTestProvider({
      clients: [
        {
          clientId: 'guichet',
          clientSecret: 'guichet-client-secret-0123456789',
          redirectUris: [
            `${base}/auth/sso/proconnect/callback`,
            `${base}/auth/sso/mauvais/callback`,
          ],
        },
        {
          clientId: 'other-client',
          clientSecret: 'other-secret-0123456789',
          redirectUris: ['http://127.0.0.1:9/cb'],
        },
      ],
      accounts: {
        agnes: {
          email: 'Agnes.Martin@partenaire.example.org',
          givenName: 'Agnès',
          usualName: 'Martin',
          siret,
        },
        unverified: { email: 'paul@partenaire.example.org', emailVerified: false },
        outsider: { email: 'eve@elsewhere.example.net' },
        nomail: { email: '' },
      },
    });
    app = await buildTestApp(ctx.database, base, {
      mail: { inbound: await inboundDeps(ctx.db), credentialsKey: randomBytes(32) },
    });
    await app.listen({ host: '127.0.0.1', port });
    expect((app.server.address() as AddressInfo).port).toBe(port);
    const adminUser = await makeUser(ctx.database, 'admin');
    admin = await logIn(app, adminUser.email);
    existing = await makeUser(ctx.database, 'agent');
    const organisation = await ctx.db
      .insertInto('organisations')
      .values({ name: `Bailleur social ${Date.now()}` })
      .returning('id')
      .executeTakeFirstOrThrow();
    organisationId = organisation.id;
  });
  afterAll(async () => {
    await app?.close();
    await provider?.close();
  });

  it('lets an administrator save a provider: secret stored encrypted, never returned; bad input is a 400', async () => {
    const created = await adminCall(
      'POST',
      '/api/admin/sso/providers',
      providerInput(provider.issuer),
    );
    expect(created.statusCode, created.body).toBe(201);
    const dto = created.json();
    expect(dto).toMatchObject({
      slug: 'proconnect',
      label: 'ProConnect',
      hasClientSecret: true,
      redirectUri: `${base}/auth/sso/proconnect/callback`,
    });
    expect(created.body).not.toContain('guichet-client-secret');
    const stored = await ctx.db.selectFrom('sso_providers').selectAll().executeTakeFirstOrThrow();
    expect(stored.client_secret_enc).toMatch(/^v1:/);
    expect(stored.client_secret_enc).not.toContain('guichet-client-secret');

    const bad = [
      { ...providerInput(provider.issuer), slug: 'Pro Connect' },
      { ...providerInput(provider.issuer), scopes: 'email profile' },
      { ...providerInput(provider.issuer), defaultRole: 'admin' },
      { ...providerInput(provider.issuer), issuer: 'javascript:alert(1)' },
      { ...providerInput(provider.issuer), allowedDomains: ['not a domain'] },
      { ...providerInput(provider.issuer), slug: 'x'.repeat(400) },
    ];
    for (const body of bad) {
      const answer = await adminCall('POST', '/api/admin/sso/providers', body);
      expect(answer.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const duplicate = await adminCall(
      'POST',
      '/api/admin/sso/providers',
      providerInput(provider.issuer),
    );
    expect(duplicate.statusCode).toBe(409);
    expect(
      (
        await adminCall(
          'PUT',
          '/api/admin/sso/providers/not-a-uuid',
          providerInput(provider.issuer),
        )
      ).statusCode,
    ).toBe(404);
    // The same provider under another host name: its discovery names another issuer.
    const wrongIssuer = await adminCall('POST', '/api/admin/sso/providers', {
      ...providerInput(provider.otherIssuer),
      slug: 'mauvais',
      label: 'Mauvais émetteur',
      passwordOffDomains: [],
    });
    expect(wrongIssuer.statusCode).toBe(201);

    const options = await app.inject({ method: 'GET', url: '/api/auth/sso/options' });
    expect(options.json()).toEqual({
      providers: [
        { slug: 'mauvais', label: 'Mauvais émetteur', startUrl: '/auth/sso/mauvais/start' },
        { slug: 'proconnect', label: 'ProConnect', startUrl: '/auth/sso/proconnect/start' },
      ],
      passwordOff: [{ domain: 'partenaire.example.org', slug: 'proconnect' }],
    });
  });

  it('signs a new person on through the provider: account created with the default role, organisation by SIRET', async () => {
    // The directory holds the establishment's SIRET (typed with spaces); a malformed one is a 400.
    const bad = await adminCall('PATCH', `/api/organisations/${organisationId}`, { siret: '123' });
    expect(bad.statusCode).toBe(400);
    const set = await adminCall('PATCH', `/api/organisations/${organisationId}`, {
      siret: '130 025 265 00013',
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    const listed = await adminCall('GET', `/api/organisations/${organisationId}`);
    expect(listed.json().siret).toBe(siret);
    const { jar, landed, code } = await signOn('agnes');
    expect(code).toBeNull();
    expect(landed.pathname).toBe('/');
    const session = await sessionOfJar(jar);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({
      email: 'agnes.martin@partenaire.example.org',
      role: 'viewer',
      name: 'Agnès Martin',
    });
    const user = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', 'agnes.martin@partenaire.example.org')
      .executeTakeFirstOrThrow();
    expect(user.password_hash).toBeNull();
    const membership = await ctx.db
      .selectFrom('user_organisations')
      .selectAll()
      .where('user_id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(membership.organisation_id).toBe(organisationId);
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where((eb) => eb.or([eb('actor_user_id', '=', user.id), eb('target_id', '=', user.id)]))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'user.created',
      'sso.account_linked',
      'auth.login',
    ]);
    expect(actions[2]?.details).toMatchObject({ method: 'sso', provider: 'proconnect' });

    // A second sign-on finds the same account by its subject.
    const again = await signOn('agnes');
    expect(again.code).toBeNull();
    expect((await sessionOfJar(again.jar)).body.user?.email).toBe(user.email);
    const count = await ctx.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('email', '=', user.email)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('links an existing account by its verified address, keeping its role', async () => {
    // The provider's account carries the existing agent's address.
    const jar = new CookieJar();
    const login = `email:${existing.email}`;
    const end = await followFlow(jar, `${base}/auth/sso/proconnect/start`, {
      login,
      stopAt: `${base}/?`,
    });
    await end.response?.body?.cancel();
    expect(new URL(end.url).searchParams.get('sso')).toBeNull();
    const session = await sessionOfJar(jar);
    expect(session.body.user).toMatchObject({ email: existing.email, role: 'agent' });
    const identity = await ctx.db
      .selectFrom('sso_identities')
      .selectAll()
      .where('user_id', '=', existing.user.id)
      .executeTakeFirst();
    expect(identity?.subject).toBe(login);
  });

  it('refuses a forged state and a callback without the browser’s state cookie', async () => {
    const jar = new CookieJar();
    const end = await followFlow(jar, `${base}/auth/sso/proconnect/start`, {
      login: 'agnes',
      stopAt: `${base}/auth/sso/proconnect/callback`,
    });
    const forged = new URL(end.url);
    forged.searchParams.set('state', 'forged-state-value');
    const answer = await jarFetch(jar, forged);
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toBe('/?sso=state');
    // The real state, from another browser (no cookie).
    const stranger = await jarFetch(new CookieJar(), end.url);
    expect(stranger.headers.get('location')).toBe('/?sso=state');
  });

  it('says so when the person cancels at the provider, and when the provider is down', async () => {
    const jar = new CookieJar();
    const start = await jarFetch(jar, `${base}/auth/sso/proconnect/start`);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    const state = authorize.searchParams.get('state') ?? '';
    const cancelled = await jarFetch(
      jar,
      `${base}/auth/sso/proconnect/callback?error=access_denied&error_description=annul%C3%A9&state=${state}`,
    );
    expect(cancelled.headers.get('location')).toBe('/?sso=provider');

    const down = await adminCall('POST', '/api/admin/sso/providers', {
      ...providerInput(`http://127.0.0.1:${await freePort()}`),
      slug: 'eteint',
      label: 'Éteint',
      passwordOffDomains: [],
    });
    expect(down.statusCode).toBe(201);
    expect((await signOn('agnes', 'eteint')).code).toBe('unavailable');
    expect(
      (await adminCall('DELETE', `/api/admin/sso/providers/${down.json().id}`)).statusCode,
    ).toBe(204);
  });

  it('refuses a replayed callback: the code and its state are spent at the first use', async () => {
    const jar = new CookieJar();
    const end = await followFlow(jar, `${base}/auth/sso/proconnect/start`, {
      login: 'agnes',
      stopAt: `${base}/auth/sso/proconnect/callback`,
    });
    const cookieBefore = jar.header(new URL(base));
    const first = await fetch(end.url, { headers: { cookie: cookieBefore }, redirect: 'manual' });
    expect(first.headers.get('location')).toBe('/');
    const replay = await fetch(end.url, { headers: { cookie: cookieBefore }, redirect: 'manual' });
    expect(replay.status).toBe(302);
    expect(replay.headers.get('location')).toBe('/?sso=state');
    expect(replay.headers.getSetCookie().some((c) => c.startsWith('guichet_session='))).toBe(false);
  });

  it('refuses an id_token issued to another client (wrong audience)', async () => {
    provider.hostile.idTokenAudience = 'other-client';
    try {
      const { code, jar } = await signOn('agnes');
      expect(code).toBe('token');
      expect((await sessionOfJar(jar)).status).toBe(401);
    } finally {
      provider.hostile.idTokenAudience = null;
    }
  });

  it('refuses an unverified address, a disallowed domain, a missing address, a wrong issuer, an unknown provider', async () => {
    expect((await signOn('unverified')).code).toBe('email_unverified');
    expect((await signOn('outsider')).code).toBe('domain');
    expect((await signOn('nomail')).code).toBe('email_missing');
    expect((await signOn('agnes', 'mauvais')).code).toBe('issuer');
    expect((await signOn('agnes', 'inconnu')).code).toBe('unknown_provider');
    for (const slug of ['..%2F..%00', '%E0%A4%A', 'a'.repeat(300), 'PROCONNECT']) {
      const answer = await fetch(`${base}/auth/sso/${slug}/callback?code=x&state=y`, {
        redirect: 'manual',
      });
      expect(answer.status, slug).toBeLessThan(500);
      expect(answer.status, slug).toBeGreaterThanOrEqual(300);
    }
    const refusals = await ctx.db
      .selectFrom('audit_events')
      .select('details')
      .where('action', '=', 'auth.sso_refused')
      .execute();
    const codes = refusals.map((r) => (r.details as { code: string }).code);
    for (const code of [
      'state',
      'token',
      'email_unverified',
      'domain',
      'email_missing',
      'issuer',
      'unknown_provider',
    ])
      expect(codes).toContain(code);
    for (const code of codes)
      expect(ssoErrorMessages[code as keyof typeof ssoErrorMessages]).toMatch(
        /connexion|fournisseur|domaine/i,
      );
  });

  it('never opens an administrator’s session by sign-on', async () => {
    const adminUser = await makeUser(ctx.database, 'admin');
    const { code, jar } = await signOn(`email:${adminUser.email}`);
    expect(code).toBe('administrator');
    expect((await sessionOfJar(jar)).status).toBe(401);
  });

  it('refuses a password for a password-off domain and names the provider; administrators keep theirs', async () => {
    const person = await createUser(
      ctx.db,
      {
        email: `claire.${Date.now()}@partenaire.example.org`,
        name: 'Claire',
        role: 'agent',
        password: testPassword,
      },
      { userId: null, label: 'test' },
    );
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: person.email, password: testPassword },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatchObject({ code: 'forbidden', ssoProvider: 'proconnect' });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'nobody@partenaire.example.org', password: 'whatever-password' },
    });
    expect(unknown.statusCode).toBe(403);
    const boss = await createUser(
      ctx.db,
      {
        email: `chef.${Date.now()}@partenaire.example.org`,
        name: 'Chef',
        role: 'admin',
        password: testPassword,
      },
      { userId: null, label: 'test' },
    );
    expect((await logIn(app, boss.email)).csrfToken).toBeTruthy();
  });
});
