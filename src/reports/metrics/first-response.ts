/**
 * First response time (SPEC §4): from a ticket's creation to the first agent
 * reply or logged phone call, stored on the ticket when it happens
 * (src/domain/tickets/ticket-timings.ts). Shares are cumulative, over the
 * tickets of the period that got a response, strictly under 1 h, 2 h, 24 h.
 */
import { percentOf } from '../../shared/reports/format.ts';
import type { ResponseBuckets } from './ticket-aggregates.ts';

export const firstResponseDefinition = {
  term: 'Temps de première réponse',
  text:
    'Durée entre la création du ticket et la première réponse d’un agent (e-mail ou appel téléphonique enregistré). ' +
    "Les parts « en moins d'1 heure / 2 heures / 24 heures » sont cumulées, au sens strict (une réponse en 1 h exactement " +
    "n’est pas « en moins d'1 heure »), et calculées sur les tickets de la période qui ont reçu une réponse. " +
    'Temps calendaire par défaut ; en heures ouvrées, seules comptent les heures de bureau (heure de Paris, jours fériés exclus).',
};

export type ResponseShares = {
  responded: number;
  under1h: number;
  under2h: number;
  under24h: number;
};

/** The cumulative shares in percent, rounded half up to `decimals` places. */
export function responseShares(buckets: ResponseBuckets, decimals = 0): ResponseShares {
  const of = (n: number) => percentOf(n, buckets.responded, decimals);
  return {
    responded: buckets.responded,
    under1h: of(buckets.under1h),
    under2h: of(buckets.under2h),
    under24h: of(buckets.under24h),
  };
}
