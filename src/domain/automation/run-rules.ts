/**
 * The live pass of automation rules on ticket events (issue 19 §4). Read in id order
 * after the cursor (read-events.ts: never skipping a late commit), each event that is
 * a trigger — a ticket opened, a customer's message on an existing ticket, a field
 * changed — runs the switched-on rules in order on the ticket's facts as of that
 * event (facts.ts); a rule whose trigger fits and whose conditions hold applies its
 * actions (apply-actions.ts, through the ticket use-cases, the rule as actor); `stop`
 * ends the run on that ticket.
 *
 * Once: the pass takes the cursor's lock (a second instance finds it taken and waits for
 * its next pass), acts and moves the cursor in ONE transaction.
 * Loop guard: events recorded by a rule (its reply, its changes) and by an import are
 * never triggers, so a rule never triggers itself or another rule, and a message a rule
 * sends does not fire rules on its ticket. A rule whose action fails (a close missing a
 * required field, an assignee who left) is rolled back alone (a savepoint), its error
 * noted on the rule; the others go on.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isAppError } from '../../errors/app-error.ts';
import type { TicketEvent } from '../../shared/ticket-events.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import type { BusinessHours } from '../tickets/business-hours.ts';
import { readTicketEvents } from '../tickets/events/read-events.ts';
import { loadBusinessHours } from '../tickets/load-business-hours.ts';
import { applyActions } from './apply-actions.ts';
import { type FactsRequest, loadFacts } from './facts.ts';
import {
  FactsReader,
  type Happening,
  isTimeTrigger,
  ruleMatches,
  type TicketFacts,
} from './match-rule.ts';
import { enabledRules, noteRuleError, type StoredRule } from './rules-store.ts';

export const triggerEventTypes = [
  'ticket.opened',
  'message.added',
  'ticket.field_changed',
] as const;

/** What a trigger event is to the rules, or null when it fires none (loop guard, spam, …). */
export function happeningOf(event: TicketEvent): Happening | null {
  if (event.actor.kind === 'rule' || event.actor.kind === 'import') return null;
  switch (event.type) {
    case 'ticket.opened':
      return { type: 'ticket_opened' };
    case 'message.added':
      return event.data.kind === 'customer' ? { type: 'message_added' } : null;
    case 'ticket.field_changed':
      return { type: 'field_changed', fieldId: event.data.fieldId };
    default:
      return null;
  }
}

/** The facts request of a trigger event. */
export function requestOf(event: TicketEvent): FactsRequest {
  return {
    ticketId: event.ticketId,
    afterEventId: event.id,
    messageId: event.type === 'message.added' ? event.data.messageId : null,
    at: new Date(event.at),
    ...(event.type === 'ticket.opened' ? { status: event.data.status } : {}),
  };
}

/** The first customer message of each ticket (its arrival is the opening, not a new message). */
async function firstMessages(db: Kysely<DB> | Transaction<DB>, ticketIds: number[]) {
  if (ticketIds.length === 0) return new Map<number, number>();
  const rows = await db
    .selectFrom('messages')
    .select(['ticket_id', (eb) => eb.fn.min<number>('id').as('first')])
    .where('ticket_id', 'in', ticketIds)
    .where('kind', 'in', ['customer', 'event'])
    .groupBy('ticket_id')
    .execute();
  return new Map(rows.map((r) => [r.ticket_id, Number(r.first)]));
}

/** A trigger event with the facts its rules read. */
export type Triggered = { event: TicketEvent; happening: Happening; facts: TicketFacts };

/**
 * The events that are triggers, with their facts (shared by the live pass and the
 * preview). Spam (robots' mail) and deleted tickets fire nothing.
 */
export async function triggersOf(
  db: Kysely<DB> | Transaction<DB>,
  events: readonly TicketEvent[],
  hours: BusinessHours,
): Promise<Triggered[]> {
  const candidates = events
    .map((event) => ({ event, happening: happeningOf(event) }))
    .filter((c): c is { event: TicketEvent; happening: Happening } => c.happening !== null);
  const appended = candidates.filter((c) => c.happening.type === 'message_added');
  const first = await firstMessages(db, [...new Set(appended.map((c) => c.event.ticketId))]);
  const kept = candidates.filter(
    (c) =>
      !(c.event.type === 'message.added' && first.get(c.event.ticketId) === c.event.data.messageId),
  );
  const facts = await loadFacts(
    db,
    kept.map((c) => requestOf(c.event)),
    hours,
  );
  const out: Triggered[] = [];
  kept.forEach((c, i) => {
    const f = facts[i];
    if (f && f.status !== 'spam') out.push({ ...c, facts: f });
  });
  return out;
}

export type RunDeps = { signer: MailSigner; now?: () => Date };

/**
 * Runs `rules` (in order) on one trigger, in `trx`; returns the ids of the rules that
 * acted. Facts follow the actions (a later rule sees the field an earlier one set).
 */
export async function runRulesOn(
  trx: Transaction<DB>,
  deps: RunDeps,
  rules: readonly StoredRule[],
  happening: Happening,
  facts: TicketFacts,
): Promise<string[]> {
  const acted: string[] = [];
  const reader = new FactsReader(facts);
  reader.preparePatterns(rules);
  for (const rule of rules) {
    if (!ruleMatches(rule, happening, reader)) continue;
    const now = deps.now?.() ?? new Date();
    await sql`savepoint automation_rule`.execute(trx);
    try {
      const applied = await applyActions(
        trx,
        {
          signer: deps.signer,
          actor: { userId: null, label: 'rule', ruleId: rule.id },
          agentName: '',
          now,
        },
        facts.ticketId,
        rule.actions,
      );
      await sql`release savepoint automation_rule`.execute(trx);
      for (const [fieldId, valueId] of applied.fields)
        if (valueId) facts.fieldValues.set(fieldId, valueId);
        else facts.fieldValues.delete(fieldId);
      if (applied.status) facts.status = applied.status;
      acted.push(rule.id);
    } catch (error) {
      if (!isAppError(error)) throw error;
      await sql`rollback to savepoint automation_rule`.execute(trx);
      await noteRuleError(trx, rule.id, `Ticket ${facts.number} : ${error.message}`, now);
    }
    if (rule.stop) break;
  }
  if (reader.timedOut.length > 0)
    for (const rule of rules)
      if (rule.conditions.some((c) => c.kind === 'pattern' && reader.timedOut.includes(c.pattern)))
        await noteRuleError(
          trx,
          rule.id,
          `Ticket ${facts.number} : expression trop longue à évaluer, ignorée`,
          facts.at,
        );
  return acted;
}

export type EventPass = { events: number; triggers: number; acted: number; more: boolean };

/** One pass over the events after the cursor (see the file's comment). */
export async function runRulesOnEvents(
  db: Kysely<DB>,
  deps: RunDeps,
  limit = 500,
): Promise<EventPass> {
  return db.transaction().execute(async (trx) => {
    // An advisory lock, not a row lock: a row lock would give this transaction an id
    // before the read, and the read must not wait on its own transaction (read-events.ts).
    const locked = await sql<{ ok: boolean }>`
      select pg_try_advisory_xact_lock(hashtext('guichet.automation_cursor')) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return { events: 0, triggers: 0, acted: 0, more: false };
    const cursor = await trx
      .selectFrom('automation_cursor')
      .select('last_event_id')
      .where('id', '=', 1)
      .executeTakeFirst();
    if (!cursor) return { events: 0, triggers: 0, acted: 0, more: false };
    const events = await readTicketEvents(trx, {
      afterId: Number(cursor.last_event_id),
      limit,
      types: triggerEventTypes,
    });
    if (events.length === 0) return { events: 0, triggers: 0, acted: 0, more: false };
    const rules = (await enabledRules(trx)).filter((r) => !isTimeTrigger(r.trigger.type));
    let triggers = 0;
    let acted = 0;
    if (rules.length > 0) {
      const hours = await loadBusinessHours(trx);
      for (const t of await triggersOf(trx, events, hours)) {
        triggers++;
        const fitting = rules.filter((r) => r.trigger.type === t.happening.type);
        if (fitting.length === 0) continue;
        acted += (await runRulesOn(trx, deps, fitting, t.happening, t.facts)).length;
      }
    }
    const last = events[events.length - 1]?.id ?? Number(cursor.last_event_id);
    await trx
      .updateTable('automation_cursor')
      .set({ last_event_id: last })
      .where('id', '=', 1)
      .execute();
    return { events: events.length, triggers, acted, more: events.length === limit };
  });
}
