/** The form of one rule: name, trigger, conditions, actions, "stop here", on/off, and its 30-day preview. */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type {
  RuleAction,
  RuleInput,
  RuleOptionsDto,
  RuleTrigger,
} from '@shared/automation-contracts.ts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { automationApi } from './automation-api.ts';
import type { AutomationMessages } from './automation-i18n.ts';
import { ActionRow, ConditionRow } from './rule-editors.tsx';
import { conditionKinds, newAction, newCondition, ruleActionKinds } from './rule-form.ts';

function triggerOf(type: RuleTrigger['type'], current: RuleTrigger): RuleTrigger {
  if (type === current.type) return current;
  switch (type) {
    case 'field_changed':
      return { type, fieldId: null };
    case 'waiting':
      return { type, hours: 4 };
    case 'pending':
      return { type, days: 7 };
    default:
      return { type };
  }
}

export function RuleFormPanel(props: {
  initial: RuleInput;
  editing: string | null;
  options: RuleOptionsDto;
  m: AutomationMessages;
  onDone: () => void;
}) {
  const { options, m } = props;
  const [rule, setRule] = useState<RuleInput>(props.initial);
  const save = useMutation({
    mutationFn: (input: RuleInput) =>
      props.editing
        ? automationApi.updateRule(props.editing, input)
        : automationApi.createRule(input).then(() => undefined),
    onSuccess: props.onDone,
  });
  const preview = useMutation({ mutationFn: automationApi.preview });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(rule);
  };
  const t = rule.trigger;
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} aria-label={m.editRule}>
      <Stack gap="xs">
        <Title order={2} fz="h4">
          {props.editing ? m.editRule : m.newRule}
        </Title>
        <TextInput
          label={m.name}
          required
          maxLength={200}
          value={rule.name}
          onChange={(e) => setRule({ ...rule, name: e.currentTarget.value })}
        />
        <Group gap="xs" align="flex-end">
          <Select
            label={m.trigger}
            w={420}
            data={Object.entries(m.triggers).map(([value, label]) => ({ value, label }))}
            value={t.type}
            onChange={(v) =>
              v && setRule({ ...rule, trigger: triggerOf(v as RuleTrigger['type'], t) })
            }
          />
          {t.type === 'field_changed' && (
            <Select
              aria-label={m.field}
              data={[
                { value: '', label: m.anyField },
                ...options.fields.map((f) => ({ value: f.id, label: f.label })),
              ]}
              value={t.fieldId ?? ''}
              onChange={(v) => setRule({ ...rule, trigger: { ...t, fieldId: v || null } })}
            />
          )}
          {t.type === 'waiting' && (
            <NumberInput
              label={m.hours}
              min={1}
              max={2160}
              w={120}
              value={t.hours}
              onChange={(v) => setRule({ ...rule, trigger: { ...t, hours: Number(v) || 1 } })}
            />
          )}
          {t.type === 'pending' && (
            <NumberInput
              label={m.days}
              min={1}
              max={365}
              w={120}
              value={t.days}
              onChange={(v) => setRule({ ...rule, trigger: { ...t, days: Number(v) || 1 } })}
            />
          )}
        </Group>
        <Text fw={600} size="sm">
          {m.conditions}
        </Text>
        {rule.conditions.length === 0 && (
          <Text size="sm" c="dimmed">
            {m.noCondition}
          </Text>
        )}
        {rule.conditions.map((c, i) => (
          <ConditionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            condition={c}
            options={options}
            m={m}
            kinds={conditionKinds}
            onChange={(next) =>
              setRule({ ...rule, conditions: rule.conditions.map((x, j) => (j === i ? next : x)) })
            }
            onRemove={() =>
              setRule({ ...rule, conditions: rule.conditions.filter((_, j) => j !== i) })
            }
          />
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              setRule({
                ...rule,
                conditions: [...rule.conditions, newCondition('senderDomain', options)],
              })
            }
          >
            {m.addCondition}
          </Button>
        </Group>
        <Text fw={600} size="sm">
          {m.actions}
        </Text>
        {rule.actions.map((a, i) => (
          <ActionRow
            // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
            key={i}
            action={a}
            options={options}
            m={m}
            kinds={ruleActionKinds}
            onChange={(next) =>
              setRule({
                ...rule,
                actions: rule.actions.map((x, j) => (j === i ? (next as RuleAction) : x)),
              })
            }
            onRemove={() => setRule({ ...rule, actions: rule.actions.filter((_, j) => j !== i) })}
          />
        ))}
        <Group>
          <Button
            variant="default"
            size="xs"
            onClick={() =>
              setRule({
                ...rule,
                actions: [...rule.actions, newAction('setField', options) as RuleAction],
              })
            }
          >
            {m.addAction}
          </Button>
        </Group>
        <Checkbox
          label={m.stop}
          checked={rule.stop}
          onChange={(e) => setRule({ ...rule, stop: e.currentTarget.checked })}
        />
        <Checkbox
          label={m.enabled}
          checked={rule.enabled}
          onChange={(e) => setRule({ ...rule, enabled: e.currentTarget.checked })}
        />
        {save.isError && <ApiErrorAlert error={save.error} />}
        {preview.isError && <ApiErrorAlert error={preview.error} />}
        {preview.data && (
          <Alert color="blue" role="status" aria-label={m.preview}>
            <Text size="sm">{m.previewResult(preview.data.matched, preview.data.examined)}</Text>
            {preview.data.truncated && <Text size="sm">{m.previewTruncated}</Text>}
            {preview.data.tickets.length > 0 && (
              <Table fz="sm" mt="xs">
                <Table.Tbody>
                  {preview.data.tickets.slice(0, 20).map((ticket) => (
                    <Table.Tr key={ticket.id}>
                      <Table.Td>
                        <a href={`/tickets/${ticket.number}`}>#{ticket.number}</a>
                      </Table.Td>
                      <Table.Td>{ticket.subject}</Table.Td>
                      <Table.Td>{new Date(ticket.at).toLocaleString('fr-FR')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Alert>
        )}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            {m.save}
          </Button>
          <Button
            variant="default"
            loading={preview.isPending}
            onClick={() => preview.mutate(rule)}
          >
            {m.preview}
          </Button>
          <Button variant="subtle" onClick={props.onDone}>
            {m.cancel}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
