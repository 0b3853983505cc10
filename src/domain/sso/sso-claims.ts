/**
 * A provider's claims → the person Guichet knows (pure). ProConnect's names:
 * `email`, `given_name`, `usual_name` (the usual family name; `family_name`
 * elsewhere), `siret` (the establishment, 14 digits). The address must be there,
 * in an allowed domain, and verified (`email_verified` true, or a provider
 * declared as verifying the addresses it gives).
 */
import type { SsoProviderRow } from '../../db/schema.ts';
import type { SignOnClaims } from './oidc-client.ts';
import { SsoRefused } from './sso-refused.ts';

export type PersonClaims = {
  subject: string;
  email: string;
  name: string;
  siret: string | null;
};

const text = (value: unknown, max: number): string =>
  typeof value === 'string' ? value.trim().slice(0, max) : '';

const emailPattern =
  /^[^\s@<>()",;]+@([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+)$/;

export function personFromClaims(
  claims: SignOnClaims,
  provider: Pick<SsoProviderRow, 'allowed_domains' | 'verifies_email'>,
): PersonClaims {
  const email = text(claims.email, 320).toLowerCase();
  const domain = emailPattern.exec(email)?.[1];
  if (!domain)
    throw new SsoRefused(
      'email_missing',
      email === '' ? 'no email claim' : 'malformed email claim',
    );
  if (provider.allowed_domains.length > 0 && !provider.allowed_domains.includes(domain))
    throw new SsoRefused('domain', `domain ${domain} not allowed`);
  const verified = claims.email_verified === true || claims.email_verified === 'true';
  if (!verified && !provider.verifies_email)
    throw new SsoRefused('email_unverified', 'email_verified is not true');
  const given = text(claims.given_name, 100);
  const family = text(claims.usual_name, 100) || text(claims.family_name, 100);
  const name = [given, family].filter(Boolean).join(' ') || text(claims.name, 200) || email;
  const siret = text(claims.siret, 20).replace(/\s/g, '');
  return {
    subject: claims.sub,
    email,
    name,
    siret: /^\d{14}$/.test(siret) ? siret : null,
  };
}
