/**
 * Macros (issue 19 §3): a named set of actions — a saved reply, field values, tags, a
 * status, an assignee — applied in one click or one key, on one ticket or the inbox's
 * selection. Shared macros are written by supervisors; an agent may keep personal ones
 * (only they see them). Applying one is, per ticket, ONE transaction through the ticket
 * use-cases (apply-actions.ts), the agent as actor: all of it happens, or none (a close
 * refused for a missing required field leaves the ticket as it was, with the reason).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError, isAppError } from '../../errors/app-error.ts';
import { type MailboxScope, scopeAllows } from '../../policies/mailbox-access.ts';
import {
  type MacroAction,
  type MacroApplyDto,
  type MacroDto,
  type MacroInput,
  macroActionSchema,
} from '../../shared/automation-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { applyActions } from './apply-actions.ts';

export const macroLimit = 500;

type Row = {
  id: string;
  name: string;
  mailbox_id: string | null;
  owner_user_id: string | null;
  actions: unknown;
};

function macroOf(row: Row, userId: string): MacroDto | null {
  const actions = macroActionSchema.array().safeParse(row.actions);
  if (!actions.success) return null;
  return {
    id: row.id,
    name: row.name,
    mailboxId: row.mailbox_id,
    personal: row.owner_user_id !== null,
    mine: row.owner_user_id === userId,
    actions: actions.data,
  };
}

/** The macros a user may apply (shared ones of the visible mailboxes, and their own). */
export async function listMacros(
  db: Kysely<DB>,
  userId: string,
  scope: MailboxScope,
): Promise<MacroDto[]> {
  const rows: Row[] = await db
    .selectFrom('macros')
    .select(['id', 'name', 'mailbox_id', 'owner_user_id', 'actions'])
    .where((eb) => eb.or([eb('owner_user_id', 'is', null), eb('owner_user_id', '=', userId)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows
    .filter((r) => r.mailbox_id === null || scopeAllows(scope, r.mailbox_id))
    .map((r) => macroOf(r, userId))
    .filter((m): m is MacroDto => m !== null);
}

async function assertReferences(db: Kysely<DB>, input: MacroInput): Promise<void> {
  for (const a of input.actions) {
    if (a.kind === 'setField') {
      const field = await db
        .selectFrom('fields')
        .select('id')
        .where('id', '=', a.fieldId)
        .executeTakeFirst();
      if (!field) throw new AppError('invalid_input', 'Invalid request: fieldId: no such field');
      if (a.valueId) {
        const value = await db
          .selectFrom('field_values')
          .select('id')
          .where('id', '=', a.valueId)
          .where('field_id', '=', a.fieldId)
          .executeTakeFirst();
        if (!value) throw new AppError('invalid_input', 'Invalid request: valueId: no such value');
      }
    }
    if (a.kind === 'reply') {
      const reply = await db
        .selectFrom('saved_replies')
        .select('id')
        .where('id', '=', a.savedReplyId)
        .executeTakeFirst();
      if (!reply)
        throw new AppError('invalid_input', 'Invalid request: savedReplyId: no such saved reply');
    }
    if (a.kind === 'assign' && a.userId) {
      const user = await db
        .selectFrom('users')
        .select('id')
        .where('id', '=', a.userId)
        .executeTakeFirst();
      if (!user) throw new AppError('invalid_input', 'Invalid request: userId: no such user');
    }
  }
  if (input.mailboxId) {
    const mailbox = await db
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', input.mailboxId)
      .executeTakeFirst();
    if (!mailbox)
      throw new AppError('invalid_input', 'Invalid request: mailboxId: no such mailbox');
  }
}

/** Who may write a macro: its owner for a personal one, a supervisor for a shared one. */
async function loadWritable(
  db: Kysely<DB>,
  id: string,
  user: { id: string; supervisor: boolean },
): Promise<Row> {
  const row = await db
    .selectFrom('macros')
    .select(['id', 'name', 'mailbox_id', 'owner_user_id', 'actions'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || (row.owner_user_id !== null && row.owner_user_id !== user.id))
    throw new AppError('not_found', 'No such macro.');
  if (row.owner_user_id === null && !user.supervisor)
    throw new AppError('forbidden', 'Only a supervisor changes a shared macro.');
  return row;
}

const audit = (db: Kysely<DB>, actor: Actor, action: string, id: string) =>
  recordAudit(db, {
    action,
    actorUserId: actor.userId,
    targetType: 'macro',
    targetId: id,
    ip: actor.ip,
  });

export async function saveMacro(
  db: Kysely<DB>,
  id: string | null,
  input: MacroInput,
  user: { id: string; supervisor: boolean },
  actor: Actor,
): Promise<string> {
  if (!input.personal && !user.supervisor)
    throw new AppError('forbidden', 'Only a supervisor writes a shared macro.');
  await assertReferences(db, input);
  const values = {
    name: input.name,
    mailbox_id: input.mailboxId,
    owner_user_id: input.personal ? user.id : null,
    actions: JSON.stringify(input.actions),
  };
  if (id === null) {
    const count = await db
      .selectFrom('macros')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= macroLimit)
      throw new AppError('invalid_input', `Invalid request: at most ${macroLimit} macros`);
    const row = await db
      .insertInto('macros')
      .values({ ...values, created_by: user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(db, actor, 'macro.created', row.id);
    return row.id;
  }
  await loadWritable(db, id, user);
  await db
    .updateTable('macros')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  await audit(db, actor, 'macro.updated', id);
  return id;
}

export async function deleteMacro(
  db: Kysely<DB>,
  id: string,
  user: { id: string; supervisor: boolean },
  actor: Actor,
): Promise<void> {
  await loadWritable(db, id, user);
  await db.deleteFrom('macros').where('id', '=', id).execute();
  await audit(db, actor, 'macro.deleted', id);
}

/** Applies a macro to tickets the agent sees; each ticket all or nothing. */
export async function applyMacro(
  db: Kysely<DB>,
  deps: { signer: MailSigner },
  macroId: string,
  ticketIds: readonly number[],
  user: { id: string; name: string; scope: MailboxScope },
  actor: Actor,
): Promise<MacroApplyDto> {
  const macro = (await listMacros(db, user.id, user.scope)).find((m) => m.id === macroId);
  if (!macro) throw new AppError('not_found', 'No such macro.');
  const ids = [...new Set(ticketIds)];
  const rows = await db
    .selectFrom('tickets')
    .select(['id', 'mailbox_id'])
    .where('id', 'in', ids)
    .where('deleted_at', 'is', null)
    .execute();
  const mailboxOf = new Map(rows.map((r) => [r.id, r.mailbox_id]));
  const result: MacroApplyDto = { applied: [], refused: [] };
  for (const ticketId of ids) {
    const mailboxId = mailboxOf.get(ticketId);
    if (!mailboxId || !scopeAllows(user.scope, mailboxId)) {
      result.refused.push({ ticketId, reason: 'not_found' });
      continue;
    }
    if (macro.mailboxId !== null && macro.mailboxId !== mailboxId) {
      result.refused.push({ ticketId, reason: 'This macro is for another mailbox.' });
      continue;
    }
    try {
      await db
        .transaction()
        .execute((trx) =>
          applyActions(
            trx,
            { signer: deps.signer, actor, agentName: user.name, now: new Date() },
            ticketId,
            macro.actions as MacroAction[],
          ),
        );
      result.applied.push(ticketId);
    } catch (error) {
      if (!isAppError(error)) throw error;
      result.refused.push({ ticketId, reason: error.message });
    }
  }
  return result;
}
