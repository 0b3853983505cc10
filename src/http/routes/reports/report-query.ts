/**
 * Query strings of the report routes → validated filters and period.
 * Repeated parameters (mailbox=a&mailbox=b) arrive as arrays, single ones as
 * strings: both are accepted.
 */
import type { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import type { ReportFilters } from '../../../reports/model/build-report-model.ts';
import { type Period, parsePeriod } from '../../../reports/model/period.ts';
import type { reportQuerySchema } from '../../../shared/contracts.ts';

const listKeys = ['mailbox', 'departement', 'value'];

/** Validates a query with `schema`, turning single values of list parameters into lists. */
export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const raw = { ...(query as Record<string, unknown>) };
  for (const key of listKeys) {
    const value = raw[key];
    if (value !== undefined && !Array.isArray(value)) raw[key] = [value];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_input',
      `Invalid report query: ${issue?.path.join('.') || 'query'} — ${issue?.message ?? 'invalid'}.`,
    );
  }
  return parsed.data;
}

export function periodAndFilters(query: z.infer<typeof reportQuerySchema>): {
  period: Period;
  filters: ReportFilters;
} {
  return {
    period: parsePeriod(query.period),
    filters: {
      mailboxes: query.mailbox,
      departements: query.departement,
      values: query.value,
      organisationId: query.organisation,
    },
  };
}
