/**
 * The ticket event actor of an audit actor (src/domain/audit/record-audit.ts):
 * a logged-in user, or Guichet itself (the CLI, a background task).
 */
import type { TicketEventActor } from '../../../shared/ticket-events.ts';
import type { Actor } from '../../audit/record-audit.ts';

/**
 * `{ kind: 'user' }` for a logged-in user, `{ kind: 'rule' }` for an automation rule
 * (issue 19), `{ kind: 'system' }` otherwise.
 */
export const eventActorOf = (actor: Actor): TicketEventActor => {
  if (actor.ruleId) return { kind: 'rule', ruleId: actor.ruleId };
  return actor.userId ? { kind: 'user', userId: actor.userId } : { kind: 'system' };
};
