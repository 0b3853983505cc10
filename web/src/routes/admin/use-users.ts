/**
 * The users page's reads and writes (TanStack Query): the accounts and the
 * mailboxes, an invitation, a change to one account (with the message it
 * leaves), and the administrator's own second factor. Every write refreshes
 * the accounts.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { adminApi } from '../../api/admin.ts';
import { api } from '../../api/client.ts';
import { useAdminI18n } from './admin-i18n.ts';
import { failureText, type InviteForm, inviteRequest } from './user-accounts.ts';

export const usersKey = ['admin', 'users'] as const;
const secondFactorKey = ['account', 'second-factor'] as const;

export function useUsersPageData() {
  const users = useQuery({ queryKey: usersKey, queryFn: () => adminApi.users() });
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api.mailboxes() });
  return { users, mailboxes };
}

/** Sends the form's invitation; `onSent` gets the invited address and the link when no mail carries it. */
export function useInvite(form: InviteForm, onSent: (email: string, link: string | null) => void) {
  const { language } = useAdminI18n();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => adminApi.invite(inviteRequest(form, language)),
    onSuccess: (user) => {
      onSent(user.email, user.invitation.link);
      void queryClient.invalidateQueries({ queryKey: usersKey });
    },
  });
}

/** The outcome of a change; `link` is an invitation's link to pass on when no mail carries it. */
export type ChangeMessage = { ok: boolean; text: string; link?: { email: string; href: string } };

/** Runs one change to an account; the message says it was saved (`text`) or why it failed. */
export function useAccountChange() {
  const { a } = useAdminI18n();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<ChangeMessage | null>(null);
  const change = useMutation({
    mutationFn: async (action: () => Promise<unknown>) => action(),
    onError: (error) => setMessage({ ok: false, text: failureText(error, a.failed) }),
  });
  const run = (
    action: () => Promise<unknown>,
    text: string | ((result: unknown) => ChangeMessage),
  ) =>
    change.mutate(action, {
      onSuccess: (result) => {
        setMessage(typeof text === 'string' ? { ok: true, text } : text(result));
        void queryClient.invalidateQueries({ queryKey: usersKey });
      },
    });
  return { message, run };
}

/** The second factor's status, its enrolment (start, confirm with a code) and its removal. */
export function useSecondFactor(code: string, onDone: () => void) {
  const queryClient = useQueryClient();
  const status = useQuery({ queryKey: secondFactorKey, queryFn: () => adminApi.secondFactor() });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: secondFactorKey });
    void queryClient.invalidateQueries({ queryKey: usersKey });
  };
  const start = useMutation({ mutationFn: () => adminApi.startSecondFactor() });
  const confirm = useMutation({
    mutationFn: () => adminApi.confirmSecondFactor(code.trim()),
    onSuccess: () => {
      onDone();
      refresh();
    },
  });
  const disable = useMutation({
    mutationFn: () => adminApi.disableSecondFactor(code.trim()),
    onSuccess: () => {
      onDone();
      start.reset();
      confirm.reset();
      refresh();
    },
  });
  return {
    enabled: status.data?.enabled === true,
    start,
    confirm,
    disable,
    error: start.error ?? confirm.error ?? disable.error,
  };
}
