/**
 * Kysely table types of contacts and the organisations they belong to
 * (../migrations/0001_initial.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { Generated } from 'kysely';
import type { DefaultTimestamp, Timestamp } from './columns.ts';

export type OrganisationsTable = {
  id: Generated<string>;
  name: string;
  partner_type_value_id: string | null;
  departement_value_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  /** The establishment's SIRET (14 digits), matched at single sign-on (0052). */
  siret: string | null;
};

export type OrganisationDomainsTable = { domain: string; organisation_id: string };

export type ContactsTable = {
  id: Generated<string>;
  email: string | null;
  name: string | null;
  phone: string | null;
  organisation_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  anonymised_at: Timestamp | null;
};
