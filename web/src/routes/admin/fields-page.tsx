/**
 * Fields and values (issue 15 §1), at /fields?mailbox=…: for each field of a
 * mailbox, rename it, make it required before closing, and keep its values:
 * add, rename, move up or down, retire or restore, merge one into another.
 * Every change goes through the API's contracts; the server answers with the
 * whole list, which replaces the page's.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { FieldAdminDto, FieldAdminListDto } from '@shared/setup-contracts.ts';
import { fieldLabelSchema } from '@shared/setup-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError } from '../../api/client.ts';
import { setupApi } from '../../api/setup.ts';
import { fieldsPath } from '../../app-routes.ts';
import { FieldValueRow } from './field-value-row.tsx';
import { MailboxPicker } from './mailbox-picker.tsx';
import { type SetupMessages, useSetupI18n } from './setup-i18n.ts';
import { setupKey } from './use-setup.ts';

/** A failed change in words of the screen. */
export function fieldFailure(error: unknown, s: SetupMessages): string {
  if (isApiError(error) && error.status === 409) return s.valueExists;
  if (isApiError(error) && error.status === 400) return s.refused;
  return s.loadFailed;
}

/** Runs a change; its answer (the whole list) or a re-read refreshes the page. */
export function useFieldChange(mailboxId: string) {
  const queryClient = useQueryClient();
  const key = ['setup', 'fields', mailboxId];
  return useMutation({
    mutationFn: (action: () => Promise<unknown>) => action(),
    onSuccess: (result) => {
      const list = result as Partial<FieldAdminListDto> | undefined;
      if (list && Array.isArray(list.fields)) queryClient.setQueryData(key, list);
      else void queryClient.invalidateQueries({ queryKey: key });
      void queryClient.invalidateQueries({ queryKey: setupKey });
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
    },
  });
}

export function FieldsPage() {
  const { s } = useSetupI18n();
  return (
    <Stack gap="md">
      <Title order={1}>{s.fieldsTitle}</Title>
      <Text size="sm">{s.fieldsIntro}</Text>
      <Text size="sm">{s.yearsKept}</Text>
      <MailboxPicker path={fieldsPath}>
        {(mailboxId) => <MailboxFields key={mailboxId} mailboxId={mailboxId} />}
      </MailboxPicker>
    </Stack>
  );
}

function MailboxFields({ mailboxId }: { mailboxId: string }) {
  const { s } = useSetupI18n();
  const fields = useQuery({
    queryKey: ['setup', 'fields', mailboxId],
    queryFn: () => setupApi.fields(mailboxId),
  });
  if (fields.isPending) return <Loader aria-label="…" role="status" />;
  if (fields.isError)
    return (
      <Alert color="red" role="alert">
        {s.loadFailed}
      </Alert>
    );
  return (
    <Stack gap="md">
      {fields.data.fields.length === 0 && <Text size="sm">{s.noFields}</Text>}
      {fields.data.fields.map((field) => (
        <FieldSection key={field.id} mailboxId={mailboxId} field={field} />
      ))}
      <AddForm
        mailboxId={mailboxId}
        label={s.newField}
        submit={s.addField}
        send={(label) => setupApi.addField(mailboxId, label, false)}
      />
    </Stack>
  );
}

/** A one-line form that adds a value or a field. */
function AddForm(props: {
  mailboxId: string;
  label: string;
  submit: string;
  send: (label: string) => Promise<unknown>;
}) {
  const { s } = useSetupI18n();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const change = useFieldChange(props.mailboxId);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = fieldLabelSchema.safeParse({ label: draft });
    setInvalid(!parsed.success);
    if (!parsed.success || change.isPending) return;
    change.mutate(() => props.send(parsed.data.label), { onSuccess: () => setDraft('') });
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Group align="flex-end" gap="xs">
        <TextInput
          label={props.label}
          value={draft}
          error={invalid ? s.invalidValue(props.label) : undefined}
          onChange={(e) => setDraft(e.currentTarget.value)}
          w={300}
        />
        <Button type="submit" variant="default" aria-busy={change.isPending}>
          {props.submit}
        </Button>
      </Group>
      {change.isError && (
        <Alert color="red" role="alert" mt="xs">
          {fieldFailure(change.error, s)}
        </Alert>
      )}
    </form>
  );
}

function FieldSection({ mailboxId, field }: { mailboxId: string; field: FieldAdminDto }) {
  const { s } = useSetupI18n();
  const change = useFieldChange(mailboxId);
  const [name, setName] = useState(field.label);
  const headingId = `field-${field.id}`;
  const order = field.values.map((v) => v.id);
  const labels = new Map(field.values.map((v) => [v.id, v.label]));
  const move = (index: number, by: -1 | 1) => {
    const next = [...order];
    const [moved] = next.splice(index, 1);
    if (moved === undefined) return;
    next.splice(index + by, 0, moved);
    change.mutate(() => setupApi.reorderValues(field.id, next));
  };
  const onRename = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = fieldLabelSchema.safeParse({ label: name });
    if (parsed.success && parsed.data.label !== field.label)
      change.mutate(() => setupApi.renameField(field.id, parsed.data.label));
  };
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={2} size="h4" id={headingId}>
          {field.label}
        </Title>
        <Group align="flex-end" gap="md" wrap="wrap">
          <form onSubmit={onRename} noValidate>
            <Group align="flex-end" gap="xs">
              <TextInput
                label={s.fieldLabel}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                w={260}
              />
              <Button type="submit" variant="default" size="sm">
                {s.renameField}
              </Button>
            </Group>
          </form>
          <Checkbox
            label={s.requiredToClose}
            checked={field.requiredToClose}
            onChange={(e) => {
              const required = e.currentTarget.checked;
              change.mutate(() => setupApi.setRequired(field.id, required));
            }}
          />
        </Group>
        {change.isError && (
          <Alert color="red" role="alert">
            {fieldFailure(change.error, s)}
          </Alert>
        )}
        <Table verticalSpacing={2} aria-labelledby={headingId}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{s.valueColumns.label}</Table.Th>
              <Table.Th>{s.valueColumns.tickets}</Table.Th>
              <Table.Th>{s.valueColumns.state}</Table.Th>
              <Table.Th>{s.valueColumns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {field.values.map((value, index) => (
              <FieldValueRow
                key={value.id}
                value={value}
                first={index === 0}
                last={index === field.values.length - 1}
                mergedIntoLabel={value.mergedInto ? (labels.get(value.mergedInto) ?? '') : null}
                targets={field.values.filter((v) => v.id !== value.id && !v.retired)}
                onMove={(by) => move(index, by)}
                run={(action) => change.mutate(action)}
              />
            ))}
          </Table.Tbody>
        </Table>
        <AddForm
          mailboxId={mailboxId}
          label={s.newValue}
          submit={s.addValue}
          send={(label) => setupApi.addValue(field.id, label)}
        />
      </Stack>
    </Paper>
  );
}
