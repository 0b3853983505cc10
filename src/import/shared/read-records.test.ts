import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPageFile } from './read-page-file.ts';
import { readJsonLines, type SourceItem } from './read-records.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'guichet-read-'));
});

const collect = async (items: AsyncIterable<SourceItem>) => {
  const out: SourceItem[] = [];
  for await (const item of items) out.push(item);
  return out;
};

describe('readPageFile', () => {
  it('cuts records at the right place whatever their strings hold, with their first line', async () => {
    const tricky = {
      id: 1,
      body: 'quote " bracket ] brace } comma , backslash \\ and "_embedded"',
    };
    const file = path.join(dir, 'page.json');
    await writeFile(
      file,
      `{"page": {"size": 2, "note": "[{"}, "_embedded" : {"other": [1, 2], "conversations": [\n${JSON.stringify(tricky)},\n  {"id": 2, "nested": [[{}], {"a": "]"}]}\n]}}`,
    );
    const items = await collect(readPageFile(file));
    expect(items).toEqual([
      {
        kind: 'record',
        file,
        line: 2,
        value: tricky,
        warnings: [],
        bytes: expect.any(Number),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      {
        kind: 'record',
        file,
        line: 3,
        value: { id: 2, nested: [[{}], { a: ']' }] },
        warnings: [],
        bytes: expect.any(Number),
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    // The digest is the content's identity: the same record, the same digest.
    expect(new Set(items.map((item) => (item.kind === 'record' ? item.digest : null))).size).toBe(
      2,
    );
  });

  it('reads records across chunk boundaries (1 MiB chunks) and a bare array', async () => {
    const big = Array.from({ length: 5 }, (_, id) => ({ id, body: 'é'.repeat(400_000) }));
    const file = path.join(dir, 'array.json');
    await writeFile(file, JSON.stringify(big));
    const items = await collect(readPageFile(file));
    expect(items.map((i) => (i.kind === 'record' ? i.value.id : i.reason))).toEqual([
      0, 1, 2, 3, 4,
    ]);
  });

  it('reports elements that are not objects, and a file without conversations', async () => {
    const file = path.join(dir, 'odd.json');
    await writeFile(file, '{"_embedded": {"conversations": [12, "x", null, {"id": 3}]}}');
    const items = await collect(readPageFile(file));
    expect(items.map((i) => (i.kind === 'record' ? i.value.id : i.reason))).toEqual([
      'not a JSON object (number)',
      'not a JSON object (string)',
      'not a JSON object (null)',
      3,
    ]);
    const none = path.join(dir, 'none.json');
    await writeFile(none, '{"page": {}}');
    expect((await collect(readPageFile(none)))[0]).toMatchObject({
      kind: 'problem',
      reason: /no "_embedded.conversations"/,
    });
  });

  it('skips a record larger than the limit and reads the next', async () => {
    const file = path.join(dir, 'limit.json');
    await writeFile(file, `[{"id": 1, "body": "${'x'.repeat(3000)}"}, {"id": 2}]`);
    const items = await collect(readPageFile(file, { maxRecordBytes: 1000 }));
    expect(items.map((i) => (i.kind === 'record' ? i.value.id : i.reason))).toEqual([
      'record larger than 1000 bytes: skipped',
      2,
    ]);
  });
});

describe('readJsonLines', () => {
  it('skips an over-long line and keeps counting lines', async () => {
    const file = path.join(dir, 'long.jsonl');
    await writeFile(file, `{"id": 1}\n{"id": 2, "body": "${'x'.repeat(3_000_000)}"}\n{"id": 3}\n`);
    const items = await collect(readJsonLines(file, { maxRecordBytes: 1_000_000 }));
    expect(items.map((i) => [i.line, i.kind === 'record' ? i.value.id : i.reason])).toEqual([
      [1, 1],
      [2, 'record larger than 1000000 bytes: skipped'],
      [3, 3],
    ]);
  });
});
