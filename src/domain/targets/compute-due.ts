/**
 * A ticket's due time under a target version (issue 18), from the facts its
 * events leave on it: when it was opened, its status, its first response (an
 * agent reply or a logged phone call, as in the report), its latest response
 * and its latest customer message. Pure.
 *
 * - first response: opened + the first-response duration, until the first response;
 * - next response: the customer's latest message + the next-response duration,
 *   when it came after the latest response (and a first response exists);
 * - resolution: opened + the resolution duration, until closed.
 *
 * The due time is the earliest pending one. A closed or spam ticket has none.
 */
import type { DueKind } from '../../shared/targets-contracts.ts';
import type { BusinessHours } from '../tickets/business-hours.ts';
import { addBusinessSeconds } from './business-deadline.ts';

export type DueFacts = {
  status: 'active' | 'pending' | 'closed' | 'spam';
  open: boolean;
  createdAt: Date;
  firstResponseAt: Date | null;
  lastResponseAt: Date | null;
  lastCustomerAt: Date | null;
};

export type DueTerms = {
  firstResponseSeconds: number | null;
  nextResponseSeconds: number | null;
  resolutionSeconds: number | null;
  businessHours: boolean;
  warnBeforeSeconds: number;
};

export type Due = {
  kind: DueKind;
  at: Date;
  warnAt: Date;
  firstResponse: Date | null;
  nextResponse: Date | null;
  resolution: Date | null;
};

export function computeDue(facts: DueFacts, terms: DueTerms, hours: BusinessHours): Due | null {
  if (!facts.open || facts.status === 'closed' || facts.status === 'spam') return null;
  const add = (from: Date, seconds: number | null): Date | null => {
    if (seconds === null) return null;
    return terms.businessHours
      ? addBusinessSeconds(from, seconds, hours)
      : new Date(from.getTime() + seconds * 1000);
  };
  const firstResponse =
    facts.firstResponseAt === null ? add(facts.createdAt, terms.firstResponseSeconds) : null;
  const waiting =
    facts.firstResponseAt !== null &&
    facts.lastCustomerAt !== null &&
    (facts.lastResponseAt === null || facts.lastCustomerAt > facts.lastResponseAt);
  const nextResponse =
    waiting && facts.lastCustomerAt ? add(facts.lastCustomerAt, terms.nextResponseSeconds) : null;
  const resolution = add(facts.createdAt, terms.resolutionSeconds);
  const candidates: [DueKind, Date | null][] = [
    ['first_response', firstResponse],
    ['next_response', nextResponse],
    ['resolution', resolution],
  ];
  let best: [DueKind, Date] | null = null;
  for (const [kind, at] of candidates)
    if (at && (!best || at.getTime() < best[1].getTime())) best = [kind, at];
  if (!best) return null;
  return {
    kind: best[0],
    at: best[1],
    warnAt: new Date(best[1].getTime() - terms.warnBeforeSeconds * 1000),
    firstResponse,
    nextResponse,
    resolution,
  };
}
