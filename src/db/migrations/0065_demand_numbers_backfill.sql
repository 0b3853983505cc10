-- The messages written before numéros uniques were read (issue 20 §3): the
-- `demand-number-backfill` job reads them in id order up to the newest message of
-- this migration (later ones are read as they are written), then stops for good.
insert into settings (key, value)
select 'demand_numbers.backfill', jsonb_build_object('cursor', 0, 'upTo', coalesce(max(id), 0))
from messages
on conflict (key) do nothing;
