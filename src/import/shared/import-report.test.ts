import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportReport } from './import-report.ts';
import { Progress } from './progress.ts';

describe('ImportReport', () => {
  it('writes a CSV line per problem, quoted, with spreadsheet formulas neutralised', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-report-'));
    const file = path.join(dir, 'errors.csv');
    const report = new ImportReport(file);
    report.error('a,b.jsonl', 3, 'wrong type: "status"', '42');
    report.warning('x.jsonl', 4, '=HYPERLINK("http://evil.example.org")');
    await report.close();
    await report.close();
    expect(report.errors).toBe(1);
    expect(report.warnings).toBe(1);
    expect(report.writtenTo).toBe(file);
    expect(await readFile(file, 'utf8')).toBe(
      'file,line,level,id,reason\n"a,b.jsonl",3,error,42,"wrong type: ""status"""\nx.jsonl,4,warning,,"\'=HYPERLINK(""http://evil.example.org"")"\n',
    );
  });

  it('writes no file when nothing went wrong', () => {
    const report = new ImportReport(path.join(os.tmpdir(), 'never-written.csv'));
    expect(report.writtenTo).toBeNull();
  });
});

describe('Progress', () => {
  const capture = (isTTY: boolean) => {
    const out = { isTTY, text: '', write: (t: string) => (out.text += t) };
    return out;
  };

  it('draws a bar in place on a terminal', () => {
    const out = capture(true);
    const progress = new Progress(out, 1000);
    progress.update(500, 10);
    progress.finish();
    expect(out.text.startsWith('\r[###############---------------] 50.0 %  10 records ')).toBe(
      true,
    );
    expect(out.text.endsWith('\u001b[K\n')).toBe(true);
  });

  it('prints plain lines, at most one per interval, elsewhere', () => {
    const out = capture(false);
    const progress = new Progress(out, 1000, 60_000);
    progress.update(100, 1);
    progress.update(200, 2);
    progress.finish();
    expect(out.text).toMatch(/^import: 10\.0 % {2}1 records {2}\d+\/s {2}ETA .*\n$/);
  });
});
