/**
 * Kysely table types of the agent workspace: live events, presence and saved replies
 * (../migrations/0006_workspace.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp } from './columns.ts';

/** 0006: what changed, for the live stream (ids only). */
export type LiveEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  mailbox_id: string;
  ticket_id: number | null;
  kind: 'ticket' | 'message' | 'presence' | 'notification';
  user_id: string | null;
  /** The writing transaction (0025): read only once every older transaction has ended. */
  tx: Generated<string>;
};

export type TicketPresenceTable = {
  ticket_id: number;
  user_id: string;
  typing: Generated<boolean>;
  seen_at: DefaultTimestamp;
};

export type SavedRepliesTable = {
  id: Generated<string>;
  mailbox_id: string | null;
  name: string;
  body: string;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
