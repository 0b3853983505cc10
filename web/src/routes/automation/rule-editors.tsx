/** The rows of the rule and macro forms: one condition, one action, each editable in place. */
import {
  ActionIcon,
  Checkbox,
  Group,
  MultiSelect,
  Paper,
  Select,
  TagsInput,
  Text,
  TextInput,
} from '@mantine/core';
import type { RuleCondition, RuleOptionsDto } from '@shared/automation-contracts.ts';
import type { AutomationMessages } from './automation-i18n.ts';
import { type AnyAction, type AnyActionKind, newAction, newCondition } from './rule-form.ts';

type Option = { value: string; label: string };

const entries = <K extends string>(labels: Record<K, string>): Option[] =>
  Object.entries<string>(labels).map(([value, label]) => ({ value, label }));

function valuesOf(options: RuleOptionsDto, fieldId: string): Option[] {
  return (
    options.fields
      .find((f) => f.id === fieldId)
      ?.values.map((v) => ({ value: v.id, label: v.label })) ?? []
  );
}

function fieldChoices(options: RuleOptionsDto): Option[] {
  const mailboxName = (id: string) => options.mailboxes.find((m) => m.id === id)?.name ?? '';
  return options.fields.map((f) => ({
    value: f.id,
    label: `${f.label} (${mailboxName(f.mailboxId)})`,
  }));
}

export function ConditionRow(props: {
  condition: RuleCondition;
  options: RuleOptionsDto;
  m: AutomationMessages;
  kinds: RuleCondition['kind'][];
  onChange: (c: RuleCondition) => void;
  onRemove: () => void;
}) {
  const { condition: c, options, m, onChange } = props;
  const editor = (() => {
    switch (c.kind) {
      case 'mailbox':
        return (
          <MultiSelect
            aria-label={m.conditionKinds.mailbox}
            data={options.mailboxes.map((b) => ({ value: b.id, label: b.name }))}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v })}
          />
        );
      case 'channel':
        return (
          <MultiSelect
            aria-label={m.conditionKinds.channel}
            data={entries(m.channels)}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v as typeof c.in })}
          />
        );
      case 'status':
        return (
          <MultiSelect
            aria-label={m.conditionKinds.status}
            data={entries(m.statuses)}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v as typeof c.in })}
          />
        );
      case 'senderAddress':
      case 'senderDomain':
        return (
          <TagsInput
            aria-label={m.conditionKinds[c.kind]}
            description={c.kind === 'senderDomain' ? m.domainsHint : m.addressesHint}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v })}
          />
        );
      case 'organisation':
        return (
          <MultiSelect
            aria-label={m.conditionKinds.organisation}
            searchable
            limit={50}
            data={options.organisations.map((o) => ({ value: o.id, label: o.name }))}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v })}
          />
        );
      case 'organisationType':
        return (
          <MultiSelect
            aria-label={m.conditionKinds.organisationType}
            data={options.partnerTypes.map((t) => ({ value: t.id, label: t.label }))}
            value={c.in}
            onChange={(v) => onChange({ ...c, in: v })}
          />
        );
      case 'field':
        return (
          <Group gap="xs" grow>
            <Select
              aria-label={m.field}
              data={fieldChoices(options)}
              value={c.fieldId}
              onChange={(v) => v && onChange({ ...c, fieldId: v, in: [] })}
            />
            <MultiSelect
              aria-label={m.value}
              placeholder={m.emptyField}
              data={valuesOf(options, c.fieldId)}
              value={c.in}
              onChange={(v) => onChange({ ...c, in: v })}
            />
          </Group>
        );
      case 'words':
        return (
          <Group gap="xs" grow align="flex-start">
            <Select
              aria-label={m.where.both}
              data={entries(m.where)}
              value={c.where}
              onChange={(v) => v && onChange({ ...c, where: v as typeof c.where })}
            />
            <TagsInput
              aria-label={m.conditionKinds.words}
              description={m.wordsHint}
              value={c.words}
              onChange={(v) => onChange({ ...c, words: v })}
            />
            <Select
              aria-label={m.match.any}
              data={entries(m.match)}
              value={c.match}
              onChange={(v) => v && onChange({ ...c, match: v as typeof c.match })}
            />
          </Group>
        );
      case 'pattern':
        return (
          <Group gap="xs" grow align="flex-start">
            <Select
              aria-label={m.where.both}
              data={entries(m.where)}
              value={c.where}
              onChange={(v) => v && onChange({ ...c, where: v as typeof c.where })}
            />
            <TextInput
              aria-label={m.conditionKinds.pattern}
              description={m.patternHint}
              maxLength={200}
              value={c.pattern}
              onChange={(e) => onChange({ ...c, pattern: e.currentTarget.value })}
            />
          </Group>
        );
      case 'businessHours':
        return (
          <Select
            aria-label={m.conditionKinds.businessHours}
            data={[
              { value: 'open', label: m.open },
              { value: 'closed', label: m.closed },
            ]}
            value={c.open ? 'open' : 'closed'}
            onChange={(v) => onChange({ ...c, open: v === 'open' })}
          />
        );
    }
  })();
  return (
    <Paper withBorder p="xs">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Select
          aria-label={m.conditionKind}
          w={220}
          data={props.kinds.map((k) => ({ value: k, label: m.conditionKinds[k] }))}
          value={c.kind}
          onChange={(v) => v && onChange(newCondition(v as RuleCondition['kind'], options))}
        />
        {c.kind !== 'businessHours' && (
          <Checkbox
            mt={8}
            label={m.not}
            checked={c.not === true}
            onChange={(e) => onChange({ ...c, not: e.currentTarget.checked })}
          />
        )}
        <div style={{ flex: 1 }}>{editor}</div>
        <ActionIcon
          variant="subtle"
          color="gray"
          mt={4}
          aria-label={m.remove_}
          onClick={props.onRemove}
        >
          ×
        </ActionIcon>
      </Group>
    </Paper>
  );
}

export function ActionRow(props: {
  action: AnyAction;
  options: RuleOptionsDto;
  m: AutomationMessages;
  kinds: AnyActionKind[];
  onChange: (a: AnyAction) => void;
  onRemove: () => void;
}) {
  const { action: a, options, m, onChange } = props;
  const agents = options.agents.map((u) => ({ value: u.id, label: u.name }));
  const editor = (() => {
    switch (a.kind) {
      case 'assign':
        return (
          <Select
            aria-label={m.actionKinds.assign}
            data={[{ value: '', label: m.nobody }, ...agents]}
            value={a.userId ?? ''}
            onChange={(v) => onChange({ ...a, userId: v || null })}
          />
        );
      case 'setField':
        return (
          <Group gap="xs" grow>
            <Select
              aria-label={m.field}
              data={fieldChoices(options)}
              value={a.fieldId}
              onChange={(v) =>
                v && onChange({ ...a, fieldId: v, valueId: valuesOf(options, v)[0]?.value ?? null })
              }
            />
            <Select
              aria-label={m.value}
              data={[{ value: '', label: m.emptyField }, ...valuesOf(options, a.fieldId)]}
              value={a.valueId ?? ''}
              onChange={(v) => onChange({ ...a, valueId: v || null })}
            />
          </Group>
        );
      case 'tag':
        return (
          <TextInput
            aria-label={m.actionKinds.tag}
            maxLength={100}
            value={a.tag}
            onChange={(e) => onChange({ ...a, tag: e.currentTarget.value })}
          />
        );
      case 'status':
        return (
          <Select
            aria-label={m.actionKinds.status}
            data={entries({
              active: m.statuses.active,
              pending: m.statuses.pending,
              closed: m.statuses.closed,
            })}
            value={a.status}
            onChange={(v) => v && onChange({ ...a, status: v as typeof a.status })}
          />
        );
      case 'reply':
        return (
          <Select
            aria-label={m.actionKinds.reply}
            searchable
            data={options.savedReplies.map((r) => ({ value: r.id, label: r.name }))}
            value={a.savedReplyId || null}
            onChange={(v) => v && onChange({ ...a, savedReplyId: v })}
          />
        );
      case 'notify':
        return (
          <Group gap="xs" align="flex-start" grow>
            <Checkbox
              mt={8}
              label={m.notifyAssignee}
              checked={a.assignee}
              onChange={(e) => onChange({ ...a, assignee: e.currentTarget.checked })}
            />
            <MultiSelect
              aria-label={m.notifyUsers}
              placeholder={m.notifyUsers}
              data={agents}
              value={a.userIds}
              onChange={(v) => onChange({ ...a, userIds: v })}
            />
          </Group>
        );
      case 'roundRobin':
        return (
          <Text size="sm" c="dimmed" mt={6}>
            {m.roundRobinHint}
          </Text>
        );
      default:
        return null;
    }
  })();
  return (
    <Paper withBorder p="xs">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Select
          aria-label={m.actionKind}
          w={300}
          data={props.kinds.map((k) => ({ value: k, label: m.actionKinds[k] }))}
          value={a.kind}
          onChange={(v) => v && onChange(newAction(v as AnyActionKind, options))}
        />
        <div style={{ flex: 1 }}>{editor}</div>
        <ActionIcon
          variant="subtle"
          color="gray"
          mt={4}
          aria-label={m.remove_}
          onClick={props.onRemove}
        >
          ×
        </ActionIcon>
      </Group>
    </Paper>
  );
}
