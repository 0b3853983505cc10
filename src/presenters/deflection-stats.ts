/** The help centre's deflection figures (portal/stats/portal-events.ts) → API JSON. */
import type {
  DeflectionRow,
  DeflectionStatsDto,
  PortalNatureDto,
} from '../shared/portal-contracts.ts';

/** The counted rows of a period, with the period's totals, the searches that found nothing and the natures. */
export function presentDeflectionStats(read: {
  rows: DeflectionRow[];
  emptySearches: { query: string | null; count: number }[];
  natures: PortalNatureDto[];
}): DeflectionStatsDto {
  const totals: DeflectionStatsDto['totals'] = {
    articleViews: 0,
    searches: 0,
    searchesWithoutResult: 0,
    helpedYes: 0,
    helpedNo: 0,
    formStarts: 0,
    formSubmissions: 0,
  };
  for (const row of read.rows)
    for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += row[key];
  return {
    rows: read.rows,
    totals,
    emptySearches: read.emptySearches.map((e) => ({ query: e.query ?? '', count: e.count })),
    natures: read.natures,
  };
}
