/**
 * The types of an import run: what a batch holds (entries) and writes with
 * (context), what it counts, and the run's summary. Shared by run-import (the
 * loop), write-batch and its parts (the writes) and run-end (the bookkeeping),
 * so that none of them imports another for a type.
 */
import type { BusinessHours } from '../../domain/tickets/business-hours.ts';
import type { RecordLocation, ResolvedTicket } from './import-model.ts';
import type { MappingResolver } from './resolve-mapping.ts';

export type BatchEntry = {
  ticket: ResolvedTicket;
  hash: string;
  location: RecordLocation;
  /** The ticket already imported from this record, when there is one. */
  existingTicketId: number | null;
};

export type BatchCounts = {
  ticketsCreated: number;
  ticketsUpdated: number;
  messagesWritten: number;
  messagesRemoved: number;
  contactsCreated: number;
  contactsUpdated: number;
  organisationsLinked: number;
  ratingsWritten: number;
  /** Customer e-mail domains that match no organisation (suggestions), with counts. */
  unknownDomains: Map<string, number>;
};

export type WriteContext = {
  runId: string;
  /** The server compresses long values with lz4 (much cheaper than the default pglz). */
  lz4: boolean;
  hours: BusinessHours;
  userIds: Map<string, string | null>;
};

export type ImportSummary = {
  runId: string;
  dryRun: boolean;
  records: { read: number; created: number; updated: number; unchanged: number; failed: number };
  threads: { written: number; removed: number };
  contacts: { created: number; updated: number };
  organisations: { linked: number; unknownDomains: { domain: string; tickets: number }[] };
  ratings: number;
  mapping: MappingResolver['stats'];
  errors: number;
  warnings: number;
  seconds: number;
  /** Messages not yet searchable: the search backlog job of `guichet serve` indexes them. */
  searchBacklog: number;
};

/** Zeroed counters of a run. */
export function emptyCounts(): BatchCounts {
  return {
    ticketsCreated: 0,
    ticketsUpdated: 0,
    messagesWritten: 0,
    messagesRemoved: 0,
    contactsCreated: 0,
    contactsUpdated: 0,
    organisationsLinked: 0,
    ratingsWritten: 0,
    unknownDomains: new Map(),
  };
}

/** Adds a batch's counters to the run's. */
export function addCounts(totals: BatchCounts, counts: BatchCounts): void {
  for (const key of Object.keys(counts) as (keyof BatchCounts)[]) {
    if (key === 'unknownDomains') continue;
    totals[key] += counts[key];
  }
  for (const [domain, n] of counts.unknownDomains) {
    totals.unknownDomains.set(domain, (totals.unknownDomains.get(domain) ?? 0) + n);
  }
}
