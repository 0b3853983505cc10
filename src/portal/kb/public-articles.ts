/**
 * What the public reads: published articles of a département's help centre
 * (common articles, `departement` null, plus its own), by category, by nature
 * (step 2 of the contact form), and French full-text search with prefix
 * matching for suggestions. Drafts never leave through these functions.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { cachedRead } from '../read-cache.ts';

export type PublicArticle = {
  id: string;
  slug: string;
  title: string;
  html: string;
  body: string;
  categoryTitle: string | null;
  publishedAt: Date;
};

export type ArticleSummary = { id: string; slug: string; title: string; body: string };

const published = (db: Kysely<DB>, departement: string) =>
  db
    .selectFrom('kb_articles')
    .where('published_at', 'is not', null)
    .where((eb) => eb.or([eb('departement', 'is', null), eb('departement', '=', departement)]));

const summaryColumns = [
  'kb_articles.id',
  'kb_articles.slug',
  'kb_articles.published_title as title',
  'kb_articles.published_body as body',
] as const;

const toSummary = (r: { id: string; slug: string; title: string | null; body: string | null }) => ({
  id: r.id,
  slug: r.slug,
  title: r.title ?? '',
  body: r.body ?? '',
});

/** Categories with their published articles, in the editors' order (cached a few seconds). */
export function listPublishedByCategory(db: Kysely<DB>, departement: string) {
  return cachedRead(db, `home:${departement}`, () => loadPublishedByCategory(db, departement));
}

async function loadPublishedByCategory(db: Kysely<DB>, departement: string) {
  const [categories, articles] = await Promise.all([
    db.selectFrom('kb_categories').selectAll().orderBy('position').orderBy('title').execute(),
    published(db, departement)
      .select([...summaryColumns, 'kb_articles.category_id'])
      .orderBy('position')
      .orderBy('published_title')
      .execute(),
  ]);
  const groups = categories.map((c) => ({
    slug: c.slug,
    title: c.title,
    description: c.description,
    articles: articles.filter((a) => a.category_id === c.id).map(toSummary),
  }));
  const loose = articles.filter((a) => !categories.some((c) => c.id === a.category_id));
  if (loose.length > 0)
    groups.push({
      slug: 'autres',
      title: 'Autres questions',
      description: '',
      articles: loose.map(toSummary),
    });
  return groups.filter((g) => g.articles.length > 0);
}

/** One published article of the site, or undefined (cached a few seconds). */
export function findPublishedArticle(
  db: Kysely<DB>,
  departement: string,
  slug: string,
): Promise<PublicArticle | undefined> {
  return cachedRead(db, `article:${departement}:${slug}`, () =>
    loadPublishedArticle(db, departement, slug),
  );
}

async function loadPublishedArticle(
  db: Kysely<DB>,
  departement: string,
  slug: string,
): Promise<PublicArticle | undefined> {
  const row = await published(db, departement)
    .leftJoin('kb_categories', 'kb_categories.id', 'kb_articles.category_id')
    .select([
      ...summaryColumns,
      'kb_articles.published_html as html',
      'kb_articles.published_at',
      'kb_categories.title as categoryTitle',
    ])
    .where('kb_articles.slug', '=', slug)
    .executeTakeFirst();
  if (!row?.published_at) return undefined;
  return {
    ...toSummary(row),
    html: row.html ?? '',
    categoryTitle: row.categoryTitle,
    publishedAt: row.published_at,
  };
}

/** Published articles that answer a public nature (step 2 of the form). */
export async function articlesForNature(
  db: Kysely<DB>,
  departement: string,
  natureKey: string,
): Promise<ArticleSummary[]> {
  const rows = await published(db, departement)
    .select(summaryColumns)
    .where(sql<boolean>`nature_keys @> array[${natureKey}]::text[]`)
    .orderBy('position')
    .limit(5)
    .execute();
  return rows.map(toSummary);
}

/**
 * The words of a query as a prefix tsquery (`mot & pass:*`): letters and
 * digits only, so no input can break the tsquery syntax. Empty when nothing
 * searchable is left.
 */
export function prefixQuery(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return '';
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}

/** Published articles matching `text`, best first (title matches weigh more). */
export async function searchArticles(
  db: Kysely<DB>,
  departement: string,
  text: string,
  limit = 10,
): Promise<ArticleSummary[]> {
  const query = prefixQuery(text.slice(0, 200));
  if (query === '') return [];
  const tsquery = sql`to_tsquery('french', ${query})`;
  const rows = await published(db, departement)
    .select(summaryColumns)
    .where(sql<boolean>`search @@ ${tsquery}`)
    .orderBy(sql`ts_rank(search, ${tsquery})`, 'desc')
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toSummary);
}
