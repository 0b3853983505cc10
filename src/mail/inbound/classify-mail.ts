/**
 * What kind of mail arrived, before threading: a person, an automatic
 * message (never acknowledged), one of our own coming back (dropped), or a
 * delivery report for one of our replies (attached to its ticket).
 *
 * Headers matched (RFC 3834 and the de-facto ones, RELIABILITY #38–#40):
 *   Auto-Submitted: auto-replied | auto-generated | auto-notified   (`no` = a person)
 *   Precedence: bulk | junk | list
 *   X-Autoreply: yes, X-Autorespond, X-Auto-Response-Suppress: All|OOF|AutoReply|…
 *   List-Id, List-Unsubscribe, List-Post (mailing lists)
 *   X-Guichet-Loop (our own loop header), Message-ID signed by us
 *   Content-Type: multipart/report; report-type=delivery-status (DSN, RFC 3464)
 */
import type { MailSigner } from '../../domain/signing/mail-signer.ts';
import { messageIdsIn, type ParsedInbound } from './parse-mail.ts';

/** The header every mail Guichet sends carries; seeing it inbound means a loop. */
export const loopHeader = 'X-Guichet-Loop';

export type Bounce = {
  /** Message-IDs of the original message found in the report (ours first). */
  originalMessageIds: string[];
  recipient: string | null;
  status: string | null;
  action: string | null;
  /** The receiving server's words (Diagnostic-Code), one line, at most 300 characters. */
  diagnostic: string | null;
  /** A final refusal (5.x.x or "failed"); a delay warning (4.x.x, "delayed") is not. */
  permanent: boolean;
};

export type MailClass =
  | { kind: 'human' }
  | { kind: 'automatic'; reason: string }
  | { kind: 'own' }
  | { kind: 'bounce'; bounce: Bounce };

const first = (mail: ParsedInbound, name: string): string | undefined =>
  mail.headers.get(name)?.[0];

/** Why a mail is automatic, or null for a person. */
export function automaticReason(mail: ParsedInbound): string | null {
  const autoSubmitted = first(mail, 'auto-submitted')?.toLowerCase();
  if (autoSubmitted !== undefined && !autoSubmitted.startsWith('no'))
    return `auto-submitted: ${autoSubmitted.slice(0, 40)}`;
  const precedence = first(mail, 'precedence')?.toLowerCase();
  if (precedence && /^(bulk|junk|list)\b/.test(precedence)) return `precedence: ${precedence}`;
  for (const name of ['x-autoreply', 'x-autorespond', 'x-auto-reply']) {
    if (mail.headers.has(name)) return name;
  }
  if (mail.headers.has('x-auto-response-suppress')) return 'x-auto-response-suppress';
  for (const name of ['list-id', 'list-unsubscribe', 'list-post']) {
    if (mail.headers.has(name)) return name;
  }
  return null;
}

const dsnField = (text: string, name: string): string | null =>
  new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text)?.[1]?.trim() ?? null;

/** Reads a delivery report (RFC 3464), or null when the mail is not one. */
export function readBounce(mail: ParsedInbound, signer: MailSigner, raw: Buffer): Bounce | null {
  const type = mail.contentType;
  if (!type.startsWith('multipart/report') || !/report-type="?delivery-status/.test(type))
    return null;
  // mailparser folds the message/delivery-status part into the text; some reporters attach it.
  const statusPart = mail.attachments.find((p) => p.contentType === 'message/delivery-status');
  // Header-style fields may be folded over several lines (RFC 3464 §2.1.1).
  const report = (statusPart ? statusPart.content.toString('utf8') : (mail.text ?? '')).replace(
    /\r?\n[ \t]+/g,
    ' ',
  );
  const action = dsnField(report, 'Action')?.toLowerCase() ?? null;
  const status = /^\d\.\d{1,3}\.\d{1,3}/.exec(dsnField(report, 'Status') ?? '')?.[0] ?? null;
  const final = dsnField(report, 'Final-Recipient') ?? dsnField(report, 'Original-Recipient');
  const diagnostic =
    dsnField(report, 'Diagnostic-Code')
      ?.replace(/^(smtp|x-[a-z-]+)\s*;\s*/i, '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are removed
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300) || null;
  const recipient =
    final
      ?.replace(/^rfc822;\s*/i, '')
      .toLowerCase()
      .slice(0, 320) ?? null;
  const ids: string[] = [];
  for (const part of mail.attachments) {
    if (part.contentType === 'message/rfc822' || part.contentType === 'text/rfc822-headers') {
      const header = /^Message-ID:\s*(<[^>\s]+>)/im.exec(part.content.toString('utf8'))?.[1];
      if (header) ids.push(header);
    }
  }
  // Some reporters inline the original: any Message-ID we signed in the report counts.
  for (const id of messageIdsIn(raw.toString('latin1'))) {
    if (signer.isOwnMessageId(id) && id !== mail.messageId) ids.push(id);
  }
  const unique = [...new Set(ids)].sort(
    (a, b) => Number(signer.isOwnMessageId(b)) - Number(signer.isOwnMessageId(a)),
  );
  return {
    originalMessageIds: unique,
    recipient,
    status,
    action,
    diagnostic,
    permanent: status ? status.startsWith('5') : action === 'failed',
  };
}

/** Classifies a parsed mail; see the module comment for the rules, in this order. */
export function classifyMail(mail: ParsedInbound, signer: MailSigner, raw: Buffer): MailClass {
  const bounce = readBounce(mail, signer, raw);
  if (bounce) return { kind: 'bounce', bounce };
  if (mail.headers.has(loopHeader.toLowerCase()) || signer.isOwnMessageId(mail.messageId))
    return { kind: 'own' };
  const reason = automaticReason(mail);
  return reason ? { kind: 'automatic', reason } : { kind: 'human' };
}
