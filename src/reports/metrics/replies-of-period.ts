/**
 * Replies of a period ("réponses support", SPEC §4): agent e-mail replies sent
 * to the customer in the period, counted by the reply's own date — a reply in
 * January to a December ticket counts in January. Internal notes and phone-call
 * logs are not replies. Replies on spam or deleted tickets never count.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { endOfPeriod, type Period, startOfDay } from '../model/period.ts';
import { type ReportScope, ticketInScope } from './report-scope.ts';

export const repliesDefinition = {
  term: 'Réponses support',
  text:
    'Réponses envoyées par e-mail par un agent au demandeur ou au partenaire pendant la période, ' +
    'comptées à la date de la réponse (une réponse en janvier à un ticket de décembre compte en janvier). ' +
    'Les notes internes et les appels téléphoniques ne sont pas des réponses.',
};

/** Per mailbox: replies in `current` and in `previous`. */
export async function repliesOfPeriod(
  db: Kysely<DB>,
  scope: ReportScope,
  current: Period,
  previous: Period,
): Promise<Map<string, { current: number; previous: number }>> {
  const cur = [startOfDay(current.from), endOfPeriod(current)] as const;
  const prev = [startOfDay(previous.from), endOfPeriod(previous)] as const;
  const inRanges = sql`((m.created_at >= ${prev[0]}::timestamptz and m.created_at < ${prev[1]}::timestamptz)
    or (m.created_at >= ${cur[0]}::timestamptz and m.created_at < ${cur[1]}::timestamptz))`;
  const counts = sql`
      count(*) filter (where m.created_at >= ${cur[0]}::timestamptz)::int as current,
      count(*) filter (where m.created_at < ${prev[1]}::timestamptz)::int as previous`;
  const unfiltered = scope.valueGroups.length === 0 && !scope.organisationId;
  // Without filters: count replies from their own index, then take away the few on spam or
  // deleted tickets. With filters: replies first, then their tickets by primary key.
  const { rows } = unfiltered
    ? await sql<{ mailbox_id: string; current: number; previous: number }>`
        with all_replies as (
          -- one index range per period (an OR of ranges would scan every reply of the mailbox)
          select mailbox_id, sum(current)::int as current, sum(previous)::int as previous from (
            select m.mailbox_id, count(*) as current, 0 as previous from messages m
            where m.kind = 'reply' and m.mailbox_id = any(${scope.mailboxIds}::uuid[])
              and m.created_at >= ${cur[0]}::timestamptz and m.created_at < ${cur[1]}::timestamptz
            group by m.mailbox_id
            union all
            select m.mailbox_id, 0, count(*) from messages m
            where m.kind = 'reply' and m.mailbox_id = any(${scope.mailboxIds}::uuid[])
              and m.created_at >= ${prev[0]}::timestamptz and m.created_at < ${prev[1]}::timestamptz
            group by m.mailbox_id
          ) per_period group by mailbox_id
        ), excluded as (
          select m.mailbox_id, ${counts}
          from tickets t join messages m on m.ticket_id = t.id
          where (t.deleted_at is not null or t.status = 'spam')
            and m.kind = 'reply' and m.mailbox_id = any(${scope.mailboxIds}::uuid[]) and ${inRanges}
          group by m.mailbox_id
        )
        select a.mailbox_id, a.current - coalesce(x.current, 0) as current, a.previous - coalesce(x.previous, 0) as previous
        from all_replies a left join excluded x on x.mailbox_id = a.mailbox_id`.execute(db)
    : await sql<{ mailbox_id: string; current: number; previous: number }>`
        with r as materialized (
          select m.ticket_id, m.mailbox_id, m.created_at from messages m
          where m.kind = 'reply' and m.mailbox_id = any(${scope.mailboxIds}::uuid[]) and ${inRanges}
        )
        select m.mailbox_id, ${counts}
        from r as m join tickets t on t.id = m.ticket_id
        where ${ticketInScope(scope)}
        group by m.mailbox_id`.execute(db);
  return new Map(rows.map((r) => [r.mailbox_id, { current: r.current, previous: r.previous }]));
}
