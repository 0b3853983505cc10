/**
 * Automation rules' test helpers (issue 19): a mail mailbox with present agents, a
 * saved rule, passes of the rules until the events are all read.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import type { Actor } from '../../src/domain/audit/record-audit.ts';
import { createRule } from '../../src/domain/automation/rules-store.ts';
import { runRulesOnEvents, triggerEventTypes } from '../../src/domain/automation/run-rules.ts';
import type { RuleInput } from '../../src/shared/automation-contracts.ts';
import { signer } from '../mail.ts';
import { waitFor } from '../wait-for.ts';

let seq = 0;

/** A user of `role`; with `present`, a live session (seen now) like an agent at work. */
export async function user(
  db: Kysely<DB>,
  role: 'agent' | 'supervisor',
  present = false,
): Promise<string> {
  seq += 1;
  const row = await db
    .insertInto('users')
    .values({
      email: `rules-${role}-${seq}-${randomBytes(3).toString('hex')}@example.org`,
      name: `${role === 'agent' ? 'Agent' : 'Superviseur'} ${seq}`,
      role,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (present)
    await db
      .insertInto('sessions')
      .values({
        id: randomBytes(32).toString('hex'),
        user_id: row.id,
        csrf_token: randomBytes(8).toString('hex'),
        last_seen_at: new Date(),
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
  return row.id;
}

export const supervisorActor = (userId: string): Actor => ({ userId, label: null });

/** Saves a rule (switched on unless said). */
export async function rule(
  db: Kysely<DB>,
  by: string,
  input: Partial<RuleInput> & Pick<RuleInput, 'actions'>,
): Promise<string> {
  return createRule(
    db,
    {
      name: `Règle ${++seq}`,
      enabled: true,
      trigger: { type: 'ticket_opened' },
      conditions: [],
      stop: false,
      ...input,
    },
    supervisorActor(by),
  );
}

/**
 * Runs passes until the cursor has read every trigger event; returns the rules' actions
 * counted. On a shared PostgreSQL server another database's long transaction may hold
 * recent events back for a while (read-events.ts): the passes go on until they are read.
 */
export async function drainRules(db: Kysely<DB>): Promise<number> {
  let acted = 0;
  await waitFor(
    async () => {
      const pass = await runRulesOnEvents(db, { signer });
      acted += pass.acted;
      if (pass.events > 0) return undefined;
      const cursor = await db
        .selectFrom('automation_cursor')
        .select('last_event_id')
        .executeTakeFirstOrThrow();
      const waiting = await db
        .selectFrom('ticket_events')
        .select('id')
        .where('id', '>', cursor.last_event_id)
        .where('type', 'in', [...triggerEventTypes])
        .limit(1)
        .executeTakeFirst();
      return waiting ? undefined : true;
    },
    'the rules to read every event',
    120_000,
  );
  return acted;
}

/** Every rule off, and the cursor after every event (a test starts from a clean slate). */
export async function resetRules(db: Kysely<DB>): Promise<void> {
  await db.updateTable('automation_rules').set({ enabled: false }).execute();
  await drainRules(db);
}

/** The events a rule recorded on a ticket, as `type` strings in order. */
export async function ruleEvents(db: Kysely<DB>, ticketId: number) {
  return db
    .selectFrom('ticket_events')
    .select(['type', 'actor_rule_id', 'data'])
    .where('ticket_id', '=', ticketId)
    .where('actor_kind', '=', 'rule')
    .orderBy('id')
    .execute();
}
