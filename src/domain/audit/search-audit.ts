/**
 * The audit log search of supervisors and administrators: filters on the
 * actor (user id, or text matched against the actor's e-mail, name or label),
 * an action prefix (`user.` finds every user change), the target (a ticket by
 * its number too), a date
 * range and free text in the details; newest first, by keyset pagination on
 * the id (`before` = the last id of the previous page), so a page costs the
 * same however deep it is.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isUuid } from '../../shared/uuid.ts';

export type AuditSearch = {
  actor?: string | undefined;
  action?: string | undefined;
  targetType?: string | undefined;
  targetId?: string | undefined;
  /** An exact target id, or part of the e-mail or name of a user the event is about. */
  target?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  text?: string | undefined;
  before?: number | undefined;
  limit: number;
};

export type AuditEventRow = {
  id: number;
  at: Date;
  action: string;
  actorUserId: string | null;
  actorEmail: string | null;
  actorName: string | null;
  actorLabel: string | null;
  targetType: string | null;
  targetId: string | null;
  /** The e-mail of the user an event is about (target type `user`). */
  targetEmail: string | null;
  /** The number of the ticket an event is about (target type `ticket`). */
  targetTicketNumber: number | null;
  /** The name of the mailbox or organisation an event is about. */
  targetName: string | null;
  ip: string | null;
  details: Record<string, unknown>;
};

/** `text` as a LIKE pattern matching it anywhere, its wildcards taken literally. */
const containing = (text: string): string => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function searchAuditEvents(
  db: Kysely<DB>,
  search: AuditSearch,
): Promise<{ events: AuditEventRow[]; nextBefore: number | null }> {
  let query = db
    .selectFrom('audit_events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    // target_id is text (a ticket number, a period, a user's uuid…): compare as text.
    .leftJoin('users as tu', (join) =>
      join.on('e.target_type', '=', 'user').on(sql`tu.id::text`, '=', sql.ref('e.target_id')),
    )
    .leftJoin('tickets as tt', (join) =>
      join.on('e.target_type', '=', 'ticket').on(sql`tt.id::text`, '=', sql.ref('e.target_id')),
    )
    .leftJoin('mailboxes as tm', (join) =>
      join.on('e.target_type', '=', 'mailbox').on(sql`tm.id::text`, '=', sql.ref('e.target_id')),
    )
    .leftJoin('organisations as tor', (join) =>
      join
        .on('e.target_type', '=', 'organisation')
        .on(sql`tor.id::text`, '=', sql.ref('e.target_id')),
    )
    .select([
      'e.id',
      'e.at',
      'e.action',
      'e.actor_user_id',
      'e.actor_label',
      'e.target_type',
      'e.target_id',
      'e.ip',
      'e.details',
      'u.email as actor_email',
      'u.name as actor_name',
      'tu.email as target_email',
      'tt.number as target_ticket_number',
      sql<string | null>`coalesce(tm.name, tor.name)`.as('target_name'),
    ]);
  if (search.actor) {
    const actor = search.actor.trim();
    if (isUuid(actor)) query = query.where('e.actor_user_id', '=', actor.toLowerCase());
    else {
      const pattern = containing(actor.toLowerCase());
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(u.email)`, 'like', pattern),
          eb(sql`lower(u.name)`, 'like', pattern),
          eb(sql`lower(e.actor_label)`, 'like', pattern),
        ]),
      );
    }
  }
  if (search.action)
    query = query.where(
      'e.action',
      'like',
      `${search.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  if (search.targetType) query = query.where('e.target_type', '=', search.targetType);
  if (search.targetId) query = query.where('e.target_id', '=', search.targetId);
  if (search.target) {
    const target = search.target.trim();
    const pattern = containing(target.toLowerCase());
    // "#27474" or "27474": the ticket of that number.
    const ticketNumber = /^#?\s*(\d{1,9})$/.exec(target)?.[1];
    query = query.where((eb) =>
      eb.or([
        eb('e.target_id', '=', target),
        ...(ticketNumber === undefined ? [] : [eb('tt.number', '=', Number(ticketNumber))]),
        eb(sql`lower(tu.email)`, 'like', pattern),
        eb(sql`lower(tu.name)`, 'like', pattern),
      ]),
    );
  }
  if (search.from) query = query.where('e.at', '>=', search.from);
  if (search.to) query = query.where('e.at', '<', search.to);
  if (search.text)
    query = query.where(sql`lower(e.details::text)`, 'like', containing(search.text.toLowerCase()));
  if (search.before) query = query.where('e.id', '<', search.before);
  const rows = await query
    .orderBy('e.id', 'desc')
    .limit(search.limit + 1)
    .execute();
  const page = rows.slice(0, search.limit);
  return {
    events: page.map((r) => ({
      id: r.id,
      at: r.at,
      action: r.action,
      actorUserId: r.actor_user_id,
      actorEmail: r.actor_email,
      actorName: r.actor_name,
      actorLabel: r.actor_label,
      targetType: r.target_type,
      targetId: r.target_id,
      targetEmail: r.target_email,
      targetTicketNumber: r.target_ticket_number,
      targetName: r.target_name,
      ip: r.ip,
      details: r.details,
    })),
    nextBefore: rows.length > search.limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}
