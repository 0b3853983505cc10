/**
 * The mapping file of `guichet import … --mapping FILE` (JSON, documented in
 * docs/import.md). Every name is compared accent-, case- and space-insensitively.
 *
 *   {
 *     "mailboxes": { "Support Partenaires": "partenaires", "20417": "demandeurs" },
 *     "fields": { "Module": "Module de l'application", "Ancien champ": null },
 *     "values": { "module": { "Demandes": "Demande" } },
 *     "csv": { "columns": { "id": "Ticket", "date": "Créé le", … }, "fields": { … } }
 *   }
 *
 * - `mailboxes`: origin mailbox name or id → Guichet mailbox slug or name;
 * - `fields`: origin custom field name → Guichet field label or key (null: ignore it);
 * - `values`: per Guichet field (label or key), origin option text → Guichet value label;
 * - `csv`: the columns of a CSV export (see `csvMappingSchema`).
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.ts';

const name = z.string().trim().min(1).max(300);

export const csvMappingSchema = z
  .object({
    /** Origin label stored with each ticket (`source`), e.g. "zendesk"; default "csv". */
    source: z
      .string()
      .regex(/^[a-z][a-z0-9_.-]{0,40}$/)
      .default('csv'),
    delimiter: z.string().length(1).default(','),
    /** The mailbox of every row, when no column gives it. */
    mailbox: name.optional(),
    columns: z
      .object({
        id: name.optional(),
        date: name,
        mailbox: name.optional(),
        subject: name.optional(),
        email: name.optional(),
        name: name.optional(),
        status: name.optional(),
        firstResponseAt: name.optional(),
        replies: name.optional(),
        rating: name.optional(),
        ratingComment: name.optional(),
      })
      .strict(),
    /** Guichet field (label or key) → column holding its value text. */
    fields: z.record(name, name).default({}),
    /** Rating text of the export → level; defaults understand great/okay/not_good and French labels. */
    ratings: z.record(name, z.enum(['great', 'okay', 'not_good'])).default({}),
  })
  .strict();

export const mappingFileSchema = z
  .object({
    mailboxes: z.record(name, name).default({}),
    fields: z.record(name, name.nullable()).default({}),
    values: z.record(name, z.record(name, name)).default({}),
    csv: csvMappingSchema.optional(),
  })
  .strict();

export type MappingFile = z.output<typeof mappingFileSchema>;
export type CsvMapping = z.output<typeof csvMappingSchema>;

export const emptyMapping: MappingFile = { mailboxes: {}, fields: {}, values: {} };

/** A short fingerprint of the mapping: a different mapping re-maps unchanged records. */
export const mappingHash = (mapping: MappingFile): string =>
  createHash('sha256').update(JSON.stringify(mapping)).digest('hex').slice(0, 16);

/** Reads and validates a mapping file; AppError invalid_input saying what is wrong. */
export async function loadMappingFile(file: string | undefined): Promise<MappingFile> {
  if (!file) return emptyMapping;
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new AppError('invalid_input', `Cannot read ${file}: ${reason}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new AppError('invalid_input', `${file} is not valid JSON: ${(error as Error).message}`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'invalid_input',
      `${file}: ${issue ? `${issue.path.join('.') || '(file)'}: ${issue.message}` : 'invalid mapping'}`,
    );
  }
  return parsed.data;
}
