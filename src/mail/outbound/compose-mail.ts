/**
 * Builds the exact bytes of an outgoing mail from its outbox row:
 *
 *   From / Reply-To: the mailbox's name and primary address
 *   Subject:         `Re: <ticket subject> [#1042-3fa9c1d2]` (signed token)
 *   Message-ID:      fixed when the row was written
 *   In-Reply-To / References: the customer's mail being answered
 *   X-Guichet-Loop:  the mailbox address (our loop header)
 *   Auto-Submitted: auto-replied + X-Auto-Response-Suppress: All (acknowledgements only)
 *
 * A reply's text ends with the signature block (the author's own signature,
 * then the mailbox's, once, after the `-- ` separator) and three signed
 * rating links. A reply written as HTML also gets an HTML part ending the same way.
 */
import MailComposer from 'nodemailer/lib/mail-composer';
import { ongoingIncidents } from '../../domain/incidents/incidents.ts';
import { loadMailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../../errors/app-error.ts';
import { formAcknowledgement } from '../../portal/form/acknowledgement.ts';
import { headerText, isSafeAddress } from '../../shared/mail-addresses.ts';
import { loopHeader } from '../inbound/classify-mail.ts';
import { composeAccountMail, composeNoticeMail } from './account-mail.ts';
import { forwardParts, messageAttachments } from './compose-forward.ts';
import {
  type ComposeDeps,
  type ComposedMail,
  type MailParts,
  type OutboxRow,
  PermanentSendError,
} from './compose-types.ts';
import { composeNotificationMail } from './notification-mail.ts';
import { ratingLinks } from './rating-links.ts';

export const defaultAckSubject = 'Nous avons bien reçu votre message : {{subject}}';
export const defaultAckBody = [
  'Bonjour,',
  '',
  'Nous avons bien reçu votre message « {{subject}} » et l’avons enregistré sous le numéro {{ticket}}.',
  'Nous vous répondrons dès que possible. Pour compléter votre demande, répondez simplement à ce message.',
  '',
  'Ceci est un message automatique.',
].join('\n');

const fill = (template: string, vars: Record<string, string>): string =>
  template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => vars[key] ?? whole);

type Parts = MailParts;

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Plain text as HTML paragraphs' content: escaped, line breaks kept. */
const textAsHtml = (text: string): string => escapeHtml(text).replace(/\n/g, '<br>\n');

/** The author's signature then the mailbox's (each once; blank ones left out). */
async function signatureBlock(
  deps: ComposeDeps,
  authorUserId: string | null,
  mailboxSignature: string | null,
): Promise<string | null> {
  const author = authorUserId
    ? await deps.db
        .selectFrom('users')
        .select('signature')
        .where('id', '=', authorUserId)
        .executeTakeFirst()
    : undefined;
  const parts = [author?.signature, mailboxSignature]
    .map((s) => (s ?? '').replace(/\r\n?/g, '\n').trimEnd())
    .filter((s, index, all) => s.trim() !== '' && all.indexOf(s) === index);
  return parts.length > 0 ? parts.join('\n\n') : null;
}

async function replyParts(
  deps: ComposeDeps,
  row: OutboxRow,
  mailboxSignature: string | null,
): Promise<Parts> {
  const message = await deps.db
    .selectFrom('messages')
    .select([
      'id',
      'subject',
      'body_text',
      'body_html',
      'author_user_id',
      'in_reply_to',
      'references_ids',
      'cc_addresses',
      'bcc_addresses',
      'created_at',
    ])
    .where('id', '=', row.message_id ?? -1)
    .executeTakeFirst();
  if (!message) throw new PermanentSendError('the reply message no longer exists');
  const attachments = await messageAttachments(deps, message.id);
  const signature = await signatureBlock(deps, message.author_user_id, mailboxSignature);
  const expires = new Date(message.created_at.getTime() + (deps.ratingTtlDays ?? 60) * 86_400_000);
  const links = ratingLinks(deps.signer, deps.publicUrl, message.id, expires);
  const question = 'Comment jugez-vous cette réponse ?';
  const text = [
    (message.body_text ?? '').replace(/\r\n?/g, '\n').trimEnd(),
    ...(signature ? ['', '-- ', signature] : []),
    '',
    question,
    ...links.map((l) => `${l.label} : ${l.url}`),
    '',
  ].join('\n');
  // body_html is the composer's own (sanitised) HTML; the signature is text, escaped here.
  const html = message.body_html
    ? [
        message.body_html,
        ...(signature ? [`<p>-- <br>\n${textAsHtml(signature)}</p>`] : []),
        `<p>${escapeHtml(question)}<br>\n${links
          .map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`)
          .join(' · ')}</p>`,
      ].join('\n')
    : undefined;
  return {
    subject: message.subject ?? '',
    text,
    html,
    inReplyTo: message.in_reply_to,
    references: message.references_ids,
    cc: message.cc_addresses,
    bcc: message.bcc_addresses,
    date: message.created_at,
    automatic: false,
    attachments,
  };
}

async function ackParts(
  deps: ComposeDeps,
  row: OutboxRow,
  templates: { subject: string | null; body: string | null },
  number: number,
  subject: string,
): Promise<Parts> {
  const first = await deps.db
    .selectFrom('messages')
    .select(['message_id'])
    .where('ticket_id', '=', row.ticket_id ?? -1)
    .where('kind', '=', 'customer')
    .orderBy('created_at')
    .orderBy('id')
    .executeTakeFirst();
  const vars = { subject: headerText(subject, 200), ticket: String(number) };
  const incidents = await ongoingIncidents(deps.db);
  return {
    subject: fill(templates.subject ?? defaultAckSubject, vars),
    text: `${fill(templates.body ?? defaultAckBody, vars)
      .replace(/\r\n?/g, '\n')
      .trimEnd()}\n${incidentNotice(incidents, deps.publicUrl)}`,
    inReplyTo: first?.message_id ?? null,
    references: first?.message_id ? [first.message_id] : [],
    cc: [],
    date: row.created_at,
    automatic: true,
  };
}

/**
 * What an acknowledgement adds while incidents last (issue 20 §2): the customer
 * learns at once that the fault is known, and where to follow it.
 */
export function incidentNotice(incidents: { title: string }[], publicUrl: URL): string {
  if (incidents.length === 0) return '';
  const titles = incidents.map((i) => `« ${headerText(i.title, 200)} »`).join(', ');
  const status = new URL('/statut', publicUrl).toString();
  return `\n${incidents.length > 1 ? 'Des incidents sont' : 'Un incident est'} en cours : ${titles}. Nos équipes y travaillent ; si votre demande en vient, inutile de nous réécrire : vous recevrez un message dès qu’il sera résolu. Son état : ${status}\n`;
}

/** Composes the mail of `row`; PermanentSendError when it can never be sent. */
export async function composeMail(deps: ComposeDeps, row: OutboxRow): Promise<ComposedMail> {
  if (row.kind === 'account') return composeAccountMail(deps, row);
  if (row.kind === 'notice') return composeNoticeMail(deps, row);
  if (row.kind === 'notification') return composeNotificationMail(deps, row);
  const mailbox = await loadMailboxMail(deps.db, row.mailbox_id);
  const ticket = await deps.db
    .selectFrom('tickets')
    .select(['number', 'subject', 'channel'])
    .where('id', '=', row.ticket_id ?? -1)
    .executeTakeFirst();
  if (!ticket) throw new PermanentSendError('the ticket no longer exists');
  if (!mailbox.address)
    throw new AppError('configuration', 'the mailbox has no address to send from');
  const parts =
    row.kind === 'forward'
      ? await forwardParts(deps, row)
      : row.kind === 'reply'
        ? await replyParts(deps, row, mailbox.settings.signature)
        : await ackParts(
            deps,
            row,
            // The contact form's tickets get the help centre's text (number and scope of the support).
            ticket.channel === 'form'
              ? formAcknowledgement
              : { subject: mailbox.settings.ack_subject, body: mailbox.settings.ack_body },
            ticket.number,
            ticket.subject,
          );
  const to = parts.to ?? [row.to_address];
  const recipients = [...new Set([...to, ...parts.cc, ...(parts.bcc ?? [])])];
  const bad = recipients.find((a) => !isSafeAddress(a));
  if (bad !== undefined) throw new PermanentSendError('invalid recipient address');
  const from = { name: headerText(mailbox.name, 100), address: mailbox.address };
  const composer = new MailComposer({
    from,
    replyTo: from,
    to,
    cc: parts.cc.length > 0 ? parts.cc : undefined,
    subject: `${headerText(parts.subject, 250)} ${deps.signer.ticketToken(ticket.number)}`,
    messageId: row.rfc_message_id,
    date: parts.date,
    inReplyTo: parts.inReplyTo ?? undefined,
    references: parts.references.length > 0 ? parts.references : undefined,
    text: parts.text,
    ...(parts.html ? { html: parts.html } : {}),
    ...(parts.attachments && parts.attachments.length > 0
      ? { attachments: parts.attachments }
      : {}),
    headers: {
      [loopHeader]: mailbox.address,
      ...(parts.automatic
        ? { 'Auto-Submitted': 'auto-replied', 'X-Auto-Response-Suppress': 'All' }
        : {}),
    },
  });
  const raw = await composer.compile().build();
  return { envelope: { from: mailbox.address, to: recipients }, raw };
}
