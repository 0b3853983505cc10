/**
 * Contracts of the help-centre API (issue 7), shared by the server and the
 * agent app: the knowledge-base editor, the per-département site settings,
 * the public natures and the deflection statistics.
 */
import { z } from 'zod';

const departementSchema = z.string().regex(/^[0-9]{2,3}[AB]?$/);

export const kbArticleInputSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'lowercase letters, digits and dashes'),
  title: z.string().trim().min(1).max(300),
  body: z.string().max(200_000),
  categoryId: z.uuid().nullable(),
  departement: departementSchema.nullable(),
  natureKeys: z.array(z.string().regex(/^[a-z][a-z0-9-]{0,62}$/)).max(30),
  position: z.number().int().min(0).max(10_000).default(0),
});
export type KbArticleInput = z.infer<typeof kbArticleInputSchema>;

export type KbArticleDto = {
  id: string;
  slug: string;
  categoryId: string | null;
  departement: string | null;
  natureKeys: string[];
  position: number;
  /** The working draft. */
  title: string;
  body: string;
  /** A starter text not reviewed by the team yet. */
  needsReview: boolean;
  published: { title: string; body: string; at: string; version: number } | null;
  updatedAt: string;
};

export type KbCategoryDto = { id: string; slug: string; title: string; position: number };

export type PortalNatureDto = { key: string; label: string; valueId: string | null };

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/);
const originSchema = z
  .string()
  .max(200)
  .regex(/^https?:\/\/[a-z0-9.-]+(:[0-9]{1,5})?$/, 'an origin like https://www.example.org');

export const portalSiteInputSchema = z.object({
  name: z.string().trim().min(1).max(200),
  colorPrimary: colorSchema,
  colorAccent: colorSchema,
  intro: z.string().max(5000),
  embedOrigins: z.array(originSchema).max(20),
  enabled: z.boolean(),
});
export type PortalSiteInput = z.infer<typeof portalSiteInputSchema>;

export type PortalSiteDto = PortalSiteInput & { departement: string; logoUrl: string | null };

export const deflectionQuerySchema = z.object({
  from: z.iso.date(),
  to: z.iso.date(),
  departement: departementSchema.optional(),
});

/** One line of the deflection table: a month, a département, a nature (null = none). */
export type DeflectionRow = {
  month: string;
  departement: string;
  natureKey: string | null;
  articleViews: number;
  searches: number;
  searchesWithoutResult: number;
  helpedYes: number;
  helpedNo: number;
  formStarts: number;
  formSubmissions: number;
};

export type DeflectionStatsDto = {
  rows: DeflectionRow[];
  totals: Omit<DeflectionRow, 'month' | 'departement' | 'natureKey'>;
  /** Most frequent searches that found nothing (normalised text, no personal data). */
  emptySearches: { query: string; count: number }[];
  natures: PortalNatureDto[];
};
