/** The knowledge base as supervisors edit it → API JSON (times as ISO 8601 texts). */
import type { Selectable } from 'kysely';
import type { KbArticlesTable, KbCategoriesTable } from '../db/schema.ts';
import type {
  KbArticleDto,
  KbCategoryAdminDto,
  KbCategoryDto,
} from '../shared/portal-contracts.ts';

type ArticleRow = Pick<
  Selectable<KbArticlesTable>,
  | 'id'
  | 'slug'
  | 'category_id'
  | 'departement'
  | 'nature_keys'
  | 'position'
  | 'draft_title'
  | 'draft_body'
  | 'needs_review'
  | 'published_title'
  | 'published_body'
  | 'published_at'
  | 'version'
  | 'updated_at'
>;

/** An article with its working draft, and its published copy when it has one. */
export function presentKbArticle(row: ArticleRow): KbArticleDto {
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

export const presentKbCategory = (c: Selectable<KbCategoriesTable>): KbCategoryDto => ({
  id: c.id,
  slug: c.slug,
  title: c.title,
  position: c.position,
});

/** A category as supervisors manage it: deleted only when no article is filed in it. */
export const presentKbCategoryAdmin = (c: {
  id: string;
  slug: string;
  title: string;
  description: string;
  position: number;
  articles: number;
}): KbCategoryAdminDto => ({
  id: c.id,
  slug: c.slug,
  title: c.title,
  description: c.description,
  position: c.position,
  articles: c.articles,
});
