/**
 * Kysely table types of known incidents (../migrations/0066_incidents.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type IncidentsTable = {
  id: Generated<string>;
  title: string;
  module_value_id: string | null;
  public_text: Generated<string>;
  final_text: string | null;
  started_at: Timestamp;
  resolved_at: Timestamp | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type IncidentTicketsTable = {
  incident_id: string;
  ticket_id: number;
  linked_by: string | null;
  linked_at: DefaultTimestamp;
  answered_at: Timestamp | null;
  final_sent_at: Timestamp | null;
};
