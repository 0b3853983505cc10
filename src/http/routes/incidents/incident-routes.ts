/**
 * Known incidents (issue 20 §2). Agents read them, see suggestions and link
 * tickets; supervisors declare, edit, answer every linked ticket and resolve.
 * The public status page `/statut` is server-rendered like the help centre.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { answerIncident, resolveIncident } from '../../../domain/incidents/answer-incident.ts';
import {
  declareIncident,
  getIncident,
  incidentTickets,
  listIncidents,
  moduleValues,
  ongoingIncidents,
  publicIncidents,
  updateIncident,
} from '../../../domain/incidents/incidents.ts';
import { suggestTickets } from '../../../domain/incidents/suggest-tickets.ts';
import type { MailSigner } from '../../../domain/signing/mail-signer.ts';
import {
  linkTicketsToIncident,
  unlinkTicketFromIncident,
} from '../../../domain/tickets/incident-links.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  assertTicketsVisible,
  assertTicketVisible,
  mailboxScopeOf,
  scopeAllows,
} from '../../../policies/mailbox-access.ts';
import { renderBarePage } from '../../../portal/pages/layout.ts';
import { statusBody } from '../../../portal/pages/status-page.ts';
import { clearReadCache } from '../../../portal/read-cache.ts';
import {
  presentIncident,
  presentIncidentTicket,
  presentSuggestion,
} from '../../../presenters/incident.ts';
import {
  type IncidentDetailDto,
  incidentInputSchema,
  incidentLinkSchema,
  incidentMessageSchema,
  type OngoingIncidentDto,
} from '../../../shared/incident-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';
import { sendHtml } from '../portal/portal-http.ts';

export type IncidentDeps = { db: Kysely<DB>; signer: MailSigner; wakeOutbox?: () => void };

const incidentIdOf = (request: FastifyRequest): string => {
  const parsed = z.object({ id: z.uuid() }).safeParse(request.params);
  if (!parsed.success) throw new AppError('not_found', 'Aucun incident de ce numéro.');
  return parsed.data.id;
};

const inputOf = (request: FastifyRequest) => {
  const input = parseInput(incidentInputSchema, request.body);
  return {
    title: input.title,
    moduleValueId: input.moduleValueId,
    publicText: input.publicText,
    startedAt: new Date(input.startedAt),
  };
};

export function incidentRoutes(app: FastifyInstance, deps: IncidentDeps): void {
  const { db } = deps;
  const agent = { preHandler: requireRole('agent') };
  const supervisor = { preHandler: requireRole('supervisor') };
  /** The help centre's banner and /statut show a change at once on this instance. */
  const changed = () => clearReadCache(db);

  app.get('/api/incidents', agent, async () => {
    const [incidents, modules] = await Promise.all([listIncidents(db), moduleValues(db)]);
    return { incidents: incidents.map(presentIncident), modules };
  });

  app.get('/api/incidents/ongoing', agent, async () =>
    (await ongoingIncidents(db)).map(
      (i): OngoingIncidentDto => ({
        id: i.id,
        title: i.title,
        startedAt: i.startedAt.toISOString(),
      }),
    ),
  );

  app.post('/api/incidents', supervisor, async (request, reply) => {
    const id = await declareIncident(db, inputOf(request), sessionOf(request).user.id);
    changed();
    return reply.code(201).send({ id });
  });

  app.get('/api/incidents/:id', agent, async (request): Promise<IncidentDetailDto> => {
    const id = incidentIdOf(request);
    const scope = await mailboxScopeOf(db, sessionOf(request).user);
    const [incident, tickets] = await Promise.all([getIncident(db, id), incidentTickets(db, id)]);
    return {
      incident: presentIncident(incident),
      tickets: tickets.filter((t) => scopeAllows(scope, t.mailbox_id)).map(presentIncidentTicket),
    };
  });

  app.put('/api/incidents/:id', supervisor, async (request, reply) => {
    await updateIncident(db, incidentIdOf(request), inputOf(request), sessionOf(request).user.id);
    changed();
    return reply.code(204).send();
  });

  app.get('/api/incidents/:id/suggestions', agent, async (request) => {
    const id = incidentIdOf(request);
    const scope = await mailboxScopeOf(db, sessionOf(request).user);
    return (await suggestTickets(db, id, scope)).map(presentSuggestion);
  });

  app.post('/api/incidents/:id/tickets', agent, async (request) => {
    const id = incidentIdOf(request);
    await getIncident(db, id);
    const { ticketIds } = parseInput(incidentLinkSchema, request.body);
    const { user } = sessionOf(request);
    const allowed = await assertTicketsVisible(db, user, ticketIds);
    const linked = await db
      .transaction()
      .execute((trx) => linkTicketsToIncident(trx, id, allowed, { kind: 'user', userId: user.id }));
    return { linked: linked.length };
  });

  app.delete('/api/incidents/:id/tickets/:ticketId', agent, async (request, reply) => {
    const id = incidentIdOf(request);
    const ticketId = idParam((request.params as { ticketId?: unknown }).ticketId);
    const { user } = sessionOf(request);
    await assertTicketVisible(db, user, ticketId);
    const removed = await db
      .transaction()
      .execute((trx) =>
        unlinkTicketFromIncident(trx, id, ticketId, { kind: 'user', userId: user.id }),
      );
    if (!removed) throw new AppError('not_found', 'Ce ticket n’est pas lié à cet incident.');
    return reply.code(204).send();
  });

  app.post('/api/incidents/:id/answer', supervisor, async (request) => {
    const id = incidentIdOf(request);
    const { body } = parseInput(incidentMessageSchema, request.body);
    const outcome = await answerIncident(db, deps.signer, {
      incidentId: id,
      body,
      userId: sessionOf(request).user.id,
    });
    deps.wakeOutbox?.();
    return outcome;
  });

  app.post('/api/incidents/:id/resolve', supervisor, async (request) => {
    const id = incidentIdOf(request);
    const { body } = parseInput(incidentMessageSchema, request.body);
    const outcome = await resolveIncident(db, deps.signer, {
      incidentId: id,
      body,
      userId: sessionOf(request).user.id,
    });
    changed();
    deps.wakeOutbox?.();
    return outcome;
  });

  // The public status page: what is broken now, and what was lately.
  app.get('/statut', async (_request, reply) => {
    const all = await publicIncidents(db);
    return sendHtml(
      reply,
      renderBarePage(
        'État du service',
        statusBody(
          all.filter((i) => i.resolvedAt === null),
          all.filter((i) => i.resolvedAt !== null).slice(0, 20),
        ),
      ),
    );
  });
}
