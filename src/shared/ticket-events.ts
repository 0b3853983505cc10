/**
 * The ticket event contract (issue 17): what every change to a ticket records, in
 * the same transaction as the change, in `ticket_events` (migration 0014).
 *
 * One event per fact. Events hold ids, states and numbers, never texts, addresses
 * or names: nothing personal to erase, and a consumer reads what it needs from the
 * ticket itself. Consumers (the live stream, the audit log, response targets,
 * notifications, automation rules, webhooks) read them in id order with
 * `readTicketEvents` (src/domain/tickets/events/read-events.ts), which only hands out
 * rows of finished transactions, so "after the last id I saw" never skips one.
 *
 * Adding a type: add its data schema here, record it from the one file of
 * src/domain/tickets/ that makes the change, and list it in docs/ARCHITECTURE.md.
 * Changing the data of an existing type: add fields only (optional ones); old rows
 * stay as they were written.
 */
import { z } from 'zod';

const id = z.number().int().positive();
const uuid = z.string().uuid();
const status = z.enum(['active', 'pending', 'closed', 'spam']);
const channel = z.enum(['email', 'form', 'phone', 'import', 'api', 'outbound']);
const messageKind = z.enum(['customer', 'reply', 'note', 'phone', 'event']);

/** Each event type and the shape of its `data`. */
export const ticketEventData = {
  /** A ticket exists: by mail, form, phone call, import or API. */
  'ticket.opened': z.object({
    channel,
    status,
    contactId: uuid.nullable(),
    organisationId: uuid.nullable(),
    /** The closed ticket this one follows up (a late answer), if any. */
    linkedTicketId: id.nullable().optional(),
    /** Split from another ticket. */
    splitFromTicketId: id.nullable().optional(),
  }),
  /** A message joined the thread (customer mail or form, reply, note, phone call). */
  'message.added': z.object({
    messageId: id,
    kind: messageKind,
    /** The author when an agent wrote it. */
    authorUserId: uuid.nullable(),
    /** Set when the message threaded in from someone who is not a participant. */
    stranger: z.boolean().optional(),
    /** Colleagues named with `@` in an internal note (issue 18 §4): they are notified. */
    mentions: z.array(uuid).optional(),
  }),
  /** The first agent reply or logged call (SPEC §4): the report's first-response facts. */
  'ticket.first_response': z.object({
    messageId: id,
    seconds: z.number().int().nonnegative(),
    businessSeconds: z.number().int().nonnegative(),
  }),
  'ticket.status_changed': z.object({
    from: status,
    to: status,
    /** Why, when Guichet did it: a customer answered a closed ticket, a merge, … */
    reason: z
      .enum([
        'agent',
        'customer_reply',
        'reopened',
        'merged',
        'retention',
        'import',
        /** Snoozed, or back from a snooze (issue 18 §2). */
        'snooze',
        /** Closed by a follow-up without the customer's answer (issue 18 §2). */
        'follow_up',
      ])
      .optional(),
  }),
  'ticket.assignee_changed': z.object({ from: uuid.nullable(), to: uuid.nullable() }),
  /** A classification field's value (value ids; null = empty). */
  'ticket.field_changed': z.object({
    fieldId: uuid,
    from: uuid.nullable(),
    to: uuid.nullable(),
  }),
  'ticket.tag_added': z.object({ tagId: uuid }),
  'ticket.tag_removed': z.object({ tagId: uuid }),
  'ticket.subject_changed': z.object({}),
  'ticket.mailbox_changed': z.object({ from: uuid, to: uuid }),
  'ticket.contact_changed': z.object({
    from: uuid.nullable(),
    to: uuid.nullable(),
    organisationId: uuid.nullable(),
  }),
  /** This ticket was merged into another one (recorded on both: `into` and `from`). */
  'ticket.merged': z.object({ intoTicketId: id }),
  'ticket.merge_received': z.object({ fromTicketId: id, messageIds: z.array(id) }),
  /** Messages left this ticket for a new one (the new one records `ticket.opened`). */
  'ticket.split': z.object({ toTicketId: id, messageIds: z.array(id) }),
  'ticket.deleted': z.object({}),
  'ticket.restored': z.object({}),
  /** A customer rated a reply (value 1–3, the rating page's scale; ratings have uuid ids). */
  'ticket.rated': z.object({ messageId: id, ratingId: uuid, value: z.number().int() }),
  /** A reply could not be delivered (bounce or refusal). */
  'message.delivery_failed': z.object({ messageId: id.nullable(), final: z.boolean() }),
  /** Personal content erased (retention or a person's erasure). */
  'ticket.anonymised': z.object({}),
  /** A response target's due time is near (issue 18): the assignee was warned. */
  'ticket.target_warning': z.object({
    kind: z.enum(['first_response', 'next_response', 'resolution']),
    dueAt: z.string().datetime(),
    userIds: z.array(uuid),
  }),
  /** A response target's due time passed (issue 18): the mailbox's supervisors were told. */
  'ticket.target_missed': z.object({
    kind: z.enum(['first_response', 'next_response', 'resolution']),
    dueAt: z.string().datetime(),
    userIds: z.array(uuid),
  }),
  /** An agent added a numéro unique by hand (issue 20 §3; numbers read in a message need none). */
  'ticket.demand_number_added': z.object({ source: z.enum(['agent']) }),
  /** An agent removed a numéro unique from the ticket. */
  'ticket.demand_number_removed': z.object({}),
  /** The ticket was linked to a known incident (issue 20 §2), by an agent or by Guichet. */
  'ticket.incident_linked': z.object({ incidentId: uuid }),
  'ticket.incident_unlinked': z.object({ incidentId: uuid }),
  /** Snoozed until a time (issue 18 §2): out of the open folders until then. */
  'ticket.snoozed': z.object({ until: z.string().datetime() }),
  /** Back from a snooze: its time came, the customer answered, or an agent woke it. */
  'ticket.snooze_ended': z.object({ reason: z.enum(['time', 'customer_reply', 'agent']) }),
  /** A follow-up set (issue 18 §2): without the customer's answer by `at`, remind or close. */
  'ticket.follow_up_set': z.object({
    at: z.string().datetime(),
    action: z.enum(['remind', 'close']),
    savedReplyId: uuid.nullable(),
  }),
  /** A follow-up ended unfired: the customer answered, or an agent removed it. */
  'ticket.follow_up_cancelled': z.object({ reason: z.enum(['customer_reply', 'agent']) }),
  /** A follow-up's time came: the reminder sent (its message) or the ticket closed. */
  'ticket.follow_up_fired': z.object({
    action: z.enum(['remind', 'close']),
    messageId: id.nullable(),
    /** False when it could not be done (no saved reply or address, a field required to close). */
    done: z.boolean(),
  }),
  /**
   * An automation rule asked to notify people (issue 19 §4): the notifications read it.
   * Recorded with the rule as actor.
   */
  'ticket.notified': z.object({ userIds: z.array(uuid) }),
  /**
   * A held reply was withdrawn ("Annuler l'envoi", issue 19 §1) before it left the
   * outbox: the message is gone from the thread, its text back in the agent's draft.
   */
  'message.withdrawn': z.object({ messageId: id }),
} as const;

export type TicketEventType = keyof typeof ticketEventData;
export const ticketEventTypes = Object.keys(ticketEventData) as TicketEventType[];

export type TicketEventDataOf<T extends TicketEventType> = z.infer<(typeof ticketEventData)[T]>;

/** Who caused an event. */
export type TicketEventActor =
  | { kind: 'user'; userId: string }
  | { kind: 'contact' }
  | { kind: 'system' }
  | { kind: 'rule'; ruleId?: string }
  | { kind: 'import' };

/** An event as a writer hands it to the recorder. */
export type NewTicketEvent = {
  [T in TicketEventType]: {
    type: T;
    ticketId: number;
    mailboxId: string;
    data: TicketEventDataOf<T>;
  };
}[TicketEventType];

/** An event as consumers read it. */
export type TicketEvent = {
  [T in TicketEventType]: {
    id: number;
    at: string;
    type: T;
    ticketId: number;
    mailboxId: string;
    actor: TicketEventActor;
    data: TicketEventDataOf<T>;
  };
}[TicketEventType];

export function isTicketEventType(value: string): value is TicketEventType {
  return Object.hasOwn(ticketEventData, value);
}
