/**
 * Undeclared or wrongly declared 8-bit text (issue 16 §8): a text part with no
 * charset, or one that says UTF-8 or US-ASCII, whose bytes are not valid UTF-8 is
 * Windows-1252 (a superset of Latin-1 for printable text), as mail clients read it.
 * Without this, the parser decodes such bytes as UTF-8 and "Noël" becomes "No�l".
 *
 * The message is split into its MIME parts (mailsplit, the parser's own splitter),
 * each text part's body is decoded from its transfer encoding and checked; only the
 * Content-Type of a part that fails the check changes. Every other byte is passed
 * through as it came. Parts declaring any other charset are left to the parser.
 */
import { PassThrough, pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import mailsplit from '@zone-eu/mailsplit';

type MimeNode = {
  type: 'node';
  contentType: string | false;
  charset: string | false;
  multipart: string | false;
  disposition: string | false;
  getDecoder(): Transform | PassThrough;
  setCharset(charset: string): void;
};
type Chunk = MimeNode | { type: 'body' | 'data'; value: Buffer };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const trusted = new Set(['', 'utf8', 'usascii', 'ascii']);

function isValidUtf8(bytes: Buffer): boolean {
  try {
    utf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The part's text bytes once its transfer encoding (base64, quoted-printable) is undone. */
async function decodedBody(node: MimeNode, chunks: Buffer[]): Promise<Buffer> {
  const decoder = node.getDecoder();
  const out: Buffer[] = [];
  decoder.on('data', (chunk: Buffer) => out.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    decoder.once('end', resolve);
    decoder.once('error', reject);
  });
  for (const chunk of chunks) decoder.write(chunk);
  decoder.end();
  await done;
  return Buffer.concat(out);
}

const isCandidate = (node: MimeNode): boolean =>
  !node.multipart &&
  node.disposition !== 'attachment' &&
  typeof node.contentType === 'string' &&
  node.contentType.startsWith('text/') &&
  trusted.has((node.charset || '').toLowerCase().replace(/[^a-z0-9]/g, ''));

/** Holds each candidate part's body until its end, then fixes its charset if needed. */
class CharsetFallback extends Transform {
  private pending: { node: MimeNode; body: Buffer[] } | undefined;
  changed = false;

  constructor() {
    super({ readableObjectMode: true, writableObjectMode: true });
  }

  private async flushPending(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    const bytes = await decodedBody(pending.node, pending.body);
    if (!isValidUtf8(bytes)) {
      pending.node.setCharset('windows-1252');
      this.changed = true;
    }
    this.push(pending.node);
    for (const value of pending.body) this.push({ type: 'body', value });
  }

  override _transform(chunk: Chunk, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.type === 'body' && this.pending) {
      this.pending.body.push(chunk.value);
      callback();
      return;
    }
    this.flushPending().then(() => {
      if (chunk.type === 'node' && isCandidate(chunk)) this.pending = { node: chunk, body: [] };
      else this.push(chunk);
      callback();
    }, callback);
  }

  override _flush(callback: TransformCallback): void {
    this.flushPending().then(() => callback(), callback);
  }
}

/**
 * `raw` with the charset of its undeclared 8-bit text parts set to windows-1252;
 * `raw` itself (the same buffer) when no part needs it, or when the splitter fails
 * (the parser then reports the message as it always did).
 */
export async function withCharsetFallback(raw: Buffer): Promise<Buffer> {
  // Nothing to look at unless an encoded body could hide bytes, or the raw bytes are
  // not UTF-8 as a whole: a part's body is a slice of them between line ends, so
  // when all of them are valid UTF-8 (7-bit mail included), every body is too.
  // This skips a second MIME split of most mail (issue 22).
  if (
    !/^content-transfer-encoding:\s*(base64|quoted-printable)/im.test(raw.toString('latin1')) &&
    isValidUtf8(raw)
  )
    return raw;
  const fallback = new CharsetFallback();
  const out: Buffer[] = [];
  const collect = new PassThrough();
  collect.on('data', (chunk: Buffer) => out.push(chunk));
  try {
    await new Promise<void>((resolve, reject) => {
      pipeline(
        Readable.from([raw]),
        new mailsplit.Splitter(),
        fallback,
        new mailsplit.Joiner(),
        collect,
        (error) => (error ? reject(error) : resolve()),
      );
    });
  } catch {
    return raw;
  }
  return fallback.changed ? Buffer.concat(out) : raw;
}
