/**
 * Reports on awkward data: merged values across years, hostile labels in
 * every export, a mailbox without fields, a year without tickets, and the
 * business-hours clock.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { addMessage, createTicket, withDefaultConfiguration } from '../../../test/factories.ts';
import { mergeFieldValue } from '../../domain/classification/merge-field-value.ts';
import { refreshTicketTimings } from '../../domain/tickets/ticket-timings.ts';
import { exportFormats, exportReport, freshContent } from '../export-report.ts';
import { reportJson } from '../render/render-json.ts';
import { buildActivityReport } from './build-activity-report.ts';
import { yearPeriod } from './period.ts';

const hostile = [
  "=cmd|' /C calc'!A0",
  '<script>alert(1)</script>',
  `${'Très long libellé '.repeat(16)}`.slice(0, 300),
  '@SUM(1+1)',
];
const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

describeEachBackend('reports on awkward data', (ctx) => {
  async function natureField(slug: string) {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes[slug] ?? '';
    const field = await ctx.db
      .selectFrom('fields')
      .select('id')
      .where('mailbox_id', '=', mailboxId)
      .where('key', '=', 'nature')
      .executeTakeFirstOrThrow();
    return { mailboxId, fieldId: field.id };
  }

  async function value(fieldId: string, label: string): Promise<string> {
    const row = await ctx.db
      .insertInto('field_values')
      .values({ field_id: fieldId, label, position: 100 })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async function ticketWith(mailboxId: string, fieldId: string, valueId: string, at: string) {
    const id = await createTicket(ctx.db, { mailboxId, createdAt: new Date(at) });
    await ctx.db
      .insertInto('ticket_field_values')
      .values({ ticket_id: id, field_id: fieldId, value_id: valueId })
      .execute();
    return id;
  }

  it('counts a merged value under the value it became, in both years, and filters by it', async () => {
    const { mailboxId, fieldId } = await natureField('demandeurs');
    const oldValue = await value(fieldId, 'Mot de passe oublié (ancien)');
    const newValue = await value(fieldId, 'Identifiants oubliés');
    await ticketWith(mailboxId, fieldId, oldValue, '2019-05-01T10:00:00Z');
    await ticketWith(mailboxId, fieldId, oldValue, '2020-05-01T10:00:00Z');
    await ticketWith(mailboxId, fieldId, newValue, '2020-06-01T10:00:00Z');
    await mergeFieldValue(ctx.db, oldValue, newValue, { userId: null, label: 'test' });
    await expect(
      mergeFieldValue(ctx.db, newValue, oldValue, { userId: null, label: 'test' }),
    ).rejects.toThrow(/merged/);
    await expect(
      mergeFieldValue(ctx.db, newValue, newValue, { userId: null, label: 'test' }),
    ).rejects.toThrow(/itself/);

    const { model } = await buildActivityReport(ctx.db, yearPeriod(2020), {
      mailboxes: ['demandeurs'],
    });
    const json = reportJson(model);
    expect(json.mailboxes.demandeurs?.by['Nature du problème']).toEqual({
      'Identifiants oubliés': 2,
    });
    expect(json.previous.mailboxes.demandeurs?.by['Nature du problème']).toEqual({
      'Identifiants oubliés': 1,
    });
    const filtered = await buildActivityReport(ctx.db, yearPeriod(2020), { values: [newValue] });
    expect(reportJson(filtered.model).mailboxes.demandeurs?.tickets).toBe(2);
    // history is untouched: the old ticket still carries the old value
    const kept = await ctx.db
      .selectFrom('ticket_field_values')
      .select('value_id')
      .where('value_id', '=', oldValue)
      .execute();
    expect(kept).toHaveLength(2);
  });

  it('renders hostile labels inertly in every format', async () => {
    const { mailboxId, fieldId } = await natureField('partenaires');
    for (const label of hostile) {
      const id = await value(fieldId, label);
      await ticketWith(mailboxId, fieldId, id, '2021-03-01T10:00:00Z');
    }
    const { model, report } = await buildActivityReport(ctx.db, yearPeriod(2021));
    for (const format of exportFormats) {
      const exported = await exportReport(format, freshContent(model, report));
      expect(exported.bytes.length, format).toBeGreaterThan(100);
      if (format === 'xlsx') {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(exported.bytes as unknown as ExcelJS.Buffer);
        const sheet = workbook.worksheets.find((w) => w.name.startsWith('1D'));
        const cells = (sheet?.getSheetValues() ?? [])
          .flat()
          .filter((v) => typeof v === 'string' || (typeof v === 'object' && v !== null));
        expect(cells).toContain(hostile[0]);
        // only the total row holds formulas (SUM); no label became one
        const formulas = cells.filter((v) => typeof v === 'object' && v !== null && 'formula' in v);
        expect(
          formulas.every((f) => /^SUM\(/.test(String((f as { formula: string }).formula))),
        ).toBe(true);
      }
      if (format === 'csv') {
        const zip = await JSZip.loadAsync(exported.bytes);
        const name = Object.keys(zip.files).find((n) => n.startsWith('1D')) ?? '';
        const csv = (await zip.file(name)?.async('string')) ?? '';
        expect(csv).toContain("\r\n'=cmd|' /C calc'!A0;1;");
        expect(csv).toContain("'@SUM(1+1)");
      }
      if (format === 'pdf' && hasPdftotext) {
        const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-hostile-'));
        await writeFile(path.join(dir, 'r.pdf'), exported.bytes);
        const { stdout } = await promisify(execFile)('pdftotext', [path.join(dir, 'r.pdf'), '-']);
        expect(stdout).toContain('<script>alert(1)</script>');
        await rm(dir, { recursive: true, force: true });
      }
    }
  });

  it('reports a mailbox without fields, and says so when a year has no ticket', async () => {
    const bare = await ctx.db
      .insertInto('mailboxes')
      .values({ slug: 'sans-champs', name: 'Sans champs', position: 9 })
      .returning('id')
      .executeTakeFirstOrThrow();
    await createTicket(ctx.db, { mailboxId: bare.id, createdAt: new Date('2022-02-01T10:00:00Z') });
    const { report } = await buildActivityReport(ctx.db, yearPeriod(2022), {
      mailboxes: ['sans-champs'],
    });
    expect(report.sections.map((s) => s.id)).toEqual(['1A', '1B', '2A', '2B', '2C']);
    const empty = await buildActivityReport(ctx.db, yearPeriod(2035));
    expect(empty.report.emptyNotice).toContain('Aucun ticket');
    for (const format of exportFormats) {
      expect(
        (await exportReport(format, freshContent(empty.model, empty.report))).bytes.length,
        format,
      ).toBeGreaterThan(10);
    }
  });

  it('counts a ticket merged into another once: the one it became', async () => {
    const mailboxes = await withDefaultConfiguration(ctx.db);
    const mailboxId = mailboxes.partenaires ?? '';
    const at = new Date('2023-03-02T10:00:00Z');
    const kept = await createTicket(ctx.db, { mailboxId, createdAt: at });
    const merged = await createTicket(ctx.db, { mailboxId, createdAt: at });
    const before = reportJson((await buildActivityReport(ctx.db, yearPeriod(2023))).model);
    await ctx.db
      .updateTable('tickets')
      .set({ merged_into_id: kept, status: 'closed', closed_at: at })
      .where('id', '=', merged)
      .execute();
    const after = reportJson((await buildActivityReport(ctx.db, yearPeriod(2023))).model);
    expect(after.mailboxes.partenaires?.tickets).toBe(
      (before.mailboxes.partenaires?.tickets ?? 0) - 1,
    );
  });

  it('measures first responses in business hours when asked', async () => {
    const { mailboxId } = await natureField('partenaires');
    // Friday 6 March 2020 17:00 Paris → Monday 9 March 9:30: 63.5 h of calendar time, 1 h of office time
    const id = await createTicket(ctx.db, {
      mailboxId,
      createdAt: new Date('2023-03-03T16:00:00Z'),
    });
    await addMessage(ctx.db, id, mailboxId, 'reply', new Date('2023-03-06T08:30:00Z'));
    await refreshTicketTimings(ctx.db, [id]);
    const calendar = await buildActivityReport(ctx.db, yearPeriod(2023), {
      mailboxes: ['partenaires'],
    });
    const business = await buildActivityReport(
      ctx.db,
      yearPeriod(2023),
      { mailboxes: ['partenaires'] },
      'business',
    );
    expect(reportJson(calendar.model).mailboxes.partenaires?.firstResponse).toEqual({
      responded: 1,
      under1h: 0,
      under2h: 0,
      under24h: 0,
    });
    expect(reportJson(business.model).mailboxes.partenaires?.firstResponse).toEqual({
      responded: 1,
      under1h: 0,
      under2h: 1,
      under24h: 1,
    });
  });
});
