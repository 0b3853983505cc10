/**
 * Setting a desk up in the app (issue 15 §1):
 * - GET /api/setup: the first-run checklist and each mailbox's mail health
 *   (supervisors and administrators; the administrators' banner reads it too);
 * - a mailbox's addresses: list, add, make primary, remove (supervisors);
 * - POST /api/mailboxes/:id/mail-settings/test {kind}: connects to the saved
 *   SMTP (or the relay) or IMAP server and says why it failed.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type MailHostAllowance, noMailHostAllowance } from '../../../config/mail-host-guard.ts';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../../domain/audit/record-audit.ts';
import { type InstanceMail, recordConnectionCheck } from '../../../domain/mailboxes/mail-health.ts';
import { getMailSettings } from '../../../domain/mailboxes/mail-settings.ts';
import {
  addMailboxAddress,
  mailboxAddresses,
  removeMailboxAddress,
  setPrimaryAddress,
} from '../../../domain/mailboxes/mailbox-addresses.ts';
import { setupFacts } from '../../../domain/mailboxes/setup-facts.ts';
import { AppError } from '../../../errors/app-error.ts';
import { testMailConnection } from '../../../mail/outbound/connection-test.ts';
import { presentSetupChecklist } from '../../../presenters/setup-checklist.ts';
import {
  connectionTestInputSchema,
  type MailboxAddressesDto,
  mailboxAddressInputSchema,
  mailboxAddressRefSchema,
  type SetupChecklistDto,
} from '../../../shared/setup-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

export type SetupDeps = {
  db: Kysely<DB>;
  instance: InstanceMail;
  relayUrl: URL | undefined;
  credentialsKey: Buffer | undefined;
  allowedHosts: MailHostAllowance | undefined;
  /** Seconds before a silent mail server counts as "délai dépassé" (tests shorten it). */
  connectionTimeoutMs?: number;
};

/** A mailbox id from the URL; 404 for anything that is not one. */
export function mailboxIdOf(request: FastifyRequest): string {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'No such mailbox.');
  return parsed.data.id.toLowerCase();
}

export const actorOf = (request: FastifyRequest): Actor => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

export function setupRoutes(app: FastifyInstance, deps: SetupDeps): void {
  const { db } = deps;
  const supervisor = { preHandler: requireRole('supervisor') };

  app.get(
    '/api/setup',
    supervisor,
    async () =>
      presentSetupChecklist(await setupFacts(db, deps.instance)) satisfies SetupChecklistDto,
  );

  app.get(
    '/api/mailboxes/:id/addresses',
    supervisor,
    async (request) =>
      (await mailboxAddresses(db, mailboxIdOf(request))) satisfies MailboxAddressesDto,
  );

  app.post('/api/mailboxes/:id/addresses', supervisor, async (request, reply) => {
    const mailboxId = mailboxIdOf(request);
    const input = parseInput(mailboxAddressInputSchema, request.body);
    const saved = await addMailboxAddress(db, { mailboxId, ...input, actor: actorOf(request) });
    return reply.status(201).send(saved satisfies MailboxAddressesDto);
  });

  app.post('/api/mailboxes/:id/addresses/primary', supervisor, async (request) => {
    const mailboxId = mailboxIdOf(request);
    const { address } = parseInput(mailboxAddressRefSchema, request.body);
    return setPrimaryAddress(db, { mailboxId, address, actor: actorOf(request) });
  });

  app.post('/api/mailboxes/:id/addresses/remove', supervisor, async (request) => {
    const mailboxId = mailboxIdOf(request);
    const { address } = parseInput(mailboxAddressRefSchema, request.body);
    return removeMailboxAddress(db, { mailboxId, address, actor: actorOf(request) });
  });

  app.post('/api/mailboxes/:id/mail-settings/test', supervisor, async (request) => {
    const mailboxId = mailboxIdOf(request);
    const { kind } = parseInput(connectionTestInputSchema, request.body);
    const settings = await getMailSettings(db, mailboxId);
    const result = await testMailConnection(settings, kind, {
      credentialsKey: deps.credentialsKey,
      allowedHosts: deps.allowedHosts ?? noMailHostAllowance(),
      relayUrl: deps.relayUrl,
      timeoutMs: deps.connectionTimeoutMs,
    });
    if (result.via !== 'none') await recordConnectionCheck(db, mailboxId, result);
    return result;
  });
}
