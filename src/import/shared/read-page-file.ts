/**
 * Page files as the Help Scout API returns them, read in constant memory:
 * `{"_embedded": {"conversations": [ {…}, {…} ]}, "page": {…}}`, or a bare array.
 *
 * A small structural scanner (strings, escapes, nesting; only the keys of the
 * first two levels remembered) cuts the file into records, and each record is
 * handed to `JSON.parse` (see read-records.ts for why).
 */
import { createReadStream } from 'node:fs';
import { DEFAULT_MAX_RECORD, type ReadOptions, type SourceItem, toItem } from './read-records.ts';

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
