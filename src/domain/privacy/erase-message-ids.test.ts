/**
 * Issue 16 §6: after an erasure no Message-ID that names the person is left —
 * neither their mail's own id, nor the In-Reply-To and References of our
 * replies — and a copy of their mail delivered again is still a duplicate.
 */
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { inboundDeps, mailMailbox, plainMail, signer } from '../../../test/mail.ts';
import { person } from '../../../test/personal-data.ts';
import type { InboundDeps } from '../../mail/inbound/ingest-mail.ts';
import { ingestMail } from '../../mail/inbound/ingest-mail.ts';
import { cliActor } from '../audit/record-audit.ts';
import { replyToTicket } from '../tickets/reply-to-ticket.ts';
import { createUser } from '../users/manage-users.ts';
import { erasePerson } from './erase-person.ts';
import { erasedMessageId } from './erased-message-id.ts';
import { textColumns } from './find-traces.ts';
import { parsePersonQuery } from './person-query.ts';

describeEachBackend('erasure and Message-IDs', (ctx) => {
  let mailboxId = '';
  let agentId = '';
  let deps: InboundDeps;
  beforeAll(async () => {
    ({ mailboxId } = await mailMailbox(ctx.db));
    deps = await inboundDeps(ctx.db);
    agentId = (
      await createUser(
        ctx.db,
        {
          email: `agent-erase-${Date.now()}@example.org`,
          name: 'Agent',
          role: 'agent',
          password: 'correct horse battery staple',
        },
        { userId: null, label: 'test' },
      )
    ).id;
  });

  /** Every text-like value of every row tied to `ticketId` (tables with a ticket_id, and the ticket). */
  const everythingAbout = async (ticketId: number): Promise<string> => {
    const tables = new Set((await textColumns(ctx.db)).map((c) => c.table));
    const parts: string[] = [];
    for (const table of tables) {
      const { rows: has } = await sql<{ n: number }>`
        select count(*)::int as n from information_schema.columns
        where table_schema = current_schema() and table_name = ${table}
          and column_name = ${table === 'tickets' ? 'id' : 'ticket_id'}`.execute(ctx.db);
      if (has[0]?.n !== 1) continue;
      const key = sql.id(table === 'tickets' ? 'id' : 'ticket_id');
      const { rows } = await sql<{ row: string }>`
        select t::text as row from ${sql.id(table)} t where ${key} = ${ticketId}`.execute(ctx.db);
      parts.push(...rows.map((r) => `${table}: ${r.row}`));
    }
    return parts.join('\n');
  };

  it('leaves only digests of the person’s Message-IDs, and still deduplicates their mail', async () => {
    const who = person('msgid');
    const [local, domain] = who.email.split('@') as [string, string];
    // The shapes that carry the address: the address itself, and a VERP-like encoding of it.
    const firstId = `<20261116101500.4242.${who.email}>`;
    const secondId = `<1731745920.77.${local}=${domain}@smtp.example.org>`;
    const first = plainMail({
      from: `Camille <${who.email}>`,
      subject: 'Mon dossier',
      messageId: firstId,
    });
    const created = await ingestMail(deps, { raw: first, mailboxId, source: 'smtp' });
    if (created.status !== 'created') throw new Error(JSON.stringify(created));
    const reply = await replyToTicket(ctx.db, signer, {
      ticketId: created.ticketId,
      authorUserId: agentId,
      body: 'Bonjour',
      now: new Date(),
    });
    const second = plainMail({
      from: `Camille <${who.email}>`,
      subject: 'Re: Mon dossier',
      messageId: secondId,
      inReplyTo: reply.rfcMessageId,
      references: `${firstId} ${reply.rfcMessageId}`,
    });
    expect(await ingestMail(deps, { raw: second, mailboxId, source: 'smtp' })).toMatchObject({
      status: 'appended',
      ticketId: created.ticketId,
    });
    await replyToTicket(ctx.db, signer, {
      ticketId: created.ticketId,
      authorUserId: agentId,
      body: 'Suite',
      now: new Date(),
    });
    const before = await everythingAbout(created.ticketId);
    expect(before).toContain(local);

    const result = await erasePerson(ctx.db, deps.blobs, parsePersonQuery(who.email), {
      requestedBy: 'courrier',
      actor: cliActor,
    });
    expect(result.tickets).toBe(1);
    const after = await everythingAbout(created.ticketId);
    expect(after).not.toContain(local);
    // Digests, computed the same way for the same id, where the ids were.
    const ids = await ctx.db
      .selectFrom('messages')
      .select(['kind', 'message_id', 'in_reply_to', 'references_ids'])
      .where('ticket_id', '=', created.ticketId)
      .where('kind', 'in', ['customer', 'reply'])
      .orderBy('id')
      .execute();
    expect(ids.map((m) => m.message_id)).toContain(erasedMessageId(firstId));
    expect(ids.map((m) => m.message_id)).toContain(erasedMessageId(secondId));
    const lastReply = ids.at(-1);
    expect(lastReply?.in_reply_to).toBe(erasedMessageId(secondId));
    expect(lastReply?.references_ids.at(-1)).toBe(erasedMessageId(secondId));
    for (const m of ids) expect(m.message_id).toMatch(/^<[0-9a-f]{64}@erased\.invalid>$/);

    // Both mails delivered again (a relay's retry, an IMAP rescan): no new ticket, nothing stored.
    for (const raw of [first, second])
      expect(await ingestMail(deps, { raw, mailboxId, source: 'imap' })).toMatchObject({
        status: 'duplicate',
      });
    const tickets = await ctx.db
      .selectFrom('messages')
      .select('ticket_id')
      .where('mailbox_id', '=', mailboxId)
      .where('message_id', 'in', [firstId, secondId])
      .execute();
    expect(tickets).toEqual([]);
  });
});
