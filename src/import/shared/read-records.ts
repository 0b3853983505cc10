/**
 * Streaming readers of export files, in constant memory whatever the file size:
 * the file is read in chunks and only one record at a time is held.
 *
 * Two layouts:
 * - JSON Lines (`.jsonl`, `.ndjson`): one JSON object per line;
 * - page files (`.json`, read-page-file.ts) as the Help Scout API returns them:
 *   `{"_embedded": {"conversations": [ {…}, {…} ]}, "page": {…}}`, or a bare array `[ {…} ]`.
 *
 * Page files are cut into records by a small structural scanner (strings, escapes,
 * nesting) and each record is handed to `JSON.parse`: unlike a token-event
 * parser, this keeps the line where each record starts (for error reports) and
 * leaves the parsing itself to V8.
 *
 * Hostile input is reported, never thrown: a BOM and CRLF line ends are
 * accepted, invalid UTF-8 is replaced (U+FFFD) with a warning, raw NUL bytes
 * are removed with a warning, a record that is not a JSON object, a truncated
 * record or one over `maxRecordBytes` is a problem and the next record is read.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export type SourceItem =
  | {
      kind: 'record';
      file: string;
      line: number;
      value: Record<string, unknown>;
      warnings: string[];
      bytes: number;
      /** SHA-256 of the record's bytes as read, when the reader has them (its content's identity). */
      digest?: string;
    }
  | { kind: 'problem'; file: string; line: number; reason: string };

export type ReadOptions = {
  /** Called with the number of bytes read so far from this file. */
  onBytes?: (bytes: number) => void;
  /** A larger record is skipped with a problem (default 64 MiB). */
  maxRecordBytes?: number;
};

/** Default cap on one record's size (a 20 MB body fits; a 1 GB line does not). */
export const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const lenientUtf8 = new TextDecoder('utf-8');

/** Decodes and parses one record's bytes; a problem reason when it is not an object. */
function parseRecord(
  bytes: Buffer,
): { value: Record<string, unknown>; warnings: string[] } | { reason: string } {
  const warnings: string[] = [];
  let data = bytes;
  if (data.includes(0)) {
    data = Buffer.from(data.filter((byte) => byte !== 0));
    warnings.push('NUL bytes removed');
  }
  let text: string;
  try {
    text = strictUtf8.decode(data);
  } catch {
    text = lenientUtf8.decode(data);
    warnings.push('invalid UTF-8 replaced by U+FFFD');
  }
  let value: unknown;
  try {
    // PostgreSQL text cannot hold U+0000: escaped ones (\u0000) go too.
    if (text.includes('\\u0000')) {
      value = JSON.parse(text, (_key, v: unknown) =>
        typeof v === 'string' ? v.replaceAll('\u0000', '') : v,
      );
      warnings.push('NUL characters removed');
    } else {
      value = JSON.parse(text);
    }
  } catch (error) {
    // Cut short when V8 says so, or when it stumbles on the very last character.
    const message = (error as Error).message;
    const at = /at position (\d+)/.exec(message);
    const cut =
      /end of (JSON )?input|Unterminated/i.test(message) ||
      (at !== null && Number(at[1]) >= text.trimEnd().length);
    const kind = cut ? 'truncated JSON' : 'invalid JSON';
    return { reason: `${kind}: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { reason: `not a JSON object (${value === null ? 'null' : typeof value})` };
  }
  return { value: value as Record<string, unknown>, warnings };
}

/** One record's bytes → a record, or a problem saying why not. */
export function toItem(file: string, line: number, bytes: Buffer): SourceItem {
  const parsed = parseRecord(bytes);
  return 'reason' in parsed
    ? { kind: 'problem', file, line, reason: parsed.reason }
    : {
        kind: 'record',
        file,
        line,
        value: parsed.value,
        warnings: parsed.warnings,
        bytes: bytes.length,
        digest: createHash('sha256').update(bytes).digest('hex'),
      };
}

const isBlank = (bytes: Buffer): boolean => bytes.every((b) => b === 32 || b === 9 || b === 13);

/** Reads a JSON Lines file: one record per non-blank line. */
export async function* readJsonLines(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceItem> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let oversized = false;
  let line = 1;
  let read = 0;
  let first = true;
  let sawRecord = false;
  const finishLine = function* (last: Buffer): Generator<SourceItem> {
    const parts = pendingBytes > 0 ? [...pending, last] : [last];
    pending = [];
    pendingBytes = 0;
    if (oversized) {
      oversized = false;
      yield { kind: 'problem', file, line, reason: `record larger than ${max} bytes: skipped` };
      return;
    }
    let bytes = parts.length === 1 ? (parts[0] as Buffer) : Buffer.concat(parts);
    if (bytes.length > 0 && bytes[bytes.length - 1] === 13) bytes = bytes.subarray(0, -1);
    if (bytes.length === 0 || isBlank(bytes)) return;
    sawRecord = true;
    yield toItem(file, line, bytes);
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    let buffer = chunk as Buffer;
    read += buffer.length;
    if (first) {
      first = false;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
        buffer = buffer.subarray(3);
    }
    let start = 0;
    for (let end = buffer.indexOf(10, start); end !== -1; end = buffer.indexOf(10, start)) {
      yield* finishLine(buffer.subarray(start, end));
      line++;
      start = end + 1;
    }
    const rest = buffer.subarray(start);
    if (rest.length > 0 && !oversized) {
      pending.push(rest);
      pendingBytes += rest.length;
      if (pendingBytes > max) {
        oversized = true;
        pending = [];
        pendingBytes = 0;
      }
    }
    options.onBytes?.(read);
  }
  if (pendingBytes > 0 || oversized) yield* finishLine(Buffer.alloc(0));
  if (!sawRecord) yield { kind: 'problem', file, line: 0, reason: 'empty file: no record' };
}
