/**
 * An internal note on a ticket: seen by agents only, never sent, not a reply
 * (SPEC §4), so it changes no timing fact. Records `message.added`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { sensitiveKindsOf } from '../privacy/sensitive-kinds.ts';
import { recordTicketEvent } from './events/record-events.ts';

/** Adds the note; AppError('not_found') for a missing or deleted ticket. */
export async function addNote(
  db: Kysely<DB>,
  input: {
    ticketId: number;
    authorUserId: string;
    body: string;
    /** Colleagues named with `@` (issue 18 §4): recorded on `message.added`, unknown ids dropped. */
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
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
    const wanted = [...new Set(input.mentions ?? [])];
    const mentions =
      wanted.length === 0
        ? []
        : (
            await trx
              .selectFrom('users')
              .select('id')
              .where('id', 'in', wanted)
              .where('disabled_at', 'is', null)
              .execute()
          ).map((u) => u.id);
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
