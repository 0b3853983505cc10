/**
 * Kysely table types of the public help centre: sites per département, natures, knowledge
 * base, form context, rate limits and events (../migrations/0008_portal.sql).
 * Assembled into `DB` by ../schema.ts.
 */
import type { ColumnType, Generated } from 'kysely';
import type { DefaultTimestamp, TextArray, Timestamp } from './columns.ts';

export type PortalSitesTable = {
  departement: string;
  name: string;
  logo_sha256: string | null;
  color_primary: Generated<string>;
  color_accent: Generated<string>;
  intro: Generated<string>;
  embed_origins: TextArray;
  enabled: Generated<boolean>;
  updated_at: DefaultTimestamp;
};

export type PortalNaturesTable = {
  key: string;
  label: string;
  hint: Generated<string>;
  value_id: string | null;
  position: Generated<number>;
  archived_at: Timestamp | null;
};

export type KbCategoriesTable = {
  id: Generated<string>;
  slug: string;
  title: string;
  description: Generated<string>;
  position: Generated<number>;
};

export type KbArticlesTable = {
  id: Generated<string>;
  slug: string;
  category_id: string | null;
  departement: string | null;
  nature_keys: TextArray;
  position: Generated<number>;
  draft_title: string;
  draft_body: Generated<string>;
  needs_review: Generated<boolean>;
  published_title: string | null;
  published_body: string | null;
  published_html: string | null;
  published_at: Timestamp | null;
  version: Generated<number>;
  /** Generated from the published copy (french, unaccented); never written. */
  search: ColumnType<string, never, never>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
  updated_by: string | null;
};

export type KbArticleVersionsTable = {
  article_id: string;
  version: number;
  title: string;
  body: string;
  published_at: Timestamp;
  published_by: string | null;
};

export type KbImagesTable = {
  sha256: string;
  content_type: 'image/png' | 'image/jpeg';
  size_bytes: number;
  created_at: DefaultTimestamp;
};

export type PortalTicketContextTable = {
  ticket_id: number;
  departement: string;
  nature_key: string | null;
  numero_unique: string | null;
  viewed_article_ids: TextArray;
  masked: TextArray;
  created_at: DefaultTimestamp;
};

export type PortalRateLimitsTable = {
  key: string;
  window_started_at: Timestamp;
  hits: Generated<number>;
};

/** Nonces of contact form tokens already used to send a message (0017). */
export type PortalFormNoncesTable = {
  nonce: string;
  expires_at: Timestamp;
};

export type PortalEventKind =
  | 'article_view'
  | 'search'
  | 'vote_yes'
  | 'vote_no'
  | 'form_start'
  | 'form_submit';

export type PortalEventsTable = {
  id: Generated<number>;
  at: DefaultTimestamp;
  departement: string;
  kind: PortalEventKind;
  nature_key: string | null;
  article_id: string | null;
  query: string | null;
  results: number | null;
};
