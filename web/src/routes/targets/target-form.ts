/**
 * The response target form's state and what it sends (issue 18). Durations are
 * typed as people say them: "45" or "45 min", "1 h", "1 h 30", "2 j" (days of
 * 24 h), "1 j 4 h"; empty means no promise of that kind. Pure.
 */
import type { TargetTerms, TargetVersionDto } from '@shared/targets-contracts.ts';

export type TargetFormState = {
  mailboxId: string;
  /** `value:<id>`, `type:<id>` or '' (the whole mailbox). */
  narrowing: string;
  firstResponse: string;
  nextResponse: string;
  resolution: string;
  warnBefore: string;
  businessHours: boolean;
};

export const emptyTargetForm: TargetFormState = {
  mailboxId: '',
  narrowing: '',
  firstResponse: '1 h',
  nextResponse: '',
  resolution: '',
  warnBefore: '15 min',
  businessHours: true,
};

const unitMinutes: Record<string, number> = { j: 1440, d: 1440, h: 60, min: 1, m: 1 };

/** Minutes of a typed duration; null for empty; NaN when unreadable. */
export function parseDuration(text: string): number | null {
  const clean = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (clean === '') return null;
  if (/^\d{1,6}$/.test(clean)) return Number(clean);
  const parts = [...clean.matchAll(/(\d{1,6}) ?(j|d|h|min|m)?/g)];
  const squeezed = (t: string) => t.replace(/ /g, '');
  if (squeezed(parts.map((p) => p[0]).join('')) !== squeezed(clean)) return Number.NaN;
  let total = 0;
  parts.forEach((p, i) => {
    // "1 h 30": a bare number after hours is minutes
    const unit = p[2] ?? (i > 0 && parts[i - 1]?.[2] === 'h' ? 'min' : undefined);
    total += Number(p[1]) * (unit ? (unitMinutes[unit] ?? Number.NaN) : Number.NaN);
  });
  return total;
}

/** Minutes as the form writes them back: "1 h 30", "2 j", "45 min", '' for none. */
export function writeDuration(minutes: number | null): string {
  if (minutes === null) return '';
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  const parts = [days ? `${days} j` : '', hours ? `${hours} h` : '', rest ? `${rest} min` : ''];
  return parts.filter(Boolean).join(' ') || '0 min';
}

/** The terms the form asks for, or the name of the first unreadable field. */
export function termsOf(
  form: TargetFormState,
):
  | { terms: TargetTerms }
  | { invalid: 'firstResponse' | 'nextResponse' | 'resolution' | 'warnBefore' | 'none' } {
  const read = {
    firstResponse: parseDuration(form.firstResponse),
    nextResponse: parseDuration(form.nextResponse),
    resolution: parseDuration(form.resolution),
    warnBefore: parseDuration(form.warnBefore) ?? 0,
  };
  for (const key of ['firstResponse', 'nextResponse', 'resolution', 'warnBefore'] as const) {
    const value = read[key];
    if (value !== null && (Number.isNaN(value) || (key !== 'warnBefore' && value < 1)))
      return { invalid: key };
  }
  if (read.firstResponse === null && read.nextResponse === null && read.resolution === null)
    return { invalid: 'none' };
  return {
    terms: {
      firstResponseMinutes: read.firstResponse,
      nextResponseMinutes: read.nextResponse,
      resolutionMinutes: read.resolution,
      businessHours: form.businessHours,
      warnBeforeMinutes: read.warnBefore,
    },
  };
}

/** The form filled with a version's terms (to change a target). */
export function formOf(
  version: TargetVersionDto,
  scope: Pick<TargetFormState, 'mailboxId' | 'narrowing'>,
): TargetFormState {
  return {
    ...scope,
    firstResponse: writeDuration(version.firstResponseMinutes),
    nextResponse: writeDuration(version.nextResponseMinutes),
    resolution: writeDuration(version.resolutionMinutes),
    warnBefore: writeDuration(version.warnBeforeMinutes),
    businessHours: version.businessHours,
  };
}

/** The narrowing choice → the request's two ids. */
export function narrowingOf(narrowing: string): {
  fieldValueId: string | null;
  organisationTypeValueId: string | null;
} {
  if (narrowing.startsWith('value:'))
    return { fieldValueId: narrowing.slice(6), organisationTypeValueId: null };
  if (narrowing.startsWith('type:'))
    return { fieldValueId: null, organisationTypeValueId: narrowing.slice(5) };
  return { fieldValueId: null, organisationTypeValueId: null };
}
