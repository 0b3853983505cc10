/**
 * Which ticket an inbound mail belongs to (issue 5 §2), in this order:
 *
 * 1. `In-Reply-To`, then `References` (newest first), against the Message-IDs
 *    stored in this mailbox — the customers' and every mail Guichet sent about
 *    a ticket (its outbox: replies, acknowledgements of the mail or of the
 *    help-centre form);
 * 2. the subject token `[#1042-3fa9c1d2]` with a valid signature, or an
 *    unsigned `[#1042]` when the sender already takes part in that ticket;
 * 3. otherwise a new ticket.
 *
 * A matched closed ticket is reopened when it closed less than `reopenDays`
 * ago and the subject is related (an answer to our acknowledgement is, whatever
 * its subject: "Re: Nous avons bien reçu votre message : X" is about X; an
 * anonymised ticket takes no more mail); otherwise the mail opens a new ticket linked
 * to it (the rule is the domain's: src/domain/tickets/reopen-or-link.ts). A
 * sender who is not a participant is flagged as a stranger: the mail is kept on
 * the ticket but the sender never becomes a recipient. This file only decides;
 * the writes are src/domain/tickets/'s (called by store-inbound.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { type MailSigner, subjectTokenPattern } from '../../domain/signing/mail-signer.ts';
import { reopenOrLink } from '../../domain/tickets/reopen-or-link.ts';
import type { ParsedInbound } from './parse-mail.ts';

export type ThreadTicket = {
  id: number;
  number: number;
  status: TicketStatus;
  subject: string;
  closed_at: Date | null;
  anonymised_at: Date | null;
};

export type ThreadDecision =
  | {
      kind: 'append';
      ticket: ThreadTicket;
      via: 'headers' | 'token';
      stranger: boolean;
      reopen: boolean;
      /**
       * An answer to a forward of ours (issue 19 §2), or to such an answer: a third
       * party's mail, kept as an internal message; it never reopens or wakes the ticket.
       */
      internal: boolean;
    }
  | { kind: 'new'; linkedTicketId: number | null };

/** Subject without reply/forward prefixes (Re:, Fwd:, TR:, RE :, AW:, Antw:, …) and ticket token, for comparison. */
export function normalizeSubject(subject: string): string {
  let s = subject.replace(new RegExp(subjectTokenPattern.source, 'g'), ' ');
  // Reply and forward prefixes of French, English, German, Dutch, Nordic, Spanish, Portuguese and
  // Polish clients, with French spacing (`RE :`) and counters (`Re[2]:`).
  const prefix =
    /^\s*(re|fwd?|fw|tr|aw|antw|wg|sv|vs|vl|rv|enc|res|odp|réf|ref)\s*(\[\d+\])?\s*:\s*/i;
  while (prefix.test(s)) s = s.replace(prefix, '');
  return s.replace(/\s+/g, ' ').trim().toLowerCase();
}

const ticketColumns = ['id', 'number', 'status', 'subject', 'closed_at', 'anonymised_at'] as const;

/** A ticket found by headers, whether the mail answers our acknowledgement, or a forward. */
type HeaderMatch = { ticket: ThreadTicket; answersAck: boolean; answersForward: boolean };

async function byHeaders(
  db: Kysely<DB>,
  mailboxId: string,
  mail: ParsedInbound,
): Promise<HeaderMatch | undefined> {
  const ids = [...new Set([mail.inReplyTo, ...[...mail.references].reverse()])].filter(
    (id): id is string => id !== null && id !== mail.messageId,
  );
  if (ids.length === 0) return undefined;
  // One after the other: this runs in the storing transaction (one connection).
  const stored = await db
    .selectFrom('messages')
    .innerJoin('tickets', 'tickets.id', 'messages.ticket_id')
    .select([
      'messages.message_id',
      'messages.kind as messageKind',
      ...ticketColumns.map((c) => `tickets.${c}` as const),
    ])
    .where('messages.mailbox_id', '=', mailboxId)
    .where('messages.message_id', 'in', ids)
    .where('tickets.deleted_at', 'is', null)
    .execute();
  // What we sent about a ticket: the outbox keeps every Message-ID (acknowledgements live only there).
  const sent = await db
    .selectFrom('outbox')
    .innerJoin('tickets', 'tickets.id', 'outbox.ticket_id')
    .select([
      'outbox.rfc_message_id as message_id',
      'outbox.kind',
      ...ticketColumns.map((c) => `tickets.${c}` as const),
    ])
    .where('outbox.mailbox_id', '=', mailboxId)
    .where('outbox.rfc_message_id', 'in', ids)
    .where('tickets.deleted_at', 'is', null)
    .execute();
  // The most recent reference wins: In-Reply-To first, then References from the end.
  for (const id of ids) {
    const ours = sent.find((r) => r.message_id === id);
    const mine = stored.find((r) => r.message_id === id);
    const row = mine ?? ours;
    if (row) {
      const ticket: ThreadTicket = {
        id: row.id,
        number: row.number,
        status: row.status,
        subject: row.subject,
        closed_at: row.closed_at,
        anonymised_at: row.anonymised_at,
      };
      // Outbox rows stay on a merged ticket: follow the merge as a subject token does.
      return {
        ticket: await followMerges(db, ticket),
        answersAck: ours?.kind === 'ack',
        // A forward's Message-ID, or an internal message's (the third party's earlier answer).
        answersForward: ours?.kind === 'forward' || mine?.messageKind === 'note',
      };
    }
  }
  return undefined;
}

/** Addresses taking part in a ticket: its contact, and every sender and recipient of its mail. */
export async function participantsOf(db: Kysely<DB>, ticketId: number): Promise<Set<string>> {
  // One round trip: the contact's address, then every address of the ticket's mail,
  // except what strangers sent (their own mail does not make them participants).
  const { rows } = await sql<{ address: string | null }>`
    select c.email as address
      from tickets t join contacts c on c.id = t.contact_id
     where t.id = ${ticketId}
    union
    select unnest(array[m.from_address] || m.to_addresses || m.cc_addresses)
      from messages m
     where m.ticket_id = ${ticketId}
       and m.kind in ('customer', 'reply')
       and not (m.flags @> '{"stranger": true}'::jsonb)`.execute(db);
  return new Set(rows.map((r) => r.address).filter((a): a is string => a !== null));
}

async function byToken(
  db: Kysely<DB>,
  mailboxId: string,
  mail: ParsedInbound,
  signer: MailSigner,
): Promise<ThreadTicket | undefined> {
  const match = subjectTokenPattern.exec(mail.subject);
  if (!match?.[1]) return undefined;
  const number = Number(match[1]);
  const ticket = await db
    .selectFrom('tickets')
    .select([...ticketColumns])
    .where('mailbox_id', '=', mailboxId)
    .where('number', '=', number)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!ticket) return undefined;
  if (match[2] && signer.verifyTicketToken(number, match[2])) return followMerges(db, ticket);
  // Unsigned or forged token: only a participant may use it (RELIABILITY #27).
  const sender = mail.from?.address;
  if (sender && (await participantsOf(db, ticket.id)).has(sender)) return followMerges(db, ticket);
  return undefined;
}

/**
 * The ticket a merged ticket became (its messages moved there, so headers
 * already lead there; a subject token still names the old number).
 */
async function followMerges(db: Kysely<DB>, ticket: ThreadTicket): Promise<ThreadTicket> {
  let current = ticket;
  for (let hops = 0; hops < 10; hops++) {
    const row = await db
      .selectFrom('tickets as merged')
      .innerJoin('tickets', 'tickets.id', 'merged.merged_into_id')
      .select(ticketColumns.map((c) => `tickets.${c}` as const))
      .where('merged.id', '=', current.id)
      .where('tickets.deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row) return current;
    current = row;
  }
  return current;
}

/**
 * Decides the ticket of `mail` in `mailboxId`. Run it inside the transaction
 * that stores the mail. `ownAddresses` are the mailbox's addresses (never participants).
 */
export async function threadMail(
  db: Kysely<DB>,
  options: {
    mailboxId: string;
    mail: ParsedInbound;
    signer: MailSigner;
    reopenDays: number;
    now: Date;
  },
): Promise<ThreadDecision> {
  const { mailboxId, mail, signer } = options;
  const viaHeaders = await byHeaders(db, mailboxId, mail);
  const ticket = viaHeaders?.ticket ?? (await byToken(db, mailboxId, mail, signer));
  if (!ticket) return { kind: 'new', linkedTicketId: null };
  // An erased or expired ticket keeps nobody's mail: a new ticket, linked to it.
  if (ticket.anonymised_at !== null) return { kind: 'new', linkedTicketId: ticket.id };
  const sender = mail.from?.address;
  const stranger = !sender || !(await participantsOf(db, ticket.id)).has(sender);
  const via = viaHeaders ? 'headers' : 'token';
  if (viaHeaders?.answersForward === true)
    return { kind: 'append', ticket, via, stranger, reopen: false, internal: true };
  const followUp = reopenOrLink(
    { status: ticket.status, closedAt: ticket.closed_at },
    {
      at: options.now,
      related:
        viaHeaders?.answersAck === true ||
        normalizeSubject(mail.subject) === normalizeSubject(ticket.subject),
      stranger,
    },
    options.reopenDays,
  );
  if (followUp.kind === 'link') return { kind: 'new', linkedTicketId: ticket.id };
  return { kind: 'append', ticket, via, stranger, reopen: followUp.reopen, internal: false };
}
