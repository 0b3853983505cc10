/**
 * The mailbox a set-up page works on, chosen in a list and kept in the address
 * (`?mailbox=…`, so a reload or a link comes back to it); the first mailbox
 * by default.
 */
import { Alert, Loader, NativeSelect } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api } from '../../api/client.ts';
import { navigate, useLocation } from '../../router.ts';
import { useSetupI18n } from './setup-i18n.ts';

export function MailboxPicker({
  path,
  children,
}: {
  path: string;
  children: (mailboxId: string) => ReactNode;
}) {
  const { s } = useSetupI18n();
  const { search } = useLocation();
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api.mailboxes() });
  const list = mailboxes.data?.mailboxes ?? [];
  const wanted = new URLSearchParams(search).get('mailbox');
  const mailboxId = list.find((m) => m.id === wanted)?.id ?? list[0]?.id;
  return (
    <>
      {mailboxes.isPending && <Loader aria-label="…" role="status" />}
      {mailboxes.isError && (
        <Alert color="red" role="alert">
          {s.loadFailed}
        </Alert>
      )}
      {list.length > 0 && (
        <NativeSelect
          label={s.mailboxLabel}
          value={mailboxId}
          onChange={(e) =>
            navigate(`${path}?mailbox=${encodeURIComponent(e.currentTarget.value)}`, {
              replace: true,
            })
          }
          data={list.map((m) => ({ value: m.id, label: m.name }))}
          maw={320}
        />
      )}
      {mailboxId && children(mailboxId)}
    </>
  );
}
