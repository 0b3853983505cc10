/**
 * `guichet import totals FILE.csv`: yearly ticket and reply counts of years
 * without detailed data, for the report's evolution since the first year (3B).
 *
 *   year,mailbox,tickets,replies
 *   2016,Partenaires,2950,4210
 *   2016,demandeurs,10340,
 *
 * Column names are matched accent- and case-insensitively (French names work:
 * année, boîte, tickets, réponses); mailboxes by slug or name. `replies` may be
 * empty (not counted then). A row replaces the stored totals of its year and
 * mailbox; a bad row is reported with its line, the others are written.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { ImportReport } from '../shared/import-report.ts';
import { normaliseName } from '../shared/text.ts';
import { readCsv } from './read-csv.ts';

const aliases: Record<'year' | 'mailbox' | 'tickets' | 'replies', string[]> = {
  year: ['year', 'annee'],
  mailbox: ['mailbox', 'boite', 'boite mail', 'support'],
  tickets: ['tickets', 'conversations'],
  replies: ['replies', 'reponses', 'reponses support'],
};

export type TotalsSummary = { rows: number; written: number; failed: number; dryRun: boolean };

const count = (text: string): number | null | 'invalid' => {
  const clean = text.replace(/[\s\u00a0\u202f]/g, '');
  if (clean === '') return null;
  return /^\d{1,9}$/.test(clean) ? Number(clean) : 'invalid';
};

/** Reads the totals file and upserts `yearly_totals` (nothing written in a dry run). */
export async function importTotals(options: {
  db: Kysely<DB>;
  file: string;
  dryRun: boolean;
  report: ImportReport;
  delimiter?: string;
}): Promise<TotalsSummary> {
  const { db, report } = options;
  const mailboxes = await db.selectFrom('mailboxes').select(['id', 'slug', 'name']).execute();
  const summary: TotalsSummary = { rows: 0, written: 0, failed: 0, dryRun: options.dryRun };
  for await (const item of readCsv(options.file, { delimiter: options.delimiter })) {
    if (item.kind === 'problem') {
      summary.failed++;
      report.error(item.file, item.line, item.reason);
      continue;
    }
    summary.rows++;
    const cells = new Map(
      Object.entries(item.value).map(([k, v]) => [normaliseName(k), String(v ?? '').trim()]),
    );
    const get = (key: keyof typeof aliases) =>
      aliases[key].map((a) => cells.get(a)).find((v) => v !== undefined) ?? '';
    const fail = (reason: string) => {
      summary.failed++;
      report.error(item.file, item.line, reason);
    };
    const year = count(get('year'));
    const tickets = count(get('tickets'));
    const replies = count(get('replies'));
    const wanted = normaliseName(get('mailbox'));
    const mailbox = mailboxes.find((m) => m.slug === wanted || normaliseName(m.name) === wanted);
    if (typeof year !== 'number' || year < 1990 || year > 2200)
      fail(`year "${get('year')}" is not a year`);
    else if (!mailbox) fail(`unknown mailbox "${get('mailbox')}"`);
    else if (typeof tickets !== 'number') fail(`tickets "${get('tickets')}" is not a count`);
    else if (replies === 'invalid') fail(`replies "${get('replies')}" is not a count`);
    else {
      summary.written++;
      if (options.dryRun) continue;
      await db
        .insertInto('yearly_totals')
        .values({ mailbox_id: mailbox.id, year, tickets, replies, source: 'import' })
        .onConflict((oc) =>
          oc
            .columns(['mailbox_id', 'year'])
            .doUpdateSet({ tickets, replies, source: 'import', updated_at: new Date() }),
        )
        .execute();
    }
  }
  return summary;
}
