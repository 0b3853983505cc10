/**
 * Period + filters → report model: every figure of a report as plain data,
 * for the current period and the previous equivalent one, plus the yearly
 * evolution. Renderers, the web page and the JSON export read this model.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { yearlyEvolution } from '../metrics/evolution.ts';
import { repliesOfPeriod } from '../metrics/replies-of-period.ts';
import { type ReportScope, withReportMemory } from '../metrics/report-scope.ts';
import { type RatingCounts, ratingsOfPeriod } from '../metrics/satisfaction.ts';
import { type Compliance, targetCompliance } from '../metrics/target-compliance.ts';
import {
  aggregateTickets,
  type PeriodTicketFacts,
  type ResponseBuckets,
} from '../metrics/ticket-aggregates.ts';
import {
  breakdownOfField,
  type FieldValueLabel,
  type ValueCount,
} from '../metrics/tickets-of-period.ts';
import { monthsOf, type Period, previousPeriod } from './period.ts';

export type ReportFilters = {
  /** Mailbox slugs; all mailboxes when empty. */
  mailboxes?: string[];
  /** Département labels ("44"), matched in every mailbox's "departement" field. */
  departements?: string[];
  /** Field value ids; tickets must carry each one (or a value merged into it). */
  values?: string[];
  organisationId?: string;
};

export type Clock = 'calendar' | 'business';

export type FieldBreakdown = {
  id: string;
  key: string;
  label: string;
  values: ValueCount[];
  missing: number;
};

export type PeriodFigures = {
  tickets: number;
  months: { month: string; tickets: number }[];
  replies: number;
  /** Counts of tickets (not shares). */
  firstResponse: ResponseBuckets;
  ratings: RatingCounts;
  fields: FieldBreakdown[];
};

export type MailboxReport = {
  id: string;
  slug: string;
  name: string;
  current: PeriodFigures;
  previous: PeriodFigures;
};

export type ReportModel = {
  period: Period;
  previousPeriod: Period;
  filters: ReportFilters;
  clock: Clock;
  mailboxes: MailboxReport[];
  /** Tickets per year and mailbox slug; `imported` lists the slugs whose figure is an imported total. */
  evolution: { year: number; tickets: Record<string, number>; imported: string[] }[];
  generatedAt: string;
  /**
   * "Respect des objectifs de réponse" (issue 18 §6), present only when asked for:
   * per mailbox, tickets measured against a first-response target and within it.
   */
  targets?: TargetComplianceFigures[];
};

export type TargetComplianceFigures = {
  slug: string;
  name: string;
  months: ({ month: string } & Compliance)[];
  current: Compliance;
  previous: Compliance;
};

/** What a report may add to its figures (issue 18 §6). */
export type ReportModelOptions = {
  /** The "Respect des objectifs de réponse" figures; `now` decides which unanswered tickets are late. */
  targets?: boolean;
  now?: Date;
};

export type FieldInfo = {
  id: string;
  mailboxId: string;
  key: string;
  label: string;
  values: FieldValueLabel[];
};

/**
 * Builds the report model of `period` for the mailboxes and filters asked.
 * Five queries whatever the period: one pass over tickets (both periods),
 * replies, ratings, the evolution, and the configuration's labels.
 */
export async function buildReportModel(
  db: Kysely<DB>,
  period: Period,
  filters: ReportFilters = {},
  clock: Clock = 'calendar',
  options: ReportModelOptions = {},
): Promise<ReportModel> {
  const previous = previousPeriod(period);
  const mailboxes = await selectMailboxes(db, filters.mailboxes);
  const fields = await loadFields(
    db,
    mailboxes.map((m) => m.id),
  );
  const scope = resolveScope(
    mailboxes.map((m) => m.id),
    fields,
    filters,
  );
  const lastYear = Number(period.to.slice(0, 4));
  // four independent queries: on a server they run side by side on four connections
  const [tickets, replies, ratings, evolution, compliance] = await Promise.all([
    withReportMemory(db, (trx) => aggregateTickets(trx, scope, period, previous)),
    withReportMemory(db, (trx) => repliesOfPeriod(trx, scope, period, previous)),
    withReportMemory(db, (trx) => ratingsOfPeriod(trx, scope, period, previous)),
    withReportMemory(db, (trx) => yearlyEvolution(trx, scope, lastYear)),
    options.targets
      ? targetCompliance(db, scope, period, previous, options.now ?? new Date())
      : Promise.resolve(undefined),
  ]);
  const slugOf = new Map(mailboxes.map((m) => [m.id, m.slug]));
  return {
    period,
    previousPeriod: previous,
    filters,
    clock,
    mailboxes: mailboxes.map((mailbox) => {
      const own = fields.filter((f) => f.mailboxId === mailbox.id);
      const facts = tickets.get(mailbox.id);
      const figures = (which: 'current' | 'previous', p: Period): PeriodFigures => ({
        ...ticketFigures(facts?.[which], own, p, clock),
        replies: replies.get(mailbox.id)?.[which] ?? 0,
        ratings: ratings.get(mailbox.id)?.[which] ?? { great: 0, okay: 0, notGood: 0 },
      });
      return {
        ...mailbox,
        current: figures('current', period),
        previous: figures('previous', previous),
      };
    }),
    evolution: evolution.map((e) => ({
      year: e.year,
      tickets: Object.fromEntries(mailboxes.map((m) => [m.slug, e.tickets.get(m.id) ?? 0])),
      imported: [...e.imported].map((id) => slugOf.get(id) ?? id),
    })),
    generatedAt: new Date().toISOString(),
    ...(compliance && {
      targets: mailboxes.map((mailbox) => {
        const own = compliance.get(mailbox.id);
        const none = { measured: 0, within: 0 };
        return {
          slug: mailbox.slug,
          name: mailbox.name,
          months: monthsOf(period).map((month) => ({
            month,
            ...(own?.current.months.get(month) ?? none),
          })),
          current: own?.current.total ?? none,
          previous: own?.previous.total ?? none,
        };
      }),
    }),
  };
}

function ticketFigures(
  facts: PeriodTicketFacts | undefined,
  fields: FieldInfo[],
  period: Period,
  clock: Clock,
): Omit<PeriodFigures, 'replies' | 'ratings'> {
  const empty: PeriodTicketFacts = {
    tickets: 0,
    months: new Map(),
    byValue: new Map(),
    firstResponse: {
      calendar: { responded: 0, under1h: 0, under2h: 0, under24h: 0 },
      business: { responded: 0, under1h: 0, under2h: 0, under24h: 0 },
    },
  };
  const f = facts ?? empty;
  return {
    tickets: f.tickets,
    months: monthsOf(period).map((month) => ({ month, tickets: f.months.get(month) ?? 0 })),
    firstResponse: f.firstResponse[clock],
    fields: fields.map((field) => ({
      id: field.id,
      key: field.key,
      label: field.label,
      ...breakdownOfField(f, field.id, field.values),
    })),
  };
}

async function selectMailboxes(db: Kysely<DB>, slugs: string[] | undefined) {
  const all = await db
    .selectFrom('mailboxes')
    .select(['id', 'slug', 'name'])
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('slug')
    .execute();
  if (!slugs || slugs.length === 0) return all;
  const unknown = slugs.filter((s) => !all.some((m) => m.slug === s));
  if (unknown.length > 0) {
    throw new AppError(
      'invalid_input',
      `Unknown mailbox: ${unknown.join(', ')}. Known: ${all.map((m) => m.slug).join(', ')}.`,
    );
  }
  return all.filter((m) => slugs.includes(m.slug));
}

export async function loadFields(db: Kysely<DB>, mailboxIds: string[]): Promise<FieldInfo[]> {
  if (mailboxIds.length === 0) return [];
  const fields = await db
    .selectFrom('fields')
    .select(['id', 'mailbox_id', 'key', 'label'])
    .where('mailbox_id', 'in', mailboxIds)
    .where('archived_at', 'is', null)
    .orderBy('position')
    .execute();
  const values = fields.length
    ? await db
        .selectFrom('field_values')
        .select(['id', 'field_id', 'label', 'position', 'merged_into_id'])
        .where(
          'field_id',
          'in',
          fields.map((f) => f.id),
        )
        .orderBy('position')
        .execute()
    : [];
  return fields.map((f) => ({
    id: f.id,
    mailboxId: f.mailbox_id,
    key: f.key,
    label: f.label,
    values: values
      .filter((v) => v.field_id === f.id)
      .map((v) => ({
        id: v.id,
        label: v.label,
        position: v.position,
        mergedIntoId: v.merged_into_id,
      })),
  }));
}

/** The scope of `filters`: mailbox ids and value groups (each with the values merged into it). */
export async function resolveReportScope(
  db: Kysely<DB>,
  filters: ReportFilters,
): Promise<ReportScope> {
  const mailboxes = await selectMailboxes(db, filters.mailboxes);
  const ids = mailboxes.map((m) => m.id);
  return resolveScope(ids, await loadFields(db, ids), filters);
}

/** Filters → the scope's value groups; each group includes the values merged into its values. */
function resolveScope(
  mailboxIds: string[],
  fields: FieldInfo[],
  filters: ReportFilters,
): ReportScope {
  const allValues = fields.flatMap((f) => f.values);
  const family = (ids: string[]): string[] => {
    const result = new Set(ids);
    for (let grew = true; grew; ) {
      grew = false;
      for (const v of allValues) {
        if (v.mergedIntoId && result.has(v.mergedIntoId) && !result.has(v.id)) {
          result.add(v.id);
          grew = true;
        }
      }
    }
    return [...result];
  };
  const groups: string[][] = [];
  if (filters.departements?.length) {
    const wanted = new Set(filters.departements);
    const ids = fields
      .filter((f) => f.key === 'departement')
      .flatMap((f) => f.values.filter((v) => wanted.has(v.label)).map((v) => v.id));
    groups.push(family(ids));
  }
  for (const id of filters.values ?? []) {
    if (!allValues.some((v) => v.id === id)) {
      throw new AppError('invalid_input', 'Unknown classification value in the filters.');
    }
    groups.push(family([id]));
  }
  return { mailboxIds, valueGroups: groups, organisationId: filters.organisationId };
}
