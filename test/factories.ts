/**
 * Test factories: each builds its own data on the database it is given, so
 * tests need no cleanup and never depend on each other's rows.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../src/db/schema.ts';
import { applyDefaultConfiguration } from '../src/domain/configuration/apply-default-config.ts';

/** Applies the default configuration (mailboxes, fields, values) once; returns mailbox ids by slug. */
export async function withDefaultConfiguration(db: Kysely<DB>): Promise<Record<string, string>> {
  await applyDefaultConfiguration(db);
  const rows = await db.selectFrom('mailboxes').select(['id', 'slug']).execute();
  return Object.fromEntries(rows.map((r) => [r.slug, r.id]));
}

export type TicketSpec = {
  mailboxId: string;
  createdAt: Date;
  status?: 'active' | 'pending' | 'closed' | 'spam';
  deleted?: boolean;
  subject?: string;
};

/** Inserts a ticket with its first customer message; returns its id. */
export async function createTicket(db: Kysely<DB>, spec: TicketSpec): Promise<number> {
  const ticket = await db
    .insertInto('tickets')
    .values({
      mailbox_id: spec.mailboxId,
      status: spec.status ?? 'active',
      deleted_at: spec.deleted ? spec.createdAt : null,
      subject: spec.subject ?? 'Test',
      channel: 'email',
      created_at: spec.createdAt,
      last_message_at: spec.createdAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await addMessage(db, ticket.id, spec.mailboxId, 'customer', spec.createdAt);
  return ticket.id;
}

/** Adds a message of `kind` to a ticket; returns its id. */
export async function addMessage(
  db: Kysely<DB>,
  ticketId: number,
  mailboxId: string,
  kind: 'customer' | 'reply' | 'note' | 'phone' | 'event',
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('messages')
    .values({ ticket_id: ticketId, mailbox_id: mailboxId, kind, created_at: at, body_text: kind })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
