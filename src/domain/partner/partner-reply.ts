/**
 * A partner writes on their organisation's ticket from the web (issue 21 §5): a
 * customer message, like a mail from them, through domain/tickets/
 * append-customer-message.ts (its `message.added` event, and `ticket.status_changed`
 * when it wakes a pending ticket or reopens a closed one), in one transaction with
 * the ticket row locked. Another organisation's ticket is not found.
 */
import type { Kysely } from 'kysely';
import type { DB, UserRow } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { appendCustomerMessage } from '../tickets/append-customer-message.ts';

export async function replyAsPartner(
  db: Kysely<DB>,
  options: {
    organisationId: string;
    number: number;
    user: Pick<UserRow, 'id' | 'email'>;
    text: string;
    now?: Date;
  },
): Promise<{ messageId: number }> {
  const at = options.now ?? new Date();
  return db.transaction().execute(async (trx) => {
    const ticket = await trx
      .selectFrom('tickets')
      .select(['id', 'mailbox_id', 'status'])
      .where('number', '=', options.number)
      .where('organisation_id', '=', options.organisationId)
      .where('deleted_at', 'is', null)
      .where('merged_into_id', 'is', null)
      .where('status', '<>', 'spam')
      .forUpdate()
      .executeTakeFirst();
    if (!ticket) throw new AppError('not_found', 'No such ticket.');
    const messageId = await appendCustomerMessage(trx, {
      ticket: { id: ticket.id, mailboxId: ticket.mailbox_id, status: ticket.status },
      message: {
        kind: 'customer',
        author_user_id: options.user.id,
        from_address: options.user.email,
        body_text: options.text,
        created_at: at,
      },
      reopen: true,
      wake: true,
      actor: { kind: 'user', userId: options.user.id },
    });
    return { messageId };
  });
}
