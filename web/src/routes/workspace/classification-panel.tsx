/**
 * The classification panel of the ticket view: one searchable select per field
 * of the mailbox (auto-filled values marked), "required before closing" for
 * supervisors, and the `f` shortcut's target.
 */
import { Box, Paper, Select, Stack, Switch, Title } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import type { TicketViewDto } from '@shared/workspace-contracts.ts';
import { useMutation } from '@tanstack/react-query';
import { type Ref, useRef } from 'react';
import { ChangeError } from './stale-change-notice.tsx';
import { workspaceApi } from './workspace-api.ts';
import { useWorkspaceI18n } from './workspace-i18n.ts';

/** The `f` shortcut: the first field left "Non renseigné", else the first field. */
export function focusFirstToClassify(panel: HTMLElement | null) {
  const inputs = [...(panel?.querySelectorAll<HTMLInputElement>('input[data-field]') ?? [])];
  (inputs.find((input) => input.dataset.filled !== 'true') ?? inputs[0])?.focus();
}

export function Classification({
  ref,
  view,
  session,
  onSaved,
}: {
  ref: Ref<HTMLElement>;
  view: TicketViewDto;
  session: SessionDto;
  onSaved: () => void;
}) {
  const t = useWorkspaceI18n();
  const supervisor = session.user.role === 'supervisor' || session.user.role === 'admin';
  const dropdownOpen = useRef(false);
  const classify = useMutation({
    mutationFn: (values: Record<string, string | null>) =>
      workspaceApi.classify(view.ticket.id, values, view.version),
    onSettled: onSaved,
  });
  const requireField = useMutation({
    mutationFn: ({ id, required }: { id: string; required: boolean }) =>
      workspaceApi.requireField(id, required),
    onSettled: onSaved,
  });
  return (
    <Paper ref={ref} withBorder p="xs" component="section" aria-labelledby="classification-heading">
      <Title order={2} fz="md" id="classification-heading" mb={4}>
        {t.classification}
      </Title>
      {classify.isError && <ChangeError error={classify.error} />}
      <Stack gap={6}>
        {view.fields.map((field) => (
          <Box key={field.id}>
            <Select
              label={field.label + (field.requiredToClose ? ` (${t.requiredToClose})` : '')}
              data={[
                { value: '', label: t.notFilled },
                ...field.values.map((v) => ({ value: v.id, label: v.label })),
              ]}
              value={field.value?.id ?? ''}
              onChange={(value) => classify.mutate({ [field.id]: value || null })}
              searchable
              // typing a value highlights the first match, so Enter saves it (f, "35", Enter)
              selectFirstOptionOnChange
              nothingFoundMessage={t.noResult}
              description={field.value?.autoFilled ? `✓ ${t.autoFilled}` : undefined}
              data-auto-filled={field.value?.autoFilled ? 'true' : undefined}
              // typing replaces the shown value to search another, instead of adding to it
              onFocus={(event) => event.currentTarget.select()}
              onDropdownOpen={() => {
                dropdownOpen.current = true;
              }}
              onDropdownClose={() => {
                dropdownOpen.current = false;
              }}
              // Escape closes the list, then leaves the field: the shortcuts work again
              onKeyDown={(event) => {
                if (event.key === 'Escape' && !dropdownOpen.current) event.currentTarget.blur();
              }}
              data-field={field.id}
              data-filled={field.value ? 'true' : 'false'}
            />
            {supervisor && (
              <Switch
                size="xs"
                mt={4}
                label={t.makeRequired}
                checked={field.requiredToClose}
                onChange={(e) =>
                  requireField.mutate({ id: field.id, required: e.currentTarget.checked })
                }
              />
            )}
          </Box>
        ))}
      </Stack>
    </Paper>
  );
}
