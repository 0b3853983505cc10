/**
 * An agent classifies a ticket (issue 6 §2): sets or clears field values.
 * Each changed field is written with an `event` message in the thread and a
 * `ticket.field_changed` event; one audit row for the whole change; one
 * transaction (an unknown field or value refuses the whole change).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ClassifyInput } from '../../shared/workspace-contracts.ts';
import type { Actor } from '../audit/record-audit.ts';
import { eventActorOf } from './events/event-actor.ts';
import { recordTicketEvent } from './events/record-events.ts';
import { assertNotStale } from './stale-change.ts';
import { addThreadEvent, auditTicket, lockTicket } from './ticket-history.ts';

/** Writes one field's value (null clears); AppError('invalid_input') for an unknown value. */
async function storeValue(
  trx: Transaction<DB>,
  ticketId: number,
  fieldId: string,
  valueId: string | null,
  actor: Actor,
  now: Date,
): Promise<void> {
  if (valueId === null) {
    await trx
      .deleteFrom('ticket_field_values')
      .where('ticket_id', '=', ticketId)
      .where('field_id', '=', fieldId)
      .execute();
    return;
  }
  const value = await trx
    .selectFrom('field_values')
    .select('id')
    .where('id', '=', valueId)
    .where('field_id', '=', fieldId)
    .where('archived_at', 'is', null)
    .executeTakeFirst();
  if (!value) throw new AppError('invalid_input', 'Invalid request: values: unknown value');
  const row = { value_id: valueId, auto_filled: false, set_by: actor.userId, set_at: now };
  await trx
    .insertInto('ticket_field_values')
    .values({ ticket_id: ticketId, field_id: fieldId, ...row })
    .onConflict((oc) => oc.columns(['ticket_id', 'field_id']).doUpdateSet(row))
    .execute();
}

/**
 * Sets field values (null clears). Each field must belong to the ticket's
 * mailbox and each value to its field; an agent's value is never marked auto-filled.
 * With the `version` the agent saw, refused (`stale_ticket`) when the ticket changed since.
 */
export async function classifyTicket(
  db: Kysely<DB>,
  ticketId: number,
  input: ClassifyInput,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute((trx) => classifyTicketIn(trx, ticketId, input, actor, now));
}

/** `classifyTicket` inside the caller's transaction (a rule's or a macro's actions, issue 19). */
export async function classifyTicketIn(
  trx: Transaction<DB>,
  ticketId: number,
  input: ClassifyInput,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  const ticket = await lockTicket(trx, ticketId);
  await assertNotStale(trx, ticket, input.version, actor.userId);
  for (const [fieldId, valueId] of Object.entries(input.values)) {
    const field = await trx
      .selectFrom('fields')
      .select(['id', 'label'])
      .where('id', '=', fieldId)
      .where('mailbox_id', '=', ticket.mailbox_id)
      .executeTakeFirst();
    if (!field) throw new AppError('invalid_input', 'Invalid request: values: unknown field');
    const before = await trx
      .selectFrom('ticket_field_values')
      .select('value_id')
      .where('ticket_id', '=', ticketId)
      .where('field_id', '=', fieldId)
      .executeTakeFirst();
    const from = before?.value_id ?? null;
    if (from === valueId) continue;
    await storeValue(trx, ticketId, fieldId, valueId, actor, now);
    await addThreadEvent(
      trx,
      ticket,
      actor,
      'classified',
      { field: field.label, from, to: valueId },
      now,
    );
    await recordTicketEvent(trx, eventActorOf(actor), {
      type: 'ticket.field_changed',
      ticketId,
      mailboxId: ticket.mailbox_id,
      data: { fieldId, from, to: valueId },
    });
  }
  await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticketId).execute();
  await auditTicket(trx, actor, ticketId, 'ticket.classified', { values: input.values });
}
