/**
 * Raw RFC 5322 bytes → the plain data the pipeline works with. Validation at
 * the boundary: everything here is attacker-controlled, so the result is
 * bounded (time, parts, header sizes) and cleaned (no NUL bytes, which
 * PostgreSQL refuses in text; addresses lowercased; IDs trimmed).
 */
import type { AddressObject, Attachment } from 'mailparser';
import { simpleParser } from 'mailparser';
import { withCharsetFallback } from './charset-fallback.ts';

export type MailAddress = { address: string; name: string };

export type ParsedAttachment = {
  filename: string | null;
  contentType: string;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
};

export type ParsedInbound = {
  /** The Message-ID, angle brackets included, or a synthetic one from the raw hash. */
  messageId: string;
  synthetic: boolean;
  inReplyTo: string | null;
  references: string[];
  from: MailAddress | null;
  replyTo: MailAddress | null;
  to: string[];
  cc: string[];
  subject: string;
  date: Date | null;
  text: string | null;
  html: string | null;
  attachments: ParsedAttachment[];
  /** Header values by lowercase name, unfolded, in order. */
  headers: Map<string, string[]>;
  contentType: string;
};

export type ParseLimits = { timeoutMs: number; maxAttachments: number; maxReferences: number };

export const defaultParseLimits: ParseLimits = {
  timeoutMs: 10_000,
  maxAttachments: 500,
  maxReferences: 100,
};

/** Thrown for mail that cannot be taken in: it goes to the dead-letter list. */
export class UnprocessableMailError extends Error {
  override name = 'UnprocessableMailError';
}

const stripNul = (value: string): string => value.replaceAll('\0', '');
const idPattern = /<[^<>\s]{1,500}>/g;

/** Message-IDs in a header value: `<a@b> <c@d>`, whitespace-separated, angle brackets kept. */
export function messageIdsIn(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
  return [...stripNul(text).matchAll(idPattern)].map((m) => m[0]);
}

function addressesOf(value: AddressObject | AddressObject[] | undefined): MailAddress[] {
  const objects = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const result: MailAddress[] = [];
  const visit = (entries: AddressObject['value']) => {
    for (const entry of entries) {
      if (entry.group) visit(entry.group);
      else if (entry.address)
        result.push({
          address: stripNul(entry.address).trim().toLowerCase().slice(0, 320),
          name: stripNul(entry.name).trim().slice(0, 200),
        });
    }
  };
  for (const object of objects) visit(object.value);
  return result;
}

function headerMap(lines: ReadonlyArray<{ key: string; line: string }>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const { key, line } of lines) {
    const colon = line.indexOf(':');
    const value = stripNul(line.slice(colon + 1).replace(/\r?\n[ \t]+/g, ' ')).trim();
    const list = map.get(key.toLowerCase()) ?? [];
    list.push(value.slice(0, 4000));
    map.set(key.toLowerCase(), list);
  }
  return map;
}

function toAttachment(a: Attachment): ParsedAttachment {
  return {
    filename: a.filename ? stripNul(a.filename) : null,
    contentType: a.contentType.toLowerCase(),
    content: a.content,
    contentId: a.cid ?? null,
    inline: a.contentDisposition === 'inline' || a.related === true,
  };
}

/**
 * Parses `raw`. `rawSha256` names the synthetic Message-ID of a mail without one
 * (RELIABILITY #37: the same bytes fetched twice give the same ID).
 *
 * @throws UnprocessableMailError when the parser fails, runs out of time or the
 *   message has more parts than the limits allow.
 */
export async function parseMail(
  raw: Buffer,
  rawSha256: string,
  limits: ParseLimits = defaultParseLimits,
): Promise<ParsedInbound> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new UnprocessableMailError(`parsing took over ${limits.timeoutMs} ms`)),
      limits.timeoutMs,
    );
  });
  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await Promise.race([
      withCharsetFallback(raw).then((bytes) =>
        simpleParser(bytes, {
          keepCidLinks: true,
          // `textAsHtml` (text turned into HTML with links) is never used: skipping it saves
          // a third of the parse (issue 22); `text` and `html` are the same.
          skipTextToHtml: true,
          skipTextLinks: true,
        }),
      ),
      timeout,
    ]);
  } catch (error) {
    if (error instanceof UnprocessableMailError) throw error;
    throw new UnprocessableMailError(`unparseable MIME: ${(error as Error).message}`);
  } finally {
    clearTimeout(timer);
  }
  if (mail.attachments.length > limits.maxAttachments)
    throw new UnprocessableMailError(
      `${mail.attachments.length} attachments (limit ${limits.maxAttachments})`,
    );
  const headers = headerMap(mail.headerLines);
  const declared = messageIdsIn(mail.messageId)[0];
  const from = addressesOf(mail.from)[0] ?? null;
  const html = typeof mail.html === 'string' ? stripNul(mail.html) : null;
  return {
    messageId: declared ?? `<${rawSha256}@synthetic.guichet.invalid>`,
    synthetic: declared === undefined,
    inReplyTo: messageIdsIn(mail.inReplyTo)[0] ?? null,
    references: messageIdsIn(mail.references).slice(-limits.maxReferences),
    from,
    replyTo: addressesOf(mail.replyTo)[0] ?? null,
    to: addressesOf(mail.to)
      .map((a) => a.address)
      .slice(0, 100),
    cc: addressesOf(mail.cc)
      .map((a) => a.address)
      .slice(0, 100),
    subject: stripNul(mail.subject ?? '')
      .replace(/[\r\n]+/g, ' ')
      .trim()
      .slice(0, 998),
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text: mail.text !== undefined ? stripNul(mail.text) : null,
    html,
    attachments: mail.attachments.map(toAttachment),
    headers,
    contentType: (headers.get('content-type')?.[0] ?? 'text/plain').toLowerCase(),
  };
}
