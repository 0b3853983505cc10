/** An article's publication state in the help-centre editor's list. Pure. */

type ArticleVersions = {
  title: string;
  body: string;
  /** A starter text the team has not reviewed yet. */
  needsReview?: boolean;
  published: { title: string; body: string } | null;
};

export type ArticleStatus = 'review' | 'draft' | 'changed' | 'published';

/**
 * A starter text never published: to review; another text never published: a
 * draft; published, with a working draft whose title or body differs:
 * changed; else published as it is.
 */
export function articleStatus(article: ArticleVersions): ArticleStatus {
  if (!article.published) return article.needsReview ? 'review' : 'draft';
  const changed =
    article.published.title !== article.title || article.published.body !== article.body;
  return changed ? 'changed' : 'published';
}

/** The status badge's colour. */
export const articleStatusColors = {
  review: 'orange',
  draft: 'gray',
  changed: 'yellow',
  published: 'green',
} as const satisfies Record<ArticleStatus, string>;
