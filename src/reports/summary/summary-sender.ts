/**
 * Sends the monthly summary by SMTP, from the first mailbox that has an
 * address (its own SMTP settings, else SMTP_RELAY_URL), marked as an
 * automatic message. It is called inside the transaction that claims the
 * month: if the SMTP server refuses, the claim rolls back and the next hourly
 * run tries again. A crash between the server's acceptance and the commit can
 * send the summary twice — acceptable for a monthly digest, never lost.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadMailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { AppError } from '../../errors/app-error.ts';
import type { TransportFor } from '../../mail/outbound/transport.ts';
import type { SummaryMessage, SummarySender } from './monthly-summary.ts';

/** A sender over the mail channel's transports. */
export function createSummarySender(transportFor: TransportFor): SummarySender {
  return async (trx: Kysely<DB>, message: SummaryMessage) => {
    const sender = await trx
      .selectFrom('mailbox_addresses as a')
      .innerJoin('mailboxes as m', 'm.id', 'a.mailbox_id')
      .select('m.id')
      .where('m.archived_at', 'is', null)
      .orderBy('m.position')
      .orderBy('a.is_primary', 'desc')
      .executeTakeFirst();
    if (!sender)
      throw new AppError(
        'configuration',
        'The monthly summary needs a mailbox with an address to send from.',
      );
    const mailbox = await loadMailboxMail(trx, sender.id);
    if (!mailbox.address)
      throw new AppError('configuration', 'The sending mailbox has no address.');
    await transportFor(mailbox).sendMail({
      from: { name: mailbox.name, address: mailbox.address },
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
      attachments: message.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    });
  };
}
