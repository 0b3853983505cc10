/**
 * The bookkeeping around an import run: the ticket-number sequence after kept
 * origin numbers, and the run's end (import_runs, audit log).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, cliActor, recordAudit } from '../../domain/audit/record-audit.ts';
import type { ImportSummary } from './run-model.ts';

/**
 * Kept origin numbers can be above the sequence: move it past the highest
 * number, so that tickets created afterwards never collide with an imported one.
 */
export async function advanceTicketNumbers(db: Kysely<DB>): Promise<void> {
  await sql`
    select setval('ticket_number_seq', m.top)
    from (select max(number) as top from tickets) m, ticket_number_seq s
    where m.top is not null and m.top > s.last_value`.execute(db);
}

/**
 * Records the end of a run that wrote: its summary in import_runs (unless the
 * caller owns the row, as uploads do) and one audit event naming who ran it.
 */
export async function recordRunEnd(
  db: Kysely<DB>,
  run: { runId: string; kind: string; summary: ImportSummary; ownsRow: boolean; actor?: Actor },
): Promise<void> {
  if (run.ownsRow) {
    await db
      .updateTable('import_runs')
      .set({ finished_at: new Date(), summary: JSON.stringify(run.summary) })
      .where('id', '=', run.runId)
      .execute();
  }
  const actor = run.actor ?? cliActor;
  await recordAudit(db, {
    action: `import.${run.kind}`,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip ?? null,
    targetType: 'import_run',
    targetId: run.runId,
    details: { records: run.summary.records, errors: run.summary.errors },
  });
}
