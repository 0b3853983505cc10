/**
 * Fields required before closing (issue 6 §2): a supervisor marks a
 * classification field required; a ticket lacking one of them cannot be closed.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Labels of the mailbox's required fields that the ticket lacks. */
export async function missingRequiredFields(db: Db, ticketId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('fields')
    .innerJoin('tickets', 'tickets.mailbox_id', 'fields.mailbox_id')
    .leftJoin('ticket_field_values as tfv', (join) =>
      join.onRef('tfv.field_id', '=', 'fields.id').onRef('tfv.ticket_id', '=', 'tickets.id'),
    )
    .select('fields.label')
    .where('tickets.id', '=', ticketId)
    .where('fields.required_to_close', '=', true)
    .where('fields.archived_at', 'is', null)
    .where('tfv.value_id', 'is', null)
    .orderBy('fields.position')
    .execute();
  return rows.map((r) => r.label);
}

/** AppError('invalid_input') naming the missing fields, when the ticket may not be closed. */
export async function assertClosable(db: Db, ticketId: number): Promise<void> {
  const missing = await missingRequiredFields(db, ticketId);
  if (missing.length > 0)
    throw new AppError('invalid_input', `Required before closing: ${missing.join(', ')}.`, {
      missing,
    });
}

/** PATCH /api/fields/:id: a supervisor makes a field required (or not) before closing. */
export async function setFieldRequired(
  db: Kysely<DB>,
  fieldId: string,
  required: boolean,
  actor: Actor,
): Promise<void> {
  const row = await db
    .updateTable('fields')
    .set({ required_to_close: required })
    .where('id', '=', fieldId)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such field.');
  await recordAudit(db, {
    action: 'field.required_changed',
    actorUserId: actor.userId,
    targetType: 'field',
    targetId: fieldId,
    ip: actor.ip,
    details: { requiredToClose: required },
  });
}
