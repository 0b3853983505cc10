/**
 * Supervisors' mail administration: mail settings of a mailbox (passwords
 * write-only) and the dead-letter list with its "reprocess" action.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { MailHostAllowance } from '../../../config/mail-host-guard.ts';
import { getMailSettings, saveMailSettings } from '../../../domain/mailboxes/mail-settings.ts';
import { AppError } from '../../../errors/app-error.ts';
import { listDeadLetters } from '../../../mail/inbound/dead-letters.ts';
import { type InboundDeps, reprocessDeadLetter } from '../../../mail/inbound/ingest-mail.ts';
import { presentDeadLetter, presentMailSettings } from '../../../presenters/mail-settings.ts';
import { mailSettingsInputSchema } from '../../../shared/mail-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export type MailAdminDeps = {
  inbound: InboundDeps;
  credentialsKey: Buffer | undefined;
  allowedHosts?: MailHostAllowance;
};

const mailboxIdOf = (params: unknown): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(params);
  if (!parsed.success) throw new AppError('not_found', 'Not found.');
  return parsed.data.id;
};

/** Mail settings and dead letters: supervisors and admins only. */
export function mailAdminRoutes(app: FastifyInstance, deps: MailAdminDeps): void {
  const supervisor = { preHandler: requireRole('supervisor') };
  const { db } = deps.inbound;

  app.get('/api/mailboxes/:id/mail-settings', supervisor, async (request) =>
    presentMailSettings(await getMailSettings(db, mailboxIdOf(request.params))),
  );

  app.put('/api/mailboxes/:id/mail-settings', supervisor, async (request) => {
    const mailboxId = mailboxIdOf(request.params);
    const input = parseInput(mailSettingsInputSchema, request.body);
    const user = sessionOf(request).user;
    const saved = await saveMailSettings(db, {
      mailboxId,
      input,
      key: deps.credentialsKey,
      allowance: deps.allowedHosts,
      actor: { userId: user.id, label: null, ip: request.ip },
    });
    return presentMailSettings(saved);
  });

  app.get('/api/mail/dead-letters', supervisor, async () => {
    const letters = await listDeadLetters(db);
    return { deadLetters: letters.map(presentDeadLetter) };
  });

  app.post('/api/mail/dead-letters/:id/reprocess', supervisor, async (request) => {
    const id = idParam((request.params as { id?: unknown }).id);
    const outcome = await reprocessDeadLetter(deps.inbound, id);
    if (outcome.status === 'dropped' && outcome.reason === 'no such dead letter')
      throw new AppError('not_found', 'Not found.');
    return { outcome: outcome.status };
  });
}
