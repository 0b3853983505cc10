import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { listMailboxes } from '../../../domain/mailboxes/list-mailboxes.ts';
import { presentMailbox } from '../../../presenters/mailbox.ts';
import type { MailboxListDto } from '../../../shared/contracts.ts';
import { requireRole } from '../../hooks/sessions.ts';

/** GET /api/mailboxes: every role may see the mailboxes and their fields. */
export function mailboxRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/mailboxes', { preHandler: requireRole('viewer') }, async () => {
    const mailboxes = await listMailboxes(deps.db);
    return { mailboxes: mailboxes.map(presentMailbox) } satisfies MailboxListDto;
  });
}
