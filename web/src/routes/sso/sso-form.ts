/** The provider form's values ↔ the API's input (pure). */
import type { SsoProviderDto, SsoProviderInput } from '@shared/sso-contracts.ts';

export type SsoFormValues = {
  slug: string;
  label: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  scopes: string;
  defaultRole: SsoProviderInput['defaultRole'];
  allowedDomains: string;
  verifiesEmail: boolean;
  passwordOffDomains: string;
  enabled: boolean;
};

/** ProConnect's defaults: its scopes, its addresses verified, new accounts as viewers. */
export const newSsoForm: SsoFormValues = {
  slug: 'proconnect',
  label: 'ProConnect',
  issuer: '',
  clientId: '',
  clientSecret: '',
  scopes: 'openid email given_name usual_name siret',
  defaultRole: 'viewer',
  allowedDomains: '',
  verifiesEmail: true,
  passwordOffDomains: '',
  enabled: true,
};

export function formOf(provider: SsoProviderDto): SsoFormValues {
  return {
    slug: provider.slug,
    label: provider.label,
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: '',
    scopes: provider.scopes,
    defaultRole: provider.defaultRole,
    allowedDomains: provider.allowedDomains.join('\n'),
    verifiesEmail: provider.verifiesEmail,
    passwordOffDomains: provider.passwordOffDomains.join('\n'),
    enabled: provider.enabled,
  };
}

/** Domains typed one per line or separated by commas or spaces; a leading @ is dropped. */
export const domainList = (text: string): string[] => [
  ...new Set(
    text
      .split(/[\s,;]+/)
      .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
      .filter(Boolean),
  ),
];

export function inputOf(values: SsoFormValues): SsoProviderInput {
  return {
    slug: values.slug.trim(),
    label: values.label.trim(),
    issuer: values.issuer.trim(),
    clientId: values.clientId.trim(),
    ...(values.clientSecret === '' ? {} : { clientSecret: values.clientSecret }),
    scopes: values.scopes.trim().split(/\s+/).join(' '),
    defaultRole: values.defaultRole,
    allowedDomains: domainList(values.allowedDomains),
    verifiesEmail: values.verifiesEmail,
    passwordOffDomains: domainList(values.passwordOffDomains),
    enabled: values.enabled,
  };
}
