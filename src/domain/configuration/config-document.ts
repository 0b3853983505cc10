/**
 * The configuration document of `guichet config export|import`: mailboxes with
 * their addresses, classification fields and ordered values, and settings.
 *
 * Values carry their id on export. On import a value is matched by id first
 * (so a value renamed on one instance is renamed, not duplicated, on the
 * other), then by label; values absent from the file are kept, because tickets
 * reference them.
 */
import { z } from 'zod';

const label = z.string().trim().min(1).max(300);

export const configValueSchema = z.object({
  id: z.uuid().optional(),
  label,
  position: z.number().int().min(0).optional(),
  archived: z.boolean().optional(),
  needsReview: z.boolean().optional(),
  /** Label (or id) of the value of the same field this one was merged into. */
  mergedInto: z.string().min(1).max(300).nullable().optional(),
});

export const configFieldSchema = z.object({
  key: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, 'lowercase letters, digits and _'),
  label: z.string().trim().min(1).max(200),
  position: z.number().int().min(0).optional(),
  requiredToClose: z.boolean().optional(),
  archived: z.boolean().optional(),
  values: z.array(configValueSchema).max(10_000),
});

export const configMailboxSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and -'),
  name: z.string().trim().min(1).max(200),
  position: z.number().int().min(0).optional(),
  archived: z.boolean().optional(),
  addresses: z
    .array(z.object({ address: z.email().max(320), primary: z.boolean().optional() }))
    .max(100),
  fields: z.array(configFieldSchema).max(100),
});

export const configDocumentSchema = z.object({
  format: z.literal('guichet-config'),
  version: z.literal(1),
  mailboxes: z.array(configMailboxSchema).max(100),
  settings: z.record(z.string().regex(/^[a-z][a-z0-9_.]{0,99}$/), z.unknown()).default({}),
});

export type ConfigDocument = z.input<typeof configDocumentSchema>;
export type ParsedConfigDocument = z.output<typeof configDocumentSchema>;
