import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { loadReportSettings, saveReportSettings } from '../../../reports/model/report-settings.ts';
import {
  defaultReportTexts,
  loadReportTexts,
  saveReportText,
  textKeySchema,
} from '../../../reports/model/report-texts.ts';
import { type ReportTextsDto, reportTextUpdateSchema } from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const yearQuerySchema = z.object({ year: z.coerce.number().int().min(1990).max(2200) });
const textParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2200),
  section: textKeySchema,
});

/** GET /api/reports/texts?year= and PUT /api/reports/texts/:year/:section (supervisors). */
export function reportTextRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/reports/texts', { preHandler: requireRole('viewer') }, async (request) => {
    const parsed = yearQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new AppError('invalid_input', 'Give a year, e.g. ?year=2020.');
    const [texts, defaults] = await Promise.all([
      loadReportTexts(deps.db, parsed.data.year),
      defaultReportTexts(deps.db),
    ]);
    return { year: parsed.data.year, texts, defaults } satisfies ReportTextsDto;
  });

  app.put(
    '/api/reports/texts/:year/:section',
    { preHandler: requireRole('supervisor') },
    async (request) => {
      const params = textParamsSchema.safeParse(request.params);
      const body = reportTextUpdateSchema.safeParse(request.body);
      if (!params.success)
        throw new AppError('invalid_input', 'The address needs a year and a section such as 1A.');
      if (!body.success)
        throw new AppError(
          'invalid_input',
          'The body must be {"body": "…"} with at most 20,000 characters.',
        );
      const session = sessionOf(request);
      const { year, section } = params.data;
      const stored = await saveReportText(
        deps.db,
        year,
        { section, body: body.data.body },
        {
          userId: session.user.id,
          label: null,
          ip: request.ip,
        },
      );
      return { year, section, body: stored };
    },
  );
}

/** GET/PUT /api/reports/settings: the "Autre" threshold, the title page, the monthly summary (supervisors). */
export function reportSettingsRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/reports/settings', { preHandler: requireRole('supervisor') }, async () =>
    loadReportSettings(deps.db),
  );
  app.put('/api/reports/settings', { preHandler: requireRole('supervisor') }, async (request) => {
    const session = sessionOf(request);
    return saveReportSettings(deps.db, request.body, {
      userId: session.user.id,
      label: null,
      ip: request.ip,
    });
  });
}
