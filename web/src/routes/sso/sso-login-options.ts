/** Which provider the login page names for an address (pure). */
import type { SsoLoginOptionsDto } from '@shared/sso-contracts.ts';

/** The provider an address must sign in with (password off for its domain), if any. */
export function passwordOffLabel(
  options: SsoLoginOptionsDto | undefined,
  email: string,
  slug?: string,
): string | null {
  if (!options) return null;
  const domain = email.trim().toLowerCase().split('@')[1] ?? '';
  const wanted = slug ?? options.passwordOff.find((p) => p.domain === domain)?.slug;
  return options.providers.find((p) => p.slug === wanted)?.label ?? null;
}
