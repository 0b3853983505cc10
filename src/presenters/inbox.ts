/**
 * The inbox's answers as the API gives them: a page of tickets
 * (`InboxPageDto`, its summaries written by PostgreSQL as ticket-summary.ts
 * declares them), the folder counts and what the filters offer.
 */

import type { FilterOptions } from '../domain/inbox/filter-options.ts';
import type { FolderCounts } from '../domain/inbox/folder-counts.ts';
import type { FilterOptionsDto, FolderCountsDto } from '../shared/workspace-contracts.ts';
import { summaryPreview } from './ticket-summary.ts';

/** What the inbox's page query reads, before it leaves the server. */
export type InboxPageRows = {
  /** Each ticket's summary without its preview, as JSON written by `ticketSummaryJson`. */
  summaries: string[];
  /** The newest customer message or reply of each, its first 300 characters. */
  previews: (string | null)[];
  nextCursor: string | null;
};

/**
 * The JSON text of an `InboxPageDto`: each summary as PostgreSQL wrote it, its
 * preview added as its last key; nothing is parsed.
 */
export function presentInboxPage(page: InboxPageRows): string {
  const tickets = page.summaries.map(
    (summary, i) =>
      `${summary.slice(0, -1)},"preview":${JSON.stringify(summaryPreview(page.previews[i] ?? null))}}`,
  );
  return `{"tickets":[${tickets.join(',')}],"nextCursor":${JSON.stringify(page.nextCursor)}}`;
}

export const presentFolderCounts = (counts: FolderCounts): FolderCountsDto => ({
  unassigned: counts.unassigned,
  mine: counts.mine,
  assigned: counts.assigned,
  pending: counts.pending,
});

/** What the inbox filters offer; a field is named with its mailbox. */
export function presentFilterOptions(options: FilterOptions): FilterOptionsDto {
  return {
    agents: options.agents.map((a) => ({ id: a.id, name: a.name })),
    tags: options.tags.map((t) => ({ id: t.id, name: t.name })),
    organisations: options.organisations.map((o) => ({ id: o.id, name: o.name })),
    fields: options.fields.map((f) => ({
      id: f.id,
      label: `${f.label} (${f.mailboxName})`,
      mailboxId: f.mailboxId,
      values: f.values.map((v) => ({ id: v.id, label: v.label })),
    })),
  };
}
