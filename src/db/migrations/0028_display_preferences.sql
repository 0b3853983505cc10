-- The agent's display preferences (issue 15 §5), kept per user: the colour
-- scheme of the app (light or dark) and the density of the ticket list and
-- screens (comfortable or compact). Existing accounts keep today's look.
alter table users
  add column color_scheme text not null default 'light'
    check (color_scheme in ('light', 'dark')),
  add column density text not null default 'comfortable'
    check (density in ('comfortable', 'compact'));
