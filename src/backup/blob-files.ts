/** The files of the blob store (DATA_DIR/blobs/ab/cd/<sha256>), listed and hashed for backups and checks. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';

const hex2 = /^[0-9a-f]{2}$/;
const sha = /^[0-9a-f]{64}$/;

const entries = (dir: string) => readdir(dir).catch(() => [] as string[]);

/** Every blob in the store as [hash, file], sorted by hash. */
export async function listBlobFiles(root: string): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for (const a of (await entries(root)).filter((n) => hex2.test(n)).sort()) {
    for (const b of (await entries(path.join(root, a))).filter((n) => hex2.test(n)).sort()) {
      for (const name of (await entries(path.join(root, a, b))).sort()) {
        if (sha.test(name) && name.startsWith(a + b))
          found.push([name, path.join(root, a, b, name)]);
      }
    }
  }
  return found;
}

/** SHA-256 of a file's bytes, or null when it does not exist. */
export async function hashFile(file: string): Promise<string | null> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  return hash.digest('hex');
}

export const blobFileOf = (root: string, sha256: string): string =>
  path.join(root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
