/**
 * Webhook subscriptions (issue 21 §3), managed by administrators: created
 * with a new signing secret (Standard Webhooks `whsec_…`, shown once, stored
 * encrypted with MAIL_CREDENTIALS_KEY like mail passwords), changed, switched
 * on or off, removed. Every change is in the audit log (never the secret).
 */
import { randomBytes } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { MailHostAllowance } from '../../config/mail-host-guard.ts';
import { checkWebhookUrl } from '../../config/webhook-host-guard.ts';
import type { DB, WebhooksTable } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import type { WebhookChange, WebhookInput } from '../../shared/webhook-contracts.ts';
import { decryptSecret, encryptSecret } from '../../storage/credentials.ts';
import { type Actor, recordAudit } from '../audit/record-audit.ts';
import { lastTicketEventId } from '../tickets/events/read-events.ts';

export type WebhookRow = Selectable<WebhooksTable>;

export type WebhookDeps = {
  db: Kysely<DB>;
  credentialsKey: Buffer | undefined;
  allowedHosts: MailHostAllowance;
};

/** A new secret: `whsec_` and 24 random bytes in base64 (the specification's form). */
export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

function keyOf(deps: WebhookDeps): Buffer {
  if (!deps.credentialsKey)
    throw new AppError(
      'configuration',
      'Set MAIL_CREDENTIALS_KEY before creating a webhook: its secret is stored encrypted.',
    );
  return deps.credentialsKey;
}

/** The secret of a stored subscription, decrypted. */
export function webhookSecret(key: Buffer, row: Pick<WebhookRow, 'secret_encrypted'>): string {
  return decryptSecret(key, row.secret_encrypted);
}

async function assertMailboxes(db: Kysely<DB>, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  const found = await db
    .selectFrom('mailboxes')
    .select('id')
    .where('id', 'in', [...ids])
    .execute();
  if (found.length !== new Set(ids).size)
    throw new AppError('invalid_input', 'Invalid request: mailboxIds: no such mailbox');
}

export async function loadWebhook(db: Kysely<DB>, id: string): Promise<WebhookRow> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('not_found', 'No such webhook.');
  return row;
}

/** Creates a subscription; returns it with its secret, which is never shown again. */
export async function createWebhook(
  deps: WebhookDeps,
  input: WebhookInput,
  actor: Actor,
): Promise<{ webhook: WebhookRow; secret: string }> {
  const key = keyOf(deps);
  const url = await checkWebhookUrl(input.url, deps.allowedHosts);
  await assertMailboxes(deps.db, input.mailboxIds);
  const secret = newWebhookSecret();
  const webhook = await deps.db
    .insertInto('webhooks')
    .values({
      name: input.name,
      url: url.toString(),
      secret_encrypted: encryptSecret(key, secret),
      mailbox_ids: [...new Set(input.mailboxIds)],
      event_types: [...new Set(input.eventTypes)],
      start_event_id: await lastTicketEventId(deps.db),
      created_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(deps.db, {
    action: 'webhook.created',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    targetType: 'webhook',
    targetId: webhook.id,
    ip: actor.ip ?? null,
    details: { name: webhook.name, url: webhook.url },
  });
  return { webhook, secret };
}

/** Changes a subscription; switching it on again clears its failures. */
export async function changeWebhook(
  deps: WebhookDeps,
  id: string,
  change: WebhookChange,
  actor: Actor,
): Promise<WebhookRow> {
  const before = await loadWebhook(deps.db, id);
  const url =
    change.url === undefined ? undefined : await checkWebhookUrl(change.url, deps.allowedHosts);
  if (change.mailboxIds) await assertMailboxes(deps.db, change.mailboxIds);
  const switchedOn = change.enabled === true && !before.enabled;
  const row = await deps.db
    .updateTable('webhooks')
    .set({
      ...(change.name === undefined ? {} : { name: change.name }),
      ...(url === undefined ? {} : { url: url.toString() }),
      ...(change.mailboxIds === undefined ? {} : { mailbox_ids: [...new Set(change.mailboxIds)] }),
      ...(change.eventTypes === undefined ? {} : { event_types: [...new Set(change.eventTypes)] }),
      ...(change.enabled === undefined
        ? {}
        : change.enabled
          ? { enabled: true, disabled_reason: null, disabled_at: null }
          : { enabled: false, disabled_reason: null, disabled_at: new Date() }),
      ...(switchedOn ? { failing_since: null } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordAudit(deps.db, {
    action: 'webhook.changed',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    targetType: 'webhook',
    targetId: id,
    ip: actor.ip ?? null,
    details: { fields: Object.keys(change) },
  });
  return row;
}

/** Removes a subscription and its log. */
export async function deleteWebhook(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  const row = await loadWebhook(db, id);
  await db.deleteFrom('webhooks').where('id', '=', id).execute();
  await recordAudit(db, {
    action: 'webhook.deleted',
    actorUserId: actor.userId,
    actorLabel: actor.label,
    targetType: 'webhook',
    targetId: id,
    ip: actor.ip ?? null,
    details: { name: row.name },
  });
}

/** Every subscription with its pending count, oldest first. */
export async function listWebhooks(db: Kysely<DB>): Promise<(WebhookRow & { pending: number })[]> {
  const rows = await db.selectFrom('webhooks').selectAll().orderBy('created_at').execute();
  const counts = await db
    .selectFrom('webhook_deliveries')
    .select((eb) => ['webhook_id', eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'pending')
    .groupBy('webhook_id')
    .execute();
  const pending = new Map(counts.map((c) => [c.webhook_id, Number(c.n)]));
  return rows.map((row) => ({ ...row, pending: pending.get(row.id) ?? 0 }));
}
