/**
 * Bulk actions of the inbox (issue 6 §1): the same change on many tickets,
 * each applied on its own (a ticket that cannot be closed for lack of a
 * required field is refused with the reason; the others go through). Tickets
 * outside the caller's scope are refused as not found. Each ticket's change
 * is its own use-case call (its own transaction, thread event, ticket events
 * and audit row).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isAppError } from '../../errors/app-error.ts';
import { type MailboxScope, scopeAllows } from '../../policies/mailbox-access.ts';
import type { BulkInput, BulkResultDto } from '../../shared/workspace-contracts.ts';
import type { Actor } from '../audit/record-audit.ts';
import { addTicketTag, changeTicket } from './change-ticket.ts';
import { classifyTicket } from './classify-ticket.ts';
import { mergeTickets } from './merge-tickets.ts';

export async function bulkChange(
  db: Kysely<DB>,
  scope: MailboxScope,
  input: BulkInput,
  actor: Actor,
): Promise<BulkResultDto> {
  const ids = [...new Set(input.ticketIds)];
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'mailbox_id'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  const visible = new Set(rows.filter((r) => scopeAllows(scope, r.mailbox_id)).map((r) => r.id));
  const result: BulkResultDto = { updated: [], refused: [] };
  const { action } = input;
  if (action.type === 'merge' && !visible.has(action.intoTicketId)) {
    const into = await db
      .selectFrom('tickets')
      .select('mailbox_id')
      .where('id', '=', action.intoTicketId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!into || !scopeAllows(scope, into.mailbox_id)) {
      return { updated: [], refused: ids.map((ticketId) => ({ ticketId, reason: 'not_found' })) };
    }
  }
  for (const ticketId of ids) {
    if (!visible.has(ticketId)) {
      result.refused.push({ ticketId, reason: 'not_found' });
      continue;
    }
    try {
      switch (action.type) {
        case 'assign':
          await changeTicket(db, ticketId, { assigneeId: action.assigneeId }, actor);
          break;
        case 'status':
          await changeTicket(db, ticketId, { status: action.status }, actor);
          break;
        case 'tag':
          await addTicketTag(db, ticketId, action.tag, actor);
          break;
        case 'classify':
          await classifyTicket(
            db,
            ticketId,
            { values: { [action.fieldId]: action.valueId } },
            actor,
          );
          break;
        case 'merge':
          if (ticketId === action.intoTicketId) continue;
          await mergeTickets(db, ticketId, action.intoTicketId, actor);
          break;
      }
      result.updated.push(ticketId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.refused.push({ ticketId, reason: error.message });
    }
  }
  return result;
}
