/**
 * The monthly summary (issue 3 §6): on the first working day of each month,
 * the previous month's figures beside the same month a year earlier
 * (volumes, replies, first-response shares, satisfaction, top natures), with
 * the month's report as PDF, to the recipients supervisors configured.
 *
 * Sent once per month whatever the number of instances: the month's row in
 * `report_summary_runs` is claimed in the same transaction that hands the
 * message to the sender (the outbox), so a crash either sends or retries.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { isWorkingDay, parisDate } from '../../domain/tickets/business-hours.ts';
import { loadBusinessHours } from '../../domain/tickets/ticket-timings.ts';
import {
  formatCount,
  formatPercent,
  formatPoints,
  formatSignedPercent,
  percentChange,
} from '../../shared/reports/format.ts';
import { responseShares } from '../metrics/first-response.ts';
import { satisfactionSplit } from '../metrics/satisfaction.ts';
import { activityReportFromModel } from '../model/build-activity-report.ts';
import {
  buildReportModel,
  type MailboxReport,
  type ReportModel,
} from '../model/build-report-model.ts';
import { monthPeriod } from '../model/period.ts';
import { supportName } from '../model/report-layout.ts';
import { loadReportSettings } from '../model/report-settings.ts';

export type SummaryMessage = {
  to: string[];
  subject: string;
  text: string;
  attachments: { filename: string; contentType: string; content: Buffer }[];
};

/** Hands a message to the mail sender inside the claiming transaction (e.g. an outbox insert). */
export type SummarySender = (trx: Kysely<DB>, message: SummaryMessage) => Promise<void>;

/** The month whose summary is due at `now` ("YYYY-MM"), or null when it is not time yet. */
export async function dueSummaryMonth(db: Kysely<DB>, now: Date): Promise<string | null> {
  const hours = await loadBusinessHours(db);
  const today = parisDate(now);
  let first = 1;
  while (first <= 28 && !isWorkingDay(today.y, today.m, first, hours)) first++;
  // from 7:00 on the first working day; a summary missed (server down) goes out later that month
  if (today.d < first || (today.d === first && today.h < 7)) return null;
  const previous = today.m === 1 ? { y: today.y - 1, m: 12 } : { y: today.y, m: today.m - 1 };
  return `${previous.y}-${String(previous.m).padStart(2, '0')}`;
}

function topNatures(mailbox: MailboxReport): string[] {
  const natures = mailbox.current.fields.find((f) => f.key === 'nature');
  return (natures?.values ?? [])
    .filter((v) => v.count > 0)
    .sort((a, b) => b.count - a.count || a.position - b.position)
    .slice(0, 5)
    .map((v) => `    - ${v.label} : ${formatCount(v.count)}`);
}

/** The summary's text: per mailbox, this month beside the same month a year earlier. */
export function summaryText(model: ReportModel): string {
  const lines = [
    `Synthèse du support — ${model.period.label} (comparé à ${model.previousPeriod.label})`,
    '',
  ];
  for (const m of model.mailboxes) {
    const change = (now: number, before: number) => {
      const c = percentChange(now, before);
      return c === null ? '' : ` (${formatSignedPercent(c)})`;
    };
    const now = responseShares(m.current.firstResponse);
    const before = responseShares(m.previous.firstResponse);
    const rating = satisfactionSplit(m.current.ratings);
    const ratingBefore = satisfactionSplit(m.previous.ratings);
    lines.push(
      `${supportName(m.name)}`,
      `  Tickets : ${formatCount(m.current.tickets)}${change(m.current.tickets, m.previous.tickets)} — ${model.previousPeriod.label} : ${formatCount(m.previous.tickets)}`,
      `  Réponses : ${formatCount(m.current.replies)}${change(m.current.replies, m.previous.replies)} — ${model.previousPeriod.label} : ${formatCount(m.previous.replies)}`,
      `  Première réponse en moins d'1 h / 2 h / 24 h : ${formatPercent(now.under1h, 0)} / ${formatPercent(now.under2h, 0)} / ${formatPercent(now.under24h, 0)}` +
        ` (${formatPoints(now.under1h - before.under1h)} / ${formatPoints(now.under2h - before.under2h)} / ${formatPoints(now.under24h - before.under24h)})`,
      `  Satisfaction : ${formatCount(rating.total)} avis, ${formatPercent(rating.satisfied, 0)} - ${formatPercent(rating.notSatisfied, 0)}` +
        ` (${model.previousPeriod.label} : ${formatCount(ratingBefore.total)} avis, ${formatPercent(ratingBefore.satisfied, 0)} - ${formatPercent(ratingBefore.notSatisfied, 0)})`,
    );
    const natures = topNatures(m);
    if (natures.length > 0) lines.push('  Principales natures :', ...natures);
    lines.push('');
  }
  lines.push('Le rapport du mois est joint en PDF.');
  return lines.join('\n').replace(/\u00a0/g, ' ');
}

/**
 * Sends the summary when one is due and not sent yet: claims the month, builds
 * the figures and the PDF, and hands the message to `send`, all in one
 * transaction. Returns the month sent, or null.
 */
export async function sendMonthlySummaryIfDue(
  db: Kysely<DB>,
  now: Date,
  send: SummarySender,
): Promise<string | null> {
  const settings = await loadReportSettings(db);
  const { enabled, recipients } = settings.monthlySummary;
  if (!enabled || recipients.length === 0) return null;
  const month = await dueSummaryMonth(db, now);
  if (!month) return null;
  const already = await db
    .selectFrom('report_summary_runs')
    .select('month')
    .where('month', '=', month)
    .executeTakeFirst();
  if (already) return null;
  const period = monthPeriod(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  const model = await buildReportModel(db, period);
  const { renderPdf } = await import('../render/render-pdf.ts');
  const pdf = await renderPdf(
    activityReportFromModel(model, { otherThresholdPercent: settings.otherThresholdPercent }),
  );
  return db.transaction().execute(async (trx) => {
    const claimed = await trx
      .insertInto('report_summary_runs')
      .values({ month, recipients: recipients.length })
      .onConflict((oc) => oc.column('month').doNothing())
      .returning('month')
      .executeTakeFirst();
    if (!claimed) return null; // another instance was faster
    await send(trx, {
      to: recipients,
      subject: `Synthèse mensuelle du support — ${period.label}`,
      text: summaryText(model),
      attachments: [
        { filename: `synthese-${month}.pdf`, contentType: 'application/pdf', content: pdf },
      ],
    });
    return month;
  });
}
