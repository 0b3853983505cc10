/**
 * The knowledge base as supervisors edit it: every article with its working
 * draft and its published copy; saving touches the draft only; publishing
 * copies the draft to the public (rendered and sanitised once, here), keeps
 * the version, and clears "à relire"; unpublishing takes it off the site.
 * Every change is audited.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Actor, recordAudit } from '../../domain/audit/record-audit.ts';
import { AppError } from '../../errors/app-error.ts';
import type { KbArticleDto, KbArticleInput, KbCategoryDto } from '../../shared/portal-contracts.ts';
import { renderMarkdown } from '../markdown.ts';
import { clearReadCache } from '../read-cache.ts';

type ArticleRow = Awaited<ReturnType<typeof selectArticles>>[number];

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

/** Article row → editor DTO. */
export function presentArticle(row: ArticleRow): KbArticleDto {
  return {
    id: row.id,
    slug: row.slug,
    categoryId: row.category_id,
    departement: row.departement,
    natureKeys: row.nature_keys,
    position: row.position,
    title: row.draft_title,
    body: row.draft_body,
    needsReview: row.needs_review,
    published:
      row.published_at === null
        ? null
        : {
            title: row.published_title ?? '',
            body: row.published_body ?? '',
            at: row.published_at.toISOString(),
            version: row.version,
          },
    updatedAt: row.updated_at.toISOString(),
  };
}

export async function listArticles(db: Kysely<DB>): Promise<KbArticleDto[]> {
  return (await selectArticles(db)).map(presentArticle);
}

export async function listCategories(db: Kysely<DB>): Promise<KbCategoryDto[]> {
  const rows = await db.selectFrom('kb_categories').selectAll().orderBy('position').execute();
  return rows.map((c) => ({ id: c.id, slug: c.slug, title: c.title, position: c.position }));
}

async function articleById(db: Kysely<DB>, id: string): Promise<KbArticleDto> {
  // Every change goes through here: the public pages read the new text at once on this instance.
  clearReadCache(db);
  const row = (await selectArticles(db)).find((r) => r.id === id);
  if (!row) throw new AppError('not_found', 'No such article.');
  return presentArticle(row);
}

const uniqueViolation = (error: unknown) => (error as { code?: string }).code === '23505';

/** Creates an unpublished article. AppError('conflict') when the slug is taken. */
export async function createArticle(
  db: Kysely<DB>,
  input: KbArticleInput,
  actor: Actor,
): Promise<KbArticleDto> {
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
): Promise<KbArticleDto> {
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
): Promise<KbArticleDto> {
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
): Promise<KbArticleDto> {
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
