/**
 * The administrators' identity providers (issue 21 §4), on the users page: the
 * list, a form to add or change one (the client secret is written, never read
 * back), the address to register at the provider, removal.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { SsoProviderDto, SsoProviderInput } from '@shared/sso-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { isApiError, request } from '../../api/client.ts';
import { formOf, inputOf, newSsoForm, type SsoFormValues } from './sso-form.ts';
import { type SsoMessages, useSsoI18n } from './sso-i18n.ts';

const providersKey = ['admin', 'sso-providers'];

function failure(error: unknown, s: SsoMessages): string {
  if (!isApiError(error)) return s.saveFailed(String(error));
  if (error.status === 409)
    return s.saveFailed('identifiant ou domaine déjà pris par un autre fournisseur.');
  if (error.status === 500 && error.code === 'configuration')
    return s.saveFailed('MAIL_CREDENTIALS_KEY doit être réglée pour chiffrer le secret.');
  return s.saveFailed(error.message);
}

function ProviderForm({
  initial,
  editing,
  onDone,
}: {
  initial: SsoFormValues;
  editing: SsoProviderDto | null;
  onDone: () => void;
}) {
  const { s } = useSsoI18n();
  const queryClient = useQueryClient();
  const [values, setValues] = useState(initial);
  const set = <K extends keyof SsoFormValues>(key: K, value: SsoFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));
  const save = useMutation({
    mutationFn: (input: SsoProviderInput) =>
      editing
        ? request<SsoProviderDto>('PUT', `/api/admin/sso/providers/${editing.id}`, input)
        : request<SsoProviderDto>('POST', '/api/admin/sso/providers', input),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: providersKey });
      onDone();
    },
  });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!save.isPending) save.mutate(inputOf(values));
  };
  const f = s.fields;
  return (
    <form onSubmit={onSubmit} aria-label={editing ? s.edit(editing.label) : s.add}>
      <Stack gap="sm">
        {save.isError && (
          <Alert color="red" role="alert">
            {failure(save.error, s)}
          </Alert>
        )}
        <Group grow align="flex-start">
          <TextInput
            label={f.label}
            description={f.labelHint}
            required
            value={values.label}
            onChange={(e) => set('label', e.currentTarget.value)}
          />
          <TextInput
            label={f.slug}
            description={f.slugHint}
            required
            value={values.slug}
            onChange={(e) => set('slug', e.currentTarget.value)}
          />
        </Group>
        <TextInput
          label={f.issuer}
          description={f.issuerHint}
          required
          type="url"
          value={values.issuer}
          onChange={(e) => set('issuer', e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={f.clientId}
            required
            value={values.clientId}
            onChange={(e) => set('clientId', e.currentTarget.value)}
          />
          <PasswordInput
            label={f.clientSecret}
            description={editing?.hasClientSecret ? f.clientSecretKeep : undefined}
            required={!editing}
            autoComplete="new-password"
            value={values.clientSecret}
            onChange={(e) => set('clientSecret', e.currentTarget.value)}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label={f.scopes}
            description={f.scopesHint}
            required
            value={values.scopes}
            onChange={(e) => set('scopes', e.currentTarget.value)}
          />
          <Select
            label={f.defaultRole}
            description={f.defaultRoleHint}
            allowDeselect={false}
            data={(['viewer', 'agent', 'supervisor'] as const).map((r) => ({
              value: r,
              label: s.roles[r],
            }))}
            value={values.defaultRole}
            onChange={(v) => v && set('defaultRole', v as SsoFormValues['defaultRole'])}
          />
        </Group>
        <Group grow align="flex-start">
          <Textarea
            label={f.allowedDomains}
            description={f.allowedDomainsHint}
            autosize
            minRows={2}
            value={values.allowedDomains}
            onChange={(e) => set('allowedDomains', e.currentTarget.value)}
          />
          <Textarea
            label={f.passwordOffDomains}
            description={f.passwordOffDomainsHint}
            autosize
            minRows={2}
            value={values.passwordOffDomains}
            onChange={(e) => set('passwordOffDomains', e.currentTarget.value)}
          />
        </Group>
        <Checkbox
          label={f.verifiesEmail}
          description={f.verifiesEmailHint}
          checked={values.verifiesEmail}
          onChange={(e) => set('verifiesEmail', e.currentTarget.checked)}
        />
        <Checkbox
          label={f.enabled}
          checked={values.enabled}
          onChange={(e) => set('enabled', e.currentTarget.checked)}
        />
        <Group>
          <Button type="submit" aria-busy={save.isPending}>
            {s.save}
          </Button>
          <Button variant="default" onClick={onDone}>
            {s.cancel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function SsoProvidersSection() {
  const { s } = useSsoI18n();
  const queryClient = useQueryClient();
  const providers = useQuery({
    queryKey: providersKey,
    queryFn: () => request<{ providers: SsoProviderDto[] }>('GET', '/api/admin/sso/providers'),
  });
  const [editing, setEditing] = useState<SsoProviderDto | 'new' | null>(null);
  const remove = useMutation({
    mutationFn: (id: string) => request<void>('DELETE', `/api/admin/sso/providers/${id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: providersKey }),
  });
  const list = providers.data?.providers ?? [];

  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="sso-heading">
      <Stack gap="sm">
        <Title order={2} id="sso-heading">
          {s.sectionTitle}
        </Title>
        <Text size="sm" c="dimmed">
          {s.sectionIntro}
        </Text>
        <Text size="sm" c="dimmed">
          {s.secondFactorNote}
        </Text>
        {providers.isSuccess && list.length === 0 && <Text size="sm">{s.noProvider}</Text>}
        {list.length > 0 && (
          <Table striped withTableBorder>
            <Table.Tbody>
              {list.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td>
                    <Stack gap={2}>
                      <Group gap="xs">
                        <Text fw={600}>{p.label}</Text>
                        <Badge color={p.enabled ? 'green' : 'gray'} variant="light">
                          {p.enabled ? s.enabledBadge : s.disabledBadge}
                        </Badge>
                      </Group>
                      <Text size="xs" c="dimmed">
                        {p.issuer} · {s.roles[p.defaultRole]}
                        {p.passwordOffDomains.length > 0 &&
                          ` · ${s.fields.passwordOffDomains} : ${p.passwordOffDomains.join(', ')}`}
                      </Text>
                      <Text size="xs">
                        {s.fields.redirectUri} : <Code>{p.redirectUri}</Code>
                      </Text>
                    </Stack>
                  </Table.Td>
                  <Table.Td w={220}>
                    <Group gap="xs" justify="flex-end">
                      <Button
                        size="xs"
                        variant="default"
                        onClick={() => setEditing(p)}
                        aria-label={s.edit(p.label)}
                      >
                        {s.edit('')}
                      </Button>
                      <Button
                        size="xs"
                        color="red"
                        variant="subtle"
                        onClick={() =>
                          window.confirm(s.removeConfirm(p.label)) && remove.mutate(p.id)
                        }
                      >
                        {s.remove}
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {editing === null ? (
          <Group>
            <Button variant="light" onClick={() => setEditing('new')}>
              {s.add}
            </Button>
          </Group>
        ) : (
          <ProviderForm
            key={editing === 'new' ? 'new' : editing.id}
            initial={editing === 'new' ? newSsoForm : formOf(editing)}
            editing={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Stack>
    </Paper>
  );
}
