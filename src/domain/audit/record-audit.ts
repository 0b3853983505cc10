import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Who performs a change: a logged-in user, or the CLI / Guichet itself; `ruleId` when
 * an automation rule acts (issue 19: its ticket events name the rule).
 */
export type Actor = {
  userId: string | null;
  label: string | null;
  ip?: string | null;
  ruleId?: string;
};

export const cliActor: Actor = { userId: null, label: 'cli' };
export const systemActor: Actor = { userId: null, label: 'system' };

export type AuditEvent = {
  action: string;
  /** The logged-in user acting, when there is one. */
  actorUserId?: string | null;
  /** Who acted otherwise: 'cli', 'system', or the e-mail tried at a failed login. */
  actorLabel?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  details?: Record<string, unknown>;
};

/**
 * Appends one event to the audit log (who did what to what, from where).
 * Never pass secrets or message contents in `details`.
 */
export async function recordAudit(db: Kysely<DB>, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      action: event.action,
      actor_user_id: event.actorUserId ?? null,
      actor_label: event.actorLabel ?? null,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      ip: event.ip ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}
