/**
 * The inbox's ticket summary (ticket-summary.ts): written by PostgreSQL from the
 * presenter's declaration, its preview added by the server, it is exactly the
 * contract's `TicketSummaryDto`, whatever its texts hold. The text tested is the
 * one the inbox route sends.
 */
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { withDefaultConfiguration } from '../../test/factories.ts';
import { makeUser } from '../../test/http.ts';
import { ticket } from '../../test/support/workspace-app.ts';
import { listInboxPage } from '../domain/inbox/list-inbox.ts';
import { presentInboxPage } from './inbox.ts';

describeEachBackend('ticket summaries', (ctx) => {
  it('gives each ticket exactly the summary of the contract, whatever its text holds', async () => {
    const partners = (await withDefaultConfiguration(ctx.db)).partenaires ?? '';
    const agent = (await makeUser(ctx.database, 'agent')).user;
    const subject = 'Ligne 1\nLigne 2 "guillemets" \\ </script> \u2028 \u0007 🏠 Überprüfung';
    const made = await ticket(ctx.db, {
      mailboxId: partners,
      subject,
      contactName: 'Anne "Le" Goff',
      body: `Mon IBAN est FR76 3000 6000 0112 3456 7890 189,\n\n  merci.  ${'x'.repeat(400)}`,
      assigneeId: agent.id,
    });
    const tags = await ctx.db
      .insertInto('tags')
      .values([{ name: 'zeta' }, { name: 'alpha' }])
      .returning('id')
      .execute();
    await ctx.db
      .insertInto('ticket_tags')
      .values(tags.map((tag) => ({ ticket_id: made.id, tag_id: tag.id })))
      .execute();
    const org = await ctx.db
      .insertInto('organisations')
      .values({ name: 'Bailleur "Océan" \\ Nord' })
      .returning('id')
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('tickets')
      .set({ organisation_id: org.id })
      .where('id', '=', made.id)
      .execute();
    const text = presentInboxPage(
      await listInboxPage(ctx.db, agent, 'all', {
        folder: 'all',
        organisation: org.id,
        sort: 'recent',
        limit: 50,
      }),
    );
    const page = JSON.parse(text);
    expect(Object.keys(page).sort()).toEqual(['nextCursor', 'tickets']);
    const [item] = page.tickets;
    expect(Object.keys(item).sort()).toEqual(
      [
        'assignee',
        'contact',
        'createdAt',
        'due',
        'followUp',
        'id',
        'lastMessageAt',
        'mailboxId',
        'number',
        'organisationName',
        'preview',
        'snoozedUntil',
        'status',
        'subject',
        'tags',
      ].sort(),
    );
    const stored = await ctx.db
      .selectFrom('tickets')
      .innerJoin('contacts', 'contacts.id', 'tickets.contact_id')
      .select(['tickets.created_at', 'tickets.last_message_at', 'contacts.email'])
      .where('tickets.id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(item).toEqual({
      id: made.id,
      number: made.number,
      mailboxId: partners,
      subject,
      status: 'active',
      contact: { name: 'Anne "Le" Goff', email: stored.email },
      organisationName: 'Bailleur "Océan" \\ Nord',
      assignee: { id: agent.id, name: agent.name },
      tags: ['alpha', 'zeta'],
      createdAt: stored.created_at.toISOString(),
      lastMessageAt: stored.last_message_at.toISOString(),
      due: null,
      snoozedUntil: null,
      followUp: null,
      preview: expect.stringMatching(/^Mon IBAN est \[IBAN masqué\], merci\. x+$/),
    });
    expect(item.preview.length).toBeLessThanOrEqual(160);
    expect(page.nextCursor).toBeNull();
  });

  it('leaves out the contact and the assignee a ticket does not have', async () => {
    const partners = (await withDefaultConfiguration(ctx.db)).partenaires ?? '';
    const made = await ticket(ctx.db, { mailboxId: partners, body: '  ' });
    await ctx.db
      .updateTable('tickets')
      .set({ contact_id: null })
      .where('id', '=', made.id)
      .execute();
    const page = JSON.parse(
      presentInboxPage(
        await listInboxPage(ctx.db, { id: '00000000-0000-4000-8000-000000000000' }, 'all', {
          folder: 'all',
          q: `#${made.number}`,
          sort: 'recent',
          limit: 50,
        }),
      ),
    );
    expect(page.tickets).toEqual([
      expect.objectContaining({
        id: made.id,
        contact: null,
        assignee: null,
        tags: [],
        preview: '',
      }),
    ]);
  });
});
