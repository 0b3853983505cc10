/** The form of a new webhook, and the secret shown once after it is created. */
import {
  Alert,
  Button,
  Code,
  CopyButton,
  Group,
  MultiSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { WebhookListDto } from '@shared/webhook-contracts.ts';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { webhooksApi } from './webhooks-api.ts';
import type { WebhookMessages } from './webhooks-i18n.ts';

const empty = { name: '', url: '', mailboxIds: [] as string[], eventTypes: [] as string[] };

export function WebhookForm(props: {
  options: WebhookListDto['options'];
  m: WebhookMessages;
  onCreated: () => void;
}) {
  const { options, m } = props;
  const [form, setForm] = useState(empty);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () =>
      webhooksApi.create({
        name: form.name,
        url: form.url,
        mailboxIds: form.mailboxIds,
        eventTypes: options.eventTypes.filter((t) => form.eventTypes.includes(t)),
      }),
    onSuccess: (created) => {
      setSecret(created.secret);
      setForm(empty);
      props.onCreated();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSecret(null);
    create.mutate();
  };
  return (
    <Stack gap="md">
      {secret && (
        <Alert color="yellow" title={m.secretHeading} role="status">
          <Stack gap="xs">
            <Text size="sm">{m.secretText}</Text>
            <Group gap="sm" wrap="nowrap">
              <Code data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>
                {secret}
              </Code>
              <CopyButton value={secret}>
                {({ copied, copy }) => (
                  <Button size="xs" variant="light" onClick={copy}>
                    {copied ? m.copied : m.copy}
                  </Button>
                )}
              </CopyButton>
            </Group>
          </Stack>
        </Alert>
      )}
      <Paper component="form" withBorder p="md" onSubmit={onSubmit} aria-labelledby="webhook-form">
        <Stack gap="sm">
          <Title order={2} size="h4" id="webhook-form">
            {m.formHeading}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={m.name}
              required
              maxLength={120}
              value={form.name}
              onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            />
            <TextInput
              label={m.url}
              required
              type="url"
              description={m.urlHint}
              maxLength={2000}
              value={form.url}
              onChange={(e) => setForm({ ...form, url: e.currentTarget.value })}
            />
            <MultiSelect
              label={m.mailboxes}
              description={m.mailboxesHint}
              data={options.mailboxes.map((b) => ({ value: b.id, label: b.name }))}
              value={form.mailboxIds}
              onChange={(mailboxIds) => setForm({ ...form, mailboxIds })}
              clearable
            />
            <MultiSelect
              label={m.events}
              description={m.eventsHint}
              data={options.eventTypes.map((t) => ({ value: t, label: m.eventLabels[t] }))}
              value={form.eventTypes}
              onChange={(eventTypes) => setForm({ ...form, eventTypes })}
              clearable
              searchable
            />
          </SimpleGrid>
          <ApiErrorAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {m.create}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
