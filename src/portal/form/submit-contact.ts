/**
 * Turns a validated contact form into a ticket of the Demandeurs mailbox, in
 * one statement (so one round trip and one commit): contact, ticket (channel `form`) classified with the
 * département and the nature's internal value, the first customer message,
 * its attachments, what the applicant read first, the deflection event and
 * the acknowledgement in the outbox. A social security number (or an IBAN)
 * in the message is masked before anything is stored; the caller tells the
 * applicant. Attachment bytes are written to the store first, so a committed
 * row never points at missing bytes.
 */
import { type Kysely, sql } from 'kysely';
import { executePrepared } from '../../db/prepared.ts';
import type { DB } from '../../db/schema.ts';
import { loadMailboxMail, type MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { acknowledgementRow, acknowledges, ackWindowStart } from '../../domain/outbox/enqueue.ts';
import { maskSensitiveData, type SensitiveKind } from '../../domain/privacy/sensitive-data.ts';
import type { MailSigner } from '../../domain/signing/mail-signer.ts';
import { nextTicketNumber } from '../../domain/tickets/open-ticket.ts';
import {
  type FormTicket,
  formTicketId,
  openTicketFromForm,
} from '../../domain/tickets/open-ticket-from-form.ts';
import { refreshTicketDueTimes } from '../../domain/tickets/ticket-due-times.ts';
import { AppError } from '../../errors/app-error.ts';
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

export type SubmitDeps = {
  db: Kysely<DB>;
  blobs: BlobStore;
  signer: MailSigner;
  /** The instance relay (SMTP_RELAY_URL) is set: mailboxes without their own SMTP send through it. */
  relay?: boolean;
};

/**
 * `mail` says what the applicant may be promised (issue 15 §1): `replies` when
 * the Demandeurs mailbox has an address and an SMTP server (its own or the
 * relay), `acknowledged` when its acknowledgement is on too.
 */
export type SubmitResult = {
  ticketId: number;
  number: number;
  masked: SensitiveKind[];
  mail: { replies: boolean; acknowledged: boolean };
};

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

type SubmissionRows = {
  submission: ContactSubmission;
  mailbox: MailboxMail;
  departementValue: string | null;
  /** Taken from the ticket sequence beforehand: the acknowledgement's Message-ID signs it. */
  number: number;
  text: string;
  masked: SensitiveKind[];
  attachments: FormTicket['attachments'];
  viewed: string[];
  at: Date;
};

/**
 * Writes the whole submission in one statement (data-modifying CTEs), hence
 * one round trip and one commit, all or nothing: the contact (created or
 * found), the ticket, its automatic classification, the message and its
 * attachments with their ticket events (src/domain/tickets/open-ticket-from-form.ts),
 * then the help-centre context (only articles that exist) and the
 * acknowledgement (unless this address got one in the last four hours).
 */
async function insertSubmission(deps: SubmitDeps, rows: SubmissionRows) {
  const { submission, mailbox, at } = rows;
  const subject = submission.nature.label;
  const ticketId = formTicketId;
  const to = submission.input.email;
  const ack = acknowledges(mailbox, to, true)
    ? acknowledgementRow({
        mailbox,
        ticketId: 0,
        ticketNumber: rows.number,
        to,
        signer: deps.signer,
        now: at,
      })
    : null;
  const valueIds = [rows.departementValue, submission.nature.valueId].filter(
    (v): v is string => v !== null,
  );
  const query = openTicketFromForm(deps.db, {
    mailboxId: mailbox.id,
    number: rows.number,
    at,
    subject,
    contact: {
      email: to,
      name: `${submission.input.firstName} ${submission.input.lastName}`,
      phone: submission.input.phone,
    },
    body: messageBody(submission, rows.text),
    flags: { web_form: true, ...(rows.masked.length > 0 ? { masked: rows.masked } : {}) },
    valueIds,
    attachments: rows.attachments,
  })
    .with('context', (db) =>
      db.insertInto('portal_ticket_context').values({
        ticket_id: ticketId,
        departement: submission.departement,
        nature_key: submission.nature.key,
        numero_unique: submission.input.numeroUnique,
        // Only articles that exist, in the order the applicant read them.
        viewed_article_ids: sql<string[]>`array(select v.id from unnest(${rows.viewed}::uuid[])
          with ordinality as v(id, i) where exists (select 1 from kb_articles k where k.id = v.id)
          order by v.i)`,
        masked: rows.masked,
        created_at: at,
      }),
    )
    .with('acknowledged', (db) =>
      db
        .insertInto('outbox')
        .columns(['mailbox_id', 'ticket_id', 'kind', 'rfc_message_id', 'to_address', 'created_at'])
        .expression(
          sql`select ${ack?.mailbox_id ?? null}::uuid, ${ticketId}, 'ack', ${ack?.rfc_message_id ?? null}::text,
            ${to}::text, ${at}::timestamptz
          where ${ack !== null} and not exists (select 1 from outbox where kind = 'ack'
            and to_address = ${to} and created_at > ${ackWindowStart(at)})`,
        )
        .onConflict((oc) => oc.column('rfc_message_id').doNothing()),
    )
    .selectFrom('ticket')
    .select(['id', 'number']);
  // Its text never varies (lists go in array parameters): parsed and planned once per connection.
  const [ticket] = await executePrepared(deps.db, query.compile());
  if (!ticket) throw new Error('the submission statement returned no ticket');
  // its due time under the mailbox's response target (issue 18): the statement recorded its events
  await refreshTicketDueTimes(deps.db, [ticket.id]);
  return ticket;
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
  const attachments = await Promise.all(
    submission.files.map(async (f) => {
      const blob = await deps.blobs.put(f.bytes);
      return { filename: f.filename, contentType: f.contentType, ...blob };
    }),
  );
  const viewed = [
    ...new Set(submission.viewedArticleIds.filter((id) => uuidPattern.test(id))),
  ].slice(0, 20);
  const number = await nextTicketNumber(deps.db);
  const ticket = await insertSubmission(deps, {
    submission,
    mailbox,
    departementValue,
    number,
    text: masked.text,
    masked: masked.masked,
    attachments,
    viewed,
    at,
  });
  // Counted once the ticket is committed, with the other help-centre events (written in batches).
  queuePortalEvent(deps.db, {
    departement: submission.departement,
    kind: 'form_submit',
    natureKey: submission.nature.key,
  });
  const replies =
    mailbox.address !== null && (mailbox.settings.smtp_host !== null || deps.relay === true);
  const acknowledged = replies && acknowledges(mailbox, submission.input.email, true);
  return {
    ticketId: ticket.id,
    number: ticket.number,
    masked: masked.masked,
    mail: { replies, acknowledged },
  };
}
