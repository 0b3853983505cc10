/**
 * Users management and account links over HTTP, on both backends: the role ×
 * endpoint table, mass-assignment refusal, the administrator rules, disabling
 * (an open session gets 401 on its next request), mailbox scope, invitation
 * and reset links (single use, expiry, reuse), and the second factor.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../../test/factories.ts';
import {
  buildTestApp,
  type LoggedIn,
  logIn,
  makeUser,
  testPassword,
  testSecret,
} from '../../../../test/http.ts';
import type { Role } from '../../../db/schema.ts';
import { createMailSigner } from '../../../domain/signing/mail-signer.ts';
import { totpCode } from '../../../domain/users/totp.ts';
import { composeMail } from '../../../mail/outbound/compose-mail.ts';
import type { MailboxListDto, UserListDto } from '../../../shared/contracts.ts';

const signer = createMailSigner(testSecret);
const newPassword = 'a brand new passphrase 42';

type Who = 'anonymous' | Role;
const everyone: Who[] = ['anonymous', 'viewer', 'agent', 'supervisor', 'admin'];

describeEachBackend('users and access routes', (ctx) => {
  let app: FastifyInstance;
  const as: Partial<Record<Role, LoggedIn>> = {};
  let mailboxes: Record<string, string> = {};

  beforeAll(async () => {
    app = await buildTestApp(ctx.database);
    mailboxes = await withDefaultConfiguration(ctx.db);
    for (const role of ['viewer', 'agent', 'supervisor', 'admin'] as const)
      as[role] = await logIn(app, (await makeUser(ctx.database, role)).email);
  });
  afterAll(async () => {
    await app.close();
  });

  const call = (
    who: LoggedIn | null | undefined,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    payload?: unknown,
    ip = '127.0.0.1',
  ): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      payload: payload as Record<string, unknown> | undefined,
      remoteAddress: ip,
      headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {},
    });
  const callAs = (
    who: Who,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT',
    url: string,
    body?: unknown,
  ) => call(who === 'anonymous' ? null : as[who], method, url, body);

  /** The link token of the latest account mail sent to `email`, read from the composed mail. */
  async function linkTokenFor(email: string): Promise<string> {
    const row = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('to_address', '=', email)
      .where('kind', '=', 'account')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    const mail = await composeMail(
      { db: ctx.db, signer, publicUrl: new URL('http://localhost:3000') },
      row,
    );
    const text = mail.raw.toString('utf8').replace(/=\r\n/g, '');
    const match = /http:\/\/localhost:3000\/account\/(?:invitation|reset)#([A-Za-z0-9_-]{43})/.exec(
      text,
    );
    if (!match?.[1]) throw new Error(`no link in the mail:\n${text}`);
    return match[1];
  }

  async function invite(role: Role, extra: Record<string, unknown> = {}, by: Role = 'admin') {
    const email = `invited-${role}-${Math.random().toString(36).slice(2, 8)}@example.org`;
    const response = await callAs(by, 'POST', '/api/users/invitations', {
      email,
      name: `Invited ${role}`,
      role,
      ...extra,
    });
    return { email, response };
  }

  describe('role × endpoint table', () => {
    const target = async () => (await makeUser(ctx.database, 'agent')).user.id;
    const cases: {
      name: string;
      request: () => Promise<
        [method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, body?: unknown]
      >;
      expected: Record<Who, number>;
    }[] = [
      {
        name: 'GET /api/users',
        request: async () => ['GET', '/api/users'],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 200, admin: 200 },
      },
      {
        name: 'POST /api/users/invitations',
        request: async () => [
          'POST',
          '/api/users/invitations',
          {
            email: `matrix-${Math.random().toString(36).slice(2)}@example.org`,
            name: 'Matrix',
            role: 'agent',
          },
        ],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 201, admin: 201 },
      },
      {
        name: 'PATCH /api/users/:id',
        request: async () => ['PATCH', `/api/users/${await target()}`, { role: 'viewer' }],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 200, admin: 200 },
      },
      {
        name: 'POST /api/users/:id/disable',
        request: async () => ['POST', `/api/users/${await target()}/disable`],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 200, admin: 200 },
      },
      {
        name: 'POST /api/users/:id/enable',
        request: async () => ['POST', `/api/users/${await target()}/enable`],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 200, admin: 200 },
      },
      {
        name: 'PUT /api/users/:id/mailboxes',
        request: async () => [
          'PUT',
          `/api/users/${await target()}/mailboxes`,
          { mailboxes: [mailboxes.demandeurs] },
        ],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 204, admin: 204 },
      },
      {
        name: 'GET /api/audit',
        request: async () => ['GET', '/api/audit'],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 200, admin: 200 },
      },
      {
        name: 'GET /api/account/second-factor',
        request: async () => ['GET', '/api/account/second-factor'],
        expected: { anonymous: 401, viewer: 200, agent: 200, supervisor: 200, admin: 200 },
      },
      {
        name: 'POST /api/account/second-factor/confirm (wrong code)',
        request: async () => ['POST', '/api/account/second-factor/confirm', { code: '000000' }],
        expected: { anonymous: 401, viewer: 403, agent: 403, supervisor: 403, admin: 400 },
      },
      {
        name: 'GET /api/account/links/invitation (unknown token)',
        request: async () => ['GET', `/api/account/links/invitation?token=${'A'.repeat(43)}`],
        expected: { anonymous: 404, viewer: 404, agent: 404, supervisor: 404, admin: 404 },
      },
      {
        name: 'POST /api/account/invitation (unknown token)',
        request: async () => [
          'POST',
          '/api/account/invitation',
          { token: 'A'.repeat(43), password: newPassword },
        ],
        expected: { anonymous: 404, viewer: 404, agent: 404, supervisor: 404, admin: 404 },
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const got: Record<string, number> = {};
        for (const who of everyone) {
          const [method, url, body] = await c.request();
          got[who] = (await callAs(who, method, url, body)).statusCode;
        }
        expect(got).toEqual(c.expected);
      });
    }
  });

  it('refuses fields a caller may not set (strict bodies), and hostile input with 4xx', async () => {
    const id = (await makeUser(ctx.database, 'agent')).user.id;
    for (const body of [
      { role: 'agent', password_hash: 'x' },
      { disabled_at: null },
      { role: 'agent', all_mailboxes: true },
      { email: 'other@example.org' },
      {},
      { role: 'root' },
      { name: '' },
    ]) {
      const response = await callAs('admin', 'PATCH', `/api/users/${id}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
    }
    const invitation = await callAs('admin', 'POST', '/api/users/invitations', {
      email: 'mass@example.org',
      name: 'Mass',
      role: 'agent',
      password: 'chosen-by-inviter-123',
    });
    expect(invitation.statusCode).toBe(400);
    for (const body of [
      { email: 'not-an-address', name: 'X', role: 'agent' },
      { email: 'x@example.org', name: 'X', role: 'agent', mailboxes: ['not-a-uuid'] },
      { email: 'x@example.org', name: 'X', role: 'agent', mailboxes: 'some' },
      { email: 'x@example.org', name: 'X'.repeat(500), role: 'agent' },
    ]) {
      expect((await callAs('admin', 'POST', '/api/users/invitations', body)).statusCode).toBe(400);
    }
    // An unknown (well-formed) mailbox id is a clear 400, not a foreign-key 500.
    const unknownMailbox = await callAs('admin', 'POST', '/api/users/invitations', {
      email: 'unknown-mailbox@example.org',
      name: 'X',
      role: 'agent',
      mailboxes: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(unknownMailbox.statusCode).toBe(400);
    expect(
      (await callAs('admin', 'PATCH', '/api/users/not-a-uuid', { role: 'agent' })).statusCode,
    ).toBe(404);
    expect(
      (
        await callAs('admin', 'PATCH', '/api/users/00000000-0000-4000-8000-000000000000', {
          role: 'agent',
        })
      ).statusCode,
    ).toBe(404);
    const garbage = await app.inject({
      method: 'POST',
      url: '/api/users/invitations',
      payload: '{"email": ',
      headers: {
        cookie: as.admin?.cookie ?? '',
        'x-csrf-token': as.admin?.csrfToken ?? '',
        'content-type': 'application/json',
      },
    });
    expect(garbage.statusCode).toBe(400);
    // The e-mail of an existing account: 409.
    const { email } = await makeUser(ctx.database, 'viewer');
    const taken = await callAs('admin', 'POST', '/api/users/invitations', {
      email,
      name: 'Again',
      role: 'viewer',
    });
    expect(taken.statusCode).toBe(409);
  });

  it('lets only an administrator create, promote or touch administrators', async () => {
    expect((await invite('admin', {}, 'supervisor')).response.statusCode).toBe(403);
    const agent = (await makeUser(ctx.database, 'agent')).user.id;
    expect(
      (await callAs('supervisor', 'PATCH', `/api/users/${agent}`, { role: 'admin' })).statusCode,
    ).toBe(403);
    expect(
      (await callAs('supervisor', 'PATCH', `/api/users/${agent}`, { role: 'supervisor' }))
        .statusCode,
    ).toBe(200);
    const admin = (await makeUser(ctx.database, 'admin')).user.id;
    for (const [method, url, body] of [
      ['PATCH', `/api/users/${admin}`, { role: 'agent' }],
      ['POST', `/api/users/${admin}/disable`, undefined],
    ] as const) {
      expect((await callAs('supervisor', method, url, body)).statusCode).toBe(403);
    }
    expect(
      (await callAs('admin', 'PATCH', `/api/users/${agent}`, { role: 'admin' })).statusCode,
    ).toBe(200);
    // Supervisors and admins see every mailbox: a scope for them is refused.
    expect(
      (await callAs('admin', 'PUT', `/api/users/${agent}/mailboxes`, { mailboxes: [] })).statusCode,
    ).toBe(409);
  });

  it('never demotes or disables the last active administrator, nor one’s own account', async () => {
    const admin = as.admin;
    const me = await ctx.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .select('users.id')
      .where('users.role', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect((await call(admin, 'POST', `/api/users/${me.id}/disable`)).statusCode).toBe(409);
    // Every other administrator disabled: the last one cannot be demoted.
    await ctx.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('role', '=', 'admin')
      .where('id', '<>', me.id)
      .execute();
    const demote = await call(admin, 'PATCH', `/api/users/${me.id}`, { role: 'supervisor' });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/last active administrator/);
    const row = await ctx.db
      .selectFrom('users')
      .select('role')
      .where('id', '=', me.id)
      .executeTakeFirstOrThrow();
    expect(row.role).toBe('admin');
  });

  it('disables at once: the open session gets 401 on its next request; re-enabling works', async () => {
    const { user, email } = await makeUser(ctx.database, 'agent');
    const session = await logIn(app, email);
    expect((await call(session, 'GET', '/api/mailboxes')).statusCode).toBe(200);
    const disabled = await callAs('supervisor', 'POST', `/api/users/${user.id}/disable`);
    expect(disabled.statusCode).toBe(200);
    expect((await call(session, 'GET', '/api/mailboxes')).statusCode).toBe(401);
    expect((await call(session, 'GET', '/api/auth/session')).statusCode).toBe(401);
    const sessions = await ctx.db
      .selectFrom('sessions')
      .select('id')
      .where('user_id', '=', user.id)
      .execute();
    expect(sessions).toEqual([]);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: testPassword },
      remoteAddress: '10.9.9.9',
    });
    expect(login.statusCode).toBe(401);
    expect((await callAs('supervisor', 'POST', `/api/users/${user.id}/enable`)).statusCode).toBe(
      200,
    );
    expect((await logIn(app, email, testPassword, '10.9.9.10')).response.statusCode).toBe(200);
    const list = (await callAs('supervisor', 'GET', '/api/users')).json<UserListDto>();
    const listed = list.users.find((u) => u.id === user.id);
    expect(listed).toMatchObject({ disabled: false, mailboxes: 'all', invitationPending: false });
    expect(JSON.stringify(list)).not.toMatch(/password|argon2/);
  });

  it('sets which mailboxes an agent sees, shown in the list and in its mailbox list', async () => {
    const { user, email } = await makeUser(ctx.database, 'viewer');
    const viewer = await logIn(app, email);
    const visible = async () =>
      (await call(viewer, 'GET', '/api/mailboxes'))
        .json<MailboxListDto>()
        .mailboxes.map((m) => m.slug)
        .sort();
    expect(await visible()).toEqual(['demandeurs', 'partenaires']);
    const demandeurs = mailboxes.demandeurs ?? '';
    expect(
      (
        await callAs('supervisor', 'PUT', `/api/users/${user.id}/mailboxes`, {
          mailboxes: [demandeurs],
        })
      ).statusCode,
    ).toBe(204);
    let listed = (await callAs('supervisor', 'GET', '/api/users'))
      .json<UserListDto>()
      .users.find((u) => u.id === user.id);
    expect(listed?.mailboxes).toEqual([demandeurs]);
    expect(await visible()).toEqual(['demandeurs']);
    // Supervisors and admins still see every mailbox (the users screen offers them all).
    expect(
      (await callAs('supervisor', 'GET', '/api/mailboxes')).json<MailboxListDto>().mailboxes,
    ).toHaveLength(2);
    expect(
      (await callAs('supervisor', 'PUT', `/api/users/${user.id}/mailboxes`, { mailboxes: 'all' }))
        .statusCode,
    ).toBe(204);
    listed = (await callAs('supervisor', 'GET', '/api/users'))
      .json<UserListDto>()
      .users.find((u) => u.id === user.id);
    expect(listed?.mailboxes).toBe('all');
    expect(await visible()).toEqual(['demandeurs', 'partenaires']);
  });

  it('invites by e-mail: one link, used once, then the account logs in', async () => {
    const { email, response } = await invite('agent', { mailboxes: [mailboxes.partenaires] });
    expect(response.statusCode).toBe(201);
    const row = await ctx.db
      .selectFrom('users')
      .selectAll()
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toBeNull();
    expect(row.all_mailboxes).toBe(false);
    // The token is stored only as a hash.
    const token = await linkTokenFor(email);
    const stored = await ctx.db
      .selectFrom('account_tokens')
      .selectAll()
      .where('user_id', '=', row.id)
      .execute();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
    // An invited account cannot log in before choosing a password.
    const early = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'anything at all 123' },
      remoteAddress: '10.1.1.1',
    });
    expect(early.statusCode).toBe(401);
    const peek = await call(null, 'GET', `/api/account/links/invitation?token=${token}`);
    expect(peek.statusCode).toBe(200);
    expect(peek.json()).toEqual({ email, name: 'Invited agent' });
    // The wrong purpose does not work.
    expect(
      (await call(null, 'GET', `/api/account/links/password_reset?token=${token}`)).statusCode,
    ).toBe(404);
    // A weak password is refused and does not use the link up.
    expect(
      (await call(null, 'POST', '/api/account/invitation', { token, password: 'short' }))
        .statusCode,
    ).toBe(400);
    expect(
      (await call(null, 'POST', '/api/account/invitation', { token, password: newPassword }))
        .statusCode,
    ).toBe(204);
    // Reuse: refused.
    expect(
      (await call(null, 'POST', '/api/account/invitation', { token, password: `${newPassword}!` }))
        .statusCode,
    ).toBe(404);
    expect((await logIn(app, email, newPassword, '10.1.1.2')).response.statusCode).toBe(200);
    const audit = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', row.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['user.invitation_accepted', 'user.invited']);
  });

  it('refuses an expired link and a link replaced by a newer one', async () => {
    const { email } = await invite('viewer');
    const first = await linkTokenFor(email);
    const user = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect((await callAs('admin', 'POST', `/api/users/${user.id}/invitation`)).statusCode).toBe(
      200,
    );
    const second = await linkTokenFor(email);
    expect(second).not.toBe(first);
    expect(
      (await call(null, 'POST', '/api/account/invitation', { token: first, password: newPassword }))
        .statusCode,
    ).toBe(404);
    await ctx.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('user_id', '=', user.id)
      .execute();
    expect(
      (
        await call(null, 'POST', '/api/account/invitation', {
          token: second,
          password: newPassword,
        })
      ).statusCode,
    ).toBe(404);
    for (const [i, token] of ['', 'x', `${'A'.repeat(43)}'--`, 'A'.repeat(300)].entries()) {
      const response = await call(
        null,
        'POST',
        '/api/account/invitation',
        {
          token,
          password: newPassword,
        },
        `10.5.5.${i}`,
      );
      expect([400, 404]).toContain(response.statusCode);
    }
  });

  it('resets a password: same answer for unknown addresses, single use, sessions ended', async () => {
    const { user, email } = await makeUser(ctx.database, 'agent');
    const open = await logIn(app, email, testPassword, '10.2.2.1');
    const known = await call(
      null,
      'POST',
      '/api/account/password-reset/request',
      { email },
      '10.2.2.2',
    );
    const unknown = await call(
      null,
      'POST',
      '/api/account/password-reset/request',
      { email: 'nobody-here@example.org' },
      '10.2.2.3',
    );
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    // A second request right away sends no second mail.
    await call(null, 'POST', '/api/account/password-reset/request', { email }, '10.2.2.4');
    const mails = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', email)
      .execute();
    expect(mails).toHaveLength(1);
    const noMail = await ctx.db
      .selectFrom('outbox')
      .select('id')
      .where('to_address', '=', 'nobody-here@example.org')
      .execute();
    expect(noMail).toEqual([]);
    const token = await linkTokenFor(email);
    expect(
      (await call(null, 'POST', '/api/account/password-reset', { token, password: newPassword }))
        .statusCode,
    ).toBe(204);
    expect((await call(open, 'GET', '/api/mailboxes')).statusCode).toBe(401);
    expect(
      (await call(null, 'POST', '/api/account/password-reset', { token, password: newPassword }))
        .statusCode,
    ).toBe(404);
    expect((await logIn(app, email, newPassword, '10.2.2.5')).response.statusCode).toBe(200);
    const actions = await ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', user.id)
      .execute();
    expect(actions.map((a) => a.action)).toContain('auth.password_reset');
  });

  it('rate-limits reset requests per address of origin', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (
          await call(
            null,
            'POST',
            '/api/account/password-reset/request',
            { email: `r${i}@example.org` },
            '10.3.3.3',
          )
        ).statusCode,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([202, 202, 202, 202, 202]);
    expect(statuses.at(-1)).toBe(429);
  });

  it('enrols an administrator in TOTP; login then asks for the code; recovery codes work once', async () => {
    const { email } = await makeUser(ctx.database, 'admin');
    const admin = await logIn(app, email, testPassword, '10.4.4.1');
    const enrol = await call(admin, 'POST', '/api/account/second-factor');
    expect(enrol.statusCode).toBe(200);
    const { secret, otpauthUri } = enrol.json<{ secret: string; otpauthUri: string }>();
    expect(otpauthUri).toContain(`secret=${secret}`);
    const confirm = await call(admin, 'POST', '/api/account/second-factor/confirm', {
      code: totpCode(secret, new Date()),
    });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = confirm.json<{ recoveryCodes: string[] }>();
    expect(recoveryCodes).toHaveLength(10);
    const stored = await ctx.db.selectFrom('user_recovery_codes').select('code_hash').execute();
    expect(JSON.stringify(stored)).not.toContain(recoveryCodes[0]);

    const login = (payload: Record<string, string>, ip: string) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email, password: testPassword, ...payload },
        remoteAddress: ip,
      });
    const first = await login({}, '10.4.4.2');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ secondFactorRequired: true });
    expect(first.headers['set-cookie']).toBeUndefined();
    expect((await login({ code: '000000' }, '10.4.4.3')).statusCode).toBe(401);
    // The code just used at confirmation is spent: the same step is refused.
    const recovery = recoveryCodes[0] ?? '';
    const withRecovery = await login({ code: recovery }, '10.4.4.4');
    expect(withRecovery.statusCode).toBe(200);
    expect(withRecovery.json().user.email).toBe(email);
    expect((await login({ code: recovery }, '10.4.4.5')).statusCode).toBe(401);
    // The wrong password never reaches the second step.
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password: 'not the password!' },
      remoteAddress: '10.4.4.6',
    });
    expect(wrong.statusCode).toBe(401);
  });
});
