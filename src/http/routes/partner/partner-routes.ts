/**
 * A partner's own view (issue 21 §5): GET /api/partner/tickets and
 * GET /api/partner/tickets/:number — their organisation's tickets, their status
 * and thread — and POST /api/partner/tickets/:number/replies (their message). Another organisation's
 * ticket is 404; so is the view for a viewer who is not a partner.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { replyAsPartner } from '../../../domain/partner/partner-reply.ts';
import { listPartnerTickets, partnerTicket } from '../../../domain/partner/partner-tickets.ts';
import { AppError } from '../../../errors/app-error.ts';
import { partnerOrganisationOf } from '../../../policies/partner-scope.ts';
import {
  presentPartnerMessage,
  presentPartnerTicketSummary,
} from '../../../presenters/partner-ticket.ts';
import {
  type PartnerTicketDto,
  type PartnerTicketListDto,
  partnerReplySchema,
} from '../../../shared/partner-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export function partnerRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  async function organisationOf(request: FastifyRequest) {
    const organisation = await partnerOrganisationOf(deps.db, sessionOf(request).user);
    // Not a partner: nothing here for them (404, like a ticket they may not see).
    if (!organisation) throw new AppError('not_found', 'No partner view for this account.');
    return organisation;
  }

  app.get('/api/partner/tickets', { preHandler: requireRole('viewer') }, async (request) => {
    const organisation = await organisationOf(request);
    const rows = await listPartnerTickets(deps.db, organisation.id);
    return {
      organisation,
      tickets: rows.map(presentPartnerTicketSummary),
    } satisfies PartnerTicketListDto;
  });

  app.get<{ Params: { number: string } }>(
    '/api/partner/tickets/:number',
    { preHandler: requireRole('viewer') },
    async (request) => {
      const organisation = await organisationOf(request);
      const { ticket, messages } = await partnerTicket(
        deps.db,
        organisation.id,
        idParam(request.params.number),
      );
      return {
        ...presentPartnerTicketSummary(ticket),
        messages: messages.map(presentPartnerMessage),
      } satisfies PartnerTicketDto;
    },
  );

  app.post<{ Params: { number: string } }>(
    '/api/partner/tickets/:number/replies',
    {
      preHandler: requireRole('viewer'),
      config: { rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const organisation = await organisationOf(request);
      const number = idParam(request.params.number);
      const { text } = parseInput(partnerReplySchema, request.body);
      const result = await replyAsPartner(deps.db, {
        organisationId: organisation.id,
        number,
        user: sessionOf(request).user,
        text,
      });
      return reply.status(201).send(result);
    },
  );
}
