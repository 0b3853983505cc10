/** The accounts as a table, the message the last change left, and the mailboxes dialog. */
import { Alert, Table } from '@mantine/core';
import type { RoleName } from '@shared/contracts.ts';
import { useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { TableHead } from '../../components/table-head.tsx';
import { useAdminI18n } from './admin-i18n.ts';
import { InvitationLink } from './invitation-link.tsx';
import { MailboxModal } from './mailbox-modal.tsx';
import { useAccountChange } from './use-users.ts';
import { dateLocale, type ListedUser } from './user-accounts.ts';
import { UserRow } from './user-row.tsx';

export function UserTable(props: {
  users: ListedUser[];
  mailboxes: { id: string; name: string }[];
  roles: RoleName[];
  isAdmin: boolean;
  selfId: string;
}) {
  const { a, language } = useAdminI18n();
  const { message, run } = useAccountChange();
  const [editing, setEditing] = useState<ListedUser | null>(null);
  const mailboxNames = new Map(props.mailboxes.map((m) => [m.id, m.name]));
  const dateFormat = new Intl.DateTimeFormat(dateLocale(language), {
    dateStyle: 'short',
    timeStyle: 'short',
  });

  return (
    <>
      {message?.link && <InvitationLink email={message.link.email} link={message.link.href} />}
      {message && !message.link && (
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
            {props.users.map((user) => (
              <UserRow
                key={user.id}
                user={user}
                roles={props.roles}
                isAdmin={props.isAdmin}
                selfId={props.selfId}
                mailboxNames={mailboxNames}
                dateFormat={dateFormat}
                run={run}
                onEditMailboxes={() => setEditing(user)}
              />
            ))}
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
