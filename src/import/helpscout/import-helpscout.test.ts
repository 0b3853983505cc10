/**
 * Help Scout import end to end on both backends: an export written by the
 * generator (bench/helpscout-export.ts) from SPEC §4 rules is imported, and the
 * figures SQL computes from the stored data must equal the generator's intended
 * figures. Then: re-import → nothing changes; a newer export → updates; a run
 * that dies half-way, run again → no duplicates.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generatedMapping,
  type IntendedFigures,
  writeHelpScoutExport,
} from '../../../bench/helpscout-export.ts';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { storedFigures, tableCounts } from '../../../test/support/import-figures.ts';
import { buildActivityReport } from '../../reports/model/build-activity-report.ts';
import { yearPeriod } from '../../reports/model/period.ts';
import { reportJson } from '../../reports/render/render-json.ts';
import { ImportReport } from '../shared/import-report.ts';
import { mappingFileSchema } from '../shared/mapping-file.ts';
import { importHelpScout } from './import-helpscout.ts';

const mapping = mappingFileSchema.parse(generatedMapping);
const CONVERSATIONS = 600;

let dir: string;
let intended: IntendedFigures;
let revised: IntendedFigures;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-hs-'));
  intended = await writeHelpScoutExport(path.join(dir, 'export.jsonl'), {
    conversations: CONVERSATIONS,
    year: 2020,
  });
  await writeHelpScoutExport(path.join(dir, 'pages'), {
    conversations: CONVERSATIONS,
    year: 2020,
    layout: 'pages',
    pageSize: 70,
  });
  revised = await writeHelpScoutExport(path.join(dir, 'newer.jsonl'), {
    conversations: CONVERSATIONS,
    year: 2020,
    revision: 1,
  });
});

describe('the generator', () => {
  it('intends figures that follow SPEC §4 (spam and deleted excluded, Paris months)', () => {
    const p = intended.byMailbox.partenaires;
    const total =
      Object.values(p.tickets).reduce((a, b) => a + b, 0) +
      Object.values(intended.byMailbox.demandeurs.tickets).reduce((a, b) => a + b, 0);
    expect(total).toBe(CONVERSATIONS - intended.excluded.spam - intended.excluded.deleted);
    expect(intended.excluded.spam).toBeGreaterThan(0);
    expect(intended.excluded.deleted).toBeGreaterThan(0);
    // A ticket created on 31 July 2020 at 22:45 UTC belongs to August in Paris.
    expect(Object.keys(p.tickets)).toContain('2020-08');
    // Every response bucket occurs in both mailboxes (< 1 h, < 2 h, < 24 h, later, none).
    for (const slug of ['partenaires', 'demandeurs'] as const) {
      const f = intended.byMailbox[slug].firstResponse;
      expect(0 < f.under1h && f.under1h < f.under2h && f.under2h < f.under24h).toBe(true);
      expect(f.under24h < f.responded && f.responded < f.tickets).toBe(true);
    }
  });
});

const run = (
  db: Parameters<typeof importHelpScout>[0]['db'],
  paths: string[],
  extra: Partial<Parameters<typeof importHelpScout>[0]> = {},
) =>
  importHelpScout({
    db,
    paths,
    mapping,
    dryRun: false,
    report: new ImportReport(null),
    batchSize: 100,
    ...extra,
  });

describeEachBackend('import helpscout', (ctx) => {
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
  });

  it('stores exactly the figures the generator intended', async () => {
    const summary = await run(ctx.db, [path.join(dir, 'export.jsonl')], { writers: 2 });
    expect(summary.errors).toBe(0);
    expect(summary.records).toMatchObject({
      read: CONVERSATIONS,
      created: CONVERSATIONS,
      failed: 0,
    });
    for (const slug of ['partenaires', 'demandeurs'] as const) {
      const stored = await storedFigures(ctx.db, slug);
      const { departements, ...rest } = intended.byMailbox[slug];
      expect({ ...stored, departements: undefined }).toEqual({ ...rest, departements: undefined });
      expect(stored.departements).toEqual(departements);
    }
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from messages`.execute(
      ctx.db,
    );
    expect(rows[0]?.n).toBe(intended.threads);
    // Written in bulk: one live event per mailbox and batch (not one per row), and
    // every message waits for the search backlog job instead of being stemmed here.
    const live = await sql<{ n: number; tickets: number }>`
      select count(*)::int as n, count(ticket_id)::int as tickets from live_events`.execute(ctx.db);
    expect(live.rows[0]).toEqual({ n: expect.any(Number), tickets: 0 });
    expect(live.rows[0]?.n).toBeLessThanOrEqual(2 * (CONVERSATIONS / 100));
    expect(summary.searchBacklog).toBe(intended.threads);
    // An unknown option became a value flagged "à vérifier"; a renamed field was mapped.
    const review = await ctx.db
      .selectFrom('field_values')
      .select('label')
      .where('needs_review', '=', true)
      .execute();
    expect(review.map((r) => r.label)).toEqual(['NOUVEAU MODULE (IMPORT)']);
    expect(summary.mapping.fields.Module).toBe("Module de l'application");
    expect(summary.mapping.unmappedFields).toEqual({});
    // Help Scout numbers are kept; the sequence moved past them.
    const ticket = await ctx.db
      .selectFrom('tickets')
      .select('number')
      .where('source_id', '=', '500000')
      .executeTakeFirstOrThrow();
    expect(ticket.number).toBe(20_000);
    const next = await sql<{ n: number }>`select nextval('ticket_number_seq')::int as n`.execute(
      ctx.db,
    );
    expect(next.rows[0]?.n).toBeGreaterThan(20_000 + CONVERSATIONS - 1);
  });

  it('gives the report (guichet report --format json) the figures the generator intended', async () => {
    const { model } = await buildActivityReport(ctx.db, yearPeriod(2020));
    const json = reportJson(model);
    const inYear = (record: Record<string, number>) =>
      Object.entries(record)
        .filter(([month]) => month.startsWith('2020-'))
        .reduce((sum, [, n]) => sum + n, 0);
    for (const slug of ['partenaires', 'demandeurs'] as const) {
      const want = intended.byMailbox[slug];
      const got = json.mailboxes[slug];
      const months = Object.fromEntries(
        (got?.months ?? [])
          .map((n, i) => [`2020-${String(i + 1).padStart(2, '0')}`, n])
          .filter(([, n]) => n !== 0),
      );
      expect(months).toEqual(
        Object.fromEntries(Object.entries(want.tickets).filter(([m]) => m.startsWith('2020-'))),
      );
      expect(got?.replies).toBe(inYear(want.replies));
      const { tickets: _tickets, ...shares } = want.firstResponse;
      expect(got?.firstResponse).toEqual(shares);
      const ratings = Object.entries(want.ratings)
        .filter(([month]) => month.startsWith('2020-'))
        .reduce(
          (sum, [, r]) => ({
            great: sum.great + r.great,
            okay: sum.okay + r.okay,
            notGood: sum.notGood + r.not_good,
          }),
          { great: 0, okay: 0, notGood: 0 },
        );
      expect(got?.ratings).toEqual(ratings);
      expect(got?.by.Département).toEqual(want.departements);
    }
  });
  it('re-importing the same export (as page files this time) changes nothing', async () => {
    const before = await tableCounts(ctx.db);
    const snapshot =
      await sql`select id, status, created_at, first_response_seconds, updated_at from tickets order by id`.execute(
        ctx.db,
      );
    const summary = await run(ctx.db, [path.join(dir, 'export.jsonl')]);
    expect(summary.records).toMatchObject({
      read: CONVERSATIONS,
      created: 0,
      updated: 0,
      unchanged: CONVERSATIONS,
    });
    expect(await tableCounts(ctx.db)).toEqual(before);
    const after =
      await sql`select id, status, created_at, first_response_seconds, updated_at from tickets order by id`.execute(
        ctx.db,
      );
    expect(after.rows).toEqual(snapshot.rows);
  });

  it('a newer export updates what changed, and the figures follow', async () => {
    const before = await tableCounts(ctx.db);
    const summary = await run(ctx.db, [path.join(dir, 'newer.jsonl')]);
    expect(summary.errors).toBe(0);
    expect(summary.records.created).toBe(0);
    expect(summary.records.updated).toBeGreaterThan(0);
    expect(summary.records.unchanged + summary.records.updated).toBe(CONVERSATIONS);
    const after = await tableCounts(ctx.db);
    expect(after.tickets).toBe(before.tickets);
    expect(after.messages).toBe(before.messages);
    for (const slug of ['partenaires', 'demandeurs'] as const) {
      const stored = await storedFigures(ctx.db, slug);
      expect(stored.ratings).toEqual(revised.byMailbox[slug].ratings);
      expect(stored.firstResponse).toEqual(revised.byMailbox[slug].firstResponse);
      expect(stored.replies).toEqual(revised.byMailbox[slug].replies);
    }
    const reopened = await ctx.db
      .selectFrom('tickets')
      .select('status')
      .where('source_id', '=', '500007')
      .executeTakeFirstOrThrow();
    expect(reopened.status).toBe('active');
  });
});

describeEachBackend('import helpscout, killed half-way', (ctx) => {
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
  });

  it('resumes without duplicates', async () => {
    let batches = 0;
    const crash = run(ctx.db, [path.join(dir, 'pages')], {
      onBatch: () => {
        batches++;
        if (batches === 3) throw new Error('killed');
      },
    });
    await expect(crash).rejects.toThrow('killed');
    const partial = await tableCounts(ctx.db);
    expect(partial.tickets).toBeGreaterThan(0);
    expect(partial.tickets).toBeLessThan(CONVERSATIONS);
    const summary = await run(ctx.db, [path.join(dir, 'pages')]);
    expect(summary.records.unchanged).toBe(partial.tickets);
    expect(summary.records.created).toBe(CONVERSATIONS - partial.tickets);
    const after = await tableCounts(ctx.db);
    expect(after.tickets).toBe(CONVERSATIONS);
    expect(after.messages).toBe(intended.threads);
    for (const slug of ['partenaires', 'demandeurs'] as const) {
      const stored = await storedFigures(ctx.db, slug);
      expect(stored.tickets).toEqual(intended.byMailbox[slug].tickets);
      expect(stored.firstResponse).toEqual(intended.byMailbox[slug].firstResponse);
    }
  });
});
