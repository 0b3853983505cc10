/**
 * API tokens under the profile (issue 21 §1): the person's own tokens (make
 * one: name, scopes, days; it is shown once, to copy; revoke), and for
 * administrators every token of the instance, to revoke any.
 */
import {
  Alert,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  NumberInput,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  type ApiTokenDto,
  maxTokenDays,
  type TokenScope,
  tokenScopes,
} from '@shared/api-token-contracts.ts';
import type { RoleName } from '@shared/contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { tokensApi } from '../../api/tokens.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { useI18n } from '../../i18n.ts';

const texts = {
  fr: {
    title: 'Jetons d’API',
    intro:
      'Un jeton permet à un autre logiciel d’agir en votre nom par l’API (en-tête Authorization: Bearer), dans la limite de ses droits et des vôtres.',
    docs: 'Documentation de l’API',
    name: 'Nom du jeton',
    nameHint: 'À quoi il sert : il figure dans le journal d’audit à chaque usage.',
    scopes: 'Droits',
    days: 'Durée de validité (jours)',
    create: 'Créer le jeton',
    shownOnce: 'Copiez ce jeton maintenant : il ne sera plus jamais affiché.',
    copy: 'Copier',
    copied: 'Copié',
    none: 'Aucun jeton.',
    revoke: 'Révoquer',
    mine: 'Mes jetons',
    all: 'Tous les jetons',
    columns: {
      name: 'Nom',
      owner: 'Compte',
      scopes: 'Droits',
      expires: 'Expire le',
      status: 'État',
    },
    never: 'jamais',
    lastUsed: 'dernier usage\u00a0: ',
    status: { active: 'actif', expired: 'expiré', revoked: 'révoqué' },
    kind: { personal: 'personnel', service: 'service' },
    scopeLabels: {
      'tickets:read': 'Lire les tickets',
      'tickets:write': 'Modifier les tickets',
      'reports:read': 'Lire les rapports',
      admin: 'Administration',
    },
  },
  en: {
    title: 'API tokens',
    intro:
      'A token lets another program act on your behalf through the API (header Authorization: Bearer), within its scopes and your rights.',
    docs: 'API documentation',
    name: 'Token name',
    nameHint: 'What it is for: the audit log shows it on every use.',
    scopes: 'Scopes',
    days: 'Valid for (days)',
    create: 'Create the token',
    shownOnce: 'Copy this token now: it will never be shown again.',
    copy: 'Copy',
    copied: 'Copied',
    none: 'No tokens.',
    revoke: 'Revoke',
    mine: 'My tokens',
    all: 'All tokens',
    columns: {
      name: 'Name',
      owner: 'Account',
      scopes: 'Scopes',
      expires: 'Expires',
      status: 'Status',
    },
    never: 'never',
    lastUsed: 'last used: ',
    status: { active: 'active', expired: 'expired', revoked: 'revoked' },
    kind: { personal: 'personal', service: 'service' },
    scopeLabels: {
      'tickets:read': 'Read tickets',
      'tickets:write': 'Change tickets',
      'reports:read': 'Read reports',
      admin: 'Administration',
    },
  },
};

/** The scopes a role can use (the server refuses the others). */
const scopesFor = (role: RoleName): TokenScope[] =>
  tokenScopes.filter((scope) => {
    if (scope === 'admin') return role === 'admin' || role === 'supervisor';
    if (scope === 'reports:read') return true;
    return role !== 'viewer';
  });

const mineKey = ['api-tokens', 'mine'] as const;
const allKey = ['api-tokens', 'all'] as const;

export function ApiTokensSection({ role }: { role: RoleName }) {
  const { language } = useI18n();
  const k = texts[language];
  const [view, setView] = useState<'mine' | 'all'>('mine');
  return (
    <Stack component="section" aria-labelledby="tokens-heading" gap="sm">
      <Title order={2} fz="h4" id="tokens-heading">
        {k.title}
      </Title>
      <Text size="sm">
        {k.intro}{' '}
        <a href="/api/docs" target="_blank" rel="noreferrer">
          {k.docs}
        </a>
      </Text>
      <NewTokenForm role={role} />
      {role === 'admin' && (
        <SegmentedControl
          value={view}
          onChange={(value) => setView(value === 'all' ? 'all' : 'mine')}
          data={[
            { value: 'mine', label: k.mine },
            { value: 'all', label: k.all },
          ]}
          w="fit-content"
        />
      )}
      <TokenList every={role === 'admin' && view === 'all'} />
    </Stack>
  );
}

function NewTokenForm({ role }: { role: RoleName }) {
  const { language } = useI18n();
  const k = texts[language];
  const queryClient = useQueryClient();
  const allowed = scopesFor(role);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([allowed[0] ?? 'reports:read']);
  const [days, setDays] = useState<number | string>(90);
  const create = useMutation({
    mutationFn: () =>
      tokensApi.create({
        name,
        scopes: scopes as TokenScope[],
        expiresInDays: typeof days === 'number' ? days : Number(days),
      }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['api-tokens'] });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <Stack gap="xs" component="form" onSubmit={submit} aria-label={k.create}>
      <TextInput
        label={k.name}
        description={k.nameHint}
        value={name}
        onChange={(event) => setName(event.currentTarget.value)}
        maxLength={100}
        required
      />
      <Checkbox.Group label={k.scopes} value={scopes} onChange={setScopes}>
        <Group gap="md" mt={4}>
          {allowed.map((scope) => (
            <Checkbox key={scope} value={scope} label={k.scopeLabels[scope]} />
          ))}
        </Group>
      </Checkbox.Group>
      <NumberInput
        label={k.days}
        value={days}
        onChange={setDays}
        min={1}
        max={maxTokenDays}
        allowDecimal={false}
        w={200}
      />
      <Group>
        <Button type="submit" loading={create.isPending} disabled={scopes.length === 0}>
          {k.create}
        </Button>
      </Group>
      <ApiErrorAlert error={create.error} />
      {create.data && (
        <Alert color="yellow" role="status" title={k.shownOnce}>
          <Group gap="xs" wrap="nowrap">
            <Code data-testid="new-token" style={{ wordBreak: 'break-all' }}>
              {create.data.token}
            </Code>
            <CopyButton value={create.data.token}>
              {({ copied, copy }) => (
                <Button size="xs" variant="light" onClick={copy}>
                  {copied ? k.copied : k.copy}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
    </Stack>
  );
}

function TokenList({ every }: { every: boolean }) {
  const { language } = useI18n();
  const k = texts[language];
  const queryClient = useQueryClient();
  const list = useQuery({
    queryKey: every ? allKey : mineKey,
    queryFn: () => (every ? tokensApi.all() : tokensApi.mine()),
  });
  const revoke = useMutation({
    mutationFn: (id: number) => (every ? tokensApi.revokeAny(id) : tokensApi.revoke(id)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['api-tokens'] }),
  });
  const date = (iso: string | null) =>
    iso ? new Date(iso).toLocaleDateString(language === 'fr' ? 'fr-FR' : 'en-GB') : k.never;
  const tokens: ApiTokenDto[] = list.data?.tokens ?? [];
  return (
    <Stack gap="xs">
      <ApiErrorAlert error={list.error ?? revoke.error} />
      {list.data && tokens.length === 0 && <Text c="dimmed">{k.none}</Text>}
      {tokens.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder verticalSpacing={4} fz="sm" aria-label={every ? k.all : k.mine}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{k.columns.name}</Table.Th>
                {every && <Table.Th>{k.columns.owner}</Table.Th>}
                <Table.Th>{k.columns.scopes}</Table.Th>
                <Table.Th>{k.columns.expires}</Table.Th>
                <Table.Th>{k.columns.status}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    {token.name}{' '}
                    <Text c="dimmed" fz="xs">
                      {token.prefix}… · {k.kind[token.kind]} · {k.lastUsed}
                      {date(token.lastUsedAt)}
                    </Text>
                  </Table.Td>
                  {every && <Table.Td>{token.user.email}</Table.Td>}
                  <Table.Td>{token.scopes.map((s) => k.scopeLabels[s]).join(', ')}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{date(token.expiresAt)}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text
                      span
                      fz="xs"
                      fw={600}
                      c={token.status === 'active' ? 'green.9' : 'dimmed'}
                    >
                      {k.status[token.status]}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    {token.status === 'active' && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => revoke.mutate(token.id)}
                        aria-label={`${k.revoke} ${token.name}`}
                      >
                        {k.revoke}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
