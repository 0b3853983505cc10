/**
 * Round-robin assignment (issue 19 §4): each ticket a rule assigns goes to the next
 * agent, in a fixed order (by id), among the agents of the ticket's mailbox who are
 * present: enabled, role agent, who see the mailbox, with a session used in the last
 * `presentMinutes` minutes. The rule's row in `automation_round_robin` remembers the
 * last one and is locked by the transaction, so turns never collide; nobody present,
 * nobody is assigned.
 */
import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';

export const presentMinutes = 15;

/** The agents of a mailbox present at `now`, by id. */
export async function presentAgents(
  trx: Transaction<DB>,
  mailboxId: string,
  now: Date,
): Promise<string[]> {
  const rows = await trx
    .selectFrom('users')
    .select('users.id')
    .where('users.role', '=', 'agent')
    .where('users.disabled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('users.all_mailboxes', '=', true),
        eb.exists(
          eb
            .selectFrom('user_mailboxes')
            .select('user_mailboxes.user_id')
            .whereRef('user_mailboxes.user_id', '=', 'users.id')
            .where('user_mailboxes.mailbox_id', '=', mailboxId),
        ),
      ]),
    )
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('sessions')
          .select('sessions.id')
          .whereRef('sessions.user_id', '=', 'users.id')
          .where('sessions.expires_at', '>', now)
          .where(
            'sessions.last_seen_at',
            '>',
            sql<Date>`${now}::timestamptz - make_interval(mins => ${presentMinutes})`,
          ),
      ),
    )
    .orderBy('users.id')
    .execute();
  return rows.map((r) => r.id);
}

/** The agent whose turn it is for `ruleId` on this mailbox (moves the turn), or null. */
export async function nextRoundRobinAgent(
  trx: Transaction<DB>,
  ruleId: string,
  mailboxId: string,
  now: Date,
): Promise<string | null> {
  await trx
    .insertInto('automation_round_robin')
    .values({ rule_id: ruleId, last_user_id: null })
    .onConflict((oc) => oc.column('rule_id').doNothing())
    .execute();
  const turn = await trx
    .selectFrom('automation_round_robin')
    .select('last_user_id')
    .where('rule_id', '=', ruleId)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const agents = await presentAgents(trx, mailboxId, now);
  if (agents.length === 0) return null;
  const last = turn.last_user_id;
  const next = (last ? agents.find((id) => id > last) : undefined) ?? agents[0] ?? null;
  await trx
    .updateTable('automation_round_robin')
    .set({ last_user_id: next })
    .where('rule_id', '=', ruleId)
    .execute();
  return next;
}
