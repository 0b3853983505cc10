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
  // Replies first (index on kind = 'reply', mailbox, date), then their tickets by primary key:
  // a plan that stays linear whatever the statistics say.
  const query = sql<{ mailbox_id: string; current: number; previous: number }>`
    with r as materialized (
      select m.ticket_id, m.mailbox_id, m.created_at
      from messages m
      where m.kind = 'reply'
        and m.mailbox_id = any(${scope.mailboxIds}::uuid[])
        and ((m.created_at >= ${prev[0]}::timestamptz and m.created_at < ${prev[1]}::timestamptz)
          or (m.created_at >= ${cur[0]}::timestamptz and m.created_at < ${cur[1]}::timestamptz))
    )
    select r.mailbox_id,
      count(*) filter (where r.created_at >= ${cur[0]}::timestamptz)::int as current,
      count(*) filter (where r.created_at < ${prev[1]}::timestamptz)::int as previous
    from r join tickets t on t.id = r.ticket_id
    where ${ticketInScope(scope)}
    group by r.mailbox_id`;
  const { rows } = await query.execute(db);
  return new Map(rows.map((r) => [r.mailbox_id, { current: r.current, previous: r.previous }]));
}
