/**
 * The configured office hours (SPEC §4), read by the first-response facts
 * (ticket-timings.ts) and the due times (ticket-due-times.ts).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type BusinessHours, businessHoursSchema, defaultBusinessHours } from './business-hours.ts';

/** Key of the office-hours setting in the `settings` table. */
export const BUSINESS_HOURS_SETTING = 'business_hours';

/** The configured office hours, or the defaults when unset or invalid. */
export async function loadBusinessHours(db: Kysely<DB>): Promise<BusinessHours> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', BUSINESS_HOURS_SETTING)
    .executeTakeFirst();
  const parsed = businessHoursSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : defaultBusinessHours;
}
