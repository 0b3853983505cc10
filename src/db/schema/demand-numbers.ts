/**
 * Kysely table type of tickets' numéros uniques (../migrations/0064_demand_numbers.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { DefaultTimestamp } from './columns.ts';

export type DemandNumberSource = 'text' | 'agent';

export type TicketDemandNumbersTable = {
  ticket_id: number;
  numero: string;
  source: DemandNumberSource;
  message_id: number | null;
  created_by: string | null;
  created_at: DefaultTimestamp;
};
