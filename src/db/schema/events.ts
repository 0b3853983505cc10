/**
 * Kysely table type of the ticket events (../migrations/0014_ticket_events.sql).
 * Assembled into `DB` by ../schema.ts. The meaning of `type` and `data` is the
 * contract in src/shared/ticket-events.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp } from './columns.ts';

export type TicketEventActorKind = 'user' | 'contact' | 'system' | 'rule' | 'import';

export type TicketEventsTable = {
  id: Generated<number>;
  /** The writing transaction (xid8 as text); set by the database. */
  tx: ColumnType<string, never, never>;
  at: DefaultTimestamp;
  ticket_id: number;
  mailbox_id: string;
  type: string;
  actor_kind: TicketEventActorKind;
  actor_user_id: string | null;
  actor_rule_id: string | null;
  data: ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, never>;
};
