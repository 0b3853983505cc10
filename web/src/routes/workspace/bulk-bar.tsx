/** The bar over the inbox list while tickets are selected: one action for all of them. */
import { Alert, Box, Button, Group, Select, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { MacroButton } from '../automation/macro-button.tsx';
import { MacroPicker } from '../automation/macro-picker.tsx';
import { bulkChoices, bulkRequest, refusedLines } from './bulk-actions.ts';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

export function BulkBar(props: {
  ids: number[];
  agents: { id: string; name: string }[];
  onDone: () => void;
}) {
  const t = useWorkspaceI18n();
  const queryClient = useQueryClient();
  const [action, setAction] = useState<string>('');
  const [refused, setRefused] = useState<string[]>([]);
  const [macros, setMacros] = useState(false);
  const bulk = useMutation({
    mutationFn: workspaceApi.bulk,
    onSuccess: (result) => {
      setRefused(refusedLines(result));
      void queryClient.invalidateQueries({ queryKey: ['inbox'] });
      void queryClient.invalidateQueries({ queryKey: ['counts'] });
      if (result.refused.length === 0) props.onDone();
    },
  });
  const run = () => {
    const input = bulkRequest(action, props.ids, () => window.prompt(t.bulkTag));
    if (input) bulk.mutate(input);
  };
  return (
    <Box
      role="region"
      aria-label={t.selected(props.ids.length)}
      p="xs"
      style={{ background: 'var(--mantine-color-default-hover)', borderRadius: 4 }}
    >
      <Group gap="xs" align="center">
        <Text fw={600} size="sm">
          {t.selected(props.ids.length)}
        </Text>
        <Select
          aria-label={t.bulkActionLabel}
          placeholder={t.bulkActionPlaceholder}
          size="xs"
          value={action}
          onChange={(value) => setAction(value ?? '')}
          data={bulkChoices(props.agents, {
            assign: t.bulkAssign,
            status: t.bulkStatus,
            nobody: t.nobody,
            tag: t.bulkTag,
            merge: t.bulkMerge,
            statuses: t.statuses,
          })}
          w={220}
        />
        <Button size="xs" onClick={run} disabled={!action} loading={bulk.isPending}>
          {t.apply}
        </Button>
        {/* issue 19 §3: a macro on the whole selection */}
        <MacroButton onOpen={() => setMacros(true)} />
      </Group>
      <MacroPicker
        opened={macros}
        ticketIds={props.ids}
        mailboxId={null}
        onClose={() => setMacros(false)}
        onApplied={(result) => {
          void queryClient.invalidateQueries({ queryKey: ['inbox'] });
          void queryClient.invalidateQueries({ queryKey: ['counts'] });
          if (result.refused.length === 0) props.onDone();
        }}
      />
      {refused.length > 0 && (
        <Alert color="orange" mt="xs" role="status" title={t.bulkRefused(refused.length)}>
          {refused.join(' ; ')}
        </Alert>
      )}
    </Box>
  );
}
