/**
 * Editing a section's text (1A/2A preambles, 3A–3C comments) for a year, in a
 * modal: PUT /api/reports/texts/:year/:section. An empty text brings the
 * default back.
 */
import { Alert, Button, Group, Loader, Modal, Stack, Textarea } from '@mantine/core';
import type { ReportSection } from '@shared/reports/model/activity-report-types.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { reportKeys, reportsApi } from '../../api/reports.ts';
import { useReportsI18n } from './reports-i18n.ts';

type TextEditorModalProps = {
  year: number;
  section: ReportSection | null;
  onClose: () => void;
};

export function TextEditorModal({ year, section, onClose }: TextEditorModalProps) {
  const { t, r } = useReportsI18n();
  const queryClient = useQueryClient();
  const texts = useQuery({
    queryKey: reportKeys.texts(year),
    queryFn: () => reportsApi.texts(year),
    enabled: section !== null,
  });
  const [body, setBody] = useState('');

  const sectionId = section?.id;
  // The stored text, else the default it replaces; comments (3A–3C) default to nothing.
  const initial =
    sectionId === undefined || texts.data === undefined
      ? undefined
      : (texts.data.texts[sectionId] ?? texts.data.defaults[sectionId] ?? '');
  useEffect(() => {
    // Reset on every opening (another section may share the same initial text).
    if (initial !== undefined && sectionId !== undefined) setBody(initial);
  }, [initial, sectionId]);

  const save = useMutation({
    mutationFn: (text: string) => reportsApi.saveText(year, sectionId ?? '', text),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      onClose();
    },
  });

  return (
    <Modal
      opened={section !== null}
      onClose={() => {
        save.reset();
        onClose();
      }}
      title={sectionId ? r.editTextTitle(sectionId) : ''}
      size="xl"
      closeButtonProps={{ 'aria-label': r.close }}
    >
      {texts.isPending && <Loader aria-label={t.loading} role="status" />}
      {texts.isError && (
        <Alert color="red" role="alert">
          {t.unexpectedError}
        </Alert>
      )}
      <form
        hidden={initial === undefined}
        onSubmit={(event) => {
          event.preventDefault();
          if (!save.isPending) save.mutate(body);
        }}
      >
        <Stack gap="md">
          {save.isError && (
            <Alert color="red" role="alert">
              {r.saveFailed}
            </Alert>
          )}
          <Textarea
            id="report-text-body"
            label={r.textLabel}
            value={body}
            onChange={(event) => setBody(event.currentTarget.value)}
            autosize
            minRows={8}
            maxRows={24}
            maxLength={20_000}
            data-autofocus
          />
          <Group justify="space-between" wrap="wrap">
            <Button
              variant="subtle"
              color="red.9"
              onClick={() => {
                if (!save.isPending) save.mutate('');
              }}
            >
              {r.restoreDefault}
            </Button>
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                {r.cancel}
              </Button>
              <Button type="submit" aria-busy={save.isPending}>
                {r.save}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
