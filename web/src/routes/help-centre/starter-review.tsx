/**
 * The starter articles in one pass: a supervisor reads each text to review,
 * unticks those that do not fit and publishes the others at once; and, while
 * nothing is published, what the public help centre looks like and what to do.
 */
import { Alert, Button, Checkbox, Group, Modal, Paper, Stack, Text } from '@mantine/core';
import type { KbArticleDto } from '@shared/portal-contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { portalApi, portalKeys } from '../../api/portal.ts';
import { useHelpCentreI18n } from './help-centre-i18n.ts';

/** Publishes `articles` one after the other; stops at the first failure (named). */
async function publishAll(articles: KbArticleDto[]): Promise<number> {
  for (const article of articles) {
    try {
      await portalApi.publish(article.id);
    } catch {
      throw new Error(article.title);
    }
  }
  return articles.length;
}

export function StarterReview({ articles }: { articles: KbArticleDto[] }) {
  const { t, h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const toReview = articles.filter((a) => a.needsReview && !a.published);
  const nothingPublished = articles.every((a) => !a.published);
  const [opened, setOpened] = useState(false);
  const [unticked, setUnticked] = useState<Set<string>>(new Set());
  const ticked = toReview.filter((a) => !unticked.has(a.id));
  const publish = useMutation({
    mutationFn: () => publishAll(ticked),
    onSuccess: () => setOpened(false),
    onSettled: () => queryClient.invalidateQueries({ queryKey: portalKeys.knowledgeBase }),
  });
  if (toReview.length === 0 && !nothingPublished && !publish.isSuccess) return null;
  return (
    <Stack gap="sm">
      {nothingPublished && (
        <Alert color="blue" title={h.nothingPublishedTitle}>
          {h.nothingPublished}
        </Alert>
      )}
      {publish.isSuccess && (
        <Alert color="green" role="status">
          {h.reviewDone(publish.data)}
        </Alert>
      )}
      {toReview.length > 0 && (
        <Paper withBorder p="sm">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{h.reviewCount(toReview.length)}</Text>
            <Button onClick={() => setOpened(true)}>{h.reviewOpen}</Button>
          </Group>
        </Paper>
      )}
      <Modal
        opened={opened}
        onClose={() => setOpened(false)}
        title={h.reviewTitle}
        size="xl"
        closeButtonProps={{ 'aria-label': t.closeDialog }}
      >
        <Stack gap="sm">
          <Text size="sm">{h.reviewIntro}</Text>
          {toReview.map((article) => (
            <Paper key={article.id} withBorder p="xs">
              <Checkbox
                label={article.title}
                checked={!unticked.has(article.id)}
                onChange={(event) => {
                  const next = new Set(unticked);
                  if (event.currentTarget.checked) next.delete(article.id);
                  else next.add(article.id);
                  setUnticked(next);
                }}
              />
              <details>
                <summary>{h.reviewRead}</summary>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {article.body}
                </Text>
              </details>
            </Paper>
          ))}
          {publish.isError && (
            <Alert color="red" role="alert">
              {h.reviewFailed(publish.error.message)}
            </Alert>
          )}
          <Group>
            <Button
              onClick={() => publish.mutate()}
              loading={publish.isPending}
              disabled={ticked.length === 0}
            >
              {h.reviewPublish(ticked.length)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
