/**
 * What an agent changes on a ticket (issue 6 §2): status, assignee, tags and
 * classification. Each change is written with an `event` message in the thread
 * (who, from, to) and an audit event. Closing needs every field the supervisor
 * made required before closing.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../policies/mailbox-access.ts';
import type { ClassifyInput, TicketChange } from '../../shared/workspace-contracts.ts';
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

async function addEvent(
  trx: Db,
  ticket: { id: number; mailbox_id: string },
  actor: Actor,
  eventType: string,
  data: Record<string, unknown>,
  now: Date,
): Promise<void> {
  await trx
    .insertInto('messages')
    .values({
      ticket_id: ticket.id,
      mailbox_id: ticket.mailbox_id,
      kind: 'event',
      author_user_id: actor.userId,
      event_type: eventType,
      event_data: JSON.stringify(data),
      created_at: now,
    })
    .execute();
}

async function lockTicket(trx: Transaction<DB>, ticketId: number) {
  const ticket = await trx
    .selectFrom('tickets')
    .select(['id', 'mailbox_id', 'status', 'assignee_id', 'merged_into_id'])
    .where('id', '=', ticketId)
    .where('deleted_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (!ticket) throw new AppError('not_found', 'No such ticket.');
  return ticket;
}

/** An assignee must be an enabled agent (or above) who sees the ticket's mailbox. */
async function assertAssignable(trx: Db, userId: string, mailboxId: string): Promise<string> {
  const user = await trx
    .selectFrom('users')
    .select(['id', 'name', 'role', 'all_mailboxes'])
    .where('id', '=', userId)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!user || user.role === 'viewer')
    throw new AppError('invalid_input', 'Invalid request: assigneeId: not an agent');
  if (!scopeAllows(await mailboxScopeOf(trx, user), mailboxId))
    throw new AppError('invalid_input', 'Invalid request: assigneeId: cannot see this mailbox');
  return user.name;
}

/** Applies a status / assignee / tags change; returns what changed. */
export async function changeTicket(
  db: Kysely<DB>,
  ticketId: number,
  change: TicketChange,
  actor: Actor,
  now = new Date(),
): Promise<string[]> {
  const changed = await db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId);
    const done: string[] = [];
    if (change.status !== undefined && change.status !== ticket.status) {
      if (change.status === 'closed') await assertClosable(trx, ticketId);
      const status: TicketStatus = change.status;
      await trx
        .updateTable('tickets')
        .set({
          status,
          closed_at: status === 'closed' ? now : null,
          updated_at: now,
        })
        .where('id', '=', ticketId)
        .execute();
      await addEvent(
        trx,
        ticket,
        actor,
        'status_changed',
        { from: ticket.status, to: status },
        now,
      );
      done.push('status');
    }
    if (change.assigneeId !== undefined && change.assigneeId !== ticket.assignee_id) {
      const name = change.assigneeId
        ? await assertAssignable(trx, change.assigneeId, ticket.mailbox_id)
        : null;
      await trx
        .updateTable('tickets')
        .set({ assignee_id: change.assigneeId, updated_at: now })
        .where('id', '=', ticketId)
        .execute();
      await addEvent(
        trx,
        ticket,
        actor,
        'assigned',
        { from: ticket.assignee_id, to: change.assigneeId, toName: name },
        now,
      );
      done.push('assignee');
    }
    if (change.tags !== undefined) {
      await setTags(trx, ticketId, change.tags);
      done.push('tags');
    }
    return done;
  });
  if (changed.length > 0)
    await auditTicket(db, actor, ticketId, 'ticket.changed', { ...change, changed });
  return changed;
}

/** One audit event on a ticket. */
export async function auditTicket(
  db: Kysely<DB>,
  actor: Actor,
  ticketId: number,
  action: string,
  details: Record<string, unknown>,
): Promise<void> {
  await recordAudit(db, {
    action,
    actorUserId: actor.userId,
    targetType: 'ticket',
    targetId: String(ticketId),
    ip: actor.ip,
    details,
  });
}

async function tagIds(trx: Db, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of [...new Set(names.map((n) => n.trim()))]) {
    const existing = await trx
      .selectFrom('tags')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
      .executeTakeFirst();
    if (existing) ids.push(existing.id);
    else {
      const inserted = await sql<{ id: string }>`insert into tags (name) values (${name})
        on conflict (lower(name)) do nothing returning id`.execute(trx);
      const id =
        inserted.rows[0]?.id ??
        (
          await trx
            .selectFrom('tags')
            .select('id')
            .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
            .executeTakeFirstOrThrow()
        ).id;
      ids.push(id);
    }
  }
  return ids;
}

/** Replaces the ticket's tags (names; unknown ones are created). */
export async function setTags(trx: Db, ticketId: number, names: string[]): Promise<void> {
  const ids = await tagIds(trx, names);
  await trx.deleteFrom('ticket_tags').where('ticket_id', '=', ticketId).execute();
  if (ids.length > 0)
    await trx
      .insertInto('ticket_tags')
      .values(ids.map((tag_id) => ({ ticket_id: ticketId, tag_id })))
      .execute();
}

/** Adds one tag to the ticket (bulk). */
export async function addTag(trx: Db, ticketId: number, name: string): Promise<void> {
  const [id] = await tagIds(trx, [name]);
  if (id)
    await trx
      .insertInto('ticket_tags')
      .values({ ticket_id: ticketId, tag_id: id })
      .onConflict((oc) => oc.doNothing())
      .execute();
}

/**
 * Sets field values (null clears). Each field must belong to the ticket's
 * mailbox and each value to its field; an agent's value is never marked auto-filled.
 */
export async function classifyTicket(
  db: Kysely<DB>,
  ticketId: number,
  input: ClassifyInput,
  actor: Actor,
  now = new Date(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ticket = await lockTicket(trx, ticketId);
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
      if ((before?.value_id ?? null) === valueId) continue;
      if (valueId === null) {
        await trx
          .deleteFrom('ticket_field_values')
          .where('ticket_id', '=', ticketId)
          .where('field_id', '=', fieldId)
          .execute();
      } else {
        const value = await trx
          .selectFrom('field_values')
          .select('id')
          .where('id', '=', valueId)
          .where('field_id', '=', fieldId)
          .where('archived_at', 'is', null)
          .executeTakeFirst();
        if (!value) throw new AppError('invalid_input', 'Invalid request: values: unknown value');
        await trx
          .insertInto('ticket_field_values')
          .values({
            ticket_id: ticketId,
            field_id: fieldId,
            value_id: valueId,
            auto_filled: false,
            set_by: actor.userId,
            set_at: now,
          })
          .onConflict((oc) =>
            oc.columns(['ticket_id', 'field_id']).doUpdateSet({
              value_id: valueId,
              auto_filled: false,
              set_by: actor.userId,
              set_at: now,
            }),
          )
          .execute();
      }
      await addEvent(
        trx,
        ticket,
        actor,
        'classified',
        { field: field.label, from: before?.value_id ?? null, to: valueId },
        now,
      );
    }
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticketId).execute();
  });
  await auditTicket(db, actor, ticketId, 'ticket.classified', { values: input.values });
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
