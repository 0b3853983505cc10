/**
 * The parts of a forward (issue 19 §2) and the files of any outgoing ticket
 * mail. A forward is the internal message the agent wrote (its text, and the
 * forwarded conversation or message quoted below it, fixed when it was
 * written: src/domain/tickets/forward-ticket.ts) sent to a third party: a new
 * thread for them (no In-Reply-To), no rating links, the signed ticket token
 * in the subject; their answers come back by its Message-ID and are kept as
 * internal messages (src/mail/inbound/thread-mail.ts).
 *
 * Files are attached with the bytes of the blob store, unchanged (base64),
 * under the names and types checked when they were stored.
 */
import { AppError } from '../../errors/app-error.ts';
import {
  type ComposeDeps,
  type MailAttachment,
  type MailParts,
  type OutboxRow,
  PermanentSendError,
} from './compose-types.ts';

/** The attachments of message `messageId`, with their bytes. */
export async function messageAttachments(
  deps: ComposeDeps,
  messageId: number,
): Promise<MailAttachment[]> {
  const rows = await deps.db
    .selectFrom('attachments')
    .select(['filename', 'content_type', 'sha256'])
    .where('message_id', '=', messageId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  if (rows.length === 0) return [];
  const blobs = deps.blobs;
  if (!blobs) throw new AppError('configuration', 'no blob store to read attachments from');
  const files: MailAttachment[] = [];
  for (const row of rows)
    files.push({
      filename: row.filename,
      contentType: row.content_type,
      content: await blobs.get(row.sha256),
    });
  return files;
}

/** The mail of a forward row. */
export async function forwardParts(deps: ComposeDeps, row: OutboxRow): Promise<MailParts> {
  const message = await deps.db
    .selectFrom('messages')
    .select(['id', 'subject', 'body_text', 'body_html', 'to_addresses', 'created_at'])
    .where('id', '=', row.message_id ?? -1)
    .executeTakeFirst();
  if (!message) throw new PermanentSendError('the forwarded message no longer exists');
  return {
    subject: message.subject ?? '',
    text: `${(message.body_text ?? '').replace(/\r\n?/g, '\n').trimEnd()}\n`,
    ...(message.body_html ? { html: message.body_html } : {}),
    to: message.to_addresses.length > 0 ? message.to_addresses : [row.to_address],
    inReplyTo: null,
    references: [],
    cc: [],
    date: message.created_at,
    automatic: false,
    attachments: await messageAttachments(deps, message.id),
  };
}
