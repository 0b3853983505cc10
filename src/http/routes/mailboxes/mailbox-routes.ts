import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { listMailboxes } from '../../../domain/mailboxes/list-mailboxes.ts';
import { mailboxScopeOf, scopeAllows } from '../../../policies/mailbox-access.ts';
import { presentMailbox } from '../../../presenters/mailbox.ts';
import type { MailboxListDto } from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

/**
 * GET /api/mailboxes: the mailboxes and their fields the caller may see
 * (every one for supervisors and admins; an agent or viewer restricted to
 * some mailboxes gets only those, as in the inbox, search and reports).
 */
export function mailboxRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/mailboxes', { preHandler: requireRole('viewer') }, async (request) => {
    const scope = await mailboxScopeOf(deps.db, sessionOf(request).user);
    const mailboxes = (await listMailboxes(deps.db)).filter((m) => scopeAllows(scope, m.id));
    return { mailboxes: mailboxes.map(presentMailbox) } satisfies MailboxListDto;
  });
}
