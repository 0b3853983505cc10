/**
 * Finding everything about a person: contacts by address, name or phone, and
 * tickets where the term appears as contact, author, recipient, in subjects,
 * bodies, attachment names, classification values, rating comments or import
 * payloads; plus counts of the rows elsewhere that name them (audit log,
 * outbox, login throttling).
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { likePattern, type PersonQuery } from './person-query.ts';

export type FoundTicket = {
  id: number;
  number: number;
  mailboxSlug: string;
  subject: string;
  status: string;
  createdAt: Date;
  closedAt: Date | null;
  anonymisedAt: Date | null;
  /** Where the term was found: contact, author, address, subject, body, field, attachment, rating, import. */
  reasons: string[];
};

export type FoundContact = {
  id: string;
  email: string | null;
  name: string | null;
  phone: string | null;
};

export type PersonFindings = {
  contacts: FoundContact[];
  tickets: FoundTicket[];
  /** More tickets than `limit` matched: the list is cut. */
  truncated: boolean;
  /** Rows outside tickets that name the person. */
  elsewhere: { auditEvents: number; outbox: number; loginThrottle: number };
};

const defaultLimit = 5000;

/** Digits of a phone-like term (at least 6), to match phones however they are written. */
const phoneDigits = (term: string): string | null => {
  const digits = term.replace(/\D/g, '');
  return /^[+\d][\d\s.\-()]+$/.test(term) && digits.length >= 6 ? digits : null;
};

async function findContacts(db: Kysely<DB>, query: PersonQuery): Promise<FoundContact[]> {
  const pattern = likePattern(query.term);
  const digits = phoneDigits(query.term);
  return db
    .selectFrom('contacts')
    .select(['id', 'email', 'name', 'phone'])
    .where((eb) => {
      if (query.kind === 'email') return eb('email', '=', query.term);
      const conditions = [
        eb(sql`unaccent(name)`, 'ilike', sql`unaccent(${pattern})`),
        eb('email', 'ilike', pattern),
      ];
      if (digits)
        conditions.push(eb(sql`regexp_replace(phone, '\\D', '', 'g')`, 'like', `%${digits}%`));
      return eb.or(conditions);
    })
    .orderBy('email')
    .limit(1000)
    .execute();
}

/** Ticket ids with the reason they matched. */
async function matchingTicketIds(
  db: Kysely<DB>,
  query: PersonQuery,
  contactIds: string[],
): Promise<Map<number, Set<string>>> {
  const pattern = likePattern(query.term);
  const found = new Map<number, Set<string>>();
  const add = (reason: string) => (rows: { id: number }[]) => {
    for (const { id } of rows) {
      const reasons = found.get(id) ?? new Set<string>();
      reasons.add(reason);
      found.set(id, reasons);
    }
  };
  const searches: Promise<void>[] = [
    db
      .selectFrom('tickets')
      .select('id')
      .where('subject', 'ilike', pattern)
      .union(db.selectFrom('messages').select('ticket_id as id').where('subject', 'ilike', pattern))
      .execute()
      .then(add('subject')),
    db
      .selectFrom('messages')
      .select('ticket_id as id')
      .where((eb) => eb.or([eb('body_text', 'ilike', pattern), eb('body_html', 'ilike', pattern)]))
      .distinct()
      .execute()
      .then(add('body')),
    db
      .selectFrom('attachments')
      .select('ticket_id as id')
      .where('filename', 'ilike', pattern)
      .distinct()
      .execute()
      .then(add('attachment')),
    db
      .selectFrom('ratings')
      .select('ticket_id as id')
      .where('comment', 'ilike', pattern)
      .execute()
      .then(add('rating')),
    db
      .selectFrom('import_records')
      .select('ticket_id as id')
      .where(sql`extra::text`, 'ilike', pattern)
      .execute()
      .then(add('import')),
    // a classification value equal to the term (a numéro unique kept as a value)
    db
      .selectFrom('ticket_field_values as tfv')
      .innerJoin('field_values as v', 'v.id', 'tfv.value_id')
      .select('tfv.ticket_id as id')
      .where(sql`lower(v.label)`, '=', query.term.toLowerCase())
      .execute()
      .then(add('field')),
  ];
  if (query.kind === 'email')
    searches.push(
      db
        .selectFrom('messages')
        .select('ticket_id as id')
        .where((eb) =>
          eb.or([
            eb('from_address', '=', query.term),
            eb(sql`lower(${query.term})`, '=', eb.fn.any('to_addresses')),
            eb(sql`lower(${query.term})`, '=', eb.fn.any('cc_addresses')),
          ]),
        )
        .distinct()
        .execute()
        .then(add('address')),
    );
  if (contactIds.length > 0)
    searches.push(
      db
        .selectFrom('tickets')
        .select('id')
        .where('contact_id', 'in', contactIds)
        .execute()
        .then(add('contact')),
      db
        .selectFrom('messages')
        .select('ticket_id as id')
        .where('author_contact_id', 'in', contactIds)
        .distinct()
        .execute()
        .then(add('author')),
    );
  await Promise.all(searches);
  return found;
}

async function countElsewhere(db: Kysely<DB>, query: PersonQuery) {
  const pattern = likePattern(query.term);
  const count = (rows: { n: number | string | bigint }[]) => Number(rows[0]?.n ?? 0);
  const [auditEvents, outbox, loginThrottle] = await Promise.all([
    db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([eb('actor_label', 'ilike', pattern), eb(sql`details::text`, 'ilike', pattern)]),
      )
      .execute()
      .then(count),
    db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        eb.or([eb('to_address', 'ilike', pattern), eb('last_error', 'ilike', pattern)]),
      )
      .execute()
      .then(count),
    db
      .selectFrom('login_throttle')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('key', 'ilike', pattern)
      .execute()
      .then(count),
  ]);
  return { auditEvents, outbox, loginThrottle };
}

/** Everything Guichet holds about the person `query` names. Read-only. */
export async function findPerson(
  db: Kysely<DB>,
  query: PersonQuery,
  limit = defaultLimit,
): Promise<PersonFindings> {
  const contacts = await findContacts(db, query);
  const [matches, elsewhere] = await Promise.all([
    matchingTicketIds(
      db,
      query,
      contacts.map((c) => c.id),
    ),
    countElsewhere(db, query),
  ]);
  const ids = [...matches.keys()].sort((a, b) => a - b).slice(0, limit);
  const rows =
    ids.length === 0
      ? []
      : await db
          .selectFrom('tickets as t')
          .innerJoin('mailboxes as m', 'm.id', 't.mailbox_id')
          .select([
            't.id',
            't.number',
            'm.slug',
            't.subject',
            't.status',
            't.created_at',
            't.closed_at',
            't.anonymised_at',
          ])
          .where('t.id', 'in', ids)
          .orderBy('t.created_at')
          .orderBy('t.id')
          .execute();
  return {
    contacts,
    tickets: rows.map((t) => ({
      id: t.id,
      number: t.number,
      mailboxSlug: t.slug,
      subject: t.subject,
      status: t.status,
      createdAt: t.created_at,
      closedAt: t.closed_at,
      anonymisedAt: t.anonymised_at,
      reasons: [...(matches.get(t.id) ?? [])].sort(),
    })),
    truncated: matches.size > limit,
    elsewhere,
  };
}
