/**
 * A rule's preview (issue 19 §4): which tickets of the last 30 days it would have
 * matched, before it is switched on. The same code as the live pass: the trigger
 * events read in id order, the same triggers and facts (run-rules.ts `triggersOf`,
 * facts.ts: each ticket as it was just after its trigger), the same matcher
 * (match-rule.ts). Time rules: the tickets whose time condition holds now, their wait
 * begun in the last 30 days. At most `maxEvents` trigger events are read.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { RuleInput, RulePreviewDto } from '../../shared/automation-contracts.ts';
import { readTicketEvents } from '../tickets/events/read-events.ts';
import { loadBusinessHours } from '../tickets/load-business-hours.ts';
import { loadFacts } from './facts.ts';
import { FactsReader, isTimeTrigger, ruleMatches } from './match-rule.ts';
import type { StoredRule } from './rules-store.ts';
import { triggersOf } from './run-rules.ts';
import { timeCandidates } from './time-rules.ts';

const days = 30;
const maxEvents = 20_000;
const page = 1000;
const shown = 100;

const eventTypeOf = {
  ticket_opened: 'ticket.opened',
  message_added: 'message.added',
  field_changed: 'ticket.field_changed',
} as const;

export async function previewRule(
  db: Kysely<DB>,
  input: RuleInput,
  now = new Date(),
): Promise<RulePreviewDto> {
  const rule = { id: '', ...input };
  const since = new Date(now.getTime() - days * 86_400_000);
  const hours = await loadBusinessHours(db);
  const matched = new Map<number, Date>();
  let examined = 0;
  let truncated = false;
  if (isTimeTrigger(rule.trigger.type)) {
    const candidates = await timeCandidates(db, rule as StoredRule, now, maxEvents + 1, since);
    truncated = candidates.length > maxEvents;
    const taken = candidates.slice(0, maxEvents);
    examined = taken.length;
    for (let i = 0; i < taken.length; i += page) {
      const chunk = taken.slice(i, i + page);
      const facts = await loadFacts(
        db,
        chunk.map((c) => ({ ticketId: c.id, afterEventId: null, messageId: null, at: now })),
        hours,
      );
      facts.forEach((f) => {
        if (f && ruleMatches(rule, { type: rule.trigger.type as 'waiting' }, new FactsReader(f)))
          matched.set(f.ticketId, now);
      });
    }
  } else {
    const type = eventTypeOf[rule.trigger.type as keyof typeof eventTypeOf];
    const first = await db
      .selectFrom('ticket_events')
      .select(sql<number | null>`min(id)`.as('id'))
      .where('at', '>=', since)
      .executeTakeFirst();
    let after = Math.max(0, Number(first?.id ?? 0) - 1);
    if (first?.id != null)
      while (examined < maxEvents) {
        const events = await readTicketEvents(db, { afterId: after, limit: page, types: [type] });
        if (events.length === 0) break;
        after = events[events.length - 1]?.id ?? after;
        examined += events.length;
        for (const t of await triggersOf(db, events, hours))
          if (
            ruleMatches(rule, t.happening, new FactsReader(t.facts)) &&
            !matched.has(t.facts.ticketId)
          )
            matched.set(t.facts.ticketId, new Date(t.event.at));
        if (events.length < page) break;
        if (examined >= maxEvents) truncated = true;
      }
  }
  const ids = [...matched.keys()].slice(0, shown);
  const rows =
    ids.length > 0
      ? await db
          .selectFrom('tickets')
          .select(['id', 'number', 'subject'])
          .where('id', 'in', ids)
          .execute()
      : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    matched: matched.size,
    examined,
    truncated,
    tickets: ids.flatMap((id) => {
      const row = byId.get(id);
      const at = matched.get(id);
      return row && at
        ? [{ id, number: row.number, subject: row.subject, at: at.toISOString() }]
        : [];
    }),
  };
}
