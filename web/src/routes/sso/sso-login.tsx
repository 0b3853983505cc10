/**
 * The login page's single sign-on (issue 21 §4): one button per enabled provider
 * (a plain link: the browser goes to the provider and comes back logged in), the
 * refusal the callback sent back (`?sso=code`, removed from the address once read),
 * and which provider an address of a password-off domain must use.
 */
import { Alert, Button, Divider, Stack } from '@mantine/core';
import {
  isSsoErrorCode,
  type SsoErrorCode,
  type SsoLoginOptionsDto,
} from '@shared/sso-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../../api/client.ts';
import { useSsoI18n } from './sso-i18n.ts';

export { passwordOffLabel } from './sso-login-options.ts';

export function useSsoOptions() {
  return useQuery({
    queryKey: ['sso-options'],
    queryFn: () => request<SsoLoginOptionsDto>('GET', '/api/auth/sso/options'),
    staleTime: 60_000,
  });
}

/** The refusal in the address, read once; the address is cleaned so a reload does not repeat it. */
function useSsoRefusal(): SsoErrorCode | null {
  const [code] = useState<SsoErrorCode | null>(() => {
    const url = new URL(window.location.href);
    const value = url.searchParams.get('sso');
    if (value === null) return null;
    url.searchParams.delete('sso');
    window.history.replaceState(
      window.history.state,
      '',
      `${url.pathname}${url.search}${url.hash}`,
    );
    return isSsoErrorCode(value) ? value : 'provider';
  });
  return code;
}

export function SsoButtons({ options }: { options: SsoLoginOptionsDto | undefined }) {
  const { s } = useSsoI18n();
  const refusal = useSsoRefusal();
  const providers = options?.providers ?? [];
  return (
    <Stack gap="sm">
      {refusal && (
        <Alert color="red" role="alert" title={s.refusedTitle}>
          {s.refused[refusal]}
        </Alert>
      )}
      {providers.map((provider) => (
        <Button
          key={provider.slug}
          component="a"
          href={provider.startUrl}
          variant="default"
          fullWidth
        >
          {s.signInWith(provider.label)}
        </Button>
      ))}
      {providers.length > 0 && <Divider label={s.or} labelPosition="center" />}
    </Stack>
  );
}
