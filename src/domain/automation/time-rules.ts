/**
 * Rules on a time condition (issue 19 §4): "the customer has waited N hours" (status
 * active, nothing since the last message for N hours) and "pending for N days"
 * (status pending, the last message N days old). The anchor of a ticket is its last
 * message's instant: a new message starts a new wait.
 *
 * Once per rule, ticket and anchor: the candidate is claimed by inserting its
 * `automation_firings` row (ON CONFLICT DO NOTHING … RETURNING) in the transaction that
 * applies the actions; a second instance's insert waits on the first, then finds the
 * row and does nothing. A candidate whose conditions do not hold is claimed too (it is
 * looked at once per wait, and does not come back at every pass).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { loadBusinessHours } from '../tickets/load-business-hours.ts';
import { loadFacts } from './facts.ts';
import type { Happening } from './match-rule.ts';
import { enabledRules, type StoredRule } from './rules-store.ts';
import { type RunDeps, runRulesOn } from './run-rules.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Candidate = { id: number; anchor: Date };

/** The status and the age a time trigger asks for. */
export function timeCondition(
  rule: StoredRule,
): { status: 'active' | 'pending'; seconds: number } | null {
  const t = rule.trigger;
  if (t.type === 'waiting') return { status: 'active', seconds: t.hours * 3600 };
  if (t.type === 'pending') return { status: 'pending', seconds: t.days * 86_400 };
  return null;
}

/** Tickets whose time condition holds for `rule` at `now` and are not claimed yet. */
export async function timeCandidates(
  db: Db,
  rule: StoredRule,
  now: Date,
  limit: number,
  since?: Date,
): Promise<Candidate[]> {
  const condition = timeCondition(rule);
  if (!condition) return [];
  let query = db
    .selectFrom('tickets')
    .select(['tickets.id', 'tickets.last_message_at as anchor'])
    .where('tickets.status', '=', condition.status)
    .where('tickets.deleted_at', 'is', null)
    .where(
      'tickets.last_message_at',
      '<=',
      sql<Date>`${now}::timestamptz - make_interval(secs => ${condition.seconds})`,
    )
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('automation_firings as f')
            .select('f.ticket_id')
            .where('f.rule_id', '=', rule.id)
            .whereRef('f.ticket_id', '=', 'tickets.id')
            .whereRef('f.anchor', '=', 'tickets.last_message_at'),
        ),
      ),
    )
    .orderBy('tickets.last_message_at')
    .limit(limit);
  if (since) query = query.where('tickets.last_message_at', '>=', since);
  return query.execute();
}

export type TimePass = { claimed: number; acted: number; more: boolean };

/** One pass of every switched-on time rule (see the file's comment). */
export async function runTimeRules(db: Kysely<DB>, deps: RunDeps, limit = 200): Promise<TimePass> {
  const now = deps.now?.() ?? new Date();
  const rules = (await enabledRules(db)).filter((r) => timeCondition(r) !== null);
  const hours = await loadBusinessHours(db);
  let claimed = 0;
  let acted = 0;
  let more = false;
  for (const rule of rules) {
    const candidates = await timeCandidates(db, rule, now, limit);
    if (candidates.length === limit) more = true;
    for (const candidate of candidates)
      await db.transaction().execute(async (trx) => {
        const won = await trx
          .insertInto('automation_firings')
          .values({ rule_id: rule.id, ticket_id: candidate.id, anchor: candidate.anchor })
          .onConflict((oc) => oc.doNothing())
          .returning('ticket_id')
          .executeTakeFirst();
        if (!won) return;
        claimed++;
        const [facts] = await loadFacts(
          trx,
          [{ ticketId: candidate.id, afterEventId: null, messageId: null, at: now }],
          hours,
        );
        if (!facts || facts.status !== timeCondition(rule)?.status) return;
        const happening: Happening = { type: rule.trigger.type as 'waiting' | 'pending' };
        acted += (await runRulesOn(trx, { ...deps, now: () => now }, [rule], happening, facts))
          .length;
      });
  }
  return { claimed, acted, more };
}
