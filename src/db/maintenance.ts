/**
 * Planner statistics. The PostgreSQL server keeps them fresh with autovacuum;
 * PGlite runs PostgreSQL in single-user mode, where autovacuum never runs, so
 * without an explicit ANALYZE its planner keeps the row counts of an empty
 * database and picks nested loops that turn a report into minutes.
 */
import { sql } from 'kysely';
import type { Database } from './client.ts';

/**
 * Refreshes the planner statistics where nothing else does (PGlite), or
 * everywhere with `force` (after a bulk load such as an import).
 */
export async function refreshPlannerStatistics(database: Database, force = false): Promise<void> {
  if (database.kind === 'pglite' || force) await sql`analyze`.execute(database.db);
}
