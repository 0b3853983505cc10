/**
 * Knowledge-base categories as supervisors manage them: create, rename (title,
 * address, description), reorder, and delete once no article is filed in
 * them. Every change is audited and clears the public pages' read cache.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { KbCategoryInput } from '../../shared/portal-contracts.ts';
import { clearReadCache } from '../read-cache.ts';

const uniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** A category and how many articles are filed in it (src/presenters/kb-article.ts gives it to the API). */
export type KbCategoryAdmin = {
  id: string;
  slug: string;
  title: string;
  description: string;
  position: number;
  articles: number;
};

/** Every category in order, with how many articles are filed in it. */
export async function listCategoriesForEditor(db: Kysely<DB>): Promise<KbCategoryAdmin[]> {
  const rows = await db
    .selectFrom('kb_categories as c')
    .leftJoin('kb_articles as a', 'a.category_id', 'c.id')
    .select(['c.id', 'c.slug', 'c.title', 'c.description', 'c.position'])
    .select((eb) => eb.fn.count<number>('a.id').as('articles'))
    .groupBy('c.id')
    .orderBy('c.position')
    .orderBy('c.title')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    description: r.description,
    position: r.position,
    articles: Number(r.articles),
  }));
}

async function audit(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  id: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  clearReadCache(db);
  await recordAudit(db, {
    action,
    actorUserId: actor.userId,
    targetType: 'kb_category',
    targetId: id,
    ip: actor.ip,
    details,
  });
}

/** Creates a category, last in order. AppError('conflict') when the address is taken. */
export async function createCategory(
  db: Kysely<DB>,
  input: Required<KbCategoryInput>,
  actor: Actor,
): Promise<KbCategoryAdmin> {
  try {
    const row = await db
      .insertInto('kb_categories')
      .values({
        slug: input.slug,
        title: input.title,
        description: input.description,
        position: sql<number>`(select coalesce(max(position), -1) + 1 from kb_categories)`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await audit(db, actor, 'kb.category_created', row.id, { slug: row.slug });
    return { ...row, articles: 0 };
  } catch (error) {
    if (uniqueViolation(error))
      throw new AppError('conflict', 'A category already has this address.');
    throw error;
  }
}

/** Renames a category (title, address, description). not_found, or conflict on a taken address. */
export async function updateCategory(
  db: Kysely<DB>,
  id: string,
  input: Required<KbCategoryInput>,
  actor: Actor,
): Promise<KbCategoryAdmin> {
  try {
    const row = await db
      .updateTable('kb_categories')
      .set({ slug: input.slug, title: input.title, description: input.description })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such category.');
    await audit(db, actor, 'kb.category_updated', id, { slug: input.slug });
  } catch (error) {
    if (uniqueViolation(error))
      throw new AppError('conflict', 'A category already has this address.');
    throw error;
  }
  const updated = (await listCategoriesForEditor(db)).find((c) => c.id === id);
  if (!updated) throw new AppError('not_found', 'No such category.');
  return updated;
}

/**
 * Puts the categories in the order of `ids`, which must list every category
 * once: a list made from a stale page is refused (conflict) rather than
 * half-applied.
 */
export async function reorderCategories(
  db: Kysely<DB>,
  ids: string[],
  actor: Actor,
): Promise<KbCategoryAdmin[]> {
  if (new Set(ids).size !== ids.length)
    throw new AppError('invalid_input', 'Each category may appear only once.');
  await db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('kb_categories').select('id').forUpdate().execute();
    const known = new Set(existing.map((c) => c.id));
    if (existing.length !== ids.length || ids.some((id) => !known.has(id)))
      throw new AppError('conflict', 'The categories have changed: reload the page.');
    for (const [position, id] of ids.entries())
      await trx.updateTable('kb_categories').set({ position }).where('id', '=', id).execute();
    await audit(trx, actor, 'kb.categories_reordered', ids[0] ?? '', { ids });
  });
  clearReadCache(db);
  return listCategoriesForEditor(db);
}

/** Deletes an empty category. not_found, or conflict while articles are filed in it. */
export async function deleteCategory(db: Kysely<DB>, id: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const category = await trx
      .selectFrom('kb_categories')
      .select('slug')
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!category) throw new AppError('not_found', 'No such category.');
    const used = await trx
      .selectFrom('kb_articles')
      .select('id')
      .where('category_id', '=', id)
      .limit(1)
      .execute();
    if (used.length > 0)
      throw new AppError(
        'conflict',
        'Articles are filed in this category: move them to another one first.',
      );
    await trx.deleteFrom('kb_categories').where('id', '=', id).execute();
    await audit(trx, actor, 'kb.category_deleted', id, { slug: category.slug });
  });
  clearReadCache(db);
}
