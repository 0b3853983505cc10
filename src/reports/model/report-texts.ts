/**
 * The report's editable texts (preambles, comments), per year and section,
 * stored in `report_texts`. A section without a stored text gets a neutral
 * default, written from the seed's structure.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';

/** Section keys that take a text: "1A" preambles, "3A" comments, … */
export const textKeySchema = z.string().regex(/^[1-9][A-Z]$/, 'a section id such as 1A or 3C');

export const reportTextSchema = z.object({
  section: textKeySchema,
  body: z
    .string()
    .max(20_000)
    .transform((s) => s.replace(/\r\n?/g, '\n').replace(/\0/g, '')),
});

/** The default preamble of a mailbox's part, by slug (seed 01-A and 02-A, without names or addresses). */
export function defaultPreamble(slug: string, name: string): string {
  if (slug === 'partenaires') {
    return [
      'L’accès au support Partenaires se fait par messagerie, un e-mail par sujet.',
      'Si le sujet est simple, la réponse est envoyée par e-mail, sinon l’utilisateur est contacté par téléphone pour explication, puis la réponse est reformulée par e-mail.',
      'Le traitement des demandes se fait dans l’outil d’assistance Guichet, qui produit ces statistiques.',
    ].join('\n\n');
  }
  if (slug === 'demandeurs') {
    return [
      'L’accès au support Demandeurs se fait via les sites internet de demande de logement : le demandeur y trouve les champs d’intervention du support, des réponses aux questions les plus fréquentes et un formulaire pour contacter le support.',
      'Le support reçoit le formulaire dans l’outil d’assistance et répond au demandeur par e-mail.',
    ].join('\n\n');
  }
  return `Activité du support ${name}.`;
}

/** Default texts by section id: one preamble per mailbox part ("1A", "2A"), empty comments for the review. */
export async function defaultReportTexts(db: Kysely<DB>): Promise<Record<string, string>> {
  const mailboxes = await db
    .selectFrom('mailboxes')
    .select(['slug', 'name'])
    .where('archived_at', 'is', null)
    .orderBy('position')
    .orderBy('slug')
    .execute();
  const defaults: Record<string, string> = {};
  mailboxes.forEach((m, i) => {
    defaults[`${i + 1}A`] = defaultPreamble(m.slug, m.name);
  });
  const review = mailboxes.length + 1;
  for (const letter of ['A', 'B', 'C']) defaults[`${review}${letter}`] = '';
  return defaults;
}

/** Stored texts of a year, by section id. */
export async function loadReportTexts(
  db: Kysely<DB>,
  year: number,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('report_texts')
    .select(['section', 'body'])
    .where('year', '=', year)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.section, r.body]));
}

/**
 * Saves one section's text for a year (an empty body removes it, so the
 * default comes back), with its audit event, in one transaction. Returns the
 * stored body.
 */
export async function saveReportText(
  db: Kysely<DB>,
  year: number,
  input: unknown,
  actor: Actor,
): Promise<string> {
  const parsed = reportTextSchema.safeParse(input);
  if (!parsed.success)
    throw new AppError(
      'invalid_input',
      'A text needs a section (e.g. 1A) and a body of at most 20,000 characters.',
    );
  if (!Number.isInteger(year) || year < 1990 || year > 2200)
    throw new AppError('invalid_input', 'Invalid year.');
  const { section, body } = parsed.data;
  return db.transaction().execute(async (trx) => {
    if (body.trim() === '') {
      await trx
        .deleteFrom('report_texts')
        .where('year', '=', year)
        .where('section', '=', section)
        .execute();
    } else {
      await trx
        .insertInto('report_texts')
        .values({ year, section, body, updated_by: actor.userId })
        .onConflict((oc) =>
          oc
            .columns(['year', 'section'])
            .doUpdateSet({ body, updated_by: actor.userId, updated_at: new Date() }),
        )
        .execute();
    }
    await recordAudit(trx, {
      action: 'report.text_saved',
      actorUserId: actor.userId,
      actorLabel: actor.label,
      targetType: 'report',
      targetId: `${year}/${section}`,
      ip: actor.ip ?? null,
    });
    return body.trim() === '' ? '' : body;
  });
}
