/**
 * Loads the help centre's default configuration when it has none yet: one
 * site per département of the Demandeurs mailbox, the public natures mapped to
 * the internal values, the categories and the starter articles (unpublished
 * drafts marked "à relire"). Never touches a help centre a supervisor set up.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { publicNatures } from './public-natures.ts';
import { starterArticles, starterCategories } from './starter-articles.ts';

export const departementNames: Record<string, string> = {
  '44': 'Loire-Atlantique',
  '35': 'Ille-et-Vilaine',
  '49': 'Maine-et-Loire',
  '56': 'Morbihan',
  '29': 'Finistère',
  '22': 'Côtes-d’Armor',
  '85': 'Vendée',
  '72': 'Sarthe',
  '53': 'Mayenne',
};

async function demandeursValues(db: Kysely<DB>, key: string) {
  return db
    .selectFrom('field_values')
    .innerJoin('fields', 'fields.id', 'field_values.field_id')
    .innerJoin('mailboxes', 'mailboxes.id', 'fields.mailbox_id')
    .select(['field_values.id', 'field_values.label'])
    .where('mailboxes.slug', '=', 'demandeurs')
    .where('fields.key', '=', key)
    .orderBy('field_values.position')
    .execute();
}

/** Returns whether it loaded anything (false when a help centre already exists). */
export async function applyDefaultHelpCentre(db: Kysely<DB>): Promise<boolean> {
  const existing = await db.selectFrom('portal_natures').select('key').limit(1).execute();
  if (existing.length > 0) return false;
  const [natureValues, departements] = await Promise.all([
    demandeursValues(db, 'nature'),
    demandeursValues(db, 'departement'),
  ]);
  const natureValueId = new Map(natureValues.map((v) => [v.label, v.id]));
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('portal_natures')
      .values(
        publicNatures.map((n, position) => ({
          key: n.key,
          label: n.label,
          hint: n.hint ?? '',
          value_id: natureValueId.get(n.internal) ?? null,
          position,
        })),
      )
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const sites = departements.filter((d) => /^[0-9]{2,3}[AB]?$/.test(d.label));
    if (sites.length > 0)
      await trx
        .insertInto('portal_sites')
        .values(
          sites.map((d) => ({
            departement: d.label,
            name: `Aide à la demande de logement social – ${departementNames[d.label] ?? d.label}`,
            embed_origins: [],
          })),
        )
        .onConflict((oc) => oc.column('departement').doNothing())
        .execute();
    const categories = await trx
      .insertInto('kb_categories')
      .values(starterCategories.map((c, position) => ({ ...c, position })))
      .onConflict((oc) => oc.column('slug').doNothing())
      .returning(['id', 'slug'])
      .execute();
    const categoryOf = new Map(categories.map((c) => [c.slug, c.id]));
    await trx
      .insertInto('kb_articles')
      .values(
        starterArticles.map((a, position) => ({
          slug: a.slug,
          category_id: categoryOf.get(a.category) ?? null,
          nature_keys: a.natures,
          position,
          draft_title: a.title,
          draft_body: a.body,
          needs_review: true,
        })),
      )
      .onConflict((oc) => oc.column('slug').doNothing())
      .execute();
  });
  return true;
}
