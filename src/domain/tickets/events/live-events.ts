/**
 * The live stream's source (issue 6 §3): `live_events` rows, written by
 * triggers on tickets and messages (migration 0006) and by presence
 * heartbeats, read by id. Each app instance runs one hub that polls new rows
 * once a second while someone listens and hands each subscriber the rows of
 * the mailboxes it may see. Polling the table works the same on PGlite and on
 * a server shared by several instances.
 *
 * Ids are taken at insert and seen at commit: only rows whose transaction is
 * older than every transaction still running are read (migration 0025, as for
 * ticket events), so "after the last id" never skips a row committed late. The
 * same rule gives the live position an answer is computed at (`livePosition`,
 * read before the answer): the stream resumed from it misses nothing the answer
 * did not show (issue 16 §16).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { type MailboxScope, scopeAllows } from '../../../policies/mailbox-access.ts';
import type { LiveEventDto } from '../../../shared/workspace-contracts.ts';

/** Rows after `afterId`, oldest first. */
export async function readLiveEvents(
  db: Kysely<DB>,
  afterId: number,
  limit = 500,
): Promise<(LiveEventDto & { userId?: string })[]> {
  const rows = await db
    .selectFrom('live_events')
    .select(['id', 'kind', 'mailbox_id', 'ticket_id', 'user_id'])
    .where('id', '>', afterId)
    .where(sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    mailboxId: r.mailbox_id,
    ticketId: r.ticket_id,
    // a notification is its user's only (issue 18 §4)
    ...(r.kind === 'notification' && r.user_id ? { userId: r.user_id } : {}),
  }));
}

/** The newest id, ended or not. */
export async function lastLiveEventId(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/**
 * The live position now: the newest event every earlier one of which has ended
 * (committed or gone). Read it before computing an answer, and send it with the
 * answer: the stream resumed from it brings every change the answer may miss.
 */
export async function livePosition(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('live_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .where(sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`)
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Deletes rows older than a day (a client away that long reloads anyway). */
export async function pruneLiveEvents(db: Kysely<DB>): Promise<void> {
  await db
    .deleteFrom('live_events')
    .where('at', '<', sql<Date>`now() - interval '1 day'`)
    .execute();
}

type Subscriber = {
  scope: MailboxScope;
  lastId: number;
  send: (event: LiveEventDto) => void;
  /** Who listens: a notification goes to its user only. */
  userId?: string;
};

export type LiveHub = {
  /** Starts delivering events after `afterId` (default: from now). */
  subscribe(
    scope: MailboxScope,
    send: (event: LiveEventDto) => void,
    afterId?: number,
    /** The listening user, who gets their own notifications. */
    userId?: string,
  ): Promise<() => void>;
  close(): void;
};

/**
 * `observe` is told the newest id (presence aside) of each batch read, before the
 * batch goes to the subscribers (the inbox cache drops its answers then).
 */
export function createLiveHub(
  db: Kysely<DB>,
  options: { intervalMs?: number; observe?: (eventId: number) => void } = {},
): LiveHub {
  const { intervalMs = 1000, observe } = options;
  const subscribers = new Set<Subscriber>();
  let timer: NodeJS.Timeout | undefined;
  let polls = 0;
  let closed = false;

  const poll = async () => {
    timer = undefined;
    if (closed || subscribers.size === 0) return;
    try {
      const from = Math.min(...[...subscribers].map((s) => s.lastId));
      const events = await readLiveEvents(db, from);
      const newest = events.findLast(
        (event) => event.kind !== 'presence' && event.kind !== 'notification',
      );
      if (newest) observe?.(newest.id);
      for (const subscriber of subscribers) {
        for (const event of events) {
          if (event.id <= subscriber.lastId) continue;
          subscriber.lastId = event.id;
          if (event.kind === 'notification') {
            const { userId, ...notification } = event;
            if (userId !== undefined && userId === subscriber.userId) subscriber.send(notification);
          } else if (scopeAllows(subscriber.scope, event.mailboxId)) subscriber.send(event);
        }
      }
      polls += 1;
      if (polls % 3600 === 0) await pruneLiveEvents(db);
    } catch {
      // The database is briefly unreachable: try again at the next tick.
    }
    schedule();
  };
  const schedule = () => {
    if (!closed && !timer && subscribers.size > 0) {
      timer = setTimeout(() => void poll(), intervalMs);
      timer.unref();
    }
  };

  return {
    async subscribe(scope, send, afterId, userId) {
      const subscriber: Subscriber = {
        scope,
        send,
        lastId: afterId ?? (await livePosition(db)),
        userId,
      };
      subscribers.add(subscriber);
      schedule();
      return () => {
        subscribers.delete(subscriber);
      };
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      subscribers.clear();
    },
  };
}
