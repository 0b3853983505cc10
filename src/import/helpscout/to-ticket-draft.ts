/**
 * Help Scout conversation → ticket draft. Pure: no database.
 *
 * Thread types (SPEC §6; documented in docs/import.md):
 * - `customer` → message `customer`; `reply` by a user → `reply` (by a customer → `customer`);
 * - `note` → `note`; `phone` → `phone` (a logged call: counts as a first response);
 * - `message` (an agent's outgoing e-mail that starts a conversation) → `reply`;
 * - `lineitem`, `forwardparent`, `forwardchild`, `chat` and unknown types → `event` with
 *   `event_type` `helpscout.<type>` and their body kept; they are not replies;
 * - a thread in state `draft` or `underreview` was never sent → `event` `helpscout.draft`.
 * The ticket's creation is its first message (SPEC §4): the earliest non-event thread,
 * whatever order the threads come in (the API lists them newest first).
 */
import type { MessageKind } from '../../db/schema.ts';
import type { MessageDraft, TicketDraft } from '../shared/import-model.ts';
import { cleanEmail, parseImportDate, stripNul } from '../shared/text.ts';
import {
  type Conversation,
  conversationSchema,
  describeIssues,
  type Thread,
} from './conversation-schema.ts';

export const HELPSCOUT_SOURCE = 'helpscout';

type Person = Conversation['assignee'];

const nameOf = (person: Person): string | null => {
  const name = [person?.first, person?.last]
    .filter((part): part is string => Boolean(part))
    .map((part) => stripNul(part).trim())
    .join(' ')
    .trim();
  return name || null;
};

function kindOf(thread: Thread): { kind: MessageKind; eventType: string | null; known: boolean } {
  if (thread.state === 'draft' || thread.state === 'underreview') {
    return { kind: 'event', eventType: 'helpscout.draft', known: true };
  }
  switch (thread.type) {
    case 'customer':
      return { kind: 'customer', eventType: null, known: true };
    case 'reply':
      return thread.createdBy?.type === 'customer'
        ? { kind: 'customer', eventType: null, known: true }
        : { kind: 'reply', eventType: null, known: true };
    case 'message':
      return { kind: 'reply', eventType: null, known: true };
    case 'note':
      return { kind: 'note', eventType: null, known: true };
    case 'phone':
      return { kind: 'phone', eventType: null, known: true };
    case 'lineitem':
    case 'forwardparent':
    case 'forwardchild':
    case 'chat':
      return { kind: 'event', eventType: `helpscout.${thread.type}`, known: true };
    default:
      return { kind: 'event', eventType: `helpscout.${thread.type.slice(0, 40)}`, known: false };
  }
}

export type DraftResult = { draft: TicketDraft; warnings: string[] } | { error: string };

function toMessage(thread: Thread, warnings: string[]): MessageDraft | string {
  const parsed = parseImportDate(thread.createdAt);
  if (!parsed) return `thread ${thread.id}: unreadable date "${thread.createdAt}"`;
  if (parsed.warning) warnings.push(`thread ${thread.id}: ${parsed.warning}`);
  const { kind, eventType, known } = kindOf(thread);
  if (!known) warnings.push(`thread ${thread.id}: unknown type "${thread.type}" kept as an event`);
  const byUser = thread.createdBy?.type === 'user';
  const flags: Record<string, unknown> = { helpscoutType: thread.type };
  if (thread.state && thread.state !== 'published') flags.helpscoutState = thread.state;
  const attachments = thread._embedded?.attachments ?? [];
  // The export has no attachment bytes: their metadata stays on the message.
  if (attachments.length > 0) flags.attachments = attachments;
  let rating: MessageDraft['rating'] = null;
  if (thread.rating) {
    const ratedAt = thread.rating.createdAt ? parseImportDate(thread.rating.createdAt) : null;
    const comment = thread.rating.comments ?? thread.rating.comment ?? null;
    if (kind === 'reply') {
      rating = {
        level: thread.rating.rating,
        comment: comment ? stripNul(comment) : null,
        ratedAt: ratedAt?.date ?? parsed.date,
      };
    } else {
      warnings.push(`thread ${thread.id}: rating on a ${thread.type} thread kept as a flag only`);
      flags.rating = thread.rating;
    }
  }
  return {
    sourceId: thread.id,
    kind,
    eventType,
    eventData: thread.action ? { action: thread.action } : null,
    authorUserEmail: byUser ? cleanEmail(thread.createdBy?.email) : null,
    byCustomer: thread.createdBy?.type === 'customer' || kind === 'customer',
    fromAddress: cleanEmail(thread.createdBy?.email),
    toAddresses: (thread.to ?? []).map(stripNul),
    ccAddresses: (thread.cc ?? []).map(stripNul),
    bodyHtml: thread.body ?? null,
    bodyText: thread.type === 'lineitem' ? (thread.action?.text ?? null) : null,
    createdAt: parsed.date,
    flags,
    rating,
  };
}

/**
 * Validates one Help Scout conversation and turns it into a ticket draft, or
 * says why it cannot (the record is then reported and skipped).
 */
export function conversationToDraft(value: unknown): DraftResult {
  const parsed = conversationSchema.safeParse(value);
  if (!parsed.success) {
    const id = (value as { id?: unknown }).id;
    if (id === undefined || id === null) return { error: 'missing conversation id' };
    return { error: `wrong type: ${describeIssues(parsed.error)}` };
  }
  const conversation = parsed.data;
  const warnings: string[] = [];
  const created = parseImportDate(conversation.createdAt);
  if (!created) return { error: `unreadable createdAt "${conversation.createdAt}"` };
  if (created.warning) warnings.push(`createdAt: ${created.warning}`);
  const closed = conversation.closedAt ? parseImportDate(conversation.closedAt) : null;
  const messages: MessageDraft[] = [];
  const seen = new Set<string>();
  for (const thread of conversation._embedded.threads) {
    if (seen.has(thread.id)) {
      warnings.push(`thread ${thread.id} listed twice: the last one is kept`);
      const index = messages.findIndex((m) => m.sourceId === thread.id);
      if (index >= 0) messages.splice(index, 1);
    }
    seen.add(thread.id);
    const message = toMessage(thread, warnings);
    if (typeof message === 'string') return { error: message };
    messages.push(message);
  }
  messages.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const firstMessage = messages.find((m) => m.kind !== 'event');
  const createdAt = firstMessage?.createdAt ?? created.date;
  const last = messages[messages.length - 1];
  const lastMessageAt = last && last.createdAt > createdAt ? last.createdAt : createdAt;
  const customer = conversation.primaryCustomer ?? conversation.customer ?? null;
  const customerEmail = cleanEmail(customer?.email);
  if (customer?.email && !customerEmail) {
    warnings.push(
      `customer e-mail "${customer.email.slice(0, 100)}" is not an address: no contact`,
    );
  }
  const deleted = conversation.state === 'deleted';
  const deletedAt = deleted
    ? (parseImportDate(conversation.userUpdatedAt ?? '')?.date ?? lastMessageAt)
    : null;
  const tags = (conversation.tags ?? [])
    .map((tag) => (typeof tag === 'string' ? tag : (tag.tag ?? tag.name ?? '')))
    .map((tag) => stripNul(tag).trim())
    .filter((tag) => tag.length > 0);
  const fields = (conversation.customFields ?? [])
    .map((field) => ({
      name: stripNul(field.name),
      text: stripNul(String(field.text ?? field.value ?? '')).trim(),
    }))
    .filter((field) => field.text.length > 0);
  const extra: Record<string, unknown> = {};
  if (conversation.state && conversation.state !== 'published') extra.state = conversation.state;
  if (conversation.assignee) {
    extra.assignee = { email: conversation.assignee.email, name: nameOf(conversation.assignee) };
  }
  if (customer?.id !== undefined && customer?.id !== null) extra.customerId = String(customer.id);
  if (customer?.email && !customerEmail) extra.customerEmail = customer.email;
  return {
    draft: {
      source: HELPSCOUT_SOURCE,
      sourceId: conversation.id,
      number: conversation.number ?? null,
      mailbox: {
        id: conversation.mailboxId ?? conversation.mailbox?.id ?? null,
        name: conversation.mailbox?.name ?? null,
      },
      subject: stripNul(conversation.subject ?? ''),
      status: conversation.status,
      deletedAt,
      createdAt,
      closedAt: closed?.date ?? null,
      lastMessageAt,
      customer: customer ? { email: customerEmail, name: nameOf(customer) } : null,
      assigneeEmail: cleanEmail(conversation.assignee?.email),
      tags,
      fields,
      messages,
      extra,
    },
    warnings,
  };
}
