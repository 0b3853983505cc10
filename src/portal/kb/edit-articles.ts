/**
 * The knowledge base as supervisors edit it: every article with its working
 * draft and its published copy; saving touches the draft only; publishing
 * copies the draft to the public (rendered and sanitised once, here), keeps
 * the version, and clears "à relire"; unpublishing takes it off the site.
 * Every change is audited.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB, KbCategoriesTable } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { KbArticleInput } from '../../shared/portal-contracts.ts';
import { renderMarkdown } from '../markdown.ts';
import { clearReadCache } from '../read-cache.ts';

/** An article as the editor shows it (src/presenters/kb-article.ts gives it to the API). */
export type ArticleRow = Awaited<ReturnType<typeof selectArticles>>[number];

const selectArticles = (db: Kysely<DB>) =>
  db
    .selectFrom('kb_articles')
    .select([
      'id',
      'slug',
      'category_id',
      'departement',
      'nature_keys',
      'position',
      'draft_title',
      'draft_body',
      'needs_review',
      'published_title',
      'published_body',
      'published_at',
      'version',
      'updated_at',
    ])
    .orderBy('position')
    .orderBy('draft_title')
    .execute();

export function listArticles(db: Kysely<DB>): Promise<ArticleRow[]> {
  return selectArticles(db);
}

/** The knowledge base's categories, in order. */
export function listCategories(db: Kysely<DB>): Promise<Selectable<KbCategoriesTable>[]> {
  return db.selectFrom('kb_categories').selectAll().orderBy('position').execute();
}

async function articleById(db: Kysely<DB>, id: string): Promise<ArticleRow> {
  // Every change goes through here: the public pages read the new text at once on this instance.
  clearReadCache(db);
  const row = (await selectArticles(db)).find((r) => r.id === id);
  if (!row) throw new AppError('not_found', 'No such article.');
  return row;
}

const uniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Creates an unpublished article. AppError('conflict') when the slug is taken. */
export async function createArticle(
  db: Kysely<DB>,
  input: KbArticleInput,
  actor: Actor,
): Promise<ArticleRow> {
  try {
    const row = await db
      .insertInto('kb_articles')
      .values({
        slug: input.slug,
        category_id: input.categoryId,
        departement: input.departement,
        nature_keys: input.natureKeys,
        position: input.position,
        draft_title: input.title,
        draft_body: input.body,
        updated_by: actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(db, {
      action: 'kb.article_created',
      actorUserId: actor.userId,
      targetType: 'kb_article',
      targetId: row.id,
      ip: actor.ip,
      details: { slug: input.slug },
    });
    return articleById(db, row.id);
  } catch (error) {
    if (uniqueViolation(error))
      throw new AppError('conflict', 'An article already has this address.');
    throw error;
  }
}

/** Saves the draft (the published copy is untouched until `publishArticle`). */
export async function saveArticleDraft(
  db: Kysely<DB>,
  id: string,
  input: KbArticleInput,
  actor: Actor,
): Promise<ArticleRow> {
  try {
    const updated = await db
      .updateTable('kb_articles')
      .set({
        slug: input.slug,
        category_id: input.categoryId,
        departement: input.departement,
        nature_keys: input.natureKeys,
        position: input.position,
        draft_title: input.title,
        draft_body: input.body,
        updated_at: new Date(),
        updated_by: actor.userId,
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new AppError('not_found', 'No such article.');
  } catch (error) {
    if (uniqueViolation(error))
      throw new AppError('conflict', 'An article already has this address.');
    throw error;
  }
  await recordAudit(db, {
    action: 'kb.article_saved',
    actorUserId: actor.userId,
    targetType: 'kb_article',
    targetId: id,
    ip: actor.ip,
  });
  return articleById(db, id);
}

/** Publishes the current draft as a new version. */
export async function publishArticle(
  db: Kysely<DB>,
  id: string,
  actor: Actor,
): Promise<ArticleRow> {
  const now = new Date();
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('kb_articles')
      .select(['draft_title', 'draft_body', 'version'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new AppError('not_found', 'No such article.');
    const version = row.version + 1;
    await trx
      .updateTable('kb_articles')
      .set({
        published_title: row.draft_title,
        published_body: row.draft_body,
        published_html: renderMarkdown(row.draft_body),
        published_at: now,
        version,
        needs_review: false,
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    await trx
      .insertInto('kb_article_versions')
      .values({
        article_id: id,
        version,
        title: row.draft_title,
        body: row.draft_body,
        published_at: now,
        published_by: actor.userId,
      })
      .execute();
  });
  await recordAudit(db, {
    action: 'kb.article_published',
    actorUserId: actor.userId,
    targetType: 'kb_article',
    targetId: id,
    ip: actor.ip,
  });
  return articleById(db, id);
}

/** Takes the article off the public site (the draft and the versions stay). */
export async function unpublishArticle(
  db: Kysely<DB>,
  id: string,
  actor: Actor,
): Promise<ArticleRow> {
  const updated = await db
    .updateTable('kb_articles')
    .set({
      published_at: null,
      published_title: null,
      published_body: null,
      published_html: null,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  if (updated.numUpdatedRows === 0n) throw new AppError('not_found', 'No such article.');
  await recordAudit(db, {
    action: 'kb.article_unpublished',
    actorUserId: actor.userId,
    targetType: 'kb_article',
    targetId: id,
    ip: actor.ip,
  });
  return articleById(db, id);
}
