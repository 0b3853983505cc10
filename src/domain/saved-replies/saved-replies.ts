/**
 * Saved replies (issue 6 §4): supervisors write them, agents insert them in the
 * composer, where {{variables}} are filled (see fillVariables in the contracts).
 * A reply without a mailbox is offered in every mailbox.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import type { SavedReplyInput } from '../../shared/workspace-contracts.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';

/** A saved reply as stored (src/presenters/saved-reply.ts gives it to the API). */
export type SavedReply = { id: string; mailbox_id: string | null; name: string; body: string };

/** The saved replies of the visible mailboxes (and the shared ones), optionally of one mailbox. */
export async function listSavedReplies(
  db: Kysely<DB>,
  scope: MailboxScope,
  mailboxId: string | undefined,
): Promise<SavedReply[]> {
  const rows = await db
    .selectFrom('saved_replies')
    .select(['id', 'mailbox_id', 'name', 'body'])
    .where((eb) => {
      const shared = eb('mailbox_id', 'is', null);
      if (mailboxId) return eb.or([shared, eb('mailbox_id', '=', mailboxId)]);
      if (scope === 'all') return eb.lit(true);
      return scope.length > 0 ? eb.or([shared, eb('mailbox_id', 'in', [...scope])]) : shared;
    })
    .orderBy('name')
    .execute();
  return rows;
}

async function assertMailbox(db: Kysely<DB>, mailboxId: string | null): Promise<void> {
  if (mailboxId === null) return;
  const row = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('id', '=', mailboxId)
    .executeTakeFirst();
  if (!row) throw new AppError('invalid_input', 'Invalid request: mailboxId: no such mailbox');
}

export async function createSavedReply(
  db: Kysely<DB>,
  input: SavedReplyInput,
  actor: Actor,
): Promise<SavedReply> {
  await assertMailbox(db, input.mailboxId);
  const row = await db
    .insertInto('saved_replies')
    .values({
      mailbox_id: input.mailboxId,
      name: input.name,
      body: input.body,
      created_by: actor.userId,
    })
    .returning(['id', 'mailbox_id', 'name', 'body'])
    .executeTakeFirstOrThrow();
  await recordAudit(db, {
    action: 'saved_reply.created',
    actorUserId: actor.userId,
    targetType: 'saved_reply',
    targetId: row.id,
    ip: actor.ip,
  });
  return row;
}

export async function updateSavedReply(
  db: Kysely<DB>,
  id: string,
  input: SavedReplyInput,
  actor: Actor,
): Promise<SavedReply> {
  await assertMailbox(db, input.mailboxId);
  const row = await db
    .updateTable('saved_replies')
    .set({
      mailbox_id: input.mailboxId,
      name: input.name,
      body: input.body,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returning(['id', 'mailbox_id', 'name', 'body'])
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such saved reply.');
  await recordAudit(db, {
    action: 'saved_reply.updated',
    actorUserId: actor.userId,
    targetType: 'saved_reply',
    targetId: id,
    ip: actor.ip,
  });
  return row;
}

export async function deleteSavedReply(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  const row = await db
    .deleteFrom('saved_replies')
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such saved reply.');
  await recordAudit(db, {
    action: 'saved_reply.deleted',
    actorUserId: actor.userId,
    targetType: 'saved_reply',
    targetId: id,
    ip: actor.ip,
  });
}
