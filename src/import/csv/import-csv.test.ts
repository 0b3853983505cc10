/**
 * CSV import (one ticket per row) and yearly totals, on both backends.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { tableCounts } from '../../../test/support/import-figures.ts';
import { ImportReport } from '../shared/import-report.ts';
import { mappingFileSchema } from '../shared/mapping-file.ts';
import { importCsv } from './import-csv.ts';
import { importTotals } from './import-totals.ts';

const mapping = mappingFileSchema.parse({
  csv: {
    source: 'ancien-outil',
    delimiter: ';',
    columns: {
      id: 'N°',
      date: 'Créé le',
      mailbox: 'Boîte',
      subject: 'Sujet',
      email: 'E-mail',
      firstResponseAt: 'Première réponse',
      replies: 'Réponses',
      rating: 'Satisfaction',
    },
    fields: { Département: 'Dépt', nature: 'Nature' },
  },
});

const csv = [
  'N°;Créé le;Boîte;Sujet;E-mail;Première réponse;Réponses;Satisfaction;Dépt;Nature',
  'A1;2019-03-04T09:00:00Z;Partenaires;Accès;jean@bailleur.example.org;2019-03-04T09:40:00Z;2;Très bien;44;Problème technique',
  'A2;04/03/2019 10:00;demandeurs;"Mot de passe; oublié";;2019-03-05T10:00:00+01:00;1;pas satisfait;35;Oubli infos de connexion',
  'A3;hier;Partenaires;Sans date;;;;;;',
  'A4;2019-03-06T09:00:00Z;Inconnue;Boîte inconnue;;;;;;',
  'A5;2019-12-31T23:30:00Z;Partenaires;"Guillemet "" dans le sujet";;;3;;;Nouvelle nature',
  'A6;2019-03-07T09:00:00Z;Partenaires;"non fermé',
].join('\r\n');

describeEachBackend('import csv', (ctx) => {
  let dir: string;
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-csv-'));
    await writeFile(path.join(dir, 'tickets.csv'), `\uFEFF${csv}`);
  });

  const run = async () => {
    const reportFile = path.join(dir, `report-${Math.random()}.csv`);
    const report = new ImportReport(reportFile);
    const summary = await importCsv({
      db: ctx.db,
      file: path.join(dir, 'tickets.csv'),
      mapping,
      dryRun: false,
      report,
    });
    await report.close();
    return { summary, report: await readFile(reportFile, 'utf8').catch(() => '') };
  };

  it('imports each good row as a ticket with its first response, replies and rating', async () => {
    const { summary, report } = await run();
    expect(summary.records).toMatchObject({ created: 3, failed: 3 });
    expect(report).toMatch(/,4,error,,"unreadable date ""hier""/);
    expect(report).toMatch(/,5,error,A4,"unknown mailbox ""Inconnue""/);
    expect(report).toMatch(/,7,error,,malformed CSV/);
    const { rows } = await sql<{
      source_id: string;
      first_response_seconds: number | null;
      replies: number;
      rating: string | null;
      subject: string;
    }>`
      select t.source_id, t.first_response_seconds, t.subject,
        (select count(*)::int from messages m where m.ticket_id = t.id and m.kind = 'reply') as replies,
        (select r.level from ratings r where r.ticket_id = t.id) as rating
      from tickets t where t.source = 'ancien-outil' order by t.source_id`.execute(ctx.db);
    expect(rows).toEqual([
      {
        source_id: 'A1',
        first_response_seconds: 2400,
        subject: 'Accès',
        replies: 2,
        rating: 'great',
      },
      {
        source_id: 'A2',
        first_response_seconds: 86400,
        subject: 'Mot de passe; oublié',
        replies: 1,
        rating: 'not_good',
      },
      {
        source_id: 'A5',
        first_response_seconds: null,
        subject: 'Guillemet " dans le sujet',
        replies: 0,
        rating: null,
      },
    ]);
    const review = await ctx.db
      .selectFrom('field_values')
      .select('label')
      .where('needs_review', '=', true)
      .execute();
    expect(review.map((r) => r.label)).toEqual(['Nouvelle nature']);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await tableCounts(ctx.db);
    const { summary } = await run();
    expect(summary.records).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it('imports yearly totals, reporting bad rows, and replaces a year on re-import', async () => {
    const file = path.join(dir, 'totals.csv');
    await writeFile(
      file,
      'Année,Boîte,Tickets,Réponses\n2016,Partenaires,2 950,4210\n2016,demandeurs,10340,\n2017,Nulle part,1,1\nabc,Partenaires,1,1\n2017,Partenaires,-3,\n',
    );
    const report = new ImportReport(path.join(dir, 'totals-report.csv'));
    const summary = await importTotals({ db: ctx.db, file, dryRun: false, report });
    await report.close();
    expect(summary).toEqual({ rows: 5, written: 2, failed: 3, dryRun: false });
    const text = await readFile(path.join(dir, 'totals-report.csv'), 'utf8');
    expect(text).toMatch(/,4,error,,"unknown mailbox ""Nulle part""/);
    expect(text).toMatch(/,5,error,,"year ""abc""/);
    expect(text).toMatch(/,6,error,,"tickets ""-3""/);
    await writeFile(file, 'year,mailbox,tickets,replies\n2016,partenaires,3000,4300\n');
    await importTotals({ db: ctx.db, file, dryRun: false, report: new ImportReport(null) });
    const rows = await ctx.db
      .selectFrom('yearly_totals as y')
      .innerJoin('mailboxes as m', 'm.id', 'y.mailbox_id')
      .select(['m.slug', 'y.year', 'y.tickets', 'y.replies'])
      .orderBy('m.slug')
      .execute();
    expect(rows).toEqual([
      { slug: 'demandeurs', year: 2016, tickets: 10340, replies: null },
      { slug: 'partenaires', year: 2016, tickets: 3000, replies: 4300 },
    ]);
  });
});
