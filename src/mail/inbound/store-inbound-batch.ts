/**
 * The set-based half of a batch (issue 22): mail that can only open a new
 * ticket — no In-Reply-To, no References, no ticket token in the subject, a
 * sender — is written a statement per table for the whole batch instead of a
 * dozen per mail: contacts, organisation links, tickets with their first
 * messages and events (src/domain/tickets/open-tickets-many.ts),
 * classification, acknowledgements (one per sender in the window, as
 * `enqueueAcknowledgement`), attachments. The same rows as `storeInboundIn`
 * writes mail by mail; every other mail still goes through it.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { domainOf, type MailboxMail } from '../../domain/mailboxes/mailbox-mail.ts';
import { organisationsByDomain } from '../../domain/organisations/match-organisation.ts';
import { acknowledgementRow, acknowledges, ackWindowStart } from '../../domain/outbox/enqueue.ts';
import { subjectTokenPattern } from '../../domain/signing/mail-signer.ts';
import { openTicketsWithMessages } from '../../domain/tickets/open-tickets-many.ts';
import {
  autoFill,
  flagsOf,
  messageOf,
  type StoreInput,
  type StoreResult,
} from './store-inbound.ts';

/** Whether `input` can only open a new ticket (nothing to thread it by). */
export function opensNewTicket(input: Pick<StoreInput, 'mail'>): boolean {
  const { mail } = input;
  return (
    mail.from !== null &&
    mail.inReplyTo === null &&
    mail.references.length === 0 &&
    !subjectTokenPattern.test(mail.subject)
  );
}

/** Contacts of the senders (created when new), by address: one statement. */
async function upsertContacts(
  trx: Transaction<DB>,
  senders: Map<string, string>,
): Promise<Map<string, string>> {
  if (senders.size === 0) return new Map();
  // In address order: two batches committing at once (the SMTP listener) lock
  // their common contacts in the same order, so they wait, never deadlock.
  const sorted = [...senders].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const { rows } = await sql<{ id: string; email: string }>`
    insert into contacts (email, name)
    select x.email, nullif(x.name, '') from unnest(${sorted.map(([email]) => email)}::text[],
      ${sorted.map(([, name]) => name)}::text[]) as x(email, name)
    on conflict (email) where email is not null do update set updated_at = now()
    returning id, email`.execute(trx);
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Stores every input (each `opensNewTicket`) in `trx`; results in their order. */
export async function storeNewTicketsIn(
  trx: Transaction<DB>,
  inputs: StoreInput[],
): Promise<StoreResult[]> {
  if (inputs.length === 0) return [];
  const senders = new Map<string, string>();
  for (const { mail } of inputs)
    if (mail.from && !senders.has(mail.from.address))
      senders.set(mail.from.address, mail.from.name);
  const contacts = await upsertContacts(trx, senders);
  const domains = [...new Set([...senders.keys()].map(domainOf).filter((d) => d !== null))];
  const organisations = await organisationsByDomain(trx, domains);
  const links = [...senders.keys()].flatMap((address) => {
    const organisation = organisations.get(domainOf(address) ?? '');
    const contact = contacts.get(address);
    return organisation && contact ? [{ contact, organisation: organisation.id }] : [];
  });
  if (links.length > 0)
    await sql`update contacts c set organisation_id = x.organisation
      from unnest(${links.map((l) => l.contact)}::uuid[], ${links.map((l) => l.organisation)}::uuid[])
        as x(contact, organisation)
      where c.id = x.contact and c.organisation_id is null`.execute(trx);
  const prepared = inputs.map((input) => {
    const address = input.mail.from?.address ?? '';
    const contactId = contacts.get(address) ?? null;
    const flags = flagsOf(input, false);
    return {
      input,
      flags,
      organisation: organisations.get(domainOf(address) ?? ''),
      automatic: input.mailClass.kind === 'automatic',
      message: messageOf(input, contactId, flags),
      contactId,
    };
  });
  const opened = await openTicketsWithMessages(
    trx,
    prepared.map((p) => ({
      ticket: {
        mailboxId: p.input.mailbox.id,
        // A new ticket from a robot is kept out of the queues and the figures.
        status: p.automatic ? 'spam' : 'active',
        subject: p.input.mail.subject,
        contactId: p.contactId,
        organisationId: p.organisation?.id ?? null,
        channel: 'email',
        at: p.input.receivedAt,
        linkedTicketId: null,
      },
      message: p.message,
    })),
  );
  for (const [i, p] of prepared.entries()) {
    const ticket = opened[i];
    if (p.organisation && ticket)
      await autoFill(trx, ticket.id, p.input.mailbox.id, p.organisation);
  }
  await acknowledgeAll(trx, prepared, opened);
  const attachments = prepared.flatMap((p, i) =>
    p.input.attachments.map((a) => ({
      ticket_id: opened[i]?.id as number,
      message_id: opened[i]?.messageId as number,
      filename: a.filename,
      content_type: a.contentType,
      size_bytes: a.size,
      sha256: a.sha256,
      content_id: a.contentId,
      is_inline: a.inline,
    })),
  );
  if (attachments.length > 0) await trx.insertInto('attachments').values(attachments).execute();
  return prepared.map((p, i) => ({
    outcome: 'created',
    ticketId: opened[i]?.id as number,
    messageId: opened[i]?.messageId as number,
    flags: p.flags,
  }));
}

/** One acknowledgement per sender not acknowledged in the window (as `enqueueAcknowledgement`). */
async function acknowledgeAll(
  trx: Transaction<DB>,
  prepared: { input: StoreInput; automatic: boolean }[],
  opened: { id: number; number: number }[],
): Promise<void> {
  const wanted = prepared.flatMap((p, i) => {
    const to = p.input.mail.from?.address;
    const mailbox: MailboxMail = p.input.mailbox;
    const ticket = opened[i];
    if (p.automatic || !to || !ticket || !acknowledges(mailbox, to)) return [];
    return [{ p, to, mailbox, ticket }];
  });
  if (wanted.length === 0) return;
  const now = wanted[0]?.p.input.receivedAt ?? new Date();
  const recent = await trx
    .selectFrom('outbox')
    .select('to_address')
    .where('kind', '=', 'ack')
    .where('to_address', 'in', [...new Set(wanted.map((w) => w.to))])
    .where('created_at', '>', ackWindowStart(now))
    .execute();
  const done = new Set(recent.map((r) => r.to_address));
  const rows = [];
  for (const w of wanted) {
    if (done.has(w.to)) continue;
    done.add(w.to);
    rows.push(
      acknowledgementRow({
        mailbox: w.mailbox,
        ticketId: w.ticket.id,
        ticketNumber: w.ticket.number,
        to: w.to,
        signer: w.p.input.signer,
        now: w.p.input.receivedAt,
      }),
    );
  }
  if (rows.length > 0)
    await trx
      .insertInto('outbox')
      .values(rows)
      .onConflict((oc) => oc.column('rfc_message_id').doNothing())
      .execute();
}
