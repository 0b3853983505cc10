/**
 * An internal note on a ticket: seen by agents only, never sent, not a reply
 * (SPEC §4), so it changes no timing fact. Records `message.added`, with the
 * colleagues the note names with `@` (issue 18 §4: they are notified), each an
 * enabled agent or above who sees the ticket's mailbox.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { mailboxScopeOf, scopeAllows } from '../../policies/mailbox-access.ts';
import { sensitiveKindsOf } from '../privacy/sensitive-kinds.ts';
import { recordWrittenDemandNumbers } from './demand-numbers.ts';
import { recordTicketEvent } from './events/record-events.ts';

/** The users named, once each; AppError('invalid_input') when one may not see the mailbox. */
async function mentionable(
  trx: Transaction<DB>,
  userIds: string[],
  mailboxId: string,
): Promise<string[]> {
  if (userIds.length === 0) return [];
  const users = await trx
    .selectFrom('users')
    .select(['id', 'role', 'all_mailboxes'])
    .where('id', 'in', userIds)
    .where('disabled_at', 'is', null)
    .where('role', '<>', 'viewer')
    .execute();
  const allowed = new Set<string>();
  for (const user of users)
    if (scopeAllows(await mailboxScopeOf(trx, user), mailboxId)) allowed.add(user.id);
  if (userIds.some((id) => !allowed.has(id)))
    throw new AppError(
      'invalid_input',
      'Invalid request: mentions: not a colleague of this mailbox',
    );
  return userIds;
}

/** Adds the note; AppError('not_found') for a missing or deleted ticket. */
export async function addNote(
  db: Kysely<DB>,
  input: {
    ticketId: number;
    authorUserId: string;
    body: string;
    mentions?: readonly string[];
    now?: Date;
  },
): Promise<{ messageId: number }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id'])
      .where('id', '=', input.ticketId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    const mentions = await mentionable(trx, [...new Set(input.mentions ?? [])], ticket.mailbox_id);
    const row = await trx
      .insertInto('messages')
      .values({
        ticket_id: ticket.id,
        mailbox_id: ticket.mailbox_id,
        kind: 'note',
        author_user_id: input.authorUserId,
        body_text: input.body,
        sensitive_kinds: sensitiveKindsOf({ text: input.body }),
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordWrittenDemandNumbers(trx, [
      { ticketId: ticket.id, messageId: row.id, texts: [input.body] },
    ]);
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
    await recordTicketEvent(
      trx,
      { kind: 'user', userId: input.authorUserId },
      {
        type: 'message.added',
        ticketId: ticket.id,
        mailboxId: ticket.mailbox_id,
        data: {
          messageId: row.id,
          kind: 'note',
          authorUserId: input.authorUserId,
          ...(mentions.length > 0 ? { mentions } : {}),
        },
      },
    );
    return { messageId: row.id };
  });
}
