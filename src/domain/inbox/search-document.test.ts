/**
 * The search document of a ticket (migration 0012) follows every change of what it
 * is made of: a message written, edited (anonymised), moved to another ticket or
 * removed; the subject; the contact's name and address. A message too long for a
 * tsvector is cut, never refused.
 */
import { randomBytes } from 'node:crypto';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { ticket } from '../../../test/support/workspace-app.ts';
import { listInbox } from './list-inbox.ts';

const user = { id: '00000000-0000-4000-8000-000000000000' };

describeEachBackend('ticket search documents', (ctx) => {
  const found = async (q: string) =>
    (
      await listInbox(ctx.db, user, 'all', { folder: 'all', sort: 'recent', q, limit: 50 })
    ).tickets.map((t) => t.id);

  it('follows messages written, edited, moved and removed', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires ?? '';
    const first = await ticket(ctx.db, { mailboxId, body: 'Première question.' });
    const second = await ticket(ctx.db, { mailboxId, body: 'Autre question.' });
    const message = await ctx.db
      .insertInto('messages')
      .values({
        ticket_id: first.id,
        mailbox_id: mailboxId,
        kind: 'customer',
        body_text: 'Mon numéro unique est 0440320000123456AB, et la quittance est jointe.',
        created_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await found('0440320000123456AB')).toEqual([first.id]);
    expect(await found('quittances')).toEqual([first.id]); // French stemming

    await ctx.db
      .updateTable('messages')
      .set({ ticket_id: second.id })
      .where('id', '=', message.id)
      .execute();
    expect(await found('quittance')).toEqual([second.id]);

    await ctx.db
      .updateTable('messages')
      .set({ body_text: '[contenu effacé]' })
      .where('id', '=', message.id)
      .execute();
    expect(await found('quittance')).toEqual([]);
    expect(await found('effacé')).toEqual([second.id]);

    await ctx.db.deleteFrom('messages').where('id', '=', message.id).execute();
    expect(await found('effacé')).toEqual([]);
    expect(await found('Autre question')).toEqual([second.id]);
  });

  it('follows the subject and the contact', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires ?? '';
    const created = await ticket(ctx.db, {
      mailboxId,
      subject: 'Radiation impossible',
      contactName: 'Agence Kerbrat',
      email: 'accueil@kerbrat-habitat.example.org',
    });
    expect(await found('kerbrat')).toEqual([created.id]);
    expect(await found('kerbrat-habitat.example.org')).toEqual([created.id]);
    expect(await found('radiations')).toEqual([created.id]);

    await ctx.db
      .updateTable('tickets')
      .set({ subject: 'Renouvellement bloqué' })
      .where('id', '=', created.id)
      .execute();
    expect(await found('renouvellement')).toEqual([created.id]);

    const contact = await ctx.db
      .selectFrom('tickets')
      .select('contact_id')
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    await ctx.db
      .updateTable('contacts')
      .set({ name: 'Personne anonymisée', email: null })
      .where('id', '=', contact.contact_id ?? '')
      .execute();
    expect(await found('kerbrat')).toEqual([]);
    expect(await found(`#${created.number}`)).toEqual([created.id]);
  });

  it('cuts a message too long for a tsvector instead of refusing it', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires ?? '';
    const created = await ticket(ctx.db, { mailboxId, subject: 'Journal collé' });
    // about 1.3 MB of distinct words: far beyond the 1 MB a tsvector may hold
    const words = Array.from({ length: 100_000 }, () => randomBytes(6).toString('hex')).join(' ');
    await ctx.db
      .insertInto('messages')
      .values({
        ticket_id: created.id,
        mailbox_id: mailboxId,
        kind: 'customer',
        body_text: words,
        created_at: new Date(),
      })
      .execute();
    expect(await found('journal')).toEqual([created.id]);
    expect(await found(words.slice(0, 12))).toEqual([created.id]);
  });
});
