-- The public help centre (issue 7): one site per département, the knowledge base
-- (categories, articles with drafts and published versions, images), the public
-- natures of the contact form and their internal values, the form's context on
-- the ticket, DB-backed rate limits shared by every instance, and deflection
-- events (no personal data: no IP, no e-mail, no name).

-- unaccent() is only STABLE (its dictionary could change); an index or a generated
-- column needs an IMMUTABLE function, so this wrapper names the dictionary explicitly.
create or replace function portal_unaccent(text) returns text
  language sql immutable parallel safe strict
  as $$ select public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- One help centre per département (/aide/44): its name, logo, colours and the
-- sites allowed to embed its widget (CORS and CSP frame-ancestors).
create table portal_sites (
  departement text primary key check (departement ~ '^[0-9]{2,3}[AB]?$'),
  name text not null check (length(name) between 1 and 200),
  logo_sha256 text check (logo_sha256 ~ '^[0-9a-f]{64}$'),
  color_primary text not null default '#1d4f91' check (color_primary ~ '^#[0-9a-fA-F]{6}$'),
  color_accent text not null default '#f3f6fb' check (color_accent ~ '^#[0-9a-fA-F]{6}$'),
  intro text not null default '' check (length(intro) <= 5000),
  embed_origins text[] not null default '{}',
  enabled boolean not null default true,
  updated_at timestamptz not null default now()
);

-- What the applicant picks at step 1, in plain French, and the internal value of
-- the Demandeurs "Nature du problème" field it files the ticket under.
create table portal_natures (
  key text primary key check (key ~ '^[a-z][a-z0-9-]{0,62}$'),
  label text not null check (length(label) between 1 and 300),
  hint text not null default '' check (length(hint) <= 1000),
  value_id uuid references field_values (id) on delete set null,
  position int not null default 0,
  archived_at timestamptz
);

create table kb_categories (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,99}$'),
  title text not null check (length(title) between 1 and 200),
  description text not null default '',
  position int not null default 0
);

-- An article has its working draft and, once published, the published copy the
-- public reads (searched through `search`). `departement` null = every site.
-- `needs_review`: a starter text the team has not reviewed yet.
create table kb_articles (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{0,119}$'),
  category_id uuid references kb_categories (id) on delete set null,
  departement text check (departement ~ '^[0-9]{2,3}[AB]?$'),
  nature_keys text[] not null default '{}',
  position int not null default 0,
  draft_title text not null check (length(draft_title) between 1 and 300),
  draft_body text not null default '' check (length(draft_body) <= 200000),
  needs_review boolean not null default false,
  published_title text,
  published_body text,
  published_html text,
  published_at timestamptz,
  version int not null default 0,
  search tsvector generated always as (
    setweight(to_tsvector('french', portal_unaccent(coalesce(published_title, ''))), 'A') ||
    setweight(to_tsvector('french', portal_unaccent(coalesce(published_body, ''))), 'B')
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null
);
create index kb_articles_search_idx on kb_articles using gin (search);
create index kb_articles_natures_idx on kb_articles using gin (nature_keys);

-- Every published version, kept (what the public read on a given day).
create table kb_article_versions (
  article_id uuid not null references kb_articles (id) on delete cascade,
  version int not null,
  title text not null,
  body text not null,
  published_at timestamptz not null,
  published_by uuid references users (id) on delete set null,
  primary key (article_id, version)
);

-- Images of articles (bytes in the content-addressed store). Only hashes listed
-- here are served publicly: ticket attachments share the store and never are.
create table kb_images (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  content_type text not null check (content_type in ('image/png', 'image/jpeg')),
  size_bytes int not null check (size_bytes > 0),
  created_at timestamptz not null default now()
);

-- What the contact form knew when the ticket was created.
create table portal_ticket_context (
  ticket_id bigint primary key references tickets (id) on delete cascade,
  departement text not null,
  nature_key text,
  numero_unique text check (numero_unique ~ '^[0-9A-Z]{18}$'),
  viewed_article_ids uuid[] not null default '{}',
  masked text[] not null default '{}',
  created_at timestamptz not null default now()
);

-- Fixed-window counters (per IP hash, per e-mail hash), shared by every instance.
create table portal_rate_limits (
  key text primary key,
  window_started_at timestamptz not null,
  hits int not null default 0
);
create index portal_rate_limits_window_idx on portal_rate_limits (window_started_at);

-- Deflection facts: one row per view, search, vote, form start and submission.
-- `query` is the normalised search text (digits and addresses removed), nothing else.
create table portal_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  departement text not null,
  kind text not null check (kind in
    ('article_view', 'search', 'vote_yes', 'vote_no', 'form_start', 'form_submit')),
  nature_key text,
  article_id uuid references kb_articles (id) on delete set null,
  query text check (length(query) <= 100),
  results int
);
create index portal_events_at_idx on portal_events (at);
