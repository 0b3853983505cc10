/** Under an empty search result: what was left out, and the same search in the spam. */
import { Button, Group, Text } from '@mantine/core';
import { useI18n } from '../../i18n.ts';
import type { InboxFilters } from './inbox-params.ts';
import { excludesSpam, searchExclusionTexts, spamSearch } from './search-exclusions.ts';

export function SearchExclusions({
  filters,
  setFilters,
}: {
  filters: InboxFilters;
  setFilters: (next: InboxFilters) => void;
}) {
  const { language } = useI18n();
  const texts = searchExclusionTexts[language === 'en' ? 'en' : 'fr'];
  if (!excludesSpam(filters)) return null;
  return (
    <Group gap="sm" wrap="wrap">
      <Text size="sm">{texts.excluded}</Text>
      <Button size="xs" variant="default" onClick={() => setFilters(spamSearch(filters))}>
        {texts.includeSpam}
      </Button>
    </Group>
  );
}
