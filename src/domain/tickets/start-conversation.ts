/**
 * An agent writes first (issue 19 §2): a ticket opened by us, channel
 * `outbound`, to a contact (found or created by address) or a person of an
 * organisation. One transaction: the contact (and its organisation when the
 * agent chose one and the contact had none), the ticket (`ticket.opened`, the
 * agent as actor), its classification filled from the organisation like an
 * inbound mail's, then the first mail written and queued as a reply
 * (`replyInTransaction`: `message.added`, `ticket.status_changed`,
 * `ticket.first_response`). Like a ticket opened from a phone call, it is told
 * apart by its channel; its first response is its own first mail.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ConversationRequest } from '../../shared/composer-contracts.ts';
import { headerText, isSafeAddress } from '../../shared/mail-addresses.ts';
import {
  matchOrganisation,
  organisationClassification,
} from '../organisations/match-organisation.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { autoFillFields, insertTicket, upsertContact } from './open-ticket.ts';
import { replyInTransaction } from './reply-to-ticket.ts';

export async function startConversation(
  db: Kysely<DB>,
  signer: MailSigner,
  input: ConversationRequest & { authorUserId: string; now?: Date },
): Promise<{ ticketId: number; number: number; messageId: number }> {
  const at = input.now ?? new Date();
  const to = input.to.trim().toLowerCase();
  if (!isSafeAddress(to)) throw new AppError('invalid_input', 'The address is not valid.');
  return db.transaction().execute(async (trx) => {
    const mailbox = await trx
      .selectFrom('mailboxes')
      .select('id')
      .where('id', '=', input.mailboxId)
      .where('archived_at', 'is', null)
      .executeTakeFirst();
    if (!mailbox) throw new AppError('not_found', 'No such mailbox.');
    const contactId = await upsertContact(trx, { email: to });
    if (input.organisationId) {
      const organisation = await trx
        .selectFrom('organisations')
        .select('id')
        .where('id', '=', input.organisationId)
        .executeTakeFirst();
      if (!organisation) throw new AppError('invalid_input', 'No such organisation.');
      await trx
        .updateTable('contacts')
        .set({ organisation_id: organisation.id })
        .where('id', '=', contactId)
        .where('organisation_id', 'is', null)
        .execute();
    }
    const contact = await trx
      .selectFrom('contacts')
      .leftJoin('organisations', 'organisations.id', 'contacts.organisation_id')
      .select([
        'contacts.organisation_id',
        'organisations.partner_type_value_id',
        'organisations.departement_value_id',
      ])
      .where('contacts.id', '=', contactId)
      .executeTakeFirstOrThrow();
    const matched = contact.organisation_id ? undefined : await matchOrganisation(trx, to);
    const organisationId = contact.organisation_id ?? matched?.id ?? null;
    const created = await insertTicket(
      trx,
      {
        mailboxId: mailbox.id,
        subject: headerText(input.subject, 300),
        contactId,
        organisationId,
        channel: 'outbound',
        at,
      },
      { kind: 'user', userId: input.authorUserId },
    );
    const classification = contact.organisation_id
      ? await organisationClassification(trx, mailbox.id, {
          partnerTypeValueId: contact.partner_type_value_id,
          departementValueId: contact.departement_value_id,
        })
      : matched
        ? await organisationClassification(trx, mailbox.id, matched)
        : [];
    if (classification.length > 0)
      await autoFillFields(
        trx,
        created.id,
        mailbox.id,
        classification.map((v) => v.valueId),
      );
    const reply = await replyInTransaction(trx, signer, {
      ticketId: created.id,
      authorUserId: input.authorUserId,
      bodyHtml: input.bodyHtml,
      cc: input.cc,
      bcc: input.bcc,
      attachmentIds: input.attachmentIds,
      status: input.status ?? 'pending',
      subjectAsIs: true,
      now: at,
    });
    return { ticketId: created.id, number: created.number, messageId: reply.messageId };
  });
}
