/**
 * Report settings, stored under the `reports` key of `settings`:
 * the "Autre" threshold of charts and the title-page heading.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';

export const reportSettingsSchema = z.object({
  /** Values under this share of the total (in %) are grouped under "Autre" in charts. */
  otherThresholdPercent: z.number().min(0).max(50).default(1),
  heading: z
    .array(z.string().max(200))
    .max(4)
    .default(['Support et assistance', 'aux Partenaires et aux Demandeurs']),
  /** The monthly summary e-mail, sent on the first working day of each month. */
  monthlySummary: z
    .object({
      enabled: z.boolean().default(false),
      recipients: z.array(z.email().max(320)).max(50).default([]),
    })
    .default({ enabled: false, recipients: [] }),
});
export type ReportSettings = z.infer<typeof reportSettingsSchema>;

export const REPORT_SETTINGS_KEY = 'reports';

/** The stored report settings, defaults filled in (an invalid stored value falls back to defaults). */
export async function loadReportSettings(db: Kysely<DB>): Promise<ReportSettings> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', REPORT_SETTINGS_KEY)
    .executeTakeFirst();
  const parsed = reportSettingsSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : reportSettingsSchema.parse({});
}

/** Validates and stores the report settings, with their audit event; returns what was stored. */
export async function saveReportSettings(
  db: Kysely<DB>,
  input: unknown,
  actor: Actor,
): Promise<ReportSettings> {
  const parsed = reportSettingsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_input',
      `Invalid report settings: ${issue?.path.join('.') ?? ''} — ${issue?.message ?? ''}.`,
    );
  }
  const value = JSON.stringify(parsed.data);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('settings')
      .values({ key: REPORT_SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() }))
      .execute();
    await recordAudit(trx, {
      action: 'settings.reports_saved',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'settings',
      targetId: REPORT_SETTINGS_KEY,
      ip: actor.ip ?? null,
    });
  });
  return parsed.data;
}
