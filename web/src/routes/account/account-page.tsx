/**
 * The public account pages, opened from account mail or the login page:
 * `/account/invitation#TOKEN` (first password), `/account/reset#TOKEN` (new
 * password), `/account/forgot` (ask for a reset link). The token travels in
 * the fragment, so it never reaches a server log or a Referer header.
 */
import {
  Alert,
  Anchor,
  Button,
  Loader,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { accountApi, type LinkPurpose } from '../../api/admin.ts';
import { isApiError } from '../../api/client.ts';
import { PublicFrame } from '../../components/public-frame.tsx';
import { followLink } from '../../router.ts';
import { useAccountI18n } from './account-i18n.ts';

export const accountPaths = {
  invitation: '/account/invitation',
  reset: '/account/reset',
  forgot: '/account/forgot',
} as const;

export function isAccountPath(pathname: string): boolean {
  return Object.values(accountPaths).includes(
    pathname as (typeof accountPaths)[keyof typeof accountPaths],
  );
}

export function AccountPage({ pathname }: { pathname: string }) {
  return (
    <PublicFrame width={440}>
      {pathname === accountPaths.forgot ? (
        <ForgotForm />
      ) : (
        <PasswordForm
          purpose={pathname === accountPaths.invitation ? 'invitation' : 'password_reset'}
        />
      )}
    </PublicFrame>
  );
}

function LoginLink({ label }: { label: string }) {
  return (
    <Anchor href="/" onClick={followLink}>
      {label}
    </Anchor>
  );
}

/** Where a password link ends: refused (an alert) or done (a status), then back to login. */
function Outcome(props: { title: string; ok: boolean; message: string; link: string }) {
  return (
    <Stack>
      <Title order={2} size="h3">
        {props.title}
      </Title>
      <Alert color={props.ok ? 'green' : 'red'} role={props.ok ? 'status' : 'alert'}>
        {props.message}
      </Alert>
      <LoginLink label={props.link} />
    </Stack>
  );
}

function PasswordForm({ purpose }: { purpose: LinkPurpose }) {
  const { c } = useAccountI18n();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const link = useQuery({
    queryKey: ['account-link', purpose, token],
    queryFn: () => accountApi.link(purpose, token),
    enabled: token !== '',
    retry: false,
  });
  const save = useMutation({ mutationFn: () => accountApi.setPassword(purpose, token, password) });
  const title = purpose === 'invitation' ? c.invitationTitle : c.resetTitle;

  if (
    token === '' ||
    link.isError ||
    (save.isError && isApiError(save.error) && save.error.status === 404)
  ) {
    return <Outcome title={title} ok={false} message={c.invalidLink} link={c.backToLogin} />;
  }
  if (link.isPending) return <Loader aria-label="…" role="status" />;
  if (save.isSuccess) {
    return <Outcome title={title} ok message={c.passwordSet} link={c.goToLogin} />;
  }
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMismatch(password !== repeat);
    if (password === repeat && !save.isPending) save.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby="account-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="account-heading">
          {title}
        </Title>
        <Text>
          {purpose === 'invitation'
            ? c.invitationIntro(link.data.name, link.data.email)
            : c.resetIntro(link.data.email)}
        </Text>
        {(mismatch || save.isError) && (
          <Alert color="red" role="alert">
            {mismatch
              ? c.mismatch
              : isApiError(save.error)
                ? save.error.message
                : String(save.error)}
          </Alert>
        )}
        <input type="hidden" name="username" autoComplete="username" value={link.data.email} />
        <PasswordInput
          label={c.newPassword}
          description={c.passwordHint}
          autoComplete="new-password"
          required
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
        <PasswordInput
          label={c.repeatPassword}
          autoComplete="new-password"
          required
          value={repeat}
          onChange={(e) => setRepeat(e.currentTarget.value)}
        />
        <Button type="submit" aria-busy={save.isPending}>
          {c.submitPassword}
        </Button>
      </Stack>
    </form>
  );
}

function ForgotForm() {
  const { c, t } = useAccountI18n();
  const [email, setEmail] = useState('');
  const request = useMutation({ mutationFn: () => accountApi.requestReset(email.trim()) });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!request.isPending) request.mutate();
  };
  return (
    <form onSubmit={onSubmit} aria-labelledby="forgot-heading">
      <Stack gap="md">
        <Title order={2} size="h3" id="forgot-heading">
          {c.forgotTitle}
        </Title>
        <Text>{c.forgotIntro}</Text>
        {request.isSuccess && (
          <Alert color="green" role="status">
            {c.forgotSent}
          </Alert>
        )}
        {request.isError && (
          <Alert color="red" role="alert">
            {isApiError(request.error) && request.error.status === 429
              ? c.tooMany
              : t.unexpectedError}
          </Alert>
        )}
        <TextInput
          label={t.emailLabel}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
        />
        <Button type="submit" aria-busy={request.isPending}>
          {c.forgotSubmit}
        </Button>
        <LoginLink label={c.backToLogin} />
      </Stack>
    </form>
  );
}
