/**
 * The one matcher of automation rules (issue 19 §4): does a rule's trigger fit what
 * happened, and do its conditions hold on a ticket's facts? Pure: the live pass
 * (run-rules.ts, time-rules.ts) and the preview (preview.ts) both call it on facts
 * read by the same loader (facts.ts), so a preview shows what the rule then does.
 */
import type {
  RuleCondition,
  RuleInput,
  RuleTrigger,
  RuleTriggerType,
} from '../../shared/automation-contracts.ts';
import { type PatternQuery, patternKey, runPatterns } from './patterns.ts';

/** What a rule's conditions read about a ticket, as of the trigger. */
export type TicketFacts = {
  ticketId: number;
  number: number;
  mailboxId: string;
  channel: string;
  status: string;
  subject: string;
  /** The text of the message that triggered, else the ticket's latest customer message. */
  body: string;
  senderAddress: string | null;
  organisationId: string | null;
  organisationTypeId: string | null;
  /** Field id → value id. */
  fieldValues: Map<string, string>;
  /** Inside business hours at the trigger's instant. */
  openHours: boolean;
  at: Date;
};

/** What happened, as a trigger sees it. */
export type Happening =
  | { type: 'ticket_opened' }
  | { type: 'message_added' }
  | { type: 'field_changed'; fieldId: string }
  | { type: 'waiting' | 'pending' };

export type MatchableRule = Pick<RuleInput, 'trigger' | 'conditions'> & { id: string };

export function triggerFits(trigger: RuleTrigger, happening: Happening): boolean {
  if (trigger.type !== happening.type) return false;
  if (trigger.type === 'field_changed' && happening.type === 'field_changed')
    return trigger.fieldId === null || trigger.fieldId === happening.fieldId;
  return true;
}

export const isTimeTrigger = (type: RuleTriggerType): type is 'waiting' | 'pending' =>
  type === 'waiting' || type === 'pending';

/** Lower case, accents off, words separated by single spaces, a space at both ends. */
export function normaliseWords(text: string): string {
  const words = text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}@.]+/u)
    .map((w) => w.replace(/^\.+|\.+$/g, ''))
    .filter((w) => w.length > 0);
  return ` ${words.join(' ')} `;
}

const textOf = (facts: TicketFacts, where: 'subject' | 'body' | 'both'): string =>
  where === 'subject'
    ? facts.subject
    : where === 'body'
      ? facts.body
      : `${facts.subject}\n${facts.body}`;

/** What one matching needs besides the facts: normalised texts and pattern answers, computed once. */
export class FactsReader {
  readonly #words = new Map<string, string>();
  readonly #patterns = new Map<string, boolean>();
  /** Patterns that ran out of time (they did not match). */
  readonly timedOut: string[] = [];

  constructor(readonly facts: TicketFacts) {}

  words(where: 'subject' | 'body' | 'both'): string {
    let text = this.#words.get(where);
    if (text === undefined) {
      text = normaliseWords(textOf(this.facts, where));
      this.#words.set(where, text);
    }
    return text;
  }

  /** Runs, in one bounded call, every pattern of `rules` not answered yet. */
  preparePatterns(rules: readonly MatchableRule[]): void {
    const queries: (PatternQuery & { key: string })[] = [];
    for (const rule of rules)
      for (const c of rule.conditions) {
        if (c.kind !== 'pattern') continue;
        const q = { pattern: c.pattern, caseSensitive: c.caseSensitive === true };
        const key = patternKey(q, c.where);
        if (this.#patterns.has(key) || queries.some((x) => x.key === key)) continue;
        queries.push({ ...q, key, text: textOf(this.facts, c.where) });
      }
    const outcome = runPatterns(queries);
    queries.forEach((q, i) => {
      this.#patterns.set(q.key, outcome.matched[i] ?? false);
      if (outcome.timedOut.has(i)) this.timedOut.push(q.pattern);
    });
  }

  pattern(c: Extract<RuleCondition, { kind: 'pattern' }>): boolean {
    const q = { pattern: c.pattern, caseSensitive: c.caseSensitive === true };
    const key = patternKey(q, c.where);
    if (!this.#patterns.has(key))
      this.preparePatterns([{ id: '', trigger: { type: 'ticket_opened' }, conditions: [c] }]);
    return this.#patterns.get(key) ?? false;
  }
}

const domainOf = (address: string | null): string | null => {
  if (!address) return null;
  const at = address.lastIndexOf('@');
  return at < 0 ? null : address.slice(at + 1).toLowerCase();
};

function holds(c: RuleCondition, reader: FactsReader): boolean {
  const f = reader.facts;
  switch (c.kind) {
    case 'mailbox':
      return c.in.includes(f.mailboxId);
    case 'channel':
      return (c.in as string[]).includes(f.channel);
    case 'status':
      return (c.in as string[]).includes(f.status);
    case 'senderAddress':
      return f.senderAddress !== null && c.in.includes(f.senderAddress.toLowerCase());
    case 'senderDomain': {
      const domain = domainOf(f.senderAddress);
      if (!domain) return false;
      return c.in.some((d) => {
        const bare = d.replace(/^@/, '');
        return domain === bare || domain.endsWith(`.${bare}`);
      });
    }
    case 'organisation':
      return f.organisationId !== null && c.in.includes(f.organisationId);
    case 'organisationType':
      return f.organisationTypeId !== null && c.in.includes(f.organisationTypeId);
    case 'field': {
      const value = f.fieldValues.get(c.fieldId);
      return c.in.length === 0 ? value === undefined : value !== undefined && c.in.includes(value);
    }
    case 'words': {
      const text = reader.words(c.where);
      const found = (word: string) => text.includes(normaliseWords(word));
      return c.match === 'all' ? c.words.every(found) : c.words.some(found);
    }
    case 'pattern':
      return reader.pattern(c);
    case 'businessHours':
      return f.openHours === c.open;
  }
}

/** Whether every condition holds (a negated one: does not hold). */
export function conditionsHold(conditions: readonly RuleCondition[], reader: FactsReader): boolean {
  return conditions.every((c) => {
    const value = holds(c, reader);
    return 'not' in c && c.not ? !value : value;
  });
}

/** The rule's trigger fits and its conditions hold. */
export function ruleMatches(
  rule: MatchableRule,
  happening: Happening,
  reader: FactsReader,
): boolean {
  return triggerFits(rule.trigger, happening) && conditionsHold(rule.conditions, reader);
}
