/**
 * The agents' notifications (issue 18 §4) and a ticket's snooze and follow-up
 * (§2). Agents and above; each user reads and marks only their own
 * notifications; a ticket outside the caller's mailboxes is a 404.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import {
  listNotifications,
  markNotificationsRead,
} from '../../../domain/notifications/list-notifications.ts';
import { preferencesOfUser, savePreferences } from '../../../domain/notifications/preferences.ts';
import { setFollowUp, snoozeTicket } from '../../../domain/tickets/ticket-waits.ts';
import { assertTicketVisible, mailboxScopeOf } from '../../../policies/mailbox-access.ts';
import { presentNotificationList } from '../../../presenters/notification.ts';
import {
  followUpSchema,
  markReadSchema,
  notificationListQuery,
  notificationPreferencesSchema,
  snoozeSchema,
} from '../../../shared/notification-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

const actorOf = (request: FastifyRequest) => ({
  userId: sessionOf(request).user.id,
  label: null,
  ip: request.ip,
});

async function visibleTicket(db: Kysely<DB>, request: FastifyRequest): Promise<number> {
  const ticketId = idParam((request.params as { id?: unknown }).id);
  await assertTicketVisible(db, sessionOf(request).user, ticketId);
  return ticketId;
}

export function notificationRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  const agent = { preHandler: requireRole('agent') };

  app.get('/api/me/notifications', agent, async (request) => {
    const query = parseInput(notificationListQuery, request.query);
    const user = sessionOf(request).user;
    const list = await listNotifications(db, user, await mailboxScopeOf(db, user), query);
    return presentNotificationList(list);
  });

  app.post('/api/me/notifications/read', agent, async (request) => {
    const which = parseInput(markReadSchema, request.body);
    const changed = await markNotificationsRead(db, sessionOf(request).user.id, which);
    return { changed };
  });

  app.get('/api/me/notification-preferences', agent, async (request) =>
    preferencesOfUser(db, sessionOf(request).user.id),
  );

  app.put('/api/me/notification-preferences', agent, async (request) => {
    const choice = parseInput(notificationPreferencesSchema, request.body);
    return savePreferences(db, sessionOf(request).user.id, choice);
  });

  app.post('/api/tickets/:id/snooze', agent, async (request, reply) => {
    const ticketId = await visibleTicket(db, request);
    const input = parseInput(snoozeSchema, request.body);
    await snoozeTicket(db, ticketId, input.until ? new Date(input.until) : null, actorOf(request));
    return reply.status(204).send();
  });

  app.post('/api/tickets/:id/follow-up', agent, async (request, reply) => {
    const ticketId = await visibleTicket(db, request);
    const input = parseInput(followUpSchema, request.body);
    await setFollowUp(db, ticketId, input.followUp, actorOf(request));
    return reply.status(204).send();
  });
}
