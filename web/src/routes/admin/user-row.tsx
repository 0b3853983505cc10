/**
 * One account in the users table: name and address, role, visible mailboxes,
 * status badges, last login, and the disable / resend buttons.
 */
import { Badge, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import type { RoleName } from '@shared/contracts.ts';
import type { InvitationDto } from '@shared/setup-contracts.ts';
import { adminApi } from '../../api/admin.ts';
import { useAdminI18n } from './admin-i18n.ts';
import { resentMessage } from './invitation-link.tsx';
import type { ChangeMessage } from './use-users.ts';
import {
  accountStatus,
  canActOn,
  canResend,
  hasMailboxScope,
  isLocked,
  type ListedUser,
  lastLoginText,
  statusColors,
  visibleMailboxes,
} from './user-accounts.ts';

export function UserRow(props: {
  user: ListedUser;
  roles: RoleName[];
  isAdmin: boolean;
  selfId: string;
  mailboxNames: ReadonlyMap<string, string>;
  dateFormat: Intl.DateTimeFormat;
  run: (
    action: () => Promise<unknown>,
    text: string | ((result: unknown) => ChangeMessage),
  ) => void;
  onEditMailboxes: () => void;
}) {
  const { a, t } = useAdminI18n();
  const { user, run } = props;
  const locked = isLocked(user, props.isAdmin);
  const scoped = hasMailboxScope(user.role);
  const visible = visibleMailboxes(user, props.mailboxNames);
  const status = accountStatus(user);
  return (
    <Table.Tr>
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
        {visible === 'all' ? a.everyMailbox : a.mailboxSummary(visible)}
        {scoped && !locked && (
          <Button
            variant="subtle"
            size="compact-sm"
            ml="xs"
            aria-label={a.editMailboxes(user.name)}
            onClick={props.onEditMailboxes}
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
          <Badge variant="light" c="black" color={statusColors[status]}>
            {status === 'disabled'
              ? a.statusDisabled
              : status === 'invited'
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
      <Table.Td>{lastLoginText(user.lastLoginAt, props.dateFormat, a.never)}</Table.Td>
      <Table.Td>
        {canActOn(user, props) && (
          // Short visible texts; the accessible names say whose account it is.
          <Stack gap="xs" align="flex-start">
            <Button
              size="compact-sm"
              variant="default"
              aria-label={user.disabled ? a.enable(user.name) : a.disable(user.name)}
              onClick={() => run(() => adminApi.setEnabled(user.id, user.disabled), a.changed)}
            >
              {user.disabled ? a.enableButton : a.disableButton}
            </Button>
            {canResend(user) && (
              <Button
                size="compact-sm"
                variant="default"
                aria-label={a.resend(user.name)}
                onClick={() =>
                  run(
                    () => adminApi.resendInvitation(user.id),
                    (result) => resentMessage(result as InvitationDto, user.email, a.resent),
                  )
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
}
