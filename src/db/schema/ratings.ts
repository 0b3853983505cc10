/**
 * Kysely table types of satisfaction ratings and their history
 * (../migrations/0001_initial.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type RatingLevel = 'great' | 'okay' | 'not_good';

export type RatingsTable = {
  id: Generated<string>;
  message_id: number;
  ticket_id: number;
  agent_id: string | null;
  level: RatingLevel;
  comment: string | null;
  rated_at: Timestamp;
  created_at: DefaultTimestamp;
};

export type RatingHistoryTable = {
  id: Generated<number>;
  rating_id: string;
  level: RatingLevel;
  comment: string | null;
  rated_at: Timestamp;
};
