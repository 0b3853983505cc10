import type { SsoProviderDto } from '@shared/sso-contracts.ts';
import { ssoProviderInputSchema } from '@shared/sso-contracts.ts';
import { describe, expect, it } from 'vitest';
import { domainList, formOf, inputOf, newSsoForm } from './sso-form.ts';

describe('the identity provider form', () => {
  it('reads domains typed loosely', () => {
    expect(
      domainList(' @Mairie.example.org, bailleur.example.org\n\nmairie.example.org ;x.example.org'),
    ).toEqual(['mairie.example.org', 'bailleur.example.org', 'x.example.org']);
  });

  it('sends a valid input, and no secret when the field stays empty', () => {
    const input = inputOf({
      ...newSsoForm,
      issuer: 'https://auth.example.org/api/v2',
      clientId: 'guichet',
      scopes: ' openid  email siret ',
      passwordOffDomains: 'mairie.example.org',
    });
    expect(input.clientSecret).toBeUndefined();
    expect(input.scopes).toBe('openid email siret');
    expect(ssoProviderInputSchema.safeParse(input).success).toBe(true);
  });

  it('round-trips a saved provider', () => {
    const dto: SsoProviderDto = {
      id: '00000000-0000-4000-8000-000000000001',
      slug: 'proconnect',
      label: 'ProConnect',
      issuer: 'https://auth.example.org',
      clientId: 'guichet',
      hasClientSecret: true,
      scopes: 'openid email',
      defaultRole: 'agent',
      allowedDomains: ['a.example.org'],
      verifiesEmail: false,
      passwordOffDomains: ['b.example.org', 'c.example.org'],
      enabled: false,
      redirectUri: 'https://guichet.example.org/auth/sso/proconnect/callback',
      updatedAt: '2026-12-06T08:00:00.000Z',
    };
    const { id: _i, hasClientSecret: _h, redirectUri: _r, updatedAt: _u, ...rest } = dto;
    expect(inputOf(formOf(dto))).toEqual(rest);
  });
});
