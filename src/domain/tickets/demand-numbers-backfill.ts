/**
 * The numéros uniques of messages written before Guichet read them (issue 20 §3;
 * migration 0065 records how far to go): a poll job of the runner reads a slice
 * of messages in id order per pass, with their tickets' subjects, until it
 * reaches the last message of the migration. The job_state row is locked for the
 * pass, so several instances take turns and no slice is read twice.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { PollJob } from '../../jobs/runner/types.ts';
import { htmlForNumbers, recordWrittenDemandNumbers } from './demand-numbers.ts';

const settingKey = 'demand_numbers.backfill';

/** Reads up to `slice` messages' numbers; true while older messages remain. */
export async function backfillDemandNumbers(db: Kysely<DB>, slice = 2000): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const state = await trx
      .selectFrom('job_state')
      .select('value')
      .where('key', '=', settingKey)
      .forUpdate()
      .executeTakeFirst();
    const { cursor = 0, upTo = 0 } = (state?.value ?? {}) as { cursor?: number; upTo?: number };
    if (!state || cursor >= upTo) return false;
    const end = Math.min(cursor + slice, upTo);
    const { rows } = await sql<{
      id: number;
      ticket_id: number;
      message_subject: string | null;
      body_text: string | null;
      body_html: string | null;
      ticket_subject: string;
    }>`
      select m.id, m.ticket_id, m.subject as message_subject, m.body_text, m.body_html,
        t.subject as ticket_subject
      from messages m join tickets t on t.id = m.ticket_id
      where m.id > ${cursor} and m.id <= ${end} and m.kind <> 'event'
        and t.anonymised_at is null
      order by m.id`.execute(trx);
    await recordWrittenDemandNumbers(
      trx,
      rows.map((row) => ({
        ticketId: Number(row.ticket_id),
        messageId: Number(row.id),
        texts: [
          row.ticket_subject,
          row.message_subject,
          row.body_text ?? htmlForNumbers(row.body_html),
        ],
      })),
    );
    await trx
      .updateTable('job_state')
      .set({ value: JSON.stringify({ cursor: end, upTo }), updated_at: new Date() })
      .where('key', '=', settingKey)
      .execute();
    return end < upTo;
  });
}

/** The job: passes back to back while messages remain, then a look every minute (none left). */
export function demandNumberBackfillJob(db: Kysely<DB>): PollJob {
  return {
    kind: 'poll',
    name: 'demand-number-backfill',
    everyMs: 60_000,
    run: () => backfillDemandNumbers(db),
  };
}
