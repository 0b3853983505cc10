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

export type PortalNatureDto = {
  key: string;
  label: string;
  /** Shown under the label at step 1 ('' = none). */
  hint: string;
  valueId: string | null;
};

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

/** Knowledge-base categories as the editor manages them. */
export const kbCategoryInputSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lowercase letters, digits and dashes'),
  title: z.string().trim().min(1).max(200),
  description: z.string().trim().max(2000).default(''),
});
export type KbCategoryInput = z.input<typeof kbCategoryInputSchema>;

export type KbCategoryAdminDto = KbCategoryDto & {
  description: string;
  /** Articles filed in it: a category is deleted only when this is 0. */
  articles: number;
};

/** A new order: every category id, once each, first to last. */
export const kbCategoryOrderSchema = z.object({ ids: z.array(z.uuid()).min(1).max(1000) });

const natureKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, starting with a letter');

/** A public nature of step 1: the words the applicant reads and the internal value it files under. */
export const portalNatureInputSchema = z.object({
  label: z.string().trim().min(1).max(300),
  hint: z.string().trim().max(1000).default(''),
  /** A value of the Demandeurs "Nature du problème" field; null = filed without a nature. */
  valueId: z.uuid().nullable(),
  enabled: z.boolean(),
});
export type PortalNatureInput = z.input<typeof portalNatureInputSchema>;

export const portalNatureCreateSchema = portalNatureInputSchema.extend({ key: natureKeySchema });
export type PortalNatureCreate = z.input<typeof portalNatureCreateSchema>;

/** A new order: every nature key, once each, first to last. */
export const portalNatureOrderSchema = z.object({
  keys: z.array(natureKeySchema).min(1).max(1000),
});

export type PortalNatureAdminDto = {
  key: string;
  label: string;
  hint: string;
  valueId: string | null;
  position: number;
  /** Shown at step 1 (disabled ones are kept for the statistics of past forms). */
  enabled: boolean;
};

/** A value of the Demandeurs nature field a public nature can file under. */
export type NatureValueOptionDto = { id: string; label: string; archived: boolean };

export type PortalNaturesDto = {
  natures: PortalNatureAdminDto[];
  values: NatureValueOptionDto[];
};
