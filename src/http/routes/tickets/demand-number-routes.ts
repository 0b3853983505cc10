/**
 * A ticket's numéros uniques (issue 20 §3): read with the other tickets about the
 * same demands, added or removed by an agent. Thin handlers: role guard →
 * visibility → validation → one domain use-case.
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { demandNumbersView } from '../../../domain/inbox/same-demand.ts';
import { addDemandNumber, removeDemandNumber } from '../../../domain/tickets/demand-numbers.ts';
import { assertTicketVisible, mailboxScopeOf } from '../../../policies/mailbox-access.ts';
import { presentDemandNumbers } from '../../../presenters/demand-numbers.ts';
import { demandNumberInputSchema } from '../../../shared/demand-number-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { idParam, parseInput } from '../../validate.ts';

export function demandNumberRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  const agent = { preHandler: requireRole('agent') };

  const visible = async (params: unknown, user: Parameters<typeof assertTicketVisible>[1]) => {
    const ticketId = idParam((params as { id?: unknown }).id);
    await assertTicketVisible(db, user, ticketId);
    return ticketId;
  };

  app.get('/api/tickets/:id/demand-numbers', agent, async (request) => {
    const { user } = sessionOf(request);
    const ticketId = await visible(request.params, user);
    return presentDemandNumbers(
      await demandNumbersView(db, ticketId, await mailboxScopeOf(db, user)),
    );
  });

  app.post('/api/tickets/:id/demand-numbers', agent, async (request, reply) => {
    const { user } = sessionOf(request);
    const ticketId = await visible(request.params, user);
    const input = parseInput(demandNumberInputSchema, request.body);
    const numero = await db
      .transaction()
      .execute((trx) => addDemandNumber(trx, { ticketId, text: input.numero, userId: user.id }));
    return reply.status(201).send({ numero });
  });

  app.delete('/api/tickets/:id/demand-numbers/:numero', agent, async (request, reply) => {
    const { user } = sessionOf(request);
    const ticketId = await visible(request.params, user);
    const text = String((request.params as { numero?: unknown }).numero ?? '').slice(0, 64);
    await db
      .transaction()
      .execute((trx) => removeDemandNumber(trx, { ticketId, text, userId: user.id }));
    return reply.status(204).send();
  });
}
