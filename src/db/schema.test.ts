import { expect, it } from 'vitest';
import { describeEachBackend } from '../../test/backends.ts';
import { makeUser } from '../../test/http.ts';
import { applyDefaultConfiguration } from '../domain/configuration/apply-default-config.ts';

/** Goes through every table with the Kysely types of schema.ts, and checks the constraints that keep data sane. */
describeEachBackend('schema', (ctx) => {
  it('stores a whole ticket: contact, organisation, classification, messages, tags, rating, attachment, audit', async () => {
    await applyDefaultConfiguration(ctx.db);
    const { user: agent } = await makeUser(ctx.database, 'agent');
    const db = ctx.db;
    const mailbox = await db
      .selectFrom('mailboxes')
      .selectAll()
      .where('slug', '=', 'partenaires')
      .executeTakeFirstOrThrow();
    const field = await db
      .selectFrom('fields')
      .selectAll()
      .where('mailbox_id', '=', mailbox.id)
      .where('key', '=', 'partner_type')
      .executeTakeFirstOrThrow();
    const value = await db
      .selectFrom('field_values')
      .selectAll()
      .where('field_id', '=', field.id)
      .where('label', '=', 'Bailleur social')
      .executeTakeFirstOrThrow();
    const org = await db
      .insertInto('organisations')
      .values({ name: 'Bailleur Exemple', partner_type_value_id: value.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('organisation_domains')
      .values({ domain: 'bailleur.example.org', organisation_id: org.id })
      .execute();
    const contact = await db
      .insertInto('contacts')
      .values({ email: 'jeanne@bailleur.example.org', name: 'Jeanne', organisation_id: org.id })
      .returningAll()
      .executeTakeFirstOrThrow();
    const created = new Date('2020-01-01T00:30:00+01:00');
    const ticket = await db
      .insertInto('tickets')
      .values({
        mailbox_id: mailbox.id,
        subject: 'Accès UGE',
        contact_id: contact.id,
        organisation_id: org.id,
        channel: 'email',
        created_at: created,
        last_message_at: created,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(ticket.number).toBeGreaterThanOrEqual(1000);
    expect(ticket.status).toBe('active');
    const customer = await db
      .insertInto('messages')
      .values({
        ticket_id: ticket.id,
        mailbox_id: mailbox.id,
        kind: 'customer',
        author_contact_id: contact.id,
        message_id: '<a1@bailleur.example.org>',
        created_at: created,
        body_text: 'Bonjour',
        to_addresses: ['support@example.org'],
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(customer.references_ids).toEqual([]);
    expect(customer.to_addresses).toEqual(['support@example.org']);
    const reply = await db
      .insertInto('messages')
      .values({
        ticket_id: ticket.id,
        mailbox_id: mailbox.id,
        kind: 'reply',
        author_user_id: agent.id,
        message_id: '<r1@guichet.example.org>',
        in_reply_to: customer.message_id,
        references_ids: ['<a1@bailleur.example.org>'],
        created_at: new Date(created.getTime() + 3_600_000),
        flags: { delivered: true },
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(reply.flags).toEqual({ delivered: true });
    await db
      .insertInto('ticket_field_values')
      .values({ ticket_id: ticket.id, field_id: field.id, value_id: value.id, auto_filled: true })
      .execute();
    const tag = await db
      .insertInto('tags')
      .values({ name: 'UGE' })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db.insertInto('ticket_tags').values({ ticket_id: ticket.id, tag_id: tag.id }).execute();
    const rating = await db
      .insertInto('ratings')
      .values({
        message_id: reply.id,
        ticket_id: ticket.id,
        agent_id: agent.id,
        level: 'great',
        rated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await db
      .insertInto('rating_history')
      .values({ rating_id: rating.id, level: 'okay', rated_at: new Date() })
      .execute();
    await db
      .insertInto('attachments')
      .values({
        ticket_id: ticket.id,
        message_id: customer.id,
        filename: 'capture.png',
        content_type: 'image/png',
        size_bytes: 10,
        sha256: 'a'.repeat(64),
      })
      .execute();
    await db
      .insertInto('audit_events')
      .values({
        action: 'ticket.viewed',
        actor_user_id: agent.id,
        target_type: 'ticket',
        target_id: String(ticket.id),
        details: JSON.stringify({ via: 'test' }),
      })
      .execute();
    await db
      .updateTable('tickets')
      .set({
        first_response_at: reply.created_at,
        first_response_seconds: 3600,
        status: 'closed',
        closed_at: new Date(),
      })
      .where('id', '=', ticket.id)
      .execute();
    const stored = await db
      .selectFrom('tickets')
      .selectAll()
      .where('id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(stored.created_at.toISOString()).toBe('2019-12-31T23:30:00.000Z');
    expect(stored.first_response_seconds).toBe(3600);
  });

  it('refuses what would corrupt data: unknown status, duplicate Message-ID in a mailbox, bad hashes, upper-case e-mails', async () => {
    const db = ctx.db;
    const mailbox = await db
      .selectFrom('mailboxes')
      .selectAll()
      .where('slug', '=', 'demandeurs')
      .executeTakeFirstOrThrow();
    const now = new Date();
    const base = {
      mailbox_id: mailbox.id,
      channel: 'form' as const,
      created_at: now,
      last_message_at: now,
    };
    await expect(
      db
        .insertInto('tickets')
        .values({ ...base, status: 'lost' as never })
        .execute(),
    ).rejects.toThrow();
    const ticket = await db
      .insertInto('tickets')
      .values(base)
      .returning('id')
      .executeTakeFirstOrThrow();
    const message = {
      ticket_id: ticket.id,
      mailbox_id: mailbox.id,
      kind: 'customer' as const,
      created_at: now,
      message_id: '<same@example.org>',
    };
    await db.insertInto('messages').values(message).execute();
    await expect(db.insertInto('messages').values(message).execute()).rejects.toThrow();
    await expect(
      db
        .insertInto('attachments')
        .values({
          ticket_id: ticket.id,
          filename: 'x',
          content_type: 'text/plain',
          size_bytes: 1,
          sha256: '../../etc/passwd',
        })
        .execute(),
    ).rejects.toThrow();
    await expect(
      db.insertInto('contacts').values({ email: 'Jeanne@Example.org' }).execute(),
    ).rejects.toThrow();
    await expect(
      db
        .insertInto('messages')
        .values({ ...message, message_id: null, kind: 'phone', call_duration_seconds: -5 })
        .execute(),
    ).rejects.toThrow();
  });
});
