import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { recordAudit } from '../../../domain/audit/record-audit.ts';
import { AppError } from '../../../errors/app-error.ts';
import { reportMailboxesFor, visibleMailboxSlugs } from '../../../policies/report-visibility.ts';
import { hasRole } from '../../../policies/roles.ts';
import { presentReportFilters } from '../../../presenters/report-filters.ts';
import { exportReport, freshContent, type ReportContent } from '../../../reports/export-report.ts';
import { buildActivityReport } from '../../../reports/model/build-activity-report.ts';
import { reportFilterRows } from '../../../reports/model/report-filter-options.ts';
import { listReportTickets } from '../../../reports/model/report-tickets.ts';
import {
  compareNumbers,
  latestPublication,
  publishReport,
} from '../../../reports/publish/publish-report.ts';
import { reportJson } from '../../../reports/render/render-json.ts';
import { presentPublication, presentReport } from '../../../reports/report-presenter.ts';
import {
  type ReportTicketListDto,
  reportExportQuerySchema,
  reportQuerySchema,
  reportTicketsQuerySchema,
} from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';
import { reportAgentRoutes } from './report-agent-routes.ts';
import { parseQuery, periodAndFilters } from './report-query.ts';
import { reportSettingsRoutes, reportTextRoutes } from './report-text-routes.ts';

const yearSchema = z.object({ year: z.coerce.number().int().min(1990).max(2200) });

/**
 * The period and filters of a report request, the mailboxes restricted to
 * those the caller sees (404 for a mailbox they may not see).
 */
async function scopedRequest(
  db: Kysely<DB>,
  request: FastifyRequest,
  query: z.infer<typeof reportQuerySchema>,
) {
  const { period, filters } = periodAndFilters(query);
  const mailboxes = await reportMailboxesFor(db, sessionOf(request).user, filters.mailboxes);
  return { period, filters: { ...filters, mailboxes } };
}

/**
 * Reports: every role reads them (SPEC §1 viewers), each only for the
 * mailboxes they see; supervisors publish and edit texts.
 */
export function reportRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  const { db } = deps;

  app.get('/api/reports', { preHandler: requireRole('viewer') }, async (request) => {
    const query = parseQuery(reportQuerySchema, request.query);
    const { period, filters } = await scopedRequest(db, request, query);
    const { model, report } = await buildActivityReport(db, period, filters, query.clock, {
      targets: query.targets === 'true',
    });
    const unfiltered =
      !filters.mailboxes?.length &&
      !filters.departements?.length &&
      !filters.values?.length &&
      !filters.organisationId;
    const publication =
      period.kind === 'year' && unfiltered && query.clock === 'calendar'
        ? await latestPublication(db, Number(period.from.slice(0, 4)))
        : null;
    const publicationDto = publication
      ? presentPublication(
          publication,
          // the optional targets section is never published: compared without it
          compareNumbers(publication.snapshot.numbers, {
            ...reportJson(model),
            targets: undefined,
          }),
        )
      : null;
    return presentReport(
      model,
      report,
      publicationDto,
      hasRole(sessionOf(request).user.role, 'supervisor'),
    );
  });

  app.get('/api/reports/export', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseQuery(reportExportQuerySchema, request.query);
    const { period, filters } = await scopedRequest(db, request, query);
    const session = sessionOf(request);
    let content: ReportContent;
    if (query.published === 'true') {
      if (period.kind !== 'year') throw new AppError('invalid_input', 'Only a year is published.');
      // A published report covers every mailbox.
      if ((await visibleMailboxSlugs(db, session.user)) !== 'all')
        throw new AppError('not_found', 'No such report.');
      const publication = await latestPublication(db, Number(period.from.slice(0, 4)));
      if (!publication)
        throw new AppError('not_found', `The ${period.label} report has not been published.`);
      content = publication.snapshot;
    } else {
      const { model, report } = await buildActivityReport(db, period, filters, query.clock, {
        targets: query.targets === 'true',
      });
      content = freshContent(model, report);
    }
    const exported = await exportReport(query.format, content, { separator: query.separator });
    await recordAudit(db, {
      action: 'report.exported',
      actorUserId: session.user.id,
      ip: request.ip,
      targetType: 'report',
      targetId: query.period,
      details: {
        format: query.format,
        published: query.published === 'true',
        mailboxes: filters.mailboxes ?? 'all',
      },
    });
    return reply
      .header('content-type', exported.contentType)
      .header('content-disposition', `attachment; filename="${exported.fileName}"`)
      .header('cache-control', 'no-store')
      .send(exported.bytes);
  });

  app.get('/api/reports/tickets', { preHandler: requireRole('viewer') }, async (request) => {
    const query = parseQuery(reportTicketsQuerySchema, request.query);
    const { period, filters } = await scopedRequest(db, request, query);
    const result = await listReportTickets(
      db,
      period,
      filters,
      { month: query.month, fieldId: query.field, missing: query.missing === 'true' },
      { limit: query.limit, offset: query.offset },
    );
    return {
      total: result.total,
      tickets: result.tickets.map((t) => ({ ...t, createdAt: t.createdAt.toISOString() })),
    } satisfies ReportTicketListDto;
  });

  app.post('/api/reports/publish', { preHandler: requireRole('supervisor') }, async (request) => {
    const parsed = yearSchema.safeParse(request.body);
    if (!parsed.success)
      throw new AppError('invalid_input', 'Give the year to publish, e.g. {"year": 2020}.');
    const session = sessionOf(request);
    const publication = await publishReport(db, parsed.data.year, {
      userId: session.user.id,
      label: null,
      ip: request.ip,
    });
    return presentPublication({ ...publication, publishedBy: session.user.name }, []);
  });

  reportTextRoutes(app, deps);
  reportSettingsRoutes(app, deps);
  reportAgentRoutes(app, deps);
  app.get('/api/reports/filters', { preHandler: requireRole('viewer') }, async (request) => {
    const [rows, visible] = await Promise.all([
      reportFilterRows(db),
      visibleMailboxSlugs(db, sessionOf(request).user),
    ]);
    return presentReportFilters(rows, visible);
  });
}
