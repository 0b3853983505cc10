/**
 * Setting a desk up over HTTP (issue 15 §1): the checklist's states, a
 * mailbox's addresses, the mail connection test against a real SMTP sink (success,
 * refused port, DNS, host guard) and invitations that return their link when
 * no mail will leave. Hostile input: clear 400 or 404, never 500.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../../test/factories.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { imapRequiredOrAvailable, inboundDeps, testImapAccount } from '../../../../test/mail.ts';
import { freePort } from '../../../../test/ports.ts';
import { type SmtpSink, startSmtpSink } from '../../../../test/smtp-sink.ts';
import { parseMailAllowance } from '../../../config/mail-host-guard.ts';
import type {
  ConnectionTestDto,
  InvitationDto,
  MailboxAddressesDto,
  SetupChecklistDto,
} from '../../../shared/setup-contracts.ts';

const imapUp = await imapRequiredOrAvailable();

describeEachBackend('set-up routes', (ctx) => {
  let app: FastifyInstance;
  let sink: SmtpSink;
  let admin: LoggedIn;
  let agent: LoggedIn;
  let mailboxes: Record<string, string> = {};

  beforeAll(async () => {
    sink = await startSmtpSink();
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: {
        inbound: await inboundDeps(ctx.db),
        credentialsKey: randomBytes(32),
        allowedHosts: parseMailAllowance('127.0.0.1'),
      },
    });
    mailboxes = await withDefaultConfiguration(ctx.db);
    admin = await logIn(app, (await makeUser(ctx.database, 'admin')).email);
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
  });
  afterAll(async () => {
    await app.close();
    await sink.stop();
  });

  const call = (who: LoggedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      payload: payload as Record<string, unknown> | undefined,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken },
    });
  const demandeurs = () => mailboxes.demandeurs ?? '';
  const stateOf = (list: SetupChecklistDto, key: string) =>
    list.items.find((item) => item.key === key)?.state;

  it('lists the checklist for supervisors only, mail to do on a fresh desk', async () => {
    expect((await call(agent, 'GET', '/api/setup')).statusCode).toBe(403);
    const response = await call(admin, 'GET', '/api/setup');
    expect(response.statusCode).toBe(200);
    const list = response.json<SetupChecklistDto>();
    expect(list.items.map((i) => i.key)).toEqual([
      'addresses',
      'outgoing',
      'incoming',
      'fields',
      'directory',
      'helpCentre',
      'users',
    ]);
    expect(stateOf(list, 'addresses')).toBe('todo');
    expect(stateOf(list, 'outgoing')).toBe('todo');
    expect(stateOf(list, 'fields')).toBe('done');
    expect(stateOf(list, 'users')).toBe('done'); // the agent made above
    expect(list.complete).toBe(false);
    expect(list.mailboxes.every((m) => m.outgoing === 'none')).toBe(true);
  });

  it('adds, makes primary and removes addresses; refuses hostile ones', async () => {
    const url = `/api/mailboxes/${demandeurs()}/addresses`;
    const first = await call(admin, 'POST', url, { address: 'Demandes@Example.org' });
    expect(first.statusCode).toBe(201);
    expect(first.json<MailboxAddressesDto>()).toMatchObject({
      addresses: ['demandes@example.org'],
      primary: 'demandes@example.org',
    });
    await call(admin, 'POST', url, { address: 'contact@example.org' });
    const primary = await call(admin, 'POST', `${url}/primary`, { address: 'contact@example.org' });
    expect(primary.json<MailboxAddressesDto>().primary).toBe('contact@example.org');
    const removed = await call(admin, 'POST', `${url}/remove`, { address: 'contact@example.org' });
    expect(removed.json<MailboxAddressesDto>()).toMatchObject({
      addresses: ['demandes@example.org'],
      primary: 'demandes@example.org',
    });
    // The same address on another mailbox: a conflict, not a 500.
    const other = Object.values(mailboxes).find((id) => id !== demandeurs()) ?? '';
    const taken = await call(admin, 'POST', `/api/mailboxes/${other}/addresses`, {
      address: 'demandes@example.org',
    });
    expect(taken.statusCode).toBe(409);
    for (const body of [
      { address: 'a@b.org\r\nBcc: x@y.org' },
      { address: 'pas une adresse' },
      { address: `${'a'.repeat(400)}@example.org` },
      { address: 'a@example.org', extra: 1 },
      { address: 42 },
      [],
    ])
      expect((await call(admin, 'POST', url, body)).statusCode).toBe(400);
    // Not JSON at all: refused before the handler.
    for (const body of ['text', null])
      expect([400, 415]).toContain((await call(admin, 'POST', url, body)).statusCode);
    expect((await call(admin, 'POST', '/api/mailboxes/nope/addresses', {})).statusCode).toBe(404);
    const unknown = '00000000-0000-4000-8000-000000000000';
    const missing = await call(admin, 'POST', `/api/mailboxes/${unknown}/addresses`, {
      address: 'x@example.org',
    });
    expect(missing.statusCode).toBe(404);
    const notOwn = await call(admin, 'POST', `${url}/remove`, { address: 'nobody@example.org' });
    expect(notOwn.statusCode).toBe(404);
    expect((await call(agent, 'POST', url, { address: 'z@example.org' })).statusCode).toBe(403);
  });

  it('tests the SMTP connection for real: success, refused port, unknown host, guarded host', async () => {
    const settings = `/api/mailboxes/${demandeurs()}/mail-settings`;
    const test = async () => {
      const response = await call(admin, 'POST', `${settings}/test`, { kind: 'smtp' });
      expect(response.statusCode).toBe(200);
      return response.json<ConnectionTestDto>();
    };
    expect(await test()).toMatchObject({ ok: false, via: 'none', reason: 'unset' });
    const save = (body: object) => call(admin, 'PUT', settings, body);
    expect((await save({ smtpHost: '127.0.0.1', smtpPort: sink.port })).statusCode).toBe(200);
    expect(await test()).toMatchObject({ ok: true, via: 'mailbox', port: sink.port });
    let list = (await call(admin, 'GET', '/api/setup')).json<SetupChecklistDto>();
    expect(list.mailboxes.find((m) => m.id === demandeurs())).toMatchObject({
      outgoing: 'mailbox',
      outgoingFailing: false,
    });

    await save({ smtpPort: await freePort() });
    expect(await test()).toMatchObject({ ok: false, reason: 'refused' });
    list = (await call(admin, 'GET', '/api/setup')).json<SetupChecklistDto>();
    expect(stateOf(list, 'outgoing')).toBe('failing');

    await save({ smtpHost: 'nowhere.invalid', smtpPort: 25 });
    expect(await test()).toMatchObject({ ok: false, reason: 'dns' });

    await save({ smtpHost: '169.254.169.254', smtpPort: 25 }).then((r) =>
      expect(r.statusCode).toBe(400),
    );
    await save({ smtpHost: '127.0.0.1', smtpPort: sink.port });
    expect(await test()).toMatchObject({ ok: true });
    for (const body of [{ kind: 'pop3' }, {}, { kind: 'smtp', host: 'x' }, ['smtp']])
      expect((await call(admin, 'POST', `${settings}/test`, body)).statusCode).toBe(400);
    expect((await call(agent, 'POST', `${settings}/test`, { kind: 'smtp' })).statusCode).toBe(403);
  });

  it('tests IMAP: unset, then a refused port', async () => {
    const settings = `/api/mailboxes/${demandeurs()}/mail-settings`;
    const test = async () =>
      (await call(admin, 'POST', `${settings}/test`, { kind: 'imap' })).json<ConnectionTestDto>();
    expect(await test()).toMatchObject({ ok: false, reason: 'unset' });
    await call(admin, 'PUT', settings, {
      imapHost: '127.0.0.1',
      imapPort: await freePort(),
      imapTls: false,
    });
    expect(await test()).toMatchObject({ ok: false, via: 'mailbox', reason: 'refused' });
  });

  it.runIf(imapUp)(
    'tests IMAP on the Dovecot test server: logged in, then a wrong password',
    async () => {
      const settings = `/api/mailboxes/${demandeurs()}/mail-settings`;
      const test = async () =>
        (await call(admin, 'POST', `${settings}/test`, { kind: 'imap' })).json<ConnectionTestDto>();
      const account = {
        imapHost: testImapAccount.host,
        imapPort: testImapAccount.port,
        imapTls: false,
        imapUser: testImapAccount.user,
        imapPassword: testImapAccount.pass,
      };
      expect((await call(admin, 'PUT', settings, account)).statusCode).toBe(200);
      expect(await test()).toMatchObject({ ok: true, via: 'mailbox' });
      await call(admin, 'PUT', settings, { imapPassword: 'not-the-password' });
      expect(await test()).toMatchObject({ ok: false, reason: 'auth' });
    },
  );

  it('returns the invitation link when no mail will leave, never when it will', async () => {
    const sender = await ctx.db
      .selectFrom('mailboxes')
      .select('id')
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute();
    // Without any SMTP server on the sender mailbox: the link is shown.
    await ctx.db.deleteFrom('mailbox_mail_settings').execute();
    const invited = await call(admin, 'POST', '/api/users/invitations', {
      email: 'nouvelle@example.org',
      name: 'Nouvelle Personne',
      role: 'agent',
    });
    expect(invited.statusCode).toBe(201);
    const invitation = invited.json<{ invitation: InvitationDto }>().invitation;
    expect(invitation.mailWillLeave).toBe(false);
    expect(invitation.link).toMatch(/^http:\/\/localhost:3000\/account\/invitation#[\w-]{43}$/);
    // With an SMTP server on every mailbox: no link in the answer.
    for (const { id } of sender)
      await call(admin, 'PUT', `/api/mailboxes/${id}/mail-settings`, {
        smtpHost: '127.0.0.1',
        smtpPort: sink.port,
      });
    const user = await ctx.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'nouvelle@example.org')
      .executeTakeFirstOrThrow();
    const resent = await call(admin, 'POST', `/api/users/${user.id}/invitation`);
    expect(resent.statusCode).toBe(200);
    expect(resent.json<InvitationDto>()).toEqual({ mailWillLeave: true, link: null });
  });
});
