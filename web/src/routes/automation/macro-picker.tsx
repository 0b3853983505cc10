/**
 * The macro picker (issue 19 §3): key m on a ticket (or the button) opens it; type to
 * find a macro, Enter applies it to the ticket (or the inbox's selection). The macro
 * runs on the server in one transaction per ticket; a refusal says why.
 */
import { Alert, Modal, Select, Stack, Text } from '@mantine/core';
import type { MacroApplyDto } from '@shared/automation-contracts.ts';
import { useMutation, useQuery } from '@tanstack/react-query';
import { automationApi } from './automation-api.ts';
import { useAutomationI18n } from './automation-i18n.ts';
import { macrosKey } from './macros-page.tsx';

export function MacroPicker(props: {
  opened: boolean;
  ticketIds: number[];
  /** The ticket's mailbox: only its macros and the shared ones are offered. */
  mailboxId: string | null;
  onClose: () => void;
  onApplied: (result: MacroApplyDto) => void;
}) {
  const m = useAutomationI18n();
  const list = useQuery({
    queryKey: macrosKey,
    queryFn: automationApi.macros,
    enabled: props.opened,
  });
  const apply = useMutation({
    mutationFn: (id: string) => automationApi.applyMacro(id, props.ticketIds),
    onSuccess: (result) => {
      props.onApplied(result);
      if (result.refused.length === 0) props.onClose();
    },
  });
  const macros = (list.data?.macros ?? []).filter(
    (macro) =>
      macro.mailboxId === null || props.mailboxId === null || macro.mailboxId === props.mailboxId,
  );
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={m.macroPicker} size="md">
      <Stack gap="xs">
        {list.isSuccess && macros.length === 0 ? (
          <Text size="sm">{m.macroNone}</Text>
        ) : (
          <Select
            data-autofocus
            label={m.macroSearch}
            searchable
            defaultDropdownOpened
            data={macros.map((macro) => ({ value: macro.id, label: macro.name }))}
            onChange={(id) => id && apply.mutate(id)}
            disabled={apply.isPending}
            comboboxProps={{ withinPortal: false }}
          />
        )}
        {apply.data && apply.data.refused.length > 0 && (
          <Alert color="red" role="alert">
            {m.macroRefused} {apply.data.refused.map((r) => r.reason).join(' ; ')}
          </Alert>
        )}
        {apply.isError && (
          <Alert color="red" role="alert">
            {apply.error.message}
          </Alert>
        )}
      </Stack>
    </Modal>
  );
}
