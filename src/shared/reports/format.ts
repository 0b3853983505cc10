/**
 * French number formatting and percentages computed from counts (SPEC §4):
 * rounded half up, `3 039` with a no-break space between thousands, `45,1 %`.
 */

const NBSP = '\u00a0';

/**
 * A percentage of `part` over `total`, rounded half up to `decimals` places,
 * with integer arithmetic so 0.5 boundaries are exact (e.g. 167/3654 → 4.6).
 * 0 when total is 0.
 */
export function percentOf(part: number, total: number, decimals: number): number {
  if (total <= 0) return 0;
  const scale = 10 ** decimals;
  // round half up of part * 100 * scale / total, in integers
  const scaled = Math.floor((2 * part * 100 * scale + total) / (2 * total));
  return scaled / scale;
}

/** An integer with French grouping: 3039 → "3 039" (no-break space). */
export function formatCount(value: number): string {
  const sign = value < 0 ? '-' : '';
  const digits = String(Math.abs(Math.trunc(value)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
}

/** A percentage already rounded: 45.1 → "45,1 %", with exactly `decimals` places. */
export function formatPercent(value: number, decimals: number): string {
  return `${value.toFixed(decimals).replace('.', ',')}${NBSP}%`;
}

/** A signed change for texts: +11 → "+ 11 %", -8 → "- 8 %". */
export function formatSignedPercent(value: number): string {
  return `${value < 0 ? '-' : '+'}${NBSP}${Math.abs(value)}${NBSP}%`;
}

/** A signed change in points: -6 → "-6 points", 1 → "+1 point". */
export function formatPoints(value: number): string {
  const unit = Math.abs(value) > 1 ? 'points' : 'point';
  return `${value < 0 ? '-' : '+'}${Math.abs(value)}${NBSP}${unit}`;
}

/** Percentage change from `before` to `after`, rounded half up to an integer (null when before is 0). */
export function percentChange(after: number, before: number): number | null {
  if (before <= 0) return null;
  const diff = after - before;
  const magnitude = percentOf(Math.abs(diff), before, 0);
  return diff < 0 ? -magnitude : magnitude;
}
