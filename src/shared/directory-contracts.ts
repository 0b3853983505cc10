/**
 * Contracts of the organisation directory and of the agent's own profile,
 * shared by server and web app (no Node or DOM imports).
 */
import { z } from 'zod';
import { languageSchema } from './contracts.ts';

/** Whether `text` holds a control character (tab, line break, NUL, DEL…). */
export const hasControlCharacter = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 32 || code === 127;
  });

const name = z
  .string()
  .trim()
  .min(1)
  .max(300)
  .refine((s) => !hasControlCharacter(s), 'must be one line of text');

/** An establishment's SIRET (14 digits; spaces allowed when typed), matched at single sign-on (issue 21 §4). */
export const siretSchema = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .pipe(z.string().regex(/^\d{14}$/, 'SIRET : 14 chiffres'))
  .nullable();

/** POST /api/organisations. Type and département are value ids from GET /api/organisations/options. */
export const organisationCreateSchema = z
  .object({
    name,
    partnerTypeValueId: z.uuid().nullable().default(null),
    departementValueId: z.uuid().nullable().default(null),
    domains: z.array(z.string().max(300)).max(50).default([]),
    siret: siretSchema.default(null),
  })
  .strict();
export type OrganisationCreateInput = z.infer<typeof organisationCreateSchema>;

/** PATCH /api/organisations/:id: the fields given replace the stored ones (domains as a whole). */
export const organisationUpdateSchema = z
  .object({
    name,
    partnerTypeValueId: z.uuid().nullable(),
    departementValueId: z.uuid().nullable(),
    domains: z.array(z.string().max(300)).max(50),
    siret: siretSchema,
  })
  .partial()
  .strict();
export type OrganisationUpdateInput = z.infer<typeof organisationUpdateSchema>;

/** GET /api/organisations?q=&page=&pageSize= */
export const organisationListQuerySchema = z.object({
  q: z.string().trim().max(200).default(''),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type OrganisationListQuery = z.infer<typeof organisationListQuerySchema>;

/** POST /api/organisations/:id/merge: this organisation goes into `into`, then disappears. */
export const organisationMergeSchema = z.object({ into: z.uuid() }).strict();

/** POST /api/organisations/import?dryRun=true|false, body: the CSV (text/csv). */
export const organisationImportQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('true'),
});

export type ValueRefDto = { id: string; label: string };

export type OrganisationDto = {
  id: string;
  name: string;
  partnerType: ValueRefDto | null;
  departement: ValueRefDto | null;
  domains: string[];
  contactCount: number;
  ticketCount: number;
  /** The establishment's SIRET (single sign-on finds the organisation of a person by it). */
  siret: string | null;
};

/** GET /api/organisations */
export type OrganisationListDto = {
  organisations: OrganisationDto[];
  total: number;
  page: number;
  pageSize: number;
};

/** GET /api/organisations/:id */
export type OrganisationDetailDto = OrganisationDto & {
  contacts: { id: string; name: string | null; email: string | null }[];
  tickets: { total: number; open: number; last30Days: number; last365Days: number };
};

/** GET /api/organisations/options: what type and département may be. */
export type DirectoryOptionsDto = { partnerTypes: ValueRefDto[]; departements: ValueRefDto[] };

/** The result of a directory import (or of its dry run: the same, nothing written). */
export type DirectoryImportDto = {
  dryRun: boolean;
  lines: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: { line: number; message: string }[];
};

/** The app's colour scheme and density, chosen by each user (issue 15 §5). */
export const colorSchemes = ['light', 'dark'] as const;
export const densities = ['comfortable', 'compact'] as const;
export type ColorSchemeName = (typeof colorSchemes)[number];
export type DensityName = (typeof densities)[number];

/** GET/PATCH /api/me/profile: the agent's own signature, language and display preferences. */
export const profileUpdateSchema = z
  .object({
    signature: z.string().max(5000).nullable(),
    language: languageSchema,
    colorScheme: z.enum(colorSchemes),
    density: z.enum(densities),
  })
  .partial()
  .strict();
export type ProfileUpdateInput = z.infer<typeof profileUpdateSchema>;

export type ProfileDto = {
  name: string;
  email: string;
  signature: string | null;
  language: z.infer<typeof languageSchema>;
  colorScheme: ColorSchemeName;
  density: DensityName;
};
