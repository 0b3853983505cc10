/**
 * Automation rules and macros (issue 19 §3–§4): what a supervisor writes, what the
 * API answers. Read by the server (validation, the matcher) and the web app (forms).
 *
 * A rule: a trigger, conditions that must ALL hold (each condition may list several
 * values, any of which matches, and may be negated), then actions in order. Rules run
 * in their order; `stop` ends the run on that ticket.
 *
 * Limits keep a rule set cheap to evaluate on every mail: at most `ruleLimits.rules`
 * rules, 20 conditions and 10 actions each, words and patterns of bounded length.
 * A regular expression is refused when it may backtrack without bound (see
 * src/shared/safe-pattern.ts) and runs on at most `ruleLimits.textChars` characters.
 */
import { z } from 'zod';
import { unsafePatternReason } from './safe-pattern.ts';

export const ruleLimits = {
  rules: 500,
  conditions: 20,
  actions: 10,
  values: 200,
  words: 50,
  wordChars: 200,
  patternChars: 200,
  textChars: 20_000,
} as const;

const uuid = z.uuid();
const status = z.enum(['active', 'pending', 'closed', 'spam']);
const channel = z.enum(['email', 'form', 'phone', 'import', 'api']);
const ids = z.array(uuid).min(1).max(ruleLimits.values);

export const ruleTriggerSchema = z.discriminatedUnion('type', [
  /** A ticket was opened (mail, form, phone call, API). */
  z.object({ type: z.literal('ticket_opened') }).strict(),
  /** A customer's message arrived on an existing ticket. */
  z.object({ type: z.literal('message_added') }).strict(),
  /** A classification field changed (any field, or this one). */
  z.object({ type: z.literal('field_changed'), fieldId: uuid.nullable() }).strict(),
  /** The customer has waited this long for an answer (status active). */
  z
    .object({
      type: z.literal('waiting'),
      hours: z
        .number()
        .int()
        .min(1)
        .max(24 * 90),
    })
    .strict(),
  /** The ticket has been pending (waiting for the customer) this long. */
  z.object({ type: z.literal('pending'), days: z.number().int().min(1).max(365) }).strict(),
]);
export type RuleTrigger = z.infer<typeof ruleTriggerSchema>;
export type RuleTriggerType = RuleTrigger['type'];
export const timeTriggerTypes = ['waiting', 'pending'] as const;

const words = z
  .array(z.string().trim().min(1).max(ruleLimits.wordChars))
  .min(1)
  .max(ruleLimits.words);
const where = z.enum(['subject', 'body', 'both']);
const not = z.boolean().optional();

const pattern = z
  .string()
  .min(1)
  .max(ruleLimits.patternChars)
  .superRefine((value, ctx) => {
    const reason = unsafePatternReason(value);
    if (reason) ctx.addIssue({ code: 'custom', message: reason });
  });

export const ruleConditionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mailbox'), in: ids, not }).strict(),
  z.object({ kind: z.literal('channel'), in: z.array(channel).min(1).max(5), not }).strict(),
  z.object({ kind: z.literal('status'), in: z.array(status).min(1).max(4), not }).strict(),
  z
    .object({
      kind: z.literal('senderAddress'),
      in: z.array(z.string().trim().toLowerCase().min(3).max(320)).min(1).max(ruleLimits.values),
      not,
    })
    .strict(),
  /** The sender's domain or a subdomain of it. */
  z
    .object({
      kind: z.literal('senderDomain'),
      in: z
        .array(
          z
            .string()
            .trim()
            .toLowerCase()
            .regex(/^@?[a-z0-9.-]{1,253}$/),
        )
        .min(1)
        .max(ruleLimits.values),
      not,
    })
    .strict(),
  z.object({ kind: z.literal('organisation'), in: ids, not }).strict(),
  /** The sender's organisation's partner type (a value of the partner type field). */
  z.object({ kind: z.literal('organisationType'), in: ids, not }).strict(),
  /** A field holds one of these values (an empty list of values: the field is empty). */
  z
    .object({
      kind: z.literal('field'),
      fieldId: uuid,
      in: z.array(uuid).max(ruleLimits.values),
      not,
    })
    .strict(),
  /** Words (case and accents ignored, whole words) in the subject, the body or both. */
  z
    .object({
      kind: z.literal('words'),
      where,
      words,
      match: z.enum(['any', 'all']),
      not,
    })
    .strict(),
  z
    .object({
      kind: z.literal('pattern'),
      where,
      pattern,
      caseSensitive: z.boolean().optional(),
      not,
    })
    .strict(),
  /** Inside (true) or outside (false) business hours when the trigger happened. */
  z.object({ kind: z.literal('businessHours'), open: z.boolean() }).strict(),
]);
export type RuleCondition = z.infer<typeof ruleConditionSchema>;
export type RuleConditionKind = RuleCondition['kind'];

/** Actions shared by rules and macros. */
const commonActions = [
  z.object({ kind: z.literal('assign'), userId: uuid.nullable() }).strict(),
  z.object({ kind: z.literal('setField'), fieldId: uuid, valueId: uuid.nullable() }).strict(),
  z.object({ kind: z.literal('tag'), tag: z.string().trim().min(1).max(100) }).strict(),
  z.object({ kind: z.literal('status'), status: status.exclude(['spam']) }).strict(),
  /** Sends a saved reply to the customer (its variables filled). */
  z.object({ kind: z.literal('reply'), savedReplyId: uuid }).strict(),
] as const;

export const ruleActionSchema = z.discriminatedUnion('kind', [
  ...commonActions,
  /** To the next present agent of the ticket's mailbox, in turn. */
  z.object({ kind: z.literal('roundRobin') }).strict(),
  /** Notifies people (the assignee and/or named users): an event on the ticket. */
  z
    .object({
      kind: z.literal('notify'),
      assignee: z.boolean(),
      userIds: z.array(uuid).max(20),
    })
    .strict(),
]);
export type RuleAction = z.infer<typeof ruleActionSchema>;
export type RuleActionKind = RuleAction['kind'];

export const macroActionSchema = z.discriminatedUnion('kind', [
  ...commonActions,
  /** Assigns the ticket to the agent applying the macro. */
  z.object({ kind: z.literal('assignSelf') }).strict(),
]);
export type MacroAction = z.infer<typeof macroActionSchema>;

export const ruleInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    enabled: z.boolean(),
    trigger: ruleTriggerSchema,
    conditions: z.array(ruleConditionSchema).max(ruleLimits.conditions),
    actions: z.array(ruleActionSchema).min(1).max(ruleLimits.actions),
    stop: z.boolean(),
  })
  .strict();
export type RuleInput = z.infer<typeof ruleInputSchema>;

/** PATCH /api/rules/:id: switch on or off. */
export const ruleSwitchSchema = z.object({ enabled: z.boolean() }).strict();
/** PUT /api/rules/order: every rule's id in the new order. */
export const ruleOrderSchema = z
  .object({ ids: z.array(uuid).min(1).max(ruleLimits.rules) })
  .strict();

export type RuleDto = RuleInput & {
  id: string;
  position: number;
  lastError: string | null;
  lastErrorAt: string | null;
  updatedAt: string;
};

/** What the rule form offers: mailboxes, fields and values, agents, saved replies. */
export type RuleOptionsDto = {
  mailboxes: { id: string; name: string }[];
  fields: {
    id: string;
    label: string;
    mailboxId: string;
    values: { id: string; label: string }[];
  }[];
  partnerTypes: { id: string; label: string }[];
  organisations: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  savedReplies: { id: string; name: string; mailboxId: string | null }[];
};

export type RuleListDto = { rules: RuleDto[]; options: RuleOptionsDto };

/** POST /api/rules/preview: a rule (saved or not) against the last 30 days. */
export const rulePreviewSchema = z.object({ rule: ruleInputSchema }).strict();
export type RulePreviewDto = {
  /** Tickets of the last 30 days whose trigger and conditions held. */
  matched: number;
  /** Trigger events looked at. */
  examined: number;
  /** More events existed than a preview reads. */
  truncated: boolean;
  tickets: { id: number; number: number; subject: string; at: string }[];
};

export const macroInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    mailboxId: uuid.nullable(),
    /** Personal (only its author sees it) or shared (supervisors). */
    personal: z.boolean(),
    actions: z.array(macroActionSchema).min(1).max(ruleLimits.actions),
  })
  .strict();
export type MacroInput = z.infer<typeof macroInputSchema>;
export type MacroDto = MacroInput & { id: string; mine: boolean };
export type MacroListDto = { macros: MacroDto[]; options: RuleOptionsDto };

/** POST /api/macros/:id/apply: on tickets (one, or the inbox's selection). */
export const macroApplySchema = z
  .object({ ticketIds: z.array(z.number().int().positive()).min(1).max(500) })
  .strict();
export type MacroApplyDto = {
  applied: number[];
  refused: { ticketId: number; reason: string }[];
};
