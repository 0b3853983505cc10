import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.ts';
import { type BlobStore, createBlobStore } from './blob-store.ts';

const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const emptySha256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** Yields `total` bytes in chunks of `chunkSize`, like a network upload would. */
function chunkedStream(total: number, chunkSize = 64 * 1024): { stream: Readable; bytes: Buffer } {
  const bytes = randomBytes(total);
  async function* chunks() {
    for (let offset = 0; offset < total; offset += chunkSize)
      yield bytes.subarray(offset, offset + chunkSize);
  }
  return { stream: Readable.from(chunks(), { objectMode: false }), bytes };
}

async function expectAppError(
  promise: Promise<unknown>,
  code: AppError['code'],
): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

async function listAll(store: BlobStore): Promise<string[]> {
  const names: string[] = [];
  for await (const name of store.list()) names.push(name);
  return names.sort();
}

describe('blob store', () => {
  let root: string;
  let store: BlobStore;

  beforeEach(async () => {
    root = path.join(await mkdtemp(path.join(os.tmpdir(), 'guichet-blobs-')), 'blobs');
    store = createBlobStore(root);
  });

  afterEach(async () => {
    await rm(path.dirname(root), { recursive: true, force: true });
  });

  it('stores bytes under blobs/ab/cd/<sha256> and reads them back', async () => {
    const bytes = Buffer.from('Bonjour, voici la pièce jointe.\n');
    const stored = await store.put(bytes);
    expect(stored).toEqual({ sha256: sha256Of(bytes), size: bytes.length });

    const { sha256 } = stored;
    const file = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
    expect((await stat(file)).size).toBe(bytes.length);
    expect((await stat(file)).mode & 0o777).toBe(0o600);

    expect(await store.get(sha256)).toEqual(bytes);
    expect(await readAll(store.open(sha256))).toEqual(bytes);
    expect(await store.has(sha256)).toBe(true);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
  });

  it('accepts a Uint8Array that is a view into a larger buffer', async () => {
    const backing = Buffer.from('xxhello worldxx');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 11);
    const { sha256, size } = await store.put(view);
    expect(size).toBe(11);
    expect((await store.get(sha256)).toString()).toBe('hello world');
  });

  it('is idempotent: the same bytes twice give the same blob and one file', async () => {
    const bytes = randomBytes(1000);
    const first = await store.put(bytes);
    const second = await store.put(Buffer.from(bytes));
    expect(second).toEqual(first);
    expect(await listAll(store)).toEqual([first.sha256]);
    expect(await store.get(first.sha256)).toEqual(bytes);
  });

  it('survives concurrent puts of the same bytes', async () => {
    const bytes = randomBytes(256 * 1024);
    const results = await Promise.all(Array.from({ length: 20 }, () => store.put(bytes)));
    expect(new Set(results.map((r) => r.sha256))).toEqual(new Set([sha256Of(bytes)]));
    expect(await store.get(sha256Of(bytes))).toEqual(bytes);
    expect(await listAll(store)).toEqual([sha256Of(bytes)]);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
  });

  it('stores a batch with putMany: every blob byte-identical, in order, duplicates once', async () => {
    const already = randomBytes(3000);
    await store.put(already);
    const backing = randomBytes(5000);
    const items: Uint8Array[] = [
      ...Array.from({ length: 40 }, (_, i) => randomBytes(i * 997)),
      new Uint8Array(backing.buffer, backing.byteOffset + 100, 4000),
      Buffer.from(already),
      randomBytes(300 * 1024),
    ];
    items.push(Buffer.from(items[3] as Uint8Array)); // the same bytes twice in the batch
    const stored = await store.putMany(items);
    expect(stored).toEqual(items.map((b) => ({ sha256: sha256Of(b), size: b.byteLength })));
    for (const [i, { sha256 }] of stored.entries()) {
      expect(await store.get(sha256)).toEqual(Buffer.from(items[i] as Uint8Array));
      const file = path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
    }
    expect(await listAll(store)).toEqual([...new Set(stored.map((s) => s.sha256))].sort());
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await store.putMany([])).toEqual([]);
  });

  it('fails a batch when the folder of one blob is unusable, leaving only complete blobs', async () => {
    const good = randomBytes(2000);
    let bad = randomBytes(2000);
    while (sha256Of(bad).slice(0, 2) === sha256Of(good).slice(0, 2)) bad = randomBytes(2000);
    await mkdir(root, { recursive: true });
    await writeFile(path.join(root, sha256Of(bad).slice(0, 2)), 'not a folder');
    await expect(store.putMany([good, bad])).rejects.toThrow();
    for (const sha256 of await listAll(store)) expect(await store.get(sha256)).toEqual(good);
  });

  it('stores an empty blob', async () => {
    const stored = await store.put(Buffer.alloc(0));
    expect(stored).toEqual({ sha256: emptySha256, size: 0 });
    expect(await store.get(emptySha256)).toEqual(Buffer.alloc(0));
    expect(await readAll(store.open(emptySha256))).toEqual(Buffer.alloc(0));

    const streamed = await store.putStream(Readable.from([], { objectMode: false }), {
      maxBytes: 10,
    });
    expect(streamed).toEqual({ sha256: emptySha256, size: 0 });
  });

  it('streams a 5 MB blob to disk while hashing it', async () => {
    const { stream, bytes } = chunkedStream(5 * 1024 * 1024);
    const stored = await store.putStream(stream, { maxBytes: 5 * 1024 * 1024 });
    expect(stored).toEqual({ sha256: sha256Of(bytes), size: bytes.length });
    expect((await store.get(stored.sha256)).equals(bytes)).toBe(true);
    expect((await readAll(store.open(stored.sha256))).equals(bytes)).toBe(true);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);

    // Streaming bytes that are already stored keeps the one copy.
    const again = await store.putStream(Readable.from([bytes], { objectMode: false }), {
      maxBytes: bytes.length,
    });
    expect(again).toEqual(stored);
    expect(await listAll(store)).toEqual([stored.sha256]);
  });

  it('rejects a stream over the limit and leaves nothing behind', async () => {
    const { stream, bytes } = chunkedStream(1024 * 1024, 16 * 1024);
    const error = await expectAppError(
      store.putStream(stream, { maxBytes: 100_000 }),
      'invalid_input',
    );
    expect(error.message).toMatch(/larger than the limit of 100000 bytes/);
    expect(stream.destroyed).toBe(true);
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await store.has(sha256Of(bytes))).toBe(false);
    expect(await listAll(store)).toEqual([]);
  });

  it('removes the temporary file when the source stream fails', async () => {
    async function* failing() {
      yield Buffer.from('partial');
      throw new Error('connection reset');
    }
    await expect(
      store.putStream(Readable.from(failing(), { objectMode: false }), { maxBytes: 1000 }),
    ).rejects.toThrow('connection reset');
    expect(await readdir(path.join(root, 'tmp'))).toEqual([]);
    expect(await listAll(store)).toEqual([]);
  });

  it('refuses ids that are not SHA-256 hashes before touching the filesystem', async () => {
    // A file the traversal would reach if the id were used as a path.
    await writeFile(path.join(path.dirname(root), 'secret'), 'do not read');
    const attempts = [
      '../../etc/passwd',
      '../secret',
      `${'a'.repeat(62)}/..`,
      'A'.repeat(64),
      'a'.repeat(63),
      'a'.repeat(65),
      `${'a'.repeat(63)}\0`,
      '',
    ];
    for (const id of attempts) {
      await expectAppError(store.get(id), 'invalid_input');
      await expectAppError(store.has(id), 'invalid_input');
      await expectAppError(store.remove(id), 'invalid_input');
      expect(() => store.open(id)).toThrow(AppError);
    }
    // Validation comes first: the store did not even create its folder.
    await expect(stat(root)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('reports a missing blob as not_found', async () => {
    const missing = sha256Of(Buffer.from('never stored'));
    await expectAppError(store.get(missing), 'not_found');
    expect(await store.has(missing)).toBe(false);
    await expectAppError(readAll(store.open(missing)), 'not_found');
  });

  it('lists what was put, ignoring temporary and foreign files', async () => {
    expect(await listAll(store)).toEqual([]); // no root folder yet
    const hashes = await Promise.all(
      ['un', 'deux', 'trois'].map(async (text) => (await store.put(Buffer.from(text))).sha256),
    );
    await writeFile(path.join(root, 'tmp', 'left-over.tmp'), 'crash debris');
    await writeFile(path.join(root, 'README'), 'not a blob');
    expect(await listAll(store)).toEqual([...hashes].sort());
  });

  it('removes a blob, and removing it again is not an error', async () => {
    const keep = await store.put(Buffer.from('keep'));
    const drop = await store.put(Buffer.from('drop'));
    await store.remove(drop.sha256);
    await store.remove(drop.sha256);
    expect(await store.has(drop.sha256)).toBe(false);
    await expectAppError(store.get(drop.sha256), 'not_found');
    expect(await listAll(store)).toEqual([keep.sha256]);

    // A removed blob can be stored again.
    await store.put(Buffer.from('drop'));
    expect(await store.has(drop.sha256)).toBe(true);
  });
});
