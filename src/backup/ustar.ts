/**
 * A minimal POSIX ustar archive (IEEE Std 1003.1, "pax interchange format"
 * without extensions): regular files only, names of at most 100 bytes, sizes
 * below 8 GiB. Enough for a backup (`tar tf backup.tar` lists it) and small
 * enough to read with suspicion: every header checksum is verified, names are
 * checked by the caller, a truncated archive is an error.
 */
import type { Readable, Writable } from 'node:stream';
import { AppError } from '../errors/app-error.ts';

const block = 512;
const maxSize = 8 ** 11 - 1;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

/** The 512-byte header of a regular file. */
export function ustarHeader(name: string, size: number, mtime: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100) throw new Error(`tar entry name too long: ${name}`);
  if (!Number.isSafeInteger(size) || size < 0 || size > maxSize)
    throw new Error(`tar entry too large: ${name}`);
  const header = Buffer.alloc(block, 0);
  nameBytes.copy(header, 0);
  header.write(octal(0o600, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

const padding = (size: number): Buffer => Buffer.alloc((block - (size % block)) % block, 0);

/** Writes to a stream, waiting for drain. */
async function write(out: Writable, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

/** Appends one file entry whose bytes come from `source` (exactly `size` of them). */
export async function writeEntry(
  out: Writable,
  name: string,
  size: number,
  source: AsyncIterable<Buffer | Uint8Array> | Buffer,
  mtime = new Date(),
): Promise<void> {
  await write(out, ustarHeader(name, size, mtime));
  let written = 0;
  const chunks = Buffer.isBuffer(source) ? [source] : source;
  for await (const chunk of chunks) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    written += bytes.length;
    if (written > size) throw new Error(`${name} grew while it was archived`);
    await write(out, bytes);
  }
  if (written !== size) throw new Error(`${name} shrank while it was archived`);
  await write(out, padding(size));
}

/** The end of an archive: two zero blocks. */
export async function writeEnd(out: Writable): Promise<void> {
  await write(out, Buffer.alloc(block * 2, 0));
}

const damaged = (detail: string) =>
  new AppError('invalid_input', `The archive is damaged or not a Guichet backup: ${detail}.`);

function parseOctal(field: Buffer, what: string): number {
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  if (!/^[0-7]+$/.test(text)) throw damaged(`bad ${what} field`);
  return Number.parseInt(text, 8);
}

/** Reads exactly `n` bytes from a chunk reader. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0);
  private readonly iterator: AsyncIterator<Buffer>;
  offset = 0;
  constructor(stream: Readable) {
    this.iterator = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  }
  /** Up to `max` bytes (at least one), or null at the end of the input. */
  async some(max: number): Promise<Buffer | null> {
    if (this.buffer.length === 0) {
      const next = await this.iterator.next();
      if (next.done) return null;
      this.buffer = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value);
    }
    const taken = this.buffer.subarray(0, max);
    this.buffer = this.buffer.subarray(taken.length);
    this.offset += taken.length;
    return taken;
  }
  async exactly(n: number): Promise<Buffer | null> {
    const parts: Buffer[] = [];
    let got = 0;
    while (got < n) {
      const chunk = await this.some(n - got);
      if (chunk === null) return got === 0 ? null : Buffer.concat(parts);
      parts.push(chunk);
      got += chunk.length;
    }
    return Buffer.concat(parts);
  }
}

export type TarEntry = { name: string; size: number; content: AsyncIterable<Buffer> };

/**
 * Reads an archive entry by entry. Each entry's content must be consumed
 * before asking for the next one. Throws AppError('invalid_input') on a bad
 * checksum, an unexpected entry type or a truncated archive.
 */
export async function* readEntries(stream: Readable): AsyncGenerator<TarEntry> {
  const reader = new ByteReader(stream);
  let sawEnd = false;
  for (;;) {
    const at = reader.offset;
    const header = await reader.exactly(block);
    if (header === null) break;
    if (header.length < block) throw damaged(`it ends inside a header at byte ${at}`);
    if (header.every((b) => b === 0)) {
      sawEnd = true;
      break;
    }
    const stored = parseOctal(header.subarray(148, 156), 'checksum');
    let sum = 0;
    for (let i = 0; i < block; i++) sum += i >= 148 && i < 156 ? 32 : (header[i] as number);
    if (sum !== stored) throw damaged(`bad header checksum at byte ${at}`);
    const type = String.fromCharCode(header[156] as number);
    if (type !== '0' && type !== '\0')
      throw damaged(`unexpected entry type "${type}" at byte ${at}`);
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseOctal(header.subarray(124, 136), 'size');
    let left = size;
    let consumed = false;
    async function* content(): AsyncGenerator<Buffer> {
      while (left > 0) {
        const chunk = await reader.some(Math.min(left, 1 << 20));
        if (chunk === null) throw damaged(`${name} is cut short`);
        left -= chunk.length;
        yield chunk;
      }
      consumed = true;
    }
    yield { name, size, content: content() };
    if (!consumed && left > 0) for await (const _ of content()) void _;
    const pad = (block - (size % block)) % block;
    if (pad > 0 && (await reader.exactly(pad))?.length !== pad)
      throw damaged(`${name} is cut short`);
  }
  if (!sawEnd) throw damaged('it ends before its end marker (truncated?)');
}
