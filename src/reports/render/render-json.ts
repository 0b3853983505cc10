/**
 * The report's numbers as JSON, in the shape other tools rely on (issue 3):
 *
 *   { "period": {"from","to","label"},
 *     "mailboxes": { "<slug>": { "tickets", "months": [counts], "replies",
 *        "firstResponse": {"responded","under1h","under2h","under24h"},
 *        "ratings": {"great","okay","notGood"},
 *        "by": { "<field label>": { "<value label>": n } } } },
 *     "previous": { same shape for the previous period },
 *     "evolution": [ {"year", "<slug>": tickets, …} ] }
 *
 * Counts only: no rounding, no formatting. "by" lists values with tickets and
 * "Non renseigné" when some tickets have no value.
 */

import type { MailboxJson, ReportJson } from '../../shared/reports/render/report-json-types.ts';
import { MISSING_LABEL } from '../metrics/tickets-of-period.ts';
import type { PeriodFigures, ReportModel } from '../model/build-report-model.ts';

function mailboxJson(figures: PeriodFigures): MailboxJson {
  const by: Record<string, Record<string, number>> = {};
  for (const field of figures.fields) {
    const values: Record<string, number> = {};
    for (const v of field.values) if (v.count > 0) values[v.label] = v.count;
    if (field.missing > 0) values[MISSING_LABEL] = field.missing;
    by[field.label] = values;
  }
  return {
    tickets: figures.tickets,
    months: figures.months.map((m) => m.tickets),
    replies: figures.replies,
    firstResponse: { ...figures.firstResponse },
    ratings: { ...figures.ratings },
    by,
  };
}

/** The JSON document of a report model. */
export function reportJson(model: ReportModel): ReportJson {
  const period = (p: ReportModel['period']) => ({ from: p.from, to: p.to, label: p.label });
  return {
    period: period(model.period),
    mailboxes: Object.fromEntries(model.mailboxes.map((m) => [m.slug, mailboxJson(m.current)])),
    previous: {
      period: period(model.previousPeriod),
      mailboxes: Object.fromEntries(model.mailboxes.map((m) => [m.slug, mailboxJson(m.previous)])),
    },
    evolution: model.evolution.map((e) => ({ year: e.year, ...e.tickets })),
    clock: model.clock,
    generatedAt: model.generatedAt,
    ...(model.targets && {
      targets: Object.fromEntries(
        model.targets.map((t) => [
          t.slug,
          { months: t.months, current: t.current, previous: t.previous },
        ]),
      ),
    }),
  };
}

/** Serialised JSON, UTF-8, indented, ending with a newline. */
export function renderJson(numbers: ReportJson): Buffer {
  return Buffer.from(`${JSON.stringify(numbers, null, 2)}\n`, 'utf8');
}
