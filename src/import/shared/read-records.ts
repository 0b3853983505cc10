/**
 * Streaming readers of export files, in constant memory whatever the file size:
 * the file is read in chunks and only one record at a time is held.
 *
 * Two layouts:
 * - JSON Lines (`.jsonl`, `.ndjson`): one JSON object per line;
 * - page files (`.json`) as the Help Scout API returns them:
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
import { createReadStream } from 'node:fs';

export type SourceItem =
  | {
      kind: 'record';
      file: string;
      line: number;
      value: Record<string, unknown>;
      warnings: string[];
      bytes: number;
    }
  | { kind: 'problem'; file: string; line: number; reason: string };

export type ReadOptions = {
  /** Called with the number of bytes read so far from this file. */
  onBytes?: (bytes: number) => void;
  /** A larger record is skipped with a problem (default 64 MiB). */
  maxRecordBytes?: number;
};

const DEFAULT_MAX_RECORD = 64 * 1024 * 1024;
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
    const kind = /end of (JSON )?input|Unterminated/i.test((error as Error).message)
      ? 'truncated JSON'
      : 'invalid JSON';
    return { reason: `${kind}: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { reason: `not a JSON object (${value === null ? 'null' : typeof value})` };
  }
  return { value: value as Record<string, unknown>, warnings };
}

function toItem(file: string, line: number, bytes: Buffer): SourceItem {
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

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Reads a page file: yields each element of `_embedded.conversations` (or of a
 * top-level array). Only the keys of the first two levels are remembered.
 */
export async function* readPageFile(
  file: string,
  options: ReadOptions = {},
): AsyncGenerator<SourceItem> {
  const max = options.maxRecordBytes ?? DEFAULT_MAX_RECORD;
  // Containers from the top: '{' or '[' and, for objects, the last key read.
  const stack: { type: number; key: string }[] = [];
  let inString = false;
  let escaped = false;
  let keyBytes: number[] | null = null;
  let expectKey = false;
  let line = 1;
  let read = 0;
  let first = true;
  let found = false;
  let records = 0;
  // The record being captured: its depth, first line and bytes so far.
  let capture: {
    depth: number;
    line: number;
    parts: Buffer[];
    size: number;
    start: number;
  } | null = null;
  let oversized = false;

  const atTarget = (): boolean => {
    const n = stack.length;
    const top = stack[n - 1];
    if (top?.type !== 0x5b) return false;
    if (n === 1) return true;
    return n === 3 && stack[0]?.key === '_embedded' && stack[1]?.key === 'conversations';
  };

  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    let buffer = chunk as Buffer;
    read += buffer.length;
    if (first) {
      first = false;
      if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf)
        buffer = buffer.subarray(3);
    }
    if (capture) capture.start = 0;
    const items: SourceItem[] = [];
    const endRecord = (i: number) => {
      if (!capture) return;
      const part = buffer.subarray(capture.start, i + 1);
      if (capture.size + part.length > max) oversized = true;
      const bytes = oversized
        ? part
        : capture.parts.length
          ? Buffer.concat([...capture.parts, part])
          : part;
      records++;
      items.push(
        oversized
          ? {
              kind: 'problem',
              file,
              line: capture.line,
              reason: `record larger than ${max} bytes: skipped`,
            }
          : toItem(file, capture.line, bytes),
      );
      oversized = false;
      capture = null;
    };
    for (let i = 0; i < buffer.length; i++) {
      const byte = buffer[i] as number;
      if (byte === 10) line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (byte === BACKSLASH) escaped = true;
        else if (byte === QUOTE) {
          inString = false;
          if (keyBytes) {
            const top = stack[stack.length - 1];
            if (top) top.key = Buffer.from(keyBytes).toString('utf8');
            keyBytes = null;
          }
          if (capture && stack.length === capture.depth) endRecord(i);
        } else if (keyBytes && keyBytes.length < 200) keyBytes.push(byte);
        continue;
      }
      if (byte === 32 || byte === 10 || byte === 13 || byte === 9 || byte === 44 || byte === 58) {
        if (byte === 44 && stack[stack.length - 1]?.type === 0x7b) expectKey = true;
        continue;
      }
      if (!capture && atTarget()) {
        found = true;
        if (byte === 0x5d) {
          stack.pop();
          continue;
        }
        capture = { depth: stack.length, line, parts: [], size: 0, start: i };
      }
      if (byte === QUOTE) {
        inString = true;
        keyBytes = expectKey && stack.length <= 2 && !capture ? [] : null;
        expectKey = false;
        continue;
      }
      if (byte === 0x7b || byte === 0x5b) {
        stack.push({ type: byte, key: '' });
        expectKey = byte === 0x7b;
        continue;
      }
      if (byte === 0x7d || byte === 0x5d) {
        stack.pop();
        if (capture && stack.length === capture.depth) endRecord(i);
        continue;
      }
      // A bare value (number, true, null…): it ends before a delimiter.
      if (capture && stack.length === capture.depth) {
        const next = buffer[i + 1];
        if (next === undefined || next === 44 || next === 0x5d || next <= 32) endRecord(i);
      }
    }
    if (capture && !oversized) {
      capture.parts.push(buffer.subarray(capture.start));
      capture.size += buffer.length - capture.start;
      if (capture.size > max) {
        oversized = true;
        capture.parts = [];
      }
    }
    yield* items;
    options.onBytes?.(read);
  }
  if (capture) {
    yield {
      kind: 'problem',
      file,
      line: capture.line,
      reason: 'truncated JSON: the record is cut by the end of the file',
    };
  } else if (read === 0) {
    yield { kind: 'problem', file, line: 0, reason: 'empty file: no record' };
  } else if (!found) {
    yield {
      kind: 'problem',
      file,
      line: 1,
      reason: 'no "_embedded.conversations" array (nor a top-level array) in this file',
    };
  } else if (records === 0) {
    yield { kind: 'problem', file, line: 0, reason: 'empty file: no record' };
  }
}
