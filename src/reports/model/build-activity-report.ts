/**
 * The yearly activity report (SPEC §5) as a document: one part per mailbox
 * (preamble, monthly volumes, breakdowns per field), then the review part
 * (3A–3C) and the "Définitions" appendix. Works for any period; the seed's
 * report is the year 2020 of the two default mailboxes.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type {
  ActivityReport,
  ReportPart,
  ReportSection,
} from '../../shared/reports/model/activity-report-types.ts';
import { metricDefinitions } from '../metrics/definitions.ts';
import { targetComplianceDefinition } from '../metrics/target-compliance.ts';
import {
  buildReportModel,
  type Clock,
  type ReportFilters,
  type ReportModel,
  type ReportModelOptions,
} from './build-report-model.ts';
import { mailboxSections } from './mailbox-sections.ts';
import type { Period } from './period.ts';
import { mailboxPartTitle, REVIEW_PART_TITLE } from './report-layout.ts';
import { loadReportSettings } from './report-settings.ts';
import { defaultPreamble, loadReportTexts } from './report-texts.ts';
import { reviewSections } from './review-sections.ts';
import { targetSection } from './target-section.ts';

export type ActivityReportOptions = {
  texts?: Record<string, string>;
  /** Values under this share of the total (in %) are grouped under "Autre" in charts. */
  otherThresholdPercent?: number;
  heading?: string[];
};

/** Turns a report model into the report document. Pure: no database access. */
export function activityReportFromModel(
  model: ReportModel,
  options: ActivityReportOptions = {},
): ActivityReport {
  const texts = options.texts ?? {};
  const threshold = options.otherThresholdPercent ?? 1;
  const year = Number(model.period.from.slice(0, 4));
  const title =
    model.period.kind === 'year'
      ? `Rapport d’activité ${model.period.label}`
      : `Rapport d’activité — ${model.period.label}`;
  const base = {
    year,
    title,
    heading: options.heading ?? ['Support et assistance', 'aux Partenaires et aux Demandeurs'],
    definitions: metricDefinitions.map((d) => ({ term: d.term, text: d.text })),
    generatedAt: model.generatedAt,
  };
  const total = model.mailboxes.reduce((sum, m) => sum + m.current.tickets, 0);
  if (total === 0) {
    return {
      ...base,
      parts: [],
      sections: [],
      emptyNotice: `Aucun ticket pour la période ${model.period.label}${hasFilters(model.filters) ? ' avec ces filtres' : ''} : le rapport est vide.`,
    };
  }
  const parts: ReportPart[] = [];
  const sections: ReportSection[] = [];
  model.mailboxes.forEach((mailbox, i) => {
    const part = i + 1;
    parts.push({ number: part, title: mailboxPartTitle(mailbox.name) });
    const preamble = texts[`${part}A`] ?? defaultPreamble(mailbox.slug, mailbox.name);
    sections.push(...mailboxSections(model, mailbox, part, preamble, threshold));
  });
  const review = model.mailboxes.length + 1;
  parts.push({ number: review, title: REVIEW_PART_TITLE });
  sections.push(...reviewSections(model, review, texts));
  const targets = targetSection(model, review);
  if (!targets) return { ...base, parts, sections };
  return {
    ...base,
    parts,
    sections: [...sections, targets],
    definitions: [...base.definitions, targetComplianceDefinition],
  };
}

function hasFilters(filters: ReportFilters): boolean {
  return Boolean(filters.departements?.length || filters.values?.length || filters.organisationId);
}

/** Builds the model of `period` and its document, with the year's stored texts and the report settings. */
export async function buildActivityReport(
  db: Kysely<DB>,
  period: Period,
  filters: ReportFilters = {},
  clock: Clock = 'calendar',
  modelOptions: ReportModelOptions = {},
): Promise<{ model: ReportModel; report: ActivityReport }> {
  const year = Number(period.from.slice(0, 4));
  const [model, texts, settings] = await Promise.all([
    buildReportModel(db, period, filters, clock, modelOptions),
    period.kind === 'year' ? loadReportTexts(db, year) : Promise.resolve({}),
    loadReportSettings(db),
  ]);
  const report = activityReportFromModel(model, {
    texts,
    otherThresholdPercent: settings.otherThresholdPercent,
    heading: settings.heading,
  });
  return { model, report };
}
