/**
 * Per agent (issue 18 §5–§6): replies sent in the period (as "Réponses support":
 * by the reply's date), first responses given in the period (a reply or a logged
 * phone call that was a ticket's first response, by its date) with their median
 * time, and the ratings of the agent's replies (by the rated reply's date, as
 * "Satisfaction"). For supervisors' screens only: never in a published report.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { endOfPeriod, type Period, startOfDay } from '../model/period.ts';
import { type ReportScope, ticketInScope } from './report-scope.ts';
import type { RatingCounts } from './satisfaction.ts';

export const agentActivityDefinition = {
  term: 'Par agent',
  text:
    'Réponses envoyées par l’agent pendant la période ; premières réponses (e-mail ou appel) qu’il a données pendant la période, ' +
    'avec leur délai médian depuis la création du ticket ; évaluations de ses réponses de la période.',
};

export type AgentActivity = {
  userId: string;
  name: string;
  replies: number;
  firstResponses: number;
  medianFirstResponseSeconds: number | null;
  ratings: RatingCounts;
};

type Row = {
  user_id: string;
  name: string;
  replies: number;
  first_responses: number;
  median: number | null;
  great: number;
  okay: number;
  not_good: number;
};

/** Every agent with a reply, a first response or a rating in the period, busiest first. */
export async function agentActivity(
  db: Kysely<DB>,
  scope: ReportScope,
  period: Period,
  clock: 'calendar' | 'business' = 'calendar',
): Promise<AgentActivity[]> {
  if (scope.mailboxIds.length === 0) return [];
  const from = startOfDay(period.from).toISOString();
  const to = endOfPeriod(period).toISOString();
  const seconds =
    clock === 'business' ? sql`t.first_response_business_seconds` : sql`t.first_response_seconds`;
  const { rows } = await sql<Row>`
    with replies as (
      select m.author_user_id as user_id, count(*)::int as n
      from messages m join tickets t on t.id = m.ticket_id
      where m.kind = 'reply' and m.mailbox_id = any(${scope.mailboxIds}::uuid[])
        and m.created_at >= ${from}::timestamptz and m.created_at < ${to}::timestamptz
        and m.author_user_id is not null and ${ticketInScope(scope)}
      group by 1
    ), firsts as (
      select f.user_id, count(*)::int as n,
        percentile_cont(0.5) within group (order by ${seconds}) as median
      from tickets t
      join lateral (select m.author_user_id as user_id from messages m
        where m.ticket_id = t.id and m.kind in ('reply', 'phone')
        order by m.created_at, m.id limit 1) f on true
      where ${ticketInScope(scope)}
        and t.first_response_at >= ${from}::timestamptz and t.first_response_at < ${to}::timestamptz
        and f.user_id is not null
      group by 1
    ), rated as (
      select m.author_user_id as user_id,
        count(*) filter (where r.level = 'great')::int as great,
        count(*) filter (where r.level = 'okay')::int as okay,
        count(*) filter (where r.level = 'not_good')::int as not_good
      from ratings r join messages m on m.id = r.message_id join tickets t on t.id = r.ticket_id
      where m.mailbox_id = any(${scope.mailboxIds}::uuid[])
        and m.created_at >= ${from}::timestamptz and m.created_at < ${to}::timestamptz
        and m.author_user_id is not null and ${ticketInScope(scope)}
      group by 1
    ), agents as (
      select user_id from replies union select user_id from firsts union select user_id from rated
    )
    select a.user_id, u.name, coalesce(r.n, 0) as replies, coalesce(f.n, 0) as first_responses,
      f.median, coalesce(x.great, 0) as great, coalesce(x.okay, 0) as okay,
      coalesce(x.not_good, 0) as not_good
    from agents a join users u on u.id = a.user_id
    left join replies r on r.user_id = a.user_id
    left join firsts f on f.user_id = a.user_id
    left join rated x on x.user_id = a.user_id
    order by coalesce(r.n, 0) + coalesce(f.n, 0) desc, u.name`.execute(db);
  return rows.map((r) => ({
    userId: r.user_id,
    name: r.name,
    replies: r.replies,
    firstResponses: r.first_responses,
    medianFirstResponseSeconds: r.median === null ? null : Math.round(Number(r.median)),
    ratings: { great: r.great, okay: r.okay, notGood: r.not_good },
  }));
}
