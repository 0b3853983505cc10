/**
 * Response targets (issue 18), for supervisors: the targets in force per
 * mailbox and narrowing, and a form to add one or change one (a new version,
 * for tickets opened afterwards). Loaded on demand.
 */
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { ResponseTargetDto, TargetOptionsDto } from '@shared/targets-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { useI18n } from '../../i18n.ts';
import {
  emptyTargetForm,
  formOf,
  narrowingOf,
  type TargetFormState,
  termsOf,
  writeDuration,
} from './target-form.ts';
import { targetsApi } from './targets-api.ts';
import { type TargetMessages, useTargetI18n } from './targets-i18n.ts';

const targetsKey = ['targets'];

/** The narrowing choices of a mailbox: the whole mailbox, its fields' values, the organisation types. */
function narrowingChoices(options: TargetOptionsDto, mailboxId: string, m: TargetMessages) {
  const mailbox = options.mailboxes.find((b) => b.id === mailboxId);
  return [
    { value: '', label: m.wholeMailbox },
    ...(mailbox?.fields.flatMap((f) =>
      f.values.map((v) => ({ value: `value:${v.id}`, label: `${f.label} : ${v.label}` })),
    ) ?? []),
    ...options.organisationTypes.map((t) => ({
      value: `type:${t.id}`,
      label: m.organisationType(t.label),
    })),
  ];
}

const scopeOf = (t: ResponseTargetDto) => ({
  mailboxId: t.mailboxId,
  narrowing: t.fieldValueId
    ? `value:${t.fieldValueId}`
    : t.organisationTypeValueId
      ? `type:${t.organisationTypeValueId}`
      : '',
});

export function TargetsPage() {
  const m = useTargetI18n();
  const { language } = useI18n();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: targetsKey, queryFn: targetsApi.list });
  const [form, setForm] = useState<TargetFormState>(emptyTargetForm);
  const [editing, setEditing] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: targetsKey });
    setForm(emptyTargetForm);
    setEditing(null);
    setSaved(true);
  };
  const save = useMutation({
    mutationFn: async (state: TargetFormState) => {
      const read = termsOf(state);
      if ('invalid' in read) throw new Error(m.invalid[read.invalid]);
      if (editing) return targetsApi.change(editing, read.terms);
      await targetsApi.create({
        mailboxId: state.mailboxId,
        ...narrowingOf(state.narrowing),
        terms: read.terms,
      });
    },
    onSuccess: done,
  });
  const remove = useMutation({ mutationFn: targetsApi.remove, onSuccess: done });
  const dateFormat = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
  });
  const duration = (minutes: number | null) =>
    minutes === null ? m.noDuration : writeDuration(minutes);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (!form.mailboxId) return setProblem(m.invalid.mailbox);
    const read = termsOf(form);
    if ('invalid' in read) return setProblem(m.invalid[read.invalid]);
    setProblem(null);
    save.mutate(form);
  };
  const text = (key: 'firstResponse' | 'nextResponse' | 'resolution' | 'warnBefore') => ({
    value: form[key],
    onChange: (e: { currentTarget: { value: string } }) =>
      setForm({ ...form, [key]: e.currentTarget.value }),
  });

  if (list.isPending) return <Loader />;
  if (list.isError) return <ApiErrorAlert error={list.error} />;
  const { targets, options } = list.data;
  const shown = targets.filter((t) => t.current !== null);

  return (
    <Stack gap="lg">
      <Title order={1}>{m.title}</Title>
      <Text c="dark.6">{m.intro}</Text>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="sm">
          {m.listHeading}
        </Title>
        {shown.length === 0 ? (
          <Text>{m.none}</Text>
        ) : (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                {Object.values(m.columns).map((label) => (
                  <Table.Th key={label}>{label}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((t) => {
                const v = t.current;
                if (!v) return null;
                return (
                  <Table.Tr key={t.id} data-target={t.id}>
                    <Table.Td>{t.mailboxName}</Table.Td>
                    <Table.Td>{t.narrowingLabel ?? m.wholeMailbox}</Table.Td>
                    <Table.Td>{duration(v.firstResponseMinutes)}</Table.Td>
                    <Table.Td>{duration(v.nextResponseMinutes)}</Table.Td>
                    <Table.Td>{duration(v.resolutionMinutes)}</Table.Td>
                    <Table.Td>{v.businessHours ? m.businessHours : m.calendarHours}</Table.Td>
                    <Table.Td>{duration(v.warnBeforeMinutes || null)}</Table.Td>
                    <Table.Td title={m.history(t.versions.length)}>
                      {dateFormat.format(new Date(v.validFrom))}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => {
                            setEditing(t.id);
                            setSaved(false);
                            setForm(formOf(v, scopeOf(t)));
                          }}
                        >
                          {m.edit}
                        </Button>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => {
                            if (window.confirm(m.confirmRemove(t.mailboxName))) remove.mutate(t.id);
                          }}
                        >
                          {m.remove}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
        <ApiErrorAlert error={remove.error} />
      </Paper>
      <Paper component="form" withBorder p="md" onSubmit={onSubmit} aria-labelledby="target-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="target-form">
            {editing ? m.formEdit : m.formNew}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={m.mailbox}
              placeholder={m.chooseMailbox}
              data={options.mailboxes.map((b) => ({ value: b.id, label: b.name }))}
              value={form.mailboxId || null}
              disabled={editing !== null}
              onChange={(value) => setForm({ ...form, mailboxId: value ?? '', narrowing: '' })}
            />
            <Select
              label={m.narrowing}
              data={narrowingChoices(options, form.mailboxId, m)}
              value={form.narrowing}
              disabled={editing !== null || !form.mailboxId}
              allowDeselect={false}
              onChange={(value) => setForm({ ...form, narrowing: value ?? '' })}
            />
            <TextInput
              label={m.firstResponse}
              description={m.durationHint}
              {...text('firstResponse')}
            />
            <TextInput
              label={m.nextResponse}
              description={m.durationHint}
              {...text('nextResponse')}
            />
            <TextInput label={m.resolution} description={m.durationHint} {...text('resolution')} />
            <TextInput label={m.warnBefore} {...text('warnBefore')} />
          </SimpleGrid>
          <Checkbox
            label={m.useBusinessHours}
            checked={form.businessHours}
            onChange={(e) => setForm({ ...form, businessHours: e.currentTarget.checked })}
          />
          {problem && (
            <Alert color="red" role="alert">
              {problem}
            </Alert>
          )}
          <ApiErrorAlert error={save.error} />
          {saved && (
            <Alert color="green" role="status">
              {m.saved}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {m.save}
            </Button>
            {editing && (
              <Button
                variant="default"
                onClick={() => {
                  setEditing(null);
                  setForm(emptyTargetForm);
                }}
              >
                {m.cancel}
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
