/**
 * The tickets of a partner's organisation (issue 21 §5): not deleted, not spam,
 * not merged away; their thread without internal notes, phone logs or events.
 * Another organisation's ticket is not found (404), never "forbidden".
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';

const visible = (db: Kysely<DB>, organisationId: string) =>
  db
    .selectFrom('tickets')
    .where('organisation_id', '=', organisationId)
    .where('deleted_at', 'is', null)
    .where('merged_into_id', 'is', null)
    .where('status', '<>', 'spam');

const summaryColumns = [
  'id',
  'number',
  'subject',
  'status',
  'created_at',
  'last_message_at',
] as const;

export async function listPartnerTickets(db: Kysely<DB>, organisationId: string, limit = 200) {
  return visible(db, organisationId)
    .select(summaryColumns)
    .orderBy('last_message_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function partnerTicket(db: Kysely<DB>, organisationId: string, number: number) {
  const ticket = await visible(db, organisationId)
    .select(summaryColumns)
    .where('number', '=', number)
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  const messages = await db
    .selectFrom('messages')
    .select(['id', 'kind', 'created_at', 'body_text'])
    .where('ticket_id', '=', ticket.id)
    .where('kind', 'in', ['customer', 'reply'])
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return { ticket, messages };
}
