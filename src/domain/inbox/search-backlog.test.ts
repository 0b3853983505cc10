import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { listInbox } from './list-inbox.ts';
import { indexSearchBacklog, searchBacklogSize } from './search-backlog.ts';

describeEachBackend('search backlog', (ctx) => {
  it('makes bulk-written HTML bodies searchable once indexed, and only then', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.demandeurs as string;
    const ticketId = await createTicket(ctx.db, { mailboxId, createdAt: new Date() });
    await ctx.db
      .insertInto('messages')
      .values({
        ticket_id: ticketId,
        mailbox_id: mailboxId,
        kind: 'customer',
        created_at: new Date(),
        body_html:
          '<style>p { color: red }</style><p>Ma demande <b>n°</b> 035221900123456789 a été <i>radiée</i> &amp; je déménage, NIR 1 85 05 78 006 084 91</p><script>alert(1)</script>',
        search_pending: true,
      })
      .execute();
    const search = (q: string) =>
      listInbox(ctx.db, { id: '00000000-0000-0000-0000-000000000000' }, 'all', {
        folder: 'all',
        q,
        sort: 'recent',
        limit: 25,
      });

    expect(await searchBacklogSize(ctx.db)).toBe(1);
    expect((await search('radiee')).tickets).toEqual([]);

    expect(await indexSearchBacklog(ctx.db)).toBe(1);
    expect(await searchBacklogSize(ctx.db)).toBe(0);
    // Stemmed and accent-insensitive, tags and scripts out of the text.
    expect((await search('radiée')).tickets.map((t) => t.id)).toEqual([ticketId]);
    expect((await search('demenager')).tickets.map((t) => t.id)).toEqual([ticketId]);
    expect((await search('035221900123456789')).tickets.map((t) => t.id)).toEqual([ticketId]);
    expect((await search('alert')).tickets).toEqual([]);
    const text = await ctx.db
      .selectFrom('messages')
      .select('body_text')
      .where('ticket_id', '=', ticketId)
      .where('body_html', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(text.body_text).toBe(
      'Ma demande n° 035221900123456789 a été radiée & je déménage, NIR 1 85 05 78 006 084 91',
    );
    // Flagged like mail, notes and replies are when written.
    const flagged = await ctx.db
      .selectFrom('messages')
      .select('sensitive_kinds')
      .where('ticket_id', '=', ticketId)
      .where('body_html', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(flagged.sensitive_kinds).toEqual(['nir']);
    expect(await indexSearchBacklog(ctx.db)).toBe(0);
  });

  it('gives a ticket written in bulk its search document, subject and contact included', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.demandeurs as string;
    const ticketId = await ctx.db.transaction().execute(async (trx) => {
      await sql`select set_config('guichet.bulk', 'on', true)`.execute(trx);
      const contact = await trx
        .insertInto('contacts')
        .values({ email: 'nolwenn.le-goff@example.org', name: 'Nolwenn Le Goff' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const row = await trx
        .insertInto('tickets')
        .values({
          mailbox_id: mailboxId,
          subject: 'Mutation professionnelle',
          contact_id: contact.id,
          channel: 'import',
          created_at: new Date(),
          last_message_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    });
    const search = async (q: string) =>
      (
        await listInbox(ctx.db, { id: '00000000-0000-0000-0000-000000000000' }, 'all', {
          folder: 'all',
          q,
          sort: 'recent',
          limit: 25,
        })
      ).tickets.map((t) => t.id);
    expect(await search('mutation')).toEqual([]);
    while ((await indexSearchBacklog(ctx.db)) > 0) {}
    expect(await search('mutations')).toEqual([ticketId]);
    expect(await search('nolwenn')).toEqual([ticketId]);
  });
});
