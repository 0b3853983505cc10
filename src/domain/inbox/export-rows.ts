/**
 * The tickets of an inbox filter for an export (issue 21 §6), read in keyset
 * pages of `pageSize` in the inbox's own order and with its own conditions
 * (inbox-query.ts): memory stays that of one page whatever the count. A
 * search (`q`) goes through the inbox's page query (list-inbox.ts), whose
 * matches are capped as in the inbox.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import type { TicketStatusName } from '../../shared/workspace-contracts.ts';
import {
  type Cursor,
  cursorText,
  type InboxFilters,
  type PageContext,
  pageConditions,
  positionOf,
} from './inbox-query.ts';
import { listInboxPage } from './list-inbox.ts';

export type ExportRow = {
  id: number;
  number: number;
  subject: string;
  status: TicketStatusName;
  mailbox: string;
  createdAt: Date;
  lastMessageAt: Date;
  contactName: string | null;
  contactEmail: string | null;
  organisation: string | null;
  assignee: string | null;
  tags: string | null;
  dueAt: Date | null;
  /** Classification: field id → value label. */
  fields: Record<string, string> | null;
};

export type ExportField = { id: string; label: string };

/** The classification fields of the mailboxes an export may hold, in mailbox and field order. */
export async function exportFields(
  db: Kysely<DB>,
  scope: MailboxScope,
  requested: string[] | undefined,
): Promise<ExportField[]> {
  let ids: readonly string[] | 'all' = requested && requested.length > 0 ? requested : 'all';
  if (scope !== 'all') ids = ids === 'all' ? scope : ids.filter((id) => scope.includes(id));
  if (ids !== 'all' && ids.length === 0) return [];
  let query = db
    .selectFrom('fields')
    .innerJoin('mailboxes', 'mailboxes.id', 'fields.mailbox_id')
    .select(['fields.id', 'fields.label']);
  if (ids !== 'all') query = query.where('fields.mailbox_id', 'in', [...ids]);
  return query
    .where('fields.archived_at', 'is', null)
    .orderBy('mailboxes.name')
    .orderBy('fields.position')
    .execute();
}

function rowsQuery(db: Kysely<DB>) {
  return db
    .selectFrom('tickets')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .leftJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .leftJoin('organisations', 'organisations.id', 'tickets.organisation_id')
    .leftJoin('users', 'users.id', 'tickets.assignee_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
      'mailboxes.name as mailbox',
      'tickets.created_at as createdAt',
      'tickets.last_message_at as lastMessageAt',
      'contacts.name as contactName',
      'contacts.email as contactEmail',
      'organisations.name as organisation',
      'users.name as assignee',
      'tickets.due_at as dueAt',
      sql<string | null>`(select string_agg(tags.name, ', ' order by tags.name)
        from ticket_tags join tags on tags.id = ticket_tags.tag_id
        where ticket_tags.ticket_id = tickets.id)`.as('tags'),
      sql<Record<string, string> | null>`(select json_object_agg(tfv.field_id, fv.label)
        from ticket_field_values tfv join field_values fv on fv.id = tfv.value_id
        where tfv.ticket_id = tickets.id)`.as('fields'),
    ]);
}

/** Every ticket of `filters` visible in `scope`, page after page. */
export async function* exportRows(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  filters: Omit<InboxFilters, 'cursor' | 'limit'>,
  pageSize = 2000,
): AsyncGenerator<ExportRow[]> {
  if (filters.q) {
    yield* searchedRows(db, user, scope, filters);
    return;
  }
  const position = positionOf(filters.sort);
  const { column, direction } = position;
  let cursor: Cursor | null = null;
  for (;;) {
    const context: PageContext = {
      user,
      scope,
      filters: { ...filters, limit: pageSize },
      cursor: null,
      position,
    };
    // After the cursor as a row comparison, which the sort's index answers by a range
    // (an OR of the two cases would be read from the first row again at every page).
    const after: RawBuilder<boolean> = cursor
      ? sql<boolean>`(${sql.ref(column)}, tickets.id) ${sql.raw(direction === 'desc' ? '<' : '>')} (${cursor.at}::timestamptz, ${cursor.id}::bigint)`
      : sql<boolean>`true`;
    const page = await rowsQuery(db)
      .select(cursorText(column).as('sortAt'))
      .where((eb) => pageConditions(eb as never, { ...context, matches: null }))
      .where(after)
      .orderBy(column, direction)
      .orderBy('tickets.id', direction)
      .limit(pageSize)
      .execute();
    if (page.length === 0) return;
    yield page.map(({ sortAt: _s, ...row }) => row as ExportRow);
    const last = page[page.length - 1];
    if (page.length < pageSize || !last) return;
    cursor = { at: last.sortAt, id: last.id };
  }
}

/** A search's tickets: the inbox's pages of ids (100 at a time), then their rows. */
async function* searchedRows(
  db: Kysely<DB>,
  user: { id: string },
  scope: MailboxScope,
  filters: Omit<InboxFilters, 'cursor' | 'limit'>,
): AsyncGenerator<ExportRow[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listInboxPage(db, user, scope, { ...filters, cursor, limit: 100 });
    const ids = page.summaries.map((text) => (JSON.parse(text) as { id: number }).id);
    if (ids.length > 0) {
      const rows = await rowsQuery(db).where('tickets.id', 'in', ids).execute();
      const byId = new Map(rows.map((row) => [row.id, row as ExportRow]));
      yield ids.flatMap((id) => byId.get(id) ?? []);
    }
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}
