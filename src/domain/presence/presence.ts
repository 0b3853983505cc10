/**
 * Who else has a ticket open (issue 6 §2): each open ticket screen sends a
 * heartbeat (viewing, or typing a reply); heartbeats older than 30 s are gone.
 * A change of state is also a live event, so the others' notice updates at once.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

const staleSeconds = 30;

/** The others on a ticket screen (src/presenters/presence.ts gives them to the API). */
export type Presence = { others: { id: string; name: string; typing: boolean }[] };

export async function heartbeat(
  db: Kysely<DB>,
  input: { ticketId: number; mailboxId: string; userId: string; typing: boolean },
  now = new Date(),
): Promise<Presence> {
  const before = await db
    .selectFrom('ticket_presence')
    .select(['typing', 'seen_at'])
    .where('ticket_id', '=', input.ticketId)
    .where('user_id', '=', input.userId)
    .executeTakeFirst();
  await db
    .insertInto('ticket_presence')
    .values({
      ticket_id: input.ticketId,
      user_id: input.userId,
      typing: input.typing,
      seen_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['ticket_id', 'user_id']).doUpdateSet({ typing: input.typing, seen_at: now }),
    )
    .execute();
  const fresh = before && now.getTime() - before.seen_at.getTime() < staleSeconds * 1000;
  if (!fresh || before.typing !== input.typing)
    await db
      .insertInto('live_events')
      .values({
        mailbox_id: input.mailboxId,
        ticket_id: input.ticketId,
        kind: 'presence',
        user_id: input.userId,
      })
      .execute();
  const others = await db
    .selectFrom('ticket_presence')
    .innerJoin('users', 'users.id', 'ticket_presence.user_id')
    .select(['users.id', 'users.name', 'ticket_presence.typing'])
    .where('ticket_presence.ticket_id', '=', input.ticketId)
    .where('ticket_presence.user_id', '<>', input.userId)
    .where(
      'ticket_presence.seen_at',
      '>',
      sql<Date>`${now}::timestamptz - make_interval(secs => ${staleSeconds})`,
    )
    .orderBy('users.name')
    .execute();
  return { others };
}

/** The agent left the ticket screen. */
export async function leave(db: Kysely<DB>, ticketId: number, userId: string): Promise<void> {
  await db
    .deleteFrom('ticket_presence')
    .where('ticket_id', '=', ticketId)
    .where('user_id', '=', userId)
    .execute();
}
