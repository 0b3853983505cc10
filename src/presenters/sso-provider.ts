/** An identity provider as the administrators' page sees it: never its secret. */
import type { SsoProvider } from '../domain/sso/sso-providers.ts';
import type { SsoProviderDto } from '../shared/sso-contracts.ts';

export function presentSsoProvider(provider: SsoProvider, redirectUri: string): SsoProviderDto {
  return {
    id: provider.id,
    slug: provider.slug,
    label: provider.label,
    issuer: provider.issuer,
    clientId: provider.client_id,
    hasClientSecret: provider.client_secret_enc !== '',
    scopes: provider.scopes,
    defaultRole: provider.default_role,
    allowedDomains: provider.allowed_domains,
    verifiesEmail: provider.verifies_email,
    passwordOffDomains: provider.passwordOffDomains,
    enabled: provider.enabled,
    redirectUri,
    updatedAt: provider.updated_at.toISOString(),
  };
}
