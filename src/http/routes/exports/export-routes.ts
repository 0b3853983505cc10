/**
 * GET /api/exports/tickets (issue 21 §6): the tickets of an inbox filter (the
 * inbox's own parameters) as CSV or XLSX, the chosen columns, streamed as
 * they are read. Agents and above, their mailboxes only; with a token, scope
 * `tickets:read`. Every export is in the audit log (format, columns, count of
 * filters; never the searched words).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { recordAudit } from '../../../domain/audit/record-audit.ts';
import { csvExport, exportPlan, xlsxExport } from '../../../domain/exports/ticket-export.ts';
import { exportFields, exportRows } from '../../../domain/inbox/export-rows.ts';
import { mailboxScopeOf } from '../../../policies/mailbox-access.ts';
import { defaultExportColumns, ticketExportQuerySchema } from '../../../shared/export-contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { parseInput } from '../../validate.ts';

const contentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function exportRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;
  app.get('/api/exports/tickets', { preHandler: requireRole('agent') }, async (request, reply) => {
    const { format, columns, mailbox, status, field, ...rest } = parseInput(
      ticketExportQuerySchema,
      request.query,
    );
    const user = sessionOf(request).user;
    const scope = await mailboxScopeOf(db, user);
    const filters = { ...rest, mailboxes: mailbox, statuses: status, fields: field };
    const chosen = columns ?? defaultExportColumns;
    const plan = exportPlan(chosen, await exportFields(db, scope, mailbox));
    await recordAudit(db, {
      action: 'tickets.exported',
      actorUserId: user.id,
      actorLabel: request.apiToken ? `token: ${request.apiToken.name}` : null,
      targetType: 'tickets',
      ip: request.ip,
      details: { format, columns: chosen, folder: rest.folder, searched: rest.q !== undefined },
    });
    const pages = exportRows(db, user, scope, filters);
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .type(contentTypes[format])
      .header('content-disposition', `attachment; filename="tickets-${day}.${format}"`)
      .header('cache-control', 'no-store')
      .send(format === 'csv' ? csvExport(pages, plan) : xlsxExport(pages, plan));
  });
}
