/**
 * Users management (supervisors and administrators): invite by e-mail, change
 * a role, choose the mailboxes an agent or viewer sees, disable and re-enable;
 * an administrator's own second factor. Loaded on demand.
 */
import { Alert, Loader, Stack, Title } from '@mantine/core';
import type { SessionDto } from '@shared/contracts.ts';
import { SsoProvidersSection } from '../sso/sso-providers-section.tsx';
import { useAdminI18n } from './admin-i18n.ts';
import { InviteForm } from './invite-form.tsx';
import { SecondFactorSection } from './second-factor-section.tsx';
import { useUsersPageData } from './use-users.ts';
import { assignableRoles } from './user-accounts.ts';
import { UserTable } from './user-table.tsx';

export function UsersPage({ session }: { session: SessionDto }) {
  const { a } = useAdminI18n();
  const { users, mailboxes } = useUsersPageData();
  const isAdmin = session.user.role === 'admin';
  const roles = assignableRoles(isAdmin);

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
      {isAdmin && <SsoProvidersSection />}
    </Stack>
  );
}
