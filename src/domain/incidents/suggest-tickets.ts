/**
 * The tickets an incident probably caused (issue 20 §2), for an agent to link:
 * opened from two hours before it started until it was resolved (or now), not
 * linked yet, and either classified under its module or holding words of its
 * title (French stemming, any of them). Same module first, then the best match.
 * The same test links new tickets as they arrive (autolink.ts).
 */
import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import type { MailboxScope } from '../../policies/mailbox-access.ts';
import { getIncident } from './incidents.ts';

/** How long before its declared start an incident may already have caused tickets. */
export const leadMs = 2 * 60 * 60_000;

export type Suggestion = {
  id: number;
  number: number;
  subject: string;
  status: TicketStatus;
  mailboxName: string;
  createdAt: Date;
  sameModule: boolean;
};

/** The title's words as a tsquery matching any of them. */
const anyWord = (title: string) =>
  sql`replace(plainto_tsquery('french'::regconfig, guichet_unaccent(${title}))::text, ' & ', ' | ')::tsquery`;

/** The SQL test of "this ticket looks caused by the incident" (module or words), on `tickets`. */
export function matchesIncident(incident: { title: string; module_value_id: string | null }) {
  const moduleMatch =
    incident.module_value_id === null
      ? sql<SqlBool>`false`
      : sql<SqlBool>`exists (select 1 from ticket_field_values v
          where v.ticket_id = tickets.id and v.value_id = ${incident.module_value_id}::uuid)`;
  return sql<SqlBool>`(${moduleMatch} or coalesce(tickets.search_document @@ ${anyWord(incident.title)}, false))`;
}

export async function suggestTickets(
  db: Kysely<DB>,
  incidentId: string,
  scope: MailboxScope,
  limit = 200,
): Promise<Suggestion[]> {
  const incident = await getIncident(db, incidentId);
  if (scope !== 'all' && scope.length === 0) return [];
  const from = new Date(incident.started_at.getTime() - leadMs);
  const sameModule =
    incident.module_value_id === null
      ? sql<boolean>`false`
      : sql<boolean>`exists (select 1 from ticket_field_values v
          where v.ticket_id = tickets.id and v.value_id = ${incident.module_value_id}::uuid)`;
  let query = db
    .selectFrom('tickets')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .select([
      'tickets.id',
      'tickets.number',
      'tickets.subject',
      'tickets.status',
      'tickets.created_at',
      'mailboxes.name as mailbox_name',
      sameModule.as('same_module'),
    ])
    .where('tickets.created_at', '>=', from)
    .where('tickets.deleted_at', 'is', null)
    .where('tickets.merged_into_id', 'is', null)
    .where('tickets.status', '<>', 'spam')
    .where(matchesIncident(incident))
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('incident_tickets')
            .select('incident_tickets.ticket_id')
            .whereRef('incident_tickets.ticket_id', '=', 'tickets.id')
            .where('incident_tickets.incident_id', '=', incidentId),
        ),
      ),
    );
  if (incident.resolved_at) query = query.where('tickets.created_at', '<=', incident.resolved_at);
  if (scope !== 'all') query = query.where('tickets.mailbox_id', 'in', [...scope]);
  const rows = await query
    .orderBy(sql`${sameModule}`, 'desc')
    .orderBy('tickets.created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: Number(r.number),
    subject: r.subject,
    status: r.status,
    mailboxName: r.mailbox_name,
    createdAt: r.created_at,
    sameModule: Boolean(r.same_module),
  }));
}
