/** An article's publication state in the help-centre editor's list. Pure. */

type ArticleVersions = {
  title: string;
  body: string;
  published: { title: string; body: string } | null;
};

export type ArticleStatus = 'draft' | 'changed' | 'published';

/**
 * Never published: a draft; published, with a working draft whose title or
 * body differs: changed; else published as it is.
 */
export function articleStatus(article: ArticleVersions): ArticleStatus {
  if (!article.published) return 'draft';
  const changed =
    article.published.title !== article.title || article.published.body !== article.body;
  return changed ? 'changed' : 'published';
}

/** The status badge's colour. */
export const articleStatusColors = {
  draft: 'gray',
  changed: 'orange',
  published: 'green',
} as const satisfies Record<ArticleStatus, string>;
