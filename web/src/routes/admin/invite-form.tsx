/** Invite a person by e-mail: address, name, role, and for agents and viewers their mailboxes. */
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import type { RoleName } from '@shared/contracts.ts';
import { type FormEvent, useState } from 'react';
import { useAdminI18n } from './admin-i18n.ts';
import { InvitationLink } from './invitation-link.tsx';
import type { MailboxChoiceValue } from './mailbox-choice.ts';
import { MailboxChoice } from './mailbox-choice-group.tsx';
import { useInvite } from './use-users.ts';
import { failureText, hasMailboxScope } from './user-accounts.ts';

export function InviteForm({
  roles,
  mailboxes,
}: {
  roles: RoleName[];
  mailboxes: { id: string; name: string }[];
}) {
  const { a, t } = useAdminI18n();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<RoleName>('agent');
  const [scope, setScope] = useState<MailboxChoiceValue>('all');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);

  const invite = useInvite({ email, name, role, scope }, (address, shown) => {
    setSentTo(address);
    setLink(shown);
    setEmail('');
    setName('');
    setScope('all');
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
          {hasMailboxScope(role) && (
            <MailboxChoice
              legend={a.mailboxesLegend}
              mailboxes={mailboxes}
              value={scope}
              onChange={setScope}
            />
          )}
          {invite.isError && (
            <Alert color="red" role="alert">
              {failureText(invite.error, a.failed)}
            </Alert>
          )}
          {sentTo && invite.isSuccess && link === null && (
            <Alert color="green" role="status">
              {a.invited(sentTo)}
            </Alert>
          )}
          {sentTo && invite.isSuccess && link !== null && (
            <InvitationLink email={sentTo} link={link} />
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
