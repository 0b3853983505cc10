/**
 * What a search leaves out, said when it finds nothing: spam and deleted
 * tickets are not searched unless one looks in the spam folder. Pure.
 */
import type { InboxFilters } from './inbox-params.ts';

export const searchExclusionTexts = {
  fr: {
    excluded: 'Les tickets en indésirables et supprimés ne sont pas inclus.',
    includeSpam: 'Chercher dans les indésirables',
  },
  en: {
    excluded: 'Spam and deleted tickets are not included.',
    includeSpam: 'Search the spam',
  },
};

/** Whether an empty result should say what the search left out. */
export function excludesSpam(filters: InboxFilters): boolean {
  return Boolean(filters.q) && filters.folder !== 'spam' && filters.status !== 'spam';
}

/** The same search in the spam folder. */
export function spamSearch(filters: InboxFilters): InboxFilters {
  return { ...filters, folder: 'spam', status: undefined };
}
