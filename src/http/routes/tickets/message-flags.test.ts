/**
 * What intake noticed about a mail, shown to agents (issue 16 §11): a sender who
 * takes no part in the ticket (threaded in by its headers), a Reply-To other than
 * the sender, an automatic mail, an Outlook winmail.dat. The ticket view gives
 * each thread item its flags; a stranger's message splits into a new ticket.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../../test/backends.ts';
import { buildTestApp, type LoggedIn, logIn, makeUser } from '../../../../test/http.ts';
import { fixture, inboundDeps, mailMailbox, plainMail, uniqueId } from '../../../../test/mail.ts';
import { ingestMail } from '../../../mail/inbound/ingest-mail.ts';
import type { ThreadItemDto } from '../../../shared/workspace-contracts.ts';

describeEachBackend('message flags in the ticket view', (ctx) => {
  let app: FastifyInstance;
  let agent: LoggedIn;
  let mailboxId = '';
  beforeAll(async () => {
    app = await buildTestApp(ctx.database, 'http://localhost:3000', {
      mail: { inbound: await inboundDeps(ctx.db), credentialsKey: undefined },
    });
    ({ mailboxId } = await mailMailbox(ctx.db));
    agent = await logIn(app, (await makeUser(ctx.database, 'agent')).email);
  });
  afterAll(async () => {
    await app.close();
  });
  const ingest = async (raw: Buffer) => {
    const outcome = await ingestMail(await inboundDeps(ctx.db), { raw, mailboxId, source: 'smtp' });
    if (!('ticketId' in outcome)) throw new Error(JSON.stringify(outcome));
    return outcome.ticketId as number;
  };
  const send = (method: 'GET' | 'POST', url: string, body?: object) =>
    app.inject({
      method,
      url,
      ...(body ? { payload: body } : {}),
      headers: { cookie: agent.cookie, 'x-csrf-token': agent.csrfToken },
    });
  const thread = async (ticketId: number): Promise<ThreadItemDto[]> => {
    const response = await send('GET', `/api/tickets/${ticketId}`);
    expect(response.statusCode).toBe(200);
    return response.json().thread;
  };
  const none = { stranger: false, replyTo: null, automatic: null, winmailDat: false };

  it('flags a stranger, a Reply-To, an automatic mail; a plain message has none', async () => {
    const first = uniqueId('flags');
    const ticketId = await ingest(
      plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Dossier 12',
        messageId: first,
        body: 'Première question.',
        extra: 'Reply-To: secretariat@bailleur-44.example.org',
      }),
    );
    await ingest(
      plainMail({
        from: 'Inconnu <quelquun@autre.example.org>',
        subject: 'Re: Dossier 12',
        messageId: uniqueId('flags'),
        inReplyTo: first,
        references: first,
        body: 'Je réponds aussi.',
      }),
    );
    await ingest(
      plainMail({
        from: 'Jeanne <jeanne@bailleur-44.example.org>',
        subject: 'Absence : Dossier 12',
        messageId: uniqueId('flags'),
        inReplyTo: first,
        references: first,
        body: 'Je suis absente.',
        extra: 'Auto-Submitted: auto-replied',
      }),
    );
    const items = await thread(ticketId);
    const byBody = (start: string) => items.find((i) => i.bodyText?.startsWith(start));
    expect(byBody('Première question.')?.flags).toEqual({
      ...none,
      replyTo: 'secretariat@bailleur-44.example.org',
    });
    expect(byBody('Je réponds aussi.')?.flags).toEqual({ ...none, stranger: true });
    expect(byBody('Je suis absente.')?.flags.automatic).toMatch(/auto/);
    for (const item of items.filter((i) => i.kind === 'event' && i.bodyText === null))
      expect(item.flags).toEqual(none);

    // one click: the stranger's message becomes a ticket of its own
    const stranger = byBody('Je réponds aussi.');
    const split = await send('POST', `/api/messages/${stranger?.id}/split`, {});
    expect(split.statusCode).toBe(201);
    expect((await thread(ticketId)).some((i) => i.id === stranger?.id)).toBe(false);
  });

  it('flags an Outlook winmail.dat attachment', async () => {
    const ticketId = await ingest(await fixture('winmail.eml'));
    const items = await thread(ticketId);
    expect(items.find((i) => i.kind === 'customer')?.flags).toEqual({ ...none, winmailDat: true });
  });
});
