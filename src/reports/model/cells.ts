/** Table cell constructors for the report document (see activity-report-types.ts). */
import type { Cell } from '../../shared/reports/model/activity-report-types.ts';

export const textCell = (value: string): Cell => ({ kind: 'text', value });
export const countCell = (value: number): Cell => ({ kind: 'count', value });
/** A percentage already rounded to `decimals` places (45.1 means 45,1 %). */
export const percentCell = (value: number, decimals: number): Cell => ({
  kind: 'percent',
  value,
  decimals,
});
