import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import type { LoginRequest } from '@shared/contracts.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, isApiError } from '../api/client.ts';
import { PublicFrame } from '../components/public-frame.tsx';
import { useI18n } from '../i18n.ts';
import { followLink } from '../router.ts';
import { applySession } from '../session.ts';
import { useAccountI18n } from './account/account-i18n.ts';
import { loginErrorMessage } from './login-error.ts';
import { useSsoI18n } from './sso/sso-i18n.ts';
import { passwordOffLabel, SsoButtons, useSsoOptions } from './sso/sso-login.tsx';

export function LoginPage() {
  const { t } = useI18n();
  const { c } = useAccountI18n();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Second step: the password was right, the account asks for its second factor.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  // Single sign-on (issue 21 §4): the providers' buttons, password off for some domains.
  const { s } = useSsoI18n();
  const ssoOptions = useSsoOptions();
  const ssoOnly = passwordOffLabel(ssoOptions.data, email);

  const login = useMutation({
    mutationFn: (credentials: LoginRequest) => api.login(credentials),
    onSuccess: (result) => {
      if ('secondFactorRequired' in result) setAskCode(true);
      else applySession(queryClient, result);
    },
  });

  const refusedFor =
    isApiError(login.error) && typeof login.error.body?.ssoProvider === 'string'
      ? passwordOffLabel(ssoOptions.data, email, login.error.body.ssoProvider)
      : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    // The button stays enabled while the request runs so keyboard focus is never lost.
    if (login.isPending) return;
    login.mutate({ email: email.trim(), password, ...(askCode ? { code: code.trim() } : {}) });
  };

  return (
    <PublicFrame width={400}>
      <form onSubmit={onSubmit} aria-labelledby="login-heading">
        <Stack gap="md">
          <Title order={2} size="h3" id="login-heading">
            {t.loginHeading}
          </Title>
          <SsoButtons options={ssoOptions.data} />
          {login.isError && (
            <Alert color="red" role="alert" title={t.loginFailedTitle}>
              {refusedFor
                ? s.passwordOff(refusedFor)
                : askCode && isApiError(login.error) && login.error.status === 401
                  ? c.wrongCode
                  : loginErrorMessage(login.error, t)}
            </Alert>
          )}
          <TextInput
            id="login-email"
            name="email"
            type="email"
            label={t.emailLabel}
            autoComplete="username"
            description={ssoOnly ? s.passwordOff(ssoOnly) : undefined}
            required
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
          />
          <PasswordInput
            id="login-password"
            name="password"
            label={t.passwordLabel}
            autoComplete="current-password"
            visibilityToggleButtonProps={{ 'aria-label': t.showPassword }}
            required
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
          />
          {askCode && (
            <TextInput
              id="login-code"
              name="code"
              label={c.codeLabel}
              description={c.codeHint}
              autoComplete="one-time-code"
              required
              autoFocus
              value={code}
              onChange={(event) => setCode(event.currentTarget.value)}
            />
          )}
          <Button type="submit" fullWidth aria-busy={login.isPending}>
            {t.loginSubmit}
          </Button>
          <Anchor href="/account/forgot" onClick={followLink} size="sm" ta="center">
            {c.forgotLink}
          </Anchor>
        </Stack>
      </form>
    </PublicFrame>
  );
}
