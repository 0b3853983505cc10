/**
 * Macros (issue 19 §3): the macros an agent may apply — shared ones (written by
 * supervisors) and their own personal ones — and the form to write one. Loaded on demand.
 */
import {
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type {
  MacroAction,
  MacroDto,
  MacroInput,
  RuleOptionsDto,
} from '@shared/automation-contracts.ts';
import type { SessionDto } from '@shared/contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { automationApi } from './automation-api.ts';
import { type AutomationMessages, useAutomationI18n } from './automation-i18n.ts';
import { ActionRow } from './rule-editors.tsx';
import { macroActionKinds, newAction } from './rule-form.ts';

export const macrosKey = ['macros'];

const emptyMacro = (personal: boolean): MacroInput => ({
  name: '',
  mailboxId: null,
  personal,
  actions: [{ kind: 'status', status: 'closed' }],
});

function MacroForm(props: {
  initial: MacroInput;
  editing: string | null;
  supervisor: boolean;
  options: RuleOptionsDto;
  m: AutomationMessages;
  onDone: () => void;
}) {
  const { m, options } = props;
  const [macro, setMacro] = useState<MacroInput>(props.initial);
  const save = useMutation({
    mutationFn: (input: MacroInput) =>
      props.editing
        ? automationApi.updateMacro(props.editing, input)
        : automationApi.createMacro(input).then(() => undefined),
    onSuccess: props.onDone,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(macro);
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={m.editMacro}>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {props.editing ? m.editMacro : m.newMacro}
        </Title>
        <Group grow>
          <TextInput
            label={m.name}
            required
            maxLength={200}
            value={macro.name}
            onChange={(e) => setMacro({ ...macro, name: e.currentTarget.value })}
          />
          <Select
            label={m.mailbox}
            data={[
              { value: '', label: m.allMailboxes },
              ...options.mailboxes.map((b) => ({ value: b.id, label: b.name })),
            ]}
            value={macro.mailboxId ?? ''}
            onChange={(v) => setMacro({ ...macro, mailboxId: v || null })}
          />
        </Group>
        <Text fw={600} size="sm">
          {m.actions}
        </Text>
        {macro.actions.map((a, i) => (
          <ActionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            action={a}
            options={options}
            m={m}
            kinds={macroActionKinds}
            onChange={(next) =>
              setMacro({
                ...macro,
                actions: macro.actions.map((x, j) => (j === i ? (next as MacroAction) : x)),
              })
            }
            onRemove={() =>
              setMacro({ ...macro, actions: macro.actions.filter((_, j) => j !== i) })
            }
          />
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              setMacro({
                ...macro,
                actions: [...macro.actions, newAction('reply', options) as MacroAction],
              })
            }
          >
            {m.addAction}
          </Button>
        </Group>
        {props.supervisor && (
          <Checkbox
            label={m.personal}
            checked={macro.personal}
            onChange={(e) => setMacro({ ...macro, personal: e.currentTarget.checked })}
          />
        )}
        {save.isError && <ApiErrorAlert error={save.error} />}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            {m.save}
          </Button>
          <Button variant="subtle" onClick={props.onDone}>
            {m.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

const inputOf = (macro: MacroDto): MacroInput => ({
  name: macro.name,
  mailboxId: macro.mailboxId,
  personal: macro.personal,
  actions: macro.actions,
});

export function MacrosPage({ session }: { session: SessionDto }) {
  const m = useAutomationI18n();
  const client = useQueryClient();
  const supervisor = session.user.role === 'supervisor' || session.user.role === 'admin';
  const list = useQuery({ queryKey: macrosKey, queryFn: automationApi.macros });
  const [form, setForm] = useState<{ id: string | null; initial: MacroInput } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: macrosKey });
  const remove = useMutation({ mutationFn: automationApi.deleteMacro, onSettled: refresh });
  if (list.isPending) return <Loader role="status" m="md" />;
  if (list.isError) return <ApiErrorAlert error={list.error} />;
  const { macros, options } = list.data;
  const mailboxName = (id: string | null) =>
    id ? (options.mailboxes.find((b) => b.id === id)?.name ?? '') : m.allMailboxes;
  return (
    <Stack gap="sm" py="sm">
      <Title order={1} fz="h3">
        {m.macrosTitle}
      </Title>
      <Text size="sm" c="dimmed">
        {m.macrosIntro}
      </Text>
      {remove.isError && <ApiErrorAlert error={remove.error} />}
      {macros.length === 0 ? (
        <Text size="sm">{m.noMacros}</Text>
      ) : (
        <Table striped withTableBorder fz="sm" aria-label={m.macrosTitle}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.columns.name}</Table.Th>
              <Table.Th>{m.columns.scope}</Table.Th>
              <Table.Th>{m.columns.does}</Table.Th>
              <Table.Th>{m.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {macros.map((macro) => (
              <Table.Tr key={macro.id}>
                <Table.Td>{macro.name}</Table.Td>
                <Table.Td>
                  {mailboxName(macro.mailboxId)}
                  {macro.personal ? ` · ${m.personal.split(' (')[0]}` : ''}
                </Table.Td>
                <Table.Td>{macro.actions.map((a) => m.actionKinds[a.kind]).join(', ')}</Table.Td>
                <Table.Td>
                  {(macro.mine || (supervisor && !macro.personal)) && (
                    <Group gap="xs" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setForm({ id: macro.id, initial: inputOf(macro) })}
                      >
                        {m.edit}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() =>
                          window.confirm(m.confirmRemove(macro.name)) && remove.mutate(macro.id)
                        }
                      >
                        {m.remove}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {form ? (
        <MacroForm
          key={form.id ?? 'new'}
          initial={form.initial}
          editing={form.id}
          supervisor={supervisor}
          options={options}
          m={m}
          onDone={() => {
            setForm(null);
            void refresh();
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setForm({ id: null, initial: emptyMacro(!supervisor) })}>
            {m.newMacro}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
