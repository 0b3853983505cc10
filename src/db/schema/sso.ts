/**
 * Kysely table types of single sign-on (../migrations/0052_sso.sql, issue 21 §4):
 * providers, password-off domains, linked identities, sign-ons under way, the
 * organisation a person belongs to.
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated, Selectable } from 'kysely';
import type { DefaultTimestamp, TextArray, Timestamp } from './columns.ts';

export type SsoProvidersTable = {
  id: Generated<string>;
  slug: string;
  label: string;
  issuer: string;
  client_id: string;
  client_secret_enc: string;
  scopes: Generated<string>;
  default_role: Generated<'supervisor' | 'agent' | 'viewer'>;
  allowed_domains: TextArray;
  verifies_email: Generated<boolean>;
  enabled: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};
export type SsoProviderRow = Selectable<SsoProvidersTable>;

export type SsoPasswordOffDomainsTable = { domain: string; provider_id: string };

export type SsoIdentitiesTable = {
  provider_id: string;
  subject: string;
  user_id: string;
  created_at: DefaultTimestamp;
  last_login_at: DefaultTimestamp;
};

export type SsoLoginStatesTable = {
  state_hash: string;
  provider_id: string;
  nonce: string;
  code_verifier: string;
  created_at: DefaultTimestamp;
  expires_at: Timestamp;
};

export type UserOrganisationsTable = {
  user_id: string;
  organisation_id: string;
  updated_at: DefaultTimestamp;
};
