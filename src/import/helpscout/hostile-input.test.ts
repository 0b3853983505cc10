/**
 * Bad input (issue 4 "Bad input"): each case is reported with its file and line
 * in the error report, never crashes the run, and never costs a valid record.
 * Both backends.
 */
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachBackend } from '../../../test/backends.ts';
import { withDefaultConfiguration } from '../../../test/factories.ts';
import { conversation, line } from '../../../test/support/import-conversations.ts';
import { ImportReport } from '../shared/import-report.ts';
import { mappingFileSchema } from '../shared/mapping-file.ts';
import { importHelpScout } from './import-helpscout.ts';

const mapping = mappingFileSchema.parse({ mailboxes: { '101': 'partenaires' } });

describeEachBackend('import helpscout: bad input', (ctx) => {
  let dir: string;
  beforeAll(async () => {
    await withDefaultConfiguration(ctx.db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-hostile-'));
  });

  /** Imports `paths` with an error report file; returns the summary and the report's lines. */
  const importFiles = async (paths: string[]) => {
    const reportFile = path.join(dir, `report-${Math.random().toString(36).slice(2)}.csv`);
    const report = new ImportReport(reportFile);
    const summary = await importHelpScout({ db: ctx.db, paths, mapping, dryRun: false, report });
    await report.close();
    const text = await readFile(reportFile, 'utf8').catch(() => '');
    const lines = text.split('\n').filter(Boolean);
    const at = (file: string, n: number, level: 'error' | 'warning') =>
      lines.filter((l) => l.startsWith(`${file},${n},${level},`)).join('\n');
    return { summary, lines, at };
  };
  const imported = async (from: number, to: number) =>
    (
      await ctx.db
        .selectFrom('tickets')
        .select('source_id')
        .where('source', '=', 'helpscout')
        .execute()
    )
      .map((r) => Number(r.source_id))
      .filter((id) => id >= from && id < to)
      .sort((a, b) => a - b);
  const ticketOf = (id: number) =>
    ctx.db
      .selectFrom('tickets')
      .selectAll()
      .where('source_id', '=', String(id))
      .executeTakeFirstOrThrow();

  it('reports each broken line of a JSON Lines file and imports every valid one', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    const rows = [
      line(conversation(1000)), // 1
      line(conversation(1001)).slice(0, 80), // 2 truncated
      '[1, 2, 3]', // 3 not an object
      line(conversation(1003, { status: 42 })), // 4 wrong type
      line({ ...conversation(1004), id: undefined }), // 5 missing id
      line(conversation(1005, { mailboxId: 999 })), // 6 unknown mailbox
      line(conversation(1006, { createdAt: 'yesterday' })), // 7 unreadable date
      line(conversation(1007)), // 8
      '', // 9 blank: ignored
      line(conversation(1007, { subject: 'Doublon' })), // 10 duplicate id: the later one wins
      line(conversation(1010, { _embedded: { threads: 'none' } })), // 11 wrong type
      line(conversation(1011)), // 12
    ];
    await writeFile(file, `${rows.join('\n')}\n`);
    const { summary, at } = await importFiles([file]);
    expect(at(file, 2, 'error')).toMatch(/truncated JSON/);
    expect(at(file, 3, 'error')).toMatch(/not a JSON object/);
    expect(at(file, 4, 'error')).toMatch(/wrong type: status/);
    expect(at(file, 5, 'error')).toMatch(/missing conversation id/);
    expect(at(file, 6, 'error')).toMatch(/unknown mailbox id 999/);
    expect(at(file, 7, 'error')).toMatch(/unreadable createdAt ""yesterday""/);
    expect(at(file, 11, 'error')).toMatch(/wrong type: _embedded.threads/);
    expect(at(file, 8, 'warning')).toMatch(/duplicate id/);
    expect(summary.records.failed).toBe(7);
    expect(summary.errors).toBe(7);
    expect(await imported(1000, 1100)).toEqual([1000, 1007, 1011]);
    expect((await ticketOf(1007)).subject).toBe('Doublon');
  });

  it('reads other date formats and zones, with a warning for those without a zone', async () => {
    const file = path.join(dir, 'dates.jsonl');
    const rows = [
      conversation(1100, { createdAt: '2020-03-02T10:00:00+01:00' }),
      conversation(1101, {
        createdAt: '2020-07-01 11:00:00',
        _embedded: { threads: [{ id: 1, type: 'customer', createdAt: '2020-07-01 11:00:00' }] },
      }),
      conversation(1102, {
        createdAt: '02/03/2020 10:00',
        _embedded: { threads: [{ id: 2, type: 'customer', createdAt: '02/03/2020 10:00' }] },
      }),
    ];
    await writeFile(file, rows.map(line).join('\n'));
    const { summary, at } = await importFiles([file]);
    expect(summary.errors).toBe(0);
    expect(at(file, 2, 'warning')).toMatch(/no time zone: read as Paris time/);
    expect(at(file, 3, 'warning')).toMatch(/day\/month\/year, Paris time/);
    expect((await ticketOf(1100)).created_at.toISOString()).toBe('2020-03-02T09:00:00.000Z');
    expect((await ticketOf(1101)).created_at.toISOString()).toBe('2020-07-01T09:00:00.000Z');
    expect((await ticketOf(1102)).created_at.toISOString()).toBe('2020-03-02T09:00:00.000Z');
  });

  it('keeps a 20 MB body whole, removes NUL bytes, replaces invalid UTF-8, accepts a BOM and CRLF', async () => {
    const file = path.join(dir, 'bytes.jsonl');
    const big = `<p>${'x'.repeat(20 * 1024 * 1024)}</p>`;
    const withBody = (id: number, body: string) =>
      conversation(id, {
        _embedded: {
          threads: [{ id: id * 10, type: 'customer', createdAt: '2020-03-02T09:00:00Z', body }],
        },
      });
    const parts = [
      Buffer.from('\uFEFF'),
      Buffer.from(`${line(conversation(1200))}\r\n`),
      Buffer.from(`${line(withBody(1201, big))}\r\n`),
      Buffer.from(`${line(withBody(1202, 'a\u0000b'))}\r\n`),
      Buffer.from(line(withBody(1203, 'cd')).replace('"cd"', '"c\u0000d"')),
      Buffer.from('\r\n'),
      Buffer.concat([
        Buffer.from(line(withBody(1204, 'EF')).split('"EF"')[0] ?? ''),
        Buffer.from([0x22, 0x61, 0xff, 0xfe, 0x62, 0x22]),
        Buffer.from(line(withBody(1204, 'EF')).split('"EF"')[1] ?? ''),
      ]),
      Buffer.from('\r\n'),
    ];
    await writeFile(file, Buffer.concat(parts));
    const { summary, at } = await importFiles([file]);
    expect(summary.errors).toBe(0);
    expect(await imported(1200, 1300)).toEqual([1200, 1201, 1202, 1203, 1204]);
    const body = async (id: number) =>
      (
        await ctx.db
          .selectFrom('messages')
          .select('body_html')
          .where('source_id', '=', String(id * 10))
          .executeTakeFirstOrThrow()
      ).body_html;
    expect((await body(1201))?.length).toBe(big.length);
    expect(await body(1202)).toBe('ab');
    expect(at(file, 3, 'warning')).toMatch(/NUL characters removed/);
    expect(await body(1203)).toBe('cd');
    expect(at(file, 4, 'warning')).toMatch(/NUL bytes removed/);
    expect(await body(1204)).toBe('a\uFFFD\uFFFDb');
    expect(at(file, 5, 'warning')).toMatch(/invalid UTF-8/);
  });

  it('reports an empty file, skips other files of a folder, and reads page files', async () => {
    const folder = path.join(dir, 'folder');
    await mkdir(path.join(folder, 'sub'), { recursive: true });
    await writeFile(path.join(folder, 'empty.jsonl'), '');
    await writeFile(path.join(folder, 'README.txt'), 'not an export');
    await writeFile(path.join(folder, 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const page = {
      _embedded: { conversations: [conversation(1300), conversation(1301)] },
      page: { size: 2, totalElements: 3, totalPages: 2, number: 1 },
    };
    await writeFile(path.join(folder, 'page-1.json'), JSON.stringify(page, null, 2));
    // A page cut in the middle of its second conversation.
    const cut = JSON.stringify(
      { _embedded: { conversations: [conversation(1302), conversation(1303)] } },
      null,
      2,
    );
    await writeFile(path.join(folder, 'sub', 'page-2.json'), cut.slice(0, cut.length - 400));
    const { summary, at } = await importFiles([folder]);
    expect(at(path.join(folder, 'empty.jsonl'), 0, 'error')).toMatch(/empty file/);
    expect(at(path.join(folder, 'README.txt'), 0, 'warning')).toMatch(/skipped/);
    expect(at(path.join(folder, 'logo.png'), 0, 'warning')).toMatch(/skipped/);
    const secondStart = cut.split('\n').findIndex((l) => l.trim() === '"id": 1303,');
    expect(secondStart).toBeGreaterThan(0);
    expect(at(path.join(folder, 'sub', 'page-2.json'), secondStart, 'error')).toMatch(/truncated/);
    expect(summary.records.created).toBe(3);
    expect(await imported(1300, 1400)).toEqual([1300, 1301, 1302]);
  });

  it('the same id in two batches written at once ends as one ticket', async () => {
    const file = path.join(dir, 'concurrent.jsonl');
    const rows = [
      conversation(1500),
      conversation(1501),
      conversation(1500, { subject: 'Encore' }),
    ];
    await writeFile(file, rows.map(line).join('\n'));
    const summary = await importHelpScout({
      db: ctx.db,
      paths: [file],
      mapping,
      dryRun: false,
      report: new ImportReport(null),
      batchSize: 1,
      writers: 2,
    });
    expect(summary.errors).toBe(0);
    expect(summary.records.created + summary.records.updated).toBe(3);
    expect(await imported(1500, 1600)).toEqual([1500, 1501]);
  });

  it('keeps e-mail addresses with non-ASCII local parts', async () => {
    const file = path.join(dir, 'idn.jsonl');
    const email = 'Élodie.Müller@exemple.example.org';
    await writeFile(
      file,
      line(conversation(1400, { primaryCustomer: { email, first: 'Élodie' } })),
    );
    const { summary } = await importFiles([file]);
    expect(summary.errors).toBe(0);
    const contact = await ctx.db
      .selectFrom('contacts')
      .select('email')
      .where('id', '=', (await ticketOf(1400)).contact_id ?? '')
      .executeTakeFirstOrThrow();
    expect(contact.email).toBe(email.toLowerCase());
  });
});
