-- Where background jobs keep their own progress (a backfill's mark, a consumer's cursor):
-- not in `settings`, which is the desk's configuration (exported and imported whole).
-- Migrations 0065 and 0066 had put two such rows there; they move here.
create table job_state (
  key text primary key check (key ~ '^[a-z][a-z0-9_.-]{0,99}$'),
  value jsonb not null,
  updated_at timestamptz not null default now()
);
insert into job_state (key, value)
select key, value from settings where key in ('demand_numbers.backfill', 'incidents.autolink');
delete from settings where key in ('demand_numbers.backfill', 'incidents.autolink');
