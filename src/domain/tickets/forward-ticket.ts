/**
 * Forwarding (issue 19 §2): an agent sends the ticket's conversation, or one
 * of its messages, with their attachments, to a third party (an application's
 * vendor). The forward is an internal message of the ticket (kind `note`,
 * flagged `forward`: agents see what left and to whom; it is not a reply and
 * counts in no report), queued in the outbox as kind `forward` with a signed
 * Message-ID of ours. The third party's answers thread back by that ID and
 * are kept as internal messages (src/mail/inbound/thread-mail.ts).
 * One transaction; records `message.added`.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { headerText } from '../../shared/mail-addresses.ts';
import { composerHtmlToText, sanitizeComposerHtml } from '../composer/composer-html.ts';
import { attachUploads } from '../composer/uploads.ts';
import { loadMailboxMail } from '../mailboxes/mailbox-mail.ts';
import { enqueueReply, messageIdDomain } from '../outbox/enqueue.ts';
import { sensitiveKindsOf } from '../privacy/sensitive-kinds.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { recordTicketEvent } from './events/record-events.ts';
import { cleanAddresses } from './reply-to-ticket.ts';

export type ForwardInput = {
  ticketId: number;
  authorUserId: string;
  to: readonly string[];
  /** One message of the ticket; none: its whole conversation (customer mail and replies). */
  messageId?: number;
  bodyHtml: string;
  attachmentIds?: readonly string[];
  now?: Date;
};

/** `Tr: subject` (the French clients' forward prefix), without stacking. */
export const forwardSubject = (subject: string): string =>
  /^\s*(tr|fwd?)\s*:/i.test(subject) ? headerText(subject) : headerText(`Tr: ${subject}`);

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const parisDate = (date: Date): string =>
  new Intl.DateTimeFormat('fr-FR', {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(date);

type Quoted = {
  from: string;
  to: string[];
  date: Date;
  subject: string;
  text: string;
};

function quotedText(q: Quoted): string {
  return [
    '---------- Message transféré ----------',
    `De : ${q.from}`,
    `Date : ${parisDate(q.date)}`,
    `Objet : ${q.subject}`,
    ...(q.to.length > 0 ? [`À : ${q.to.join(', ')}`] : []),
    '',
    q.text.replace(/\r\n?/g, '\n').trimEnd(),
  ].join('\n');
}

function quotedHtml(q: Quoted): string {
  const head = [
    `<strong>De :</strong> ${escapeHtml(q.from)}`,
    `<strong>Date :</strong> ${escapeHtml(parisDate(q.date))}`,
    `<strong>Objet :</strong> ${escapeHtml(q.subject)}`,
    ...(q.to.length > 0 ? [`<strong>À :</strong> ${escapeHtml(q.to.join(', '))}`] : []),
  ].join('<br>');
  const body = q.text
    .replace(/\r\n?/g, '\n')
    .trimEnd()
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
  return `<p>---------- Message transféré ----------</p><blockquote><p>${head}</p>${body}</blockquote>`;
}

export async function forwardTicket(
  db: Kysely<DB>,
  signer: MailSigner,
  input: ForwardInput,
): Promise<{ messageId: number; rfcMessageId: string; outboxId: number }> {
  const now = input.now ?? new Date();
  const to = cleanAddresses(input.to, 'recipient');
  if (to.length === 0) throw new AppError('invalid_input', 'Give an address to forward to.');
  // The agent's own words may be empty: the forwarded conversation speaks for itself.
  const ownHtml = sanitizeComposerHtml(input.bodyHtml);
  const own = { html: ownHtml, text: composerHtmlToText(ownHtml) };
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'number', 'mailbox_id', 'subject'])
      .where('id', '=', input.ticketId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    const mailbox = await loadMailboxMail(trx, ticket.mailbox_id);
    if (!mailbox.address)
      throw new AppError(
        'invalid_input',
        'This mailbox has no address to send from: add one first.',
      );
    if (to.some((a) => mailbox.addresses.includes(a)))
      throw new AppError('invalid_input', 'A mailbox cannot forward to itself.');
    let query = trx
      .selectFrom('messages')
      .leftJoin('users', 'users.id', 'messages.author_user_id')
      .leftJoin('contacts', 'contacts.id', 'messages.author_contact_id')
      .select([
        'messages.id',
        'messages.kind',
        'messages.from_address',
        'messages.to_addresses',
        'messages.subject',
        'messages.body_text',
        'messages.created_at',
        'users.name as authorName',
        'contacts.name as contactName',
      ])
      .where('messages.ticket_id', '=', ticket.id)
      .orderBy('messages.created_at')
      .orderBy('messages.id');
    query =
      input.messageId !== undefined
        ? query.where('messages.id', '=', input.messageId)
        : query.where('messages.kind', 'in', ['customer', 'reply']);
    const sources = await query.execute();
    if (sources.length === 0) throw new AppError('not_found', 'No such message on this ticket.');
    const quoted: Quoted[] = sources.map((m) => ({
      from:
        (m.authorName ?? m.contactName)
          ? `${m.authorName ?? m.contactName} <${m.from_address ?? ''}>`
          : (m.from_address ?? ''),
      to: m.to_addresses,
      date: m.created_at,
      subject: m.subject ?? ticket.subject,
      text: m.body_text ?? '',
    }));
    const text = [own.text.trim(), ...quoted.map(quotedText)].filter((p) => p !== '').join('\n\n');
    const html = [own.html, ...quoted.map(quotedHtml)].join('');
    const rfcMessageId = signer.messageId(
      ticket.number,
      `f${randomBytes(8).toString('hex')}`,
      messageIdDomain(mailbox),
    );
    const message = await trx
      .insertInto('messages')
      .values({
        ticket_id: ticket.id,
        mailbox_id: ticket.mailbox_id,
        kind: 'note',
        author_user_id: input.authorUserId,
        from_address: mailbox.address,
        to_addresses: to,
        subject: forwardSubject(ticket.subject),
        body_text: text,
        body_html: html,
        sensitive_kinds: sensitiveKindsOf({ text }),
        message_id: rfcMessageId,
        created_at: now,
        flags: {
          forward: true,
          ...(input.messageId !== undefined ? { forwarded_message_id: input.messageId } : {}),
        },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The forwarded messages' files go with it (the same blobs, new rows on this message).
    const files = await trx
      .selectFrom('attachments')
      .select(['filename', 'content_type', 'size_bytes', 'sha256'])
      .where(
        'message_id',
        'in',
        sources.map((s) => s.id),
      )
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    const base = now.getTime();
    if (files.length > 0)
      await trx
        .insertInto('attachments')
        .values(
          files.map((f, index) => ({
            created_at: new Date(base + index),
            ticket_id: ticket.id,
            message_id: message.id,
            filename: f.filename,
            content_type: f.content_type,
            size_bytes: f.size_bytes,
            sha256: f.sha256,
            content_id: null,
            is_inline: false,
          })),
        )
        .execute();
    await attachUploads(trx, {
      ticketId: ticket.id,
      userId: input.authorUserId,
      messageId: message.id,
      ids: input.attachmentIds ?? [],
    });
    const outboxId = await enqueueReply(trx, {
      mailboxId: ticket.mailbox_id,
      ticketId: ticket.id,
      messageId: message.id,
      rfcMessageId,
      to: to[0] as string,
      kind: 'forward',
    });
    await trx.updateTable('tickets').set({ updated_at: now }).where('id', '=', ticket.id).execute();
    await recordTicketEvent(
      trx,
      { kind: 'user', userId: input.authorUserId },
      {
        type: 'message.added',
        ticketId: ticket.id,
        mailboxId: ticket.mailbox_id,
        data: { messageId: message.id, kind: 'note', authorUserId: input.authorUserId },
      },
      now,
    );
    return { messageId: message.id, rfcMessageId, outboxId };
  });
}
