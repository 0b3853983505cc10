/**
 * Kysely table types of automation rules and macros (../migrations/0060_automation.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Json, Timestamp } from './columns.ts';

type JsonColumn = Json;

export type AutomationRulesTable = {
  id: Generated<string>;
  position: number;
  name: string;
  enabled: Generated<boolean>;
  trigger: JsonColumn;
  conditions: JsonColumn;
  actions: JsonColumn;
  stop: Generated<boolean>;
  last_error: string | null;
  last_error_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type AutomationCursorTable = { id: number; last_event_id: number };

export type AutomationFiringsTable = {
  rule_id: string;
  ticket_id: number;
  anchor: Timestamp;
  fired_at: DefaultTimestamp;
};

export type AutomationRoundRobinTable = { rule_id: string; last_user_id: string | null };

export type MacrosTable = {
  id: Generated<string>;
  name: string;
  mailbox_id: string | null;
  owner_user_id: string | null;
  actions: JsonColumn;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
