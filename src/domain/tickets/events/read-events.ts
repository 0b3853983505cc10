/**
 * Reading ticket events in order, for every consumer (live stream, audit,
 * targets, notifications, rules, webhooks). A consumer keeps the last id it
 * handled and asks for what follows.
 *
 * Ids are taken at insert and become visible at commit: a transaction that took
 * id 10 may commit after one that took id 11. Reading "id > last" alone would then
 * skip 10 for good. So only rows written by transactions older than every
 * transaction still running are handed out (`tx < pg_snapshot_xmin(…)`): those are
 * all committed (or rolled back, and gone). A row of a running transaction waits
 * for the next read. On PGlite (one connection) this holds trivially.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB, TicketEventsTable } from '../../../db/schema.ts';
import {
  isTicketEventType,
  type TicketEvent,
  type TicketEventActor,
} from '../../../shared/ticket-events.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Row = {
  id: number;
  at: Date;
  ticket_id: number;
  mailbox_id: string;
  type: string;
  actor_kind: TicketEventsTable['actor_kind'];
  actor_user_id: string | null;
  actor_rule_id: string | null;
  data: Record<string, unknown>;
};

function actorOf(row: Row): TicketEventActor {
  switch (row.actor_kind) {
    case 'user':
      return row.actor_user_id ? { kind: 'user', userId: row.actor_user_id } : { kind: 'system' };
    case 'rule':
      return row.actor_rule_id ? { kind: 'rule', ruleId: row.actor_rule_id } : { kind: 'rule' };
    default:
      return { kind: row.actor_kind };
  }
}

/**
 * Events with id > `afterId` whose transactions have ended, oldest first. With
 * `tx`, instead: the events of transactions in [from, to) (xid8 as text), which
 * the caller knows have all ended (a consumer that moves by windows of
 * transactions: domain/notifications/event-window.ts).
 */
export async function readTicketEvents(
  db: Db,
  options: {
    afterId: number;
    limit?: number;
    ticketId?: number;
    types?: readonly string[];
    tx?: { from: string; to: string };
  },
): Promise<TicketEvent[]> {
  let query = db
    .selectFrom('ticket_events')
    .select([
      'id',
      'at',
      'ticket_id',
      'mailbox_id',
      'type',
      'actor_kind',
      'actor_user_id',
      'actor_rule_id',
      'data',
    ])
    .where('id', '>', options.afterId)
    .where(
      options.tx
        ? sql<boolean>`tx >= ${options.tx.from}::xid8 and tx < ${options.tx.to}::xid8`
        : sql<boolean>`tx < pg_snapshot_xmin(pg_current_snapshot())`,
    )
    .orderBy('id')
    .limit(options.limit ?? 500);
  if (options.ticketId !== undefined) query = query.where('ticket_id', '=', options.ticketId);
  if (options.types && options.types.length > 0)
    query = query.where('type', 'in', [...options.types]);
  const rows: Row[] = await query.execute();
  return rows
    .filter((row) => isTicketEventType(row.type))
    .map(
      (row) =>
        ({
          id: row.id,
          at: row.at.toISOString(),
          type: row.type,
          ticketId: row.ticket_id,
          mailboxId: row.mailbox_id,
          actor: actorOf(row),
          data: row.data,
        }) as TicketEvent,
    );
}

/** The newest event id (whether or not its transaction has ended): "from now" for a new consumer. */
export async function lastTicketEventId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('ticket_events')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}
