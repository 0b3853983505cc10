/**
 * "Annuler l'envoi" (issue 19 §1): a reply held in the outbox (its
 * `next_attempt_at` a few seconds ahead) is withdrawn by its author before it
 * leaves. One transaction, with the outbox row locked (`NOWAIT`-free: a worker
 * that claimed it holds it `sending`, and then it is too late):
 *
 * - the outbox row becomes `withdrawn` (kept, its message link cleared), so no
 *   worker ever claims it;
 * - the reply's text, copies and files go back into the author's draft
 *   (its uploads are unused again), and the message is deleted;
 * - the status the reply set is put back when nobody changed it since;
 * - the first-response facts are recomputed; events `message.withdrawn` and,
 *   when the status moves back, `ticket.status_changed`.
 *
 * AppError('conflict') when the reply is already being sent or was sent.
 */
import type { Kysely } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { NewTicketEvent } from '../../shared/ticket-events.ts';
import { saveDraft } from '../composer/drafts.ts';
import { recordTicketEvents } from './events/record-events.ts';
import { refreshTicketTimings } from './ticket-timings.ts';

const statuses: readonly TicketStatus[] = ['active', 'pending', 'closed'];

export async function withdrawReply(
  db: Kysely<DB>,
  input: { ticketId: number; messageId: number; userId: string; now?: Date },
): Promise<{ messageId: number }> {
  const now = input.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id', 'status'])
      .where('id', '=', input.ticketId)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    const message = await trx
      .selectFrom('messages')
      .select(['id', 'body_html', 'body_text', 'cc_addresses', 'bcc_addresses', 'flags'])
      .where('id', '=', input.messageId)
      .where('ticket_id', '=', ticket.id)
      .where('kind', '=', 'reply')
      .where('author_user_id', '=', input.userId)
      .executeTakeFirst();
    if (!message) throw new AppError('not_found', 'No such reply.');
    const outbox = await trx
      .selectFrom('outbox')
      .select(['id', 'status'])
      .where('message_id', '=', message.id)
      .forUpdate()
      .executeTakeFirst();
    if (outbox?.status !== 'queued')
      throw new AppError('conflict', 'This reply has already been sent.');
    await trx
      .updateTable('outbox')
      .set({ status: 'withdrawn', message_id: null, locked_until: null })
      .where('id', '=', outbox.id)
      .execute();
    const files = await trx
      .selectFrom('attachments')
      .select('id')
      .where('message_id', '=', message.id)
      .execute();
    const ids = files.map((f) => f.id);
    if (ids.length > 0)
      await trx
        .updateTable('composer_uploads')
        .set({ used_at: null })
        .where('id', 'in', ids)
        .where('user_id', '=', input.userId)
        .execute();
    await saveDraft(
      trx,
      ticket.id,
      input.userId,
      {
        mode: 'reply',
        bodyHtml: message.body_html ?? textAsParagraphs(message.body_text ?? ''),
        cc: message.cc_addresses,
        bcc: message.bcc_addresses,
        attachmentIds: ids,
      },
      now,
    );
    await trx.deleteFrom('messages').where('id', '=', message.id).execute();
    const before = message.flags.status_before;
    const back =
      typeof before === 'string' &&
      statuses.includes(before as TicketStatus) &&
      before !== ticket.status
        ? (before as TicketStatus)
        : null;
    if (back)
      await trx
        .updateTable('tickets')
        .set({ status: back, closed_at: back === 'closed' ? now : null, updated_at: now })
        .where('id', '=', ticket.id)
        .execute();
    const actor = { kind: 'user', userId: input.userId } as const;
    const ref = { ticketId: ticket.id, mailboxId: ticket.mailbox_id };
    const events: NewTicketEvent[] = [
      { type: 'message.withdrawn', ...ref, data: { messageId: message.id } },
    ];
    if (back)
      events.push({
        type: 'ticket.status_changed',
        ...ref,
        data: { from: ticket.status, to: back, reason: 'agent' },
      });
    await recordTicketEvents(trx, actor, events, now);
    await refreshTicketTimings(trx, [ticket.id], undefined, actor);
    return { messageId: message.id };
  });
}

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A plain-text reply as the editor's paragraphs. */
function textAsParagraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('');
}
