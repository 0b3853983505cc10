/**
 * The breakdown tables of the seed's 2020 report as [label, count] entries for
 * the renderer tests, taken from the one copy in test/fixtures/seed-tables.ts.
 * Percentages are not copied: SPEC §4 has them computed from the counts.
 */
import { type SeedRow, seedTables } from '../../../test/fixtures/seed-tables.ts';

export type Entry = [label: string, count: number];

const entries = (rows: readonly SeedRow[]): Entry[] => rows.map(([label, count]) => [label, count]);

export const SEED_1C = entries(seedTables.partnerDepartements);
export const SEED_1D = entries(seedTables.partnerNatures);
export const SEED_1E = entries(seedTables.modules);
export const SEED_1F = entries(seedTables.partnerTypes);
export const SEED_2C = entries(seedTables.applicantDepartements);
export const SEED_2D = entries(seedTables.applicantNatures);
