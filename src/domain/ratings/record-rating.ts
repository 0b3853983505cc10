/**
 * Satisfaction ratings of reply e-mails (SPEC §4). One rating per reply; a
 * change replaces it (the last change wins) and the earlier value goes to
 * rating_history. The rating is credited to the agent who wrote the reply and
 * counts in the period of the reply (reports read ratings joined to messages).
 * Each rating (first or changed) records `ticket.rated` on the reply's ticket,
 * by the customer, in the same transaction.
 */
import type { Kysely } from 'kysely';
import type { DB, RatingLevel } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { recordTicketEvent } from '../tickets/events/record-events.ts';

/** The rating page's scale as the `ticket.rated` event counts it: 1 (not good) to 3 (great). */
export const ratingValue: Record<RatingLevel, number> = { not_good: 1, okay: 2, great: 3 };

export type RatedReply = {
  messageId: number;
  ticketId: number;
  ticketNumber: number;
  current: { level: RatingLevel; comment: string | null } | null;
};

/** The reply a rating link points at, with its current rating; not_found unless it is a reply. */
export async function findRatedReply(db: Kysely<DB>, messageId: number): Promise<RatedReply> {
  const row = await db
    .selectFrom('messages')
    .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .leftJoin('ratings', 'ratings.message_id', 'messages.id')
    .select([
      'messages.id',
      'messages.ticket_id',
      'tickets.number',
      'ratings.level',
      'ratings.comment',
    ])
    .where('messages.id', '=', messageId)
    .where('messages.kind', '=', 'reply')
    .where('tickets.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new AppError('not_found', 'This link does not match any reply.');
  return {
    messageId: row.id,
    ticketId: row.ticket_id,
    ticketNumber: row.number,
    current: row.level ? { level: row.level, comment: row.comment } : null,
  };
}

/** Records (or changes) the rating of reply `messageId`. */
export async function recordRating(
  db: Kysely<DB>,
  input: { messageId: number; level: RatingLevel; comment: string | null; at?: Date },
): Promise<void> {
  const at = input.at ?? new Date();
  await db.transaction().execute(async (trx) => {
    const reply = await trx
      .selectFrom('messages')
      .select(['id', 'ticket_id', 'mailbox_id', 'author_user_id'])
      .where('id', '=', input.messageId)
      .where('kind', '=', 'reply')
      .executeTakeFirst();
    if (!reply) throw new AppError('not_found', 'This link does not match any reply.');
    const existing = await trx
      .selectFrom('ratings')
      .selectAll()
      .where('message_id', '=', reply.id)
      .forUpdate()
      .executeTakeFirst();
    const rated = (ratingId: string) =>
      recordTicketEvent(
        trx,
        { kind: 'contact' },
        {
          type: 'ticket.rated',
          ticketId: reply.ticket_id,
          mailboxId: reply.mailbox_id,
          data: { messageId: reply.id, ratingId, value: ratingValue[input.level] },
        },
        at,
      );
    if (!existing) {
      const created = await trx
        .insertInto('ratings')
        .values({
          message_id: reply.id,
          ticket_id: reply.ticket_id,
          agent_id: reply.author_user_id,
          level: input.level,
          comment: input.comment,
          rated_at: at,
        })
        .onConflict((oc) => oc.column('message_id').doNothing())
        .returning('id')
        .executeTakeFirst();
      // A concurrent first rating won the race: that one was recorded, this one was not.
      if (created) await rated(created.id);
      return;
    }
    await trx
      .insertInto('rating_history')
      .values({
        rating_id: existing.id,
        level: existing.level,
        comment: existing.comment,
        rated_at: existing.rated_at,
      })
      .execute();
    await trx
      .updateTable('ratings')
      .set({ level: input.level, comment: input.comment, rated_at: at })
      .where('id', '=', existing.id)
      .execute();
    await rated(existing.id);
  });
}
