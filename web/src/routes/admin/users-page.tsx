/**
 * Users management (supervisors and administrators): invite by e-mail, change
 * a role, choose the mailboxes an agent or viewer sees, disable and re-enable;
 * an administrator's own second factor. Loaded on demand.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  Group,
  List,
  Loader,
  Modal,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { MailboxDto, RoleName, SessionDto, UserListDto } from '@shared/contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { api, isApiError } from '../../api/client.ts';
import { TableHead } from '../../components/table-head.tsx';
import { type AdminMessages, useAdminI18n } from './admin-i18n.ts';
import {
  checkedValues,
  choiceOf,
  everyMailboxValue,
  type MailboxChoiceValue,
} from './mailbox-choice.ts';

type ListedUser = UserListDto['users'][number];
const usersKey = ['admin', 'users'] as const;
const roleOrder: RoleName[] = ['viewer', 'agent', 'supervisor', 'admin'];

const errorText = (error: unknown, a: AdminMessages): string =>
  a.failed(isApiError(error) ? error.message : String(error));

export function UsersPage({ session }: { session: SessionDto }) {
  const { a } = useAdminI18n();
  const users = useQuery({ queryKey: usersKey, queryFn: () => adminApi.users() });
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api.mailboxes() });
  const isAdmin = session.user.role === 'admin';
  const roles = isAdmin ? roleOrder : roleOrder.filter((r) => r !== 'admin');

  return (
    <Stack gap="xl">
      <Title order={1}>{a.usersTitle}</Title>
      {mailboxes.data && <InviteForm roles={roles} mailboxes={mailboxes.data.mailboxes} />}
      <Stack component="section" aria-labelledby="users-list-heading" gap="sm">
        <Title order={2} id="users-list-heading">
          {a.listHeading}
        </Title>
        {(users.isPending || mailboxes.isPending) && <Loader aria-label="…" role="status" />}
        {(users.isError || mailboxes.isError) && (
          <Alert color="red" role="alert">
            {a.loadFailed}
          </Alert>
        )}
        {users.data && mailboxes.data && (
          <UserTable
            users={users.data.users}
            mailboxes={mailboxes.data.mailboxes}
            roles={roles}
            isAdmin={isAdmin}
            selfId={session.user.id}
          />
        )}
      </Stack>
      {isAdmin && <SecondFactorSection />}
    </Stack>
  );
}

/** "Every mailbox" or a choice of mailboxes, as checkboxes in one group. */
function MailboxChoice(props: {
  legend: string;
  mailboxes: MailboxDto[];
  value: MailboxChoiceValue;
  onChange: (value: MailboxChoiceValue) => void;
}) {
  const { a } = useAdminI18n();
  const { mailboxes, value, onChange } = props;
  return (
    <Checkbox.Group
      label={props.legend}
      value={checkedValues(value)}
      onChange={(checked) => onChange(choiceOf(value, checked))}
    >
      <Stack gap={6} mt={6}>
        <Checkbox value={everyMailboxValue} label={a.allMailboxes} />
        {mailboxes.map((m) => (
          <Checkbox key={m.id} value={m.id} label={m.name} disabled={value === 'all'} />
        ))}
      </Stack>
    </Checkbox.Group>
  );
}

function InviteForm({ roles, mailboxes }: { roles: RoleName[]; mailboxes: MailboxDto[] }) {
  const { a, t, language } = useAdminI18n();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleName>('agent');
  const [scope, setScope] = useState<MailboxChoiceValue>('all');
  const [sentTo, setSentTo] = useState<string | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      adminApi.invite({
        email: email.trim(),
        name: name.trim(),
        role,
        language,
        mailboxes: role === 'agent' || role === 'viewer' ? scope : 'all',
      }),
    onSuccess: (user) => {
      setSentTo(user.email);
      setEmail('');
      setName('');
      setScope('all');
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!invite.isPending) invite.mutate();
  };

  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="invite-heading">
      <form onSubmit={onSubmit}>
        <Stack gap="sm">
          <Title order={2} id="invite-heading">
            {a.inviteHeading}
          </Title>
          <Text size="sm">{a.inviteIntro}</Text>
          <Group grow align="flex-start" wrap="wrap">
            <TextInput
              label={a.emailLabel}
              type="email"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <TextInput
              label={a.nameLabel}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
            />
            <NativeSelect
              label={a.roleLabel}
              value={role}
              onChange={(e) => setRole(e.currentTarget.value as RoleName)}
              data={roles.map((r) => ({ value: r, label: t.roleNames[r] }))}
            />
          </Group>
          {(role === 'agent' || role === 'viewer') && (
            <MailboxChoice
              legend={a.mailboxesLegend}
              mailboxes={mailboxes}
              value={scope}
              onChange={setScope}
            />
          )}
          {invite.isError && (
            <Alert color="red" role="alert">
              {errorText(invite.error, a)}
            </Alert>
          )}
          {sentTo && invite.isSuccess && (
            <Alert color="green" role="status">
              {a.invited(sentTo)}
            </Alert>
          )}
          <Group>
            <Button type="submit" aria-busy={invite.isPending}>
              {a.inviteSubmit}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function UserTable(props: {
  users: ListedUser[];
  mailboxes: MailboxDto[];
  roles: RoleName[];
  isAdmin: boolean;
  selfId: string;
}) {
  const { a, t, language } = useAdminI18n();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [editing, setEditing] = useState<ListedUser | null>(null);
  const done = (text: string) => {
    setMessage({ ok: true, text });
    void queryClient.invalidateQueries({ queryKey: usersKey });
  };
  const change = useMutation({
    mutationFn: async (action: () => Promise<unknown>) => action(),
    onError: (error) => setMessage({ ok: false, text: errorText(error, a) }),
  });
  const run = (action: () => Promise<unknown>, text: string) =>
    change.mutate(action, { onSuccess: () => done(text) });
  const nameOf = new Map(props.mailboxes.map((m) => [m.id, m.name]));
  const dateFormat = new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'fr-FR', {
    dateStyle: 'short',
    timeStyle: 'short',
  });

  return (
    <>
      {message && (
        <Alert color={message.ok ? 'green' : 'red'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder verticalSpacing="sm" aria-labelledby="users-list-heading">
          <TableHead
            columns={[
              a.columns.name,
              a.columns.role,
              a.columns.mailboxes,
              a.columns.status,
              a.columns.lastLogin,
              a.columns.actions,
            ]}
          />
          <Table.Tbody>
            {props.users.map((user) => {
              const locked = user.role === 'admin' && !props.isAdmin;
              const scoped = user.role === 'agent' || user.role === 'viewer';
              return (
                <Table.Tr key={user.id}>
                  {/* The address under the name: one column fewer, so the table fits the page. */}
                  <Table.Th scope="row">
                    {user.name}
                    <Text size="sm" fw={400}>
                      {user.email}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    {locked ? (
                      t.roleNames[user.role]
                    ) : (
                      <NativeSelect
                        miw={165}
                        aria-label={a.roleOf(user.name)}
                        value={user.role}
                        data={props.roles.map((r) => ({ value: r, label: t.roleNames[r] }))}
                        onChange={(e) => {
                          const role = e.currentTarget.value as RoleName;
                          run(() => adminApi.changeRole(user.id, role), a.changed);
                        }}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!scoped || user.mailboxes === 'all'
                      ? a.everyMailbox
                      : a.mailboxSummary(user.mailboxes.map((id) => nameOf.get(id) ?? id))}
                    {scoped && !locked && (
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        ml="xs"
                        aria-label={a.editMailboxes(user.name)}
                        onClick={() => setEditing(user)}
                      >
                        ✎
                      </Button>
                    )}
                  </Table.Td>
                  {/* Wide enough for "Invitation en attente": a badge cuts what does not fit. */}
                  <Table.Td miw={210}>
                    {/* A stack, not a group: a group caps its badges' width and cuts their text. */}
                    <Stack gap={4} align="flex-start">
                      {/* Black text: the light variant's green, yellow and gray text fail WCAG AA contrast. */}
                      <Badge
                        variant="light"
                        c="black"
                        color={user.disabled ? 'gray' : user.invitationPending ? 'yellow' : 'green'}
                      >
                        {user.disabled
                          ? a.statusDisabled
                          : user.invitationPending
                            ? a.statusInvited
                            : a.statusActive}
                      </Badge>
                      {user.secondFactor && (
                        <Badge variant="outline" color="blue">
                          {a.secondFactorOn}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {user.lastLoginAt ? dateFormat.format(new Date(user.lastLoginAt)) : a.never}
                  </Table.Td>
                  <Table.Td>
                    {!locked && user.id !== props.selfId && (
                      // Short visible texts; the accessible names say whose account it is.
                      <Stack gap="xs" align="flex-start">
                        <Button
                          size="compact-sm"
                          variant="default"
                          aria-label={user.disabled ? a.enable(user.name) : a.disable(user.name)}
                          onClick={() =>
                            run(() => adminApi.setEnabled(user.id, user.disabled), a.changed)
                          }
                        >
                          {user.disabled ? a.enableButton : a.disableButton}
                        </Button>
                        {user.invitationPending && !user.disabled && (
                          <Button
                            size="compact-sm"
                            variant="default"
                            aria-label={a.resend(user.name)}
                            onClick={() =>
                              run(() => adminApi.resendInvitation(user.id), a.resent(user.email))
                            }
                          >
                            {a.resendButton}
                          </Button>
                        )}
                      </Stack>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {editing && (
        <MailboxModal
          user={editing}
          mailboxes={props.mailboxes}
          onClose={() => setEditing(null)}
          onSave={(scope) => {
            const id = editing.id;
            setEditing(null);
            run(() => adminApi.setMailboxes(id, scope), a.changed);
          }}
        />
      )}
    </>
  );
}

function MailboxModal(props: {
  user: ListedUser;
  mailboxes: MailboxDto[];
  onClose: () => void;
  onSave: (scope: MailboxChoiceValue) => void;
}) {
  const { a } = useAdminI18n();
  const [scope, setScope] = useState<MailboxChoiceValue>(props.user.mailboxes);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={a.mailboxesTitle(props.user.name)}
      closeButtonProps={{ 'aria-label': a.cancel }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onSave(scope);
        }}
      >
        <Stack>
          <MailboxChoice
            legend={a.columns.mailboxes}
            mailboxes={props.mailboxes}
            value={scope}
            onChange={setScope}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {a.cancel}
            </Button>
            <Button type="submit">{a.save}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function SecondFactorSection() {
  const { a } = useAdminI18n();
  const queryClient = useQueryClient();
  const status = useQuery({
    queryKey: ['account', 'second-factor'],
    queryFn: () => adminApi.secondFactor(),
  });
  const [code, setCode] = useState('');
  const start = useMutation({ mutationFn: () => adminApi.startSecondFactor() });
  const confirm = useMutation({
    mutationFn: () => adminApi.confirmSecondFactor(code.trim()),
    onSuccess: () => {
      setCode('');
      void queryClient.invalidateQueries({ queryKey: ['account', 'second-factor'] });
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
  const disable = useMutation({
    mutationFn: () => adminApi.disableSecondFactor(code.trim()),
    onSuccess: () => {
      setCode('');
      start.reset();
      confirm.reset();
      void queryClient.invalidateQueries({ queryKey: ['account', 'second-factor'] });
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
  const error = start.error ?? confirm.error ?? disable.error;
  const enabled = status.data?.enabled === true;

  return (
    <Paper component="section" withBorder p="lg" aria-labelledby="second-factor-heading">
      <Stack gap="sm">
        <Title order={2} id="second-factor-heading">
          {a.secondFactorHeading}
        </Title>
        <Text>{enabled ? a.secondFactorEnabled : a.secondFactorOff}</Text>
        {error && (
          <Alert color="red" role="alert">
            {errorText(error, a)}
          </Alert>
        )}
        {confirm.data && (
          <Alert color="green" role="status" title={a.recoveryCodesTitle}>
            <Text size="sm">{a.recoveryCodesHint}</Text>
            <List size="sm" mt="xs">
              {confirm.data.recoveryCodes.map((c) => (
                <List.Item key={c}>
                  <Code>{c}</Code>
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
        {!enabled && !start.data && (
          <Group>
            <Button onClick={() => start.mutate()} aria-busy={start.isPending}>
              {a.secondFactorStart}
            </Button>
          </Group>
        )}
        {!enabled && start.data && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              confirm.mutate();
            }}
          >
            <Stack gap="xs">
              <Text size="sm">
                {a.secondFactorSecret} : <Code>{start.data.secret}</Code>
              </Text>
              <Text size="sm" style={{ wordBreak: 'break-all' }}>
                {a.secondFactorUri} : <Code>{start.data.otpauthUri}</Code>
              </Text>
              <Group align="flex-end">
                <TextInput
                  label={a.secondFactorCode}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  required
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                />
                <Button type="submit">{a.secondFactorConfirm}</Button>
              </Group>
            </Stack>
          </form>
        )}
        {enabled && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              disable.mutate();
            }}
          >
            <Group align="flex-end">
              <TextInput
                label={a.secondFactorCode}
                autoComplete="one-time-code"
                required
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
              />
              <Button type="submit" variant="default">
                {a.secondFactorDisable}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
