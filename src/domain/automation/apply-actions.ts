/**
 * Applies a rule's or a macro's actions to one ticket (issue 19 §3–§4), inside the
 * caller's transaction, each through the ticket use-case that owns the change
 * (src/domain/tickets/: changeTicketIn, classifyTicketIn, addTag, replyToTicketIn),
 * so each records its ticket events — naming the rule when a rule acts
 * (`{ kind: 'rule', ruleId }`). Order: field values, tags, assignee, then the reply
 * (carrying the status, when one is asked) or the status alone: "answer, classify and
 * close" closes once the fields a close requires are there.
 */
import type { Transaction } from 'kysely';
import type { DB, TicketStatus } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { MacroAction, RuleAction } from '../../shared/automation-contracts.ts';
import { fillVariables } from '../../shared/workspace-contracts.ts';
import type { Actor } from '../audit/record-audit.ts';
import type { MailSigner } from '../signing/mail-signer.ts';
import { changeTicketIn } from '../tickets/change-ticket.ts';
import { classifyTicketIn } from '../tickets/classify-ticket.ts';
import { eventActorOf } from '../tickets/events/event-actor.ts';
import { recordTicketEvent } from '../tickets/events/record-events.ts';
import { replyToTicketIn } from '../tickets/reply-to-ticket.ts';
import { assertClosable } from '../tickets/required-fields.ts';
import { addThreadEvent, auditTicket, lockTicket } from '../tickets/ticket-history.ts';
import { addTag } from '../tickets/ticket-tags.ts';
import { nextRoundRobinAgent } from './round-robin.ts';

export type AnyAction = RuleAction | MacroAction;

const order: Record<AnyAction['kind'], number> = {
  setField: 0,
  tag: 1,
  assign: 2,
  assignSelf: 2,
  roundRobin: 2,
  notify: 3,
  reply: 4,
  status: 5,
};

/** What applying changed (the live pass keeps its facts in step for the next rules). */
export type Applied = { fields: Map<string, string | null>; status: string | null };

/** The saved reply's text with its variables filled for this ticket. */
async function savedReplyText(
  trx: Transaction<DB>,
  savedReplyId: string,
  ticketId: number,
  agentName: string,
): Promise<string> {
  const reply = await trx
    .selectFrom('saved_replies')
    .select(['body', 'mailbox_id'])
    .where('id', '=', savedReplyId)
    .executeTakeFirst();
  const ticket = await trx
    .selectFrom('tickets')
    .innerJoin('mailboxes', 'mailboxes.id', 'tickets.mailbox_id')
    .leftJoin('contacts', 'contacts.id', 'tickets.contact_id')
    .select(['tickets.number', 'tickets.mailbox_id', 'mailboxes.name', 'contacts.name as contact'])
    .where('tickets.id', '=', ticketId)
    .executeTakeFirstOrThrow();
  if (!reply || (reply.mailbox_id !== null && reply.mailbox_id !== ticket.mailbox_id))
    throw new AppError('invalid_input', 'Invalid request: savedReplyId: no such saved reply');
  const name = ticket.contact ?? '';
  return fillVariables(reply.body, {
    'contact.firstName': name.split(/\s+/)[0] ?? '',
    'contact.name': name,
    'ticket.number': String(ticket.number),
    'agent.name': agentName,
    'mailbox.name': ticket.name,
  });
}

export type ApplyContext = {
  signer: MailSigner;
  actor: Actor;
  /** Who replies: the agent applying a macro; a rule signs with the mailbox's name. */
  agentName: string;
  now: Date;
};

/** Applies `actions` to ticket `ticketId` in `trx` (see the file's comment). */
export async function applyActions(
  trx: Transaction<DB>,
  ctx: ApplyContext,
  ticketId: number,
  actions: readonly AnyAction[],
): Promise<Applied> {
  const { actor, now } = ctx;
  const applied: Applied = { fields: new Map(), status: null };
  const sorted = [...actions].sort((a, b) => order[a.kind] - order[b.kind]);
  const statusAction = sorted.find((a) => a.kind === 'status');
  const hasReply = sorted.some((a) => a.kind === 'reply');
  for (const action of sorted) {
    switch (action.kind) {
      case 'setField':
        await classifyTicketIn(
          trx,
          ticketId,
          { values: { [action.fieldId]: action.valueId } },
          actor,
          now,
        );
        applied.fields.set(action.fieldId, action.valueId);
        break;
      case 'tag': {
        const ticket = await lockTicket(trx, ticketId);
        if (await addTag(trx, ticket, action.tag, eventActorOf(actor)))
          await auditTicket(trx, actor, ticketId, 'ticket.changed', { addTag: action.tag });
        break;
      }
      case 'assign':
        await changeTicketIn(trx, ticketId, { assigneeId: action.userId }, actor, now);
        break;
      case 'assignSelf':
        if (!actor.userId) throw new AppError('invalid_input', 'Nobody to assign to.');
        await changeTicketIn(trx, ticketId, { assigneeId: actor.userId }, actor, now);
        break;
      case 'roundRobin': {
        if (!actor.ruleId) break;
        const ticket = await lockTicket(trx, ticketId);
        const userId = await nextRoundRobinAgent(trx, actor.ruleId, ticket.mailbox_id, now);
        if (userId) await changeTicketIn(trx, ticketId, { assigneeId: userId }, actor, now);
        break;
      }
      case 'notify': {
        const ticket = await lockTicket(trx, ticketId);
        const userIds = [
          ...new Set([
            ...(action.assignee && ticket.assignee_id ? [ticket.assignee_id] : []),
            ...action.userIds,
          ]),
        ];
        if (userIds.length === 0) break;
        await addThreadEvent(trx, ticket, actor, 'notified', { userIds }, now);
        await recordTicketEvent(trx, eventActorOf(actor), {
          type: 'ticket.notified',
          ticketId,
          mailboxId: ticket.mailbox_id,
          data: { userIds },
        });
        break;
      }
      case 'reply': {
        const current = await lockTicket(trx, ticketId);
        const status: Exclude<TicketStatus, 'spam'> | undefined = statusAction
          ? statusAction.status
          : actor.ruleId && current.status !== 'spam'
            ? current.status // a rule's reply leaves the status where it was
            : undefined; // an agent's: pending, as any reply
        if (status === 'closed') await assertClosable(trx, ticketId);
        await replyToTicketIn(trx, ctx.signer, {
          ticketId,
          authorUserId: actor.userId,
          ...(actor.ruleId ? { ruleId: actor.ruleId } : {}),
          body: await savedReplyText(trx, action.savedReplyId, ticketId, ctx.agentName),
          ...(status ? { status } : {}),
          now,
        });
        applied.status = status ?? 'pending';
        break;
      }
      case 'status':
        if (hasReply) break; // the reply carried it
        await changeTicketIn(trx, ticketId, { status: action.status }, actor, now);
        applied.status = action.status;
        break;
    }
  }
  return applied;
}
