/**
 * Bytes of attachments and raw e-mails, kept as files under DATA_DIR/blobs.
 *
 * The store is content-addressed: a blob is named by the SHA-256 of its bytes,
 * at `blobs/ab/cd/<64 hex>`. Why:
 * - the same attachment arriving many times (forwards, replies quoting it,
 *   a mailbox imported twice) is stored once;
 * - a name always means the same bytes, so a file is written once and never
 *   changed: writers need no locks (two writers of the same bytes write the
 *   same file), readers never see a half-updated blob, and the database only
 *   keeps the hash, which also lets anyone check the bytes by hashing again;
 * - garbage collection is a set difference: `list()` minus the hashes the
 *   database still references.
 *
 * The two levels of 256 folders keep each folder small with millions of blobs.
 * Files appear at their final name only complete and on disk (temporary file,
 * fsync, rename, fsync of the folder), so a crash leaves at worst a stray file
 * in `tmp/`, never a truncated blob. `putMany` keeps that order for a whole
 * batch and shares the waits: the files' fsyncs run at once, then each folder
 * touched by the batch is fsynced once.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  type FileHandle,
  mkdir,
  open as openFile,
  readdir,
  readFile,
  rename,
  rm,
  stat,
  unlink,
  utimes,
} from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../errors/app-error.ts';

/** What the store knows about a blob it has just written (or already had). */
export type StoredBlob = { sha256: string; size: number };

export type BlobStore = {
  /** Stores `bytes` and returns their hash and size; storing bytes already there only refreshes the blob's mtime. */
  put(bytes: Buffer | Uint8Array): Promise<StoredBlob>;
  /**
   * Stores every item like `put`, results in their order, with the syncs
   * shared: all files written and fsynced at once, renamed, then each touched
   * folder fsynced once. Resolves only when every blob is durable; on an error
   * some blobs may be stored (complete), none is partial.
   */
  putMany(items: readonly (Buffer | Uint8Array)[]): Promise<StoredBlob[]>;
  /**
   * Streams `stream` into the store, hashing as it goes. Rejects with
   * AppError('invalid_input') as soon as more than `maxBytes` arrive; the
   * source stream is then destroyed and the temporary file removed.
   */
  putStream(stream: Readable, options: { maxBytes: number }): Promise<StoredBlob>;
  /** The whole blob in memory; AppError('not_found') when there is none. */
  get(sha256: string): Promise<Buffer>;
  /**
   * The blob as a stream, for large files and HTTP responses. An invalid hash
   * throws at once; a missing blob makes the stream fail with AppError('not_found').
   */
  open(sha256: string): Readable;
  /** Whether the blob is stored (e.g. to skip an upload the server already has). */
  has(sha256: string): Promise<boolean>;
  /** Deletes a blob; removing one that is not there is not an error. */
  remove(sha256: string): Promise<void>;
  /**
   * Every stored hash, in no particular order, for garbage collection. A
   * collector should spare blobs modified recently (see `put`): a blob listed
   * as unreferenced may be about to be referenced by a write in progress.
   */
  list(): AsyncIterable<string>;
};

const sha256Pattern = /^[0-9a-f]{64}$/;
const fanOutPattern = /^[0-9a-f]{2}$/;

/**
 * Throws AppError('invalid_input') unless `value` is 64 lowercase hex digits.
 * Hashes come from URLs and database rows: checking them before building a
 * path is what keeps `../../etc/passwd` out of the filesystem.
 */
export function assertSha256(value: unknown): asserts value is string {
  if (typeof value !== 'string' || !sha256Pattern.test(value)) {
    throw new AppError(
      'invalid_input',
      'A blob id must be a SHA-256 hash: 64 lowercase hexadecimal digits.',
    );
  }
}

const isErrno = (error: unknown, code: string): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === code;

/** Writes all of `bytes`: a single write() may write fewer bytes than asked. */
async function writeAll(handle: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * Flushes a folder's entries to disk, so that a rename into it survives a
 * power cut. Windows cannot open folders for this, and NTFS journals renames.
 */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await openFile(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array)
    return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  throw new AppError('invalid_input', 'A blob stream must carry bytes.');
}

/**
 * Opens (creating it if needed) the blob store rooted at `root`, normally
 * DATA_DIR/blobs. `root/tmp` must stay on the same filesystem as the blobs,
 * which is why temporary files live inside the root and not in the OS temp folder.
 */
export function createBlobStore(root: string): BlobStore {
  const tmpDir = path.join(root, 'tmp');

  const blobPath = (sha256: string): string => {
    assertSha256(sha256);
    return path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  };

  /** A new, exclusively created temporary file (mode 0600: attachments are private). */
  async function createTemp(): Promise<{ file: string; handle: FileHandle }> {
    await mkdir(tmpDir, { recursive: true });
    const file = path.join(tmpDir, `${randomUUID()}.tmp`);
    return { file, handle: await openFile(file, 'wx', 0o600) };
  }

  /**
   * If the blob already exists, bumps its mtime (so a collector sparing recent
   * blobs keeps it) and returns true. Same bytes, same name: nothing to write.
   */
  async function touchIfPresent(sha256: string): Promise<boolean> {
    const now = new Date();
    try {
      await utimes(blobPath(sha256), now, now);
      return true;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return false;
      throw error;
    }
  }

  /**
   * Moves complete, fsynced temporary files to their final names, then makes
   * the renames durable: each folder holding a new name, and each parent of a
   * folder just created, fsynced once (all at once).
   */
  async function commitAll(moves: readonly { file: string; sha256: string }[]): Promise<void> {
    const toSync = new Set<string>();
    await Promise.all(
      moves.map(async ({ file, sha256 }) => {
        const target = blobPath(sha256);
        const directory = path.dirname(target);
        const firstCreated = await mkdir(directory, { recursive: true });
        // rename() replaces atomically: a concurrent writer of the same bytes may
        // win or lose the race, the file at `target` is complete either way.
        await rename(file, target);
        toSync.add(directory);
        if (firstCreated !== undefined) {
          // New folders are entries of their parents: flush those too, up to the first one's parent.
          const last = path.dirname(firstCreated);
          let dir = directory;
          do {
            dir = path.dirname(dir);
            toSync.add(dir);
          } while (dir !== last && dir !== path.dirname(dir));
        }
      }),
    );
    await Promise.all([...toSync].map(syncDirectory));
  }

  /** Writes `bytes` to a new temporary file and fsyncs it; the file is removed on failure. */
  async function writeTemp(bytes: Uint8Array): Promise<string> {
    const { file, handle } = await createTemp();
    try {
      await writeAll(handle, bytes);
      await handle.sync();
      await handle.close();
    } catch (error) {
      await discard(handle, file);
      throw error;
    }
    return file;
  }

  async function discard(handle: FileHandle, file: string): Promise<void> {
    await handle.close().catch(() => {});
    await rm(file, { force: true });
  }

  async function putMany(items: readonly (Buffer | Uint8Array)[]): Promise<StoredBlob[]> {
    const stored = items.map((bytes) => ({
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
    }));
    // The same bytes twice in a batch are written once.
    const first = new Map<string, Uint8Array>();
    for (const [i, s] of stored.entries())
      if (!first.has(s.sha256)) first.set(s.sha256, items[i] as Uint8Array);
    const missing = (
      await Promise.all(
        [...first].map(async ([sha256, bytes]) =>
          (await touchIfPresent(sha256)) ? [] : [{ sha256, bytes }],
        ),
      )
    ).flat();
    const written = await Promise.allSettled(missing.map(({ bytes }) => writeTemp(bytes)));
    const moves = missing.flatMap(({ sha256 }, i) => {
      const r = written[i];
      return r?.status === 'fulfilled' ? [{ file: r.value, sha256 }] : [];
    });
    const failed = written.find((r) => r.status === 'rejected');
    if (failed) {
      await Promise.all(moves.map(({ file }) => rm(file, { force: true })));
      throw failed.reason;
    }
    await commitAll(moves);
    return stored;
  }

  return {
    putMany,

    async put(bytes) {
      const [stored] = await putMany([bytes]);
      return stored as StoredBlob;
    },

    async putStream(stream, { maxBytes }) {
      // A NaN limit would let everything through: that is a bug in the caller, not bad input.
      if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
        throw new RangeError(`Invalid maxBytes: ${maxBytes}`);
      const { file, handle } = await createTemp();
      const hash = createHash('sha256');
      let size = 0;
      try {
        // Leaving this loop early (over the limit, write error) destroys `stream`.
        for await (const chunk of stream as AsyncIterable<unknown>) {
          const bytes = toBuffer(chunk);
          size += bytes.length;
          if (size > maxBytes) {
            throw new AppError(
              'invalid_input',
              `The file is larger than the limit of ${maxBytes} bytes.`,
              { maxBytes },
            );
          }
          hash.update(bytes);
          await writeAll(handle, bytes);
        }
        await handle.sync();
        await handle.close();
        const sha256 = hash.digest('hex');
        if (await touchIfPresent(sha256)) {
          await rm(file, { force: true });
        } else {
          await commitAll([{ file, sha256 }]);
        }
        return { sha256, size };
      } catch (error) {
        await discard(handle, file);
        throw error;
      }
    },

    async get(sha256) {
      try {
        return await readFile(blobPath(sha256));
      } catch (error) {
        if (isErrno(error, 'ENOENT')) throw new AppError('not_found', `No blob ${sha256}.`);
        throw error;
      }
    },

    open(sha256) {
      const file = blobPath(sha256);
      // A generator rather than createReadStream(file), so that a missing blob
      // fails the stream with not_found instead of a raw ENOENT.
      async function* chunks(): AsyncGenerator<Buffer> {
        let handle: FileHandle;
        try {
          handle = await openFile(file, 'r');
        } catch (error) {
          if (isErrno(error, 'ENOENT')) throw new AppError('not_found', `No blob ${sha256}.`);
          throw error;
        }
        // The inner stream closes the handle when it ends or is destroyed.
        yield* handle.createReadStream();
      }
      return Readable.from(chunks(), { objectMode: false });
    },

    async has(sha256) {
      try {
        return (await stat(blobPath(sha256))).isFile();
      } catch (error) {
        if (isErrno(error, 'ENOENT')) return false;
        throw error;
      }
    },

    async remove(sha256) {
      try {
        await unlink(blobPath(sha256));
      } catch (error) {
        if (!isErrno(error, 'ENOENT')) throw error;
      }
    },

    async *list() {
      const subfolders = async (dir: string): Promise<string[]> => {
        try {
          const entries = await readdir(dir, { withFileTypes: true });
          return entries
            .filter((e) => e.isDirectory() && fanOutPattern.test(e.name))
            .map((e) => e.name);
        } catch (error) {
          if (isErrno(error, 'ENOENT')) return [];
          throw error;
        }
      };
      // Only names that fit the layout: `tmp/` and anything else in the root are not blobs.
      for (const first of await subfolders(root)) {
        for (const second of await subfolders(path.join(root, first))) {
          const dir = path.join(root, first, second);
          let entries: string[];
          try {
            entries = await readdir(dir);
          } catch (error) {
            if (isErrno(error, 'ENOENT')) continue; // removed while listing
            throw error;
          }
          for (const name of entries) {
            if (sha256Pattern.test(name) && name.startsWith(first + second)) yield name;
          }
        }
      }
    },
  };
}
