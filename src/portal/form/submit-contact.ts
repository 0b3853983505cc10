/**
 * Turns a validated contact form into a ticket of the Demandeurs mailbox, in
 * one transaction: contact, ticket (channel `form`) classified with the
 * département and the nature's internal value, the first customer message,
 * its attachments, what the applicant read first, the deflection event and
 * the acknowledgement in the outbox. A social security number (or an IBAN)
 * in the message is masked before anything is stored; the caller tells the
 * applicant. Attachment bytes are written to the store first, so a committed
 * row never points at missing bytes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { maskSensitiveData, type SensitiveKind } from '../../domain/privacy/sensitive-data.ts';
import { autoFillFields, insertTicket, upsertContact } from '../../domain/tickets/open-ticket.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MailSigner } from '../../mail/mail-signer.ts';
import { loadMailboxMail } from '../../mail/mailbox-mail.ts';
import { enqueueAcknowledgement } from '../../mail/outbound/enqueue.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { cachedRead } from '../read-cache.ts';
import { queuePortalEvent } from '../stats/portal-events.ts';
import type { ContactInput } from './contact-input.ts';

export type CheckedFile = { filename: string; contentType: string; bytes: Buffer };

export type ContactSubmission = {
  departement: string;
  nature: { key: string; label: string; valueId: string | null };
  input: ContactInput;
  files: CheckedFile[];
  viewedArticleIds: string[];
  at?: Date;
};

export type SubmitDeps = { db: Kysely<DB>; blobs: BlobStore; signer: MailSigner };

export type SubmitResult = { ticketId: number; number: number; masked: SensitiveKind[] };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What the agent reads first: who wrote, from which page, about what; then the message. */
function messageBody(submission: ContactSubmission, text: string): string {
  const { input } = submission;
  return [
    `Formulaire d’aide – département ${submission.departement}`,
    `Problème choisi : ${submission.nature.label}`,
    `Nom : ${input.lastName} ${input.firstName}`,
    ...(input.phone ? [`Téléphone : ${input.phone}`] : []),
    ...(input.numeroUnique ? [`Numéro unique : ${input.numeroUnique}`] : []),
    '',
    text,
  ].join('\n');
}

async function departementValueId(db: Kysely<DB>, mailboxId: string, departement: string) {
  const row = await db
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .select('field_values.id')
    .where('fields.mailbox_id', '=', mailboxId)
    .where('fields.key', '=', 'departement')
    .where('field_values.label', '=', departement)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** Creates the ticket of a contact form. AppError('configuration') without a Demandeurs mailbox. */
export async function submitContact(
  deps: SubmitDeps,
  submission: ContactSubmission,
): Promise<SubmitResult> {
  const at = submission.at ?? new Date();
  const { mailbox, departementValue } = await cachedRead(
    deps.db,
    `demandeurs:${submission.departement}`,
    async () => {
      const row = await deps.db
        .selectFrom('mailboxes')
        .select('id')
        .where('slug', '=', 'demandeurs')
        .where('archived_at', 'is', null)
        .executeTakeFirst();
      if (!row) throw new AppError('configuration', 'The Demandeurs mailbox does not exist.');
      const [mail, value] = await Promise.all([
        loadMailboxMail(deps.db, row.id),
        departementValueId(deps.db, row.id, submission.departement),
      ]);
      return { mailbox: mail, departementValue: value };
    },
  );
  const masked = maskSensitiveData(submission.input.message);
  const stored = await Promise.all(submission.files.map((f) => deps.blobs.put(f.bytes)));
  const viewed = [
    ...new Set(submission.viewedArticleIds.filter((id) => uuidPattern.test(id))),
  ].slice(0, 20);
  const subject = submission.nature.label;

  const result = await deps.db.transaction().execute(async (trx) => {
    const contactId = await upsertContact(trx, {
      email: submission.input.email,
      name: `${submission.input.firstName} ${submission.input.lastName}`,
      phone: submission.input.phone,
    });
    const ticket = await insertTicket(trx, {
      mailboxId: mailbox.id,
      subject,
      contactId,
      channel: 'form',
      at,
    });
    await autoFillFields(trx, ticket.id, mailbox.id, [departementValue, submission.nature.valueId]);
    const message = await trx
      .insertInto('messages')
      .values({
        ticket_id: ticket.id,
        mailbox_id: mailbox.id,
        kind: 'customer',
        author_contact_id: contactId,
        from_address: submission.input.email,
        subject,
        body_text: messageBody(submission, masked.text),
        created_at: at,
        flags: { web_form: true, ...(masked.masked.length > 0 ? { masked: masked.masked } : {}) },
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (stored.length > 0)
      await trx
        .insertInto('attachments')
        .values(
          stored.map((blob, i) => ({
            ticket_id: ticket.id,
            message_id: message.id,
            filename: submission.files[i]?.filename ?? 'piece-jointe',
            content_type: submission.files[i]?.contentType ?? 'application/octet-stream',
            size_bytes: blob.size,
            sha256: blob.sha256,
          })),
        )
        .execute();
    const known =
      viewed.length > 0
        ? await trx.selectFrom('kb_articles').select('id').where('id', 'in', viewed).execute()
        : [];
    const knownIds = new Set(known.map((k) => k.id));
    await trx
      .insertInto('portal_ticket_context')
      .values({
        ticket_id: ticket.id,
        departement: submission.departement,
        nature_key: submission.nature.key,
        numero_unique: submission.input.numeroUnique,
        viewed_article_ids: viewed.filter((id) => knownIds.has(id)),
        masked: masked.masked,
        created_at: at,
      })
      .execute();
    await enqueueAcknowledgement(trx, {
      mailbox,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      subject,
      to: submission.input.email,
      signer: deps.signer,
      now: at,
      always: true,
    });
    return ticket;
  });
  // Counted once the ticket is committed, with the other help-centre events (written in batches).
  queuePortalEvent(deps.db, {
    departement: submission.departement,
    kind: 'form_submit',
    natureKey: submission.nature.key,
  });
  return { ticketId: result.id, number: result.number, masked: masked.masked };
}
