/**
 * Moving a ticket to another mailbox (issue 19 §2): a request sent to the
 * partners' address that belongs to the applicants' desk, or the reverse. One
 * transaction, the ticket locked (a version the agent saw that another
 * actor's change made stale is refused, 409 `stale_ticket`):
 *
 * - the ticket and its messages move (a message whose Message-ID the other
 *   mailbox already holds stays where it is, so threading never breaks);
 * - its classification is cleared, as the other mailbox has its own fields:
 *   one `ticket.field_changed` (to null) per value, and the agent is asked
 *   again with the new mailbox's fields (the ticket screen shows them);
 * - `ticket.mailbox_changed` { from, to } is recorded.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { NewTicketEvent } from '../../shared/ticket-events.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { assertNotStale } from './stale-change.ts';

export async function moveTicketToMailbox(
  db: Kysely<DB>,
  input: { ticketId: number; mailboxId: string; userId: string; version?: number; now?: Date },
): Promise<{ from: string; to: string; clearedFields: number }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id', 'version'])
      .where('id', '=', input.ticketId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    await assertNotStale(trx, ticket, input.version, input.userId);
    if (ticket.mailbox_id === input.mailboxId)
      throw new AppError('invalid_input', 'The ticket is already in this mailbox.');
    const target = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', input.mailboxId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!target) throw new AppError('not_found', 'No such mailbox.');
    const from = ticket.mailbox_id;
    const cleared = await trx
      .deleteFrom('ticket_field_values')
      .where('ticket_id', '=', ticket.id)
      .returning(['field_id', 'value_id'])
      .execute();
    await trx
      .updateTable('tickets')
      .set({ mailbox_id: target.id, updated_at: now })
      .where('id', '=', ticket.id)
      .execute();
    await sql`
      update messages m set mailbox_id = ${target.id}::uuid
       where m.ticket_id = ${ticket.id}
         and not exists (
           select 1 from messages o
            where o.mailbox_id = ${target.id}::uuid
              and o.message_id = m.message_id)`.execute(trx);
    const ref = { ticketId: ticket.id, mailboxId: target.id };
    const events: NewTicketEvent[] = [
      ...cleared.map(
        (c): NewTicketEvent => ({
          type: 'ticket.field_changed',
          ...ref,
          data: { fieldId: c.field_id, from: c.value_id, to: null },
        }),
      ),
      { type: 'ticket.mailbox_changed', ...ref, data: { from, to: target.id } },
    ];
    await recordTicketEvents(trx, { kind: 'user', userId: input.userId }, events, now);
    return { from, to: target.id, clearedFields: cleared.length };
  });
}
