/**
 * Automation rules (issue 19 §4), for supervisors: the rules in their order (up/down),
 * on/off, the last problem a rule met, and the form to write one with its 30-day
 * preview. Loaded on demand.
 */
import {
  ActionIcon,
  Button,
  Group,
  Loader,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from '@mantine/core';
import type { RuleDto, RuleInput } from '@shared/automation-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { automationApi } from './automation-api.ts';
import { useAutomationI18n } from './automation-i18n.ts';
import { emptyRule, moved, triggerText } from './rule-form.ts';
import { RuleFormPanel } from './rule-form-panel.tsx';

const rulesKey = ['automation-rules'];

const inputOf = (r: RuleDto): RuleInput => ({
  name: r.name,
  enabled: r.enabled,
  trigger: r.trigger,
  conditions: r.conditions,
  actions: r.actions,
  stop: r.stop,
});

export function RulesPage() {
  const m = useAutomationI18n();
  const client = useQueryClient();
  const list = useQuery({ queryKey: rulesKey, queryFn: automationApi.rules });
  const [form, setForm] = useState<{ id: string | null; initial: RuleInput } | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: rulesKey });
  const toggle = useMutation({
    mutationFn: (r: RuleDto) => automationApi.switchRule(r.id, !r.enabled),
    onSettled: refresh,
  });
  const order = useMutation({ mutationFn: automationApi.orderRules, onSettled: refresh });
  const remove = useMutation({ mutationFn: automationApi.deleteRule, onSettled: refresh });

  if (list.isPending) return <Loader role="status" m="md" />;
  if (list.isError) return <ApiErrorAlert error={list.error} />;
  const { rules, options } = list.data;
  const move = (index: number, step: -1 | 1) =>
    order.mutate(moved(rules, index, step).map((r) => r.id));

  return (
    <Stack gap="sm" py="sm">
      <Title order={1} fz="h3">
        {m.rulesTitle}
      </Title>
      <Text size="sm" c="dimmed">
        {m.rulesIntro}
      </Text>
      {(toggle.isError || order.isError || remove.isError) && (
        <ApiErrorAlert error={toggle.error ?? order.error ?? remove.error} />
      )}
      {rules.length === 0 ? (
        <Text size="sm">{m.none}</Text>
      ) : (
        <Table striped withTableBorder fz="sm" aria-label={m.rulesTitle}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{m.columns.order}</Table.Th>
              <Table.Th>{m.columns.name}</Table.Th>
              <Table.Th>{m.columns.when}</Table.Th>
              <Table.Th>{m.columns.does}</Table.Th>
              <Table.Th>{m.columns.active}</Table.Th>
              <Table.Th>{m.columns.problem}</Table.Th>
              <Table.Th>{m.columns.actions}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rules.map((r, i) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Group gap={2} wrap="nowrap">
                    <Text size="sm" w={20}>
                      {i + 1}
                    </Text>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`${m.up} : ${r.name}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      size="sm"
                      aria-label={`${m.down} : ${r.name}`}
                      disabled={i === rules.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {r.name}
                  {r.stop && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      ■
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {triggerText(r.trigger, m, options)}
                  {r.conditions.length > 0 && (
                    <Text span size="xs" c="dimmed">
                      {` · ${r.conditions.map((c) => m.conditionKinds[c.kind]).join(', ')}`}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.actions.map((a) => m.actionKinds[a.kind]).join(' · ')}</Table.Td>
                <Table.Td>
                  <Switch
                    aria-label={`${m.enabled} : ${r.name}`}
                    checked={r.enabled}
                    onChange={() => toggle.mutate(r)}
                  />
                </Table.Td>
                <Table.Td>
                  {r.lastError && (
                    <Text size="xs" c="red.8">
                      {r.lastError}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => setForm({ id: r.id, initial: inputOf(r) })}
                    >
                      {m.edit}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => window.confirm(m.confirmRemove(r.name)) && remove.mutate(r.id)}
                    >
                      {m.remove}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {form ? (
        <RuleFormPanel
          key={form.id ?? 'new'}
          initial={form.initial}
          editing={form.id}
          options={options}
          m={m}
          onDone={() => {
            setForm(null);
            void refresh();
          }}
        />
      ) : (
        <Group>
          <Button onClick={() => setForm({ id: null, initial: emptyRule() })}>{m.newRule}</Button>
        </Group>
      )}
    </Stack>
  );
}
