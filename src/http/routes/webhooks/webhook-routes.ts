/**
 * Webhooks (issue 21 §3), for administrators:
 *
 * - GET /api/webhooks: the subscriptions, and what their filters offer;
 * - POST /api/webhooks: a new subscription; the answer holds its secret, shown once;
 * - PATCH /api/webhooks/:id: name, URL, filters, switched on or off;
 * - DELETE /api/webhooks/:id: removed with its log;
 * - POST /api/webhooks/:id/test: a test message sent now, its outcome;
 * - GET /api/webhooks/:id/log: the newest attempts (response codes, durations).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { MailHostAllowance } from '../../../config/mail-host-guard.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { sendTestMessage } from '../../../domain/webhooks/deliver.ts';
import {
  changeWebhook,
  createWebhook,
  deleteWebhook,
  listWebhooks,
  loadWebhook,
} from '../../../domain/webhooks/manage-webhooks.ts';
import { createWebhookSender } from '../../../domain/webhooks/send-webhook.ts';
import { webhookLog } from '../../../domain/webhooks/webhook-log.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentWebhook, presentWebhookAttempt } from '../../../presenters/webhook.ts';
import { ticketEventTypes } from '../../../shared/ticket-events.ts';
import {
  type WebhookCreatedDto,
  type WebhookListDto,
  type WebhookLogDto,
  type WebhookTestDto,
  webhookChangeSchema,
  webhookInputSchema,
} from '../../../shared/webhook-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const idOf = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such webhook.');
  return parsed.data.id;
};

const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

export function webhookRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; credentialsKey: Buffer | undefined; allowedHosts: MailHostAllowance },
): void {
  const { db } = deps;
  const admin = { preHandler: requireRole('admin') };
  const sender = createWebhookSender({ allowedHosts: deps.allowedHosts });
  app.addHook('onClose', async () => sender.close());

  app.get('/api/webhooks', admin, async () => {
    const [rows, mailboxes] = await Promise.all([
      listWebhooks(db),
      db
        .selectFrom('mailboxes')
        .select(['id', 'name'])
        .where('archived_at', 'is', null)
        .orderBy('position')
        .orderBy('name')
        .execute(),
    ]);
    return {
      webhooks: rows.map((row) => presentWebhook(row)),
      options: { mailboxes, eventTypes: ticketEventTypes },
    } satisfies WebhookListDto;
  });

  app.post('/api/webhooks', admin, async (request, reply) => {
    const input = parseInput(webhookInputSchema, request.body);
    const created = await createWebhook(deps, input, actorOf(request));
    return reply.code(201).send({
      webhook: presentWebhook(created.webhook),
      secret: created.secret,
    } satisfies WebhookCreatedDto);
  });

  app.patch('/api/webhooks/:id', admin, async (request) => {
    const id = idOf(request);
    const change = parseInput(webhookChangeSchema, request.body);
    return presentWebhook(await changeWebhook(deps, id, change, actorOf(request)));
  });

  app.delete('/api/webhooks/:id', admin, async (request, reply) => {
    await deleteWebhook(db, idOf(request), actorOf(request));
    return reply.code(204).send();
  });

  app.post('/api/webhooks/:id/test', admin, async (request) => {
    const hook = await loadWebhook(db, idOf(request));
    const outcome = await sendTestMessage(
      { db, credentialsKey: deps.credentialsKey, sender },
      hook.id,
    );
    return outcome satisfies WebhookTestDto;
  });

  app.get('/api/webhooks/:id/log', admin, async (request) => {
    const hook = await loadWebhook(db, idOf(request));
    const rows = await webhookLog(db, hook.id);
    return { attempts: rows.map(presentWebhookAttempt) } satisfies WebhookLogDto;
  });
}
