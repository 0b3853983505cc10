import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../../db/schema.ts';
import { recordAudit } from '../../../domain/audit/record-audit.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  loadReportSettings,
  REPORT_SETTINGS_KEY,
  reportSettingsSchema,
} from '../../../reports/model/report-settings.ts';
import {
  defaultPreamble,
  loadReportTexts,
  saveReportText,
  textKeySchema,
} from '../../../reports/model/report-texts.ts';
import {
  type ReportFiltersDto,
  type ReportTextsDto,
  reportTextUpdateSchema,
} from '../../../shared/contracts.ts';
import { requireRole, sessionOf } from '../../hooks/sessions.ts';

const yearQuerySchema = z.object({ year: z.coerce.number().int().min(1990).max(2200) });
const textParamsSchema = z.object({
  year: z.coerce.number().int().min(1990).max(2200),
  section: textKeySchema,
});

/** Default texts by section id: one preamble per mailbox part ("1A", "2A"), empty comments for the review. */
async function defaultTexts(db: Kysely<DB>): Promise<Record<string, string>> {
  const mailboxes = await db
    .selectFrom('mailboxes')
    .select(['slug', 'name'])
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('slug')
    .execute();
  const defaults: Record<string, string> = {};
  mailboxes.forEach((m, i) => {
    defaults[`${i + 1}A`] = defaultPreamble(m.slug, m.name);
  });
  const review = mailboxes.length + 1;
  for (const letter of ['A', 'B', 'C']) defaults[`${review}${letter}`] = '';
  return defaults;
}

/** GET /api/reports/texts?year= and PUT /api/reports/texts/:year/:section (supervisors). */
export function reportTextRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.get('/api/reports/texts', { preHandler: requireRole('viewer') }, async (request) => {
    const parsed = yearQuerySchema.safeParse(request.query);
    if (!parsed.success) throw new AppError('invalid_input', 'Give a year, e.g. ?year=2020.');
    const [texts, defaults] = await Promise.all([
      loadReportTexts(deps.db, parsed.data.year),
      defaultTexts(deps.db),
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
      const stored = await deps.db.transaction().execute(async (trx) => {
        const saved = await saveReportText(
          trx,
          year,
          { section, body: body.data.body },
          session.user.id,
        );
        await recordAudit(trx, {
          action: 'report.text_saved',
          actorUserId: session.user.id,
          targetType: 'report',
          targetId: `${year}/${section}`,
          ip: request.ip,
        });
        return saved;
      });
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
    const parsed = reportSettingsSchema.safeParse(request.body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new AppError(
        'invalid_input',
        `Invalid report settings: ${issue?.path.join('.') ?? ''} — ${issue?.message ?? ''}.`,
      );
    }
    const session = sessionOf(request);
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('settings')
        .values({ key: REPORT_SETTINGS_KEY, value: JSON.stringify(parsed.data) })
        .onConflict((oc) =>
          oc
            .column('key')
            .doUpdateSet({ value: JSON.stringify(parsed.data), updated_at: new Date() }),
        )
        .execute();
      await recordAudit(trx, {
        action: 'settings.reports_saved',
        actorUserId: session.user.id,
        targetType: 'settings',
        targetId: REPORT_SETTINGS_KEY,
        ip: request.ip,
      });
    });
    return parsed.data;
  });
}

/** What the report filters offer: mailboxes with their fields and values, and organisations. */
export async function reportFilterOptions(db: Kysely<DB>): Promise<ReportFiltersDto> {
  const [mailboxes, fields, values, organisations] = await Promise.all([
    db
      .selectFrom('mailboxes')
      .select(['id', 'slug', 'name'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('fields')
      .select(['id', 'mailbox_id', 'key', 'label'])
      .where('archived_at', 'is', null)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('field_values')
      .select(['id', 'field_id', 'label'])
      .where('merged_into_id', 'is', null)
      .orderBy('position')
      .execute(),
    db.selectFrom('organisations').select(['id', 'name']).orderBy('name').limit(5000).execute(),
  ]);
  return {
    mailboxes: mailboxes.map((m) => ({
      slug: m.slug,
      name: m.name,
      fields: fields
        .filter((f) => f.mailbox_id === m.id)
        .map((f) => ({
          id: f.id,
          key: f.key,
          label: f.label,
          values: values
            .filter((v) => v.field_id === f.id)
            .map((v) => ({ id: v.id, label: v.label })),
        })),
    })),
    organisations,
  };
}
