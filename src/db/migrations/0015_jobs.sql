-- One job runner (issue 17, docs/adr/0010-one-job-runner.md): one row per run
-- of a scheduled or enqueued job. The id is the run's idempotency key —
-- `<job>@<occurrence>` for a schedule (`housekeeping@2026-12-06T02:00:00.000Z`),
-- `<job>:<key>` for an enqueued job — so two instances inserting the same
-- occurrence make one row, and `FOR UPDATE SKIP LOCKED` gives it to one runner.
-- A claim is a lease (`locked_until`), renewed by the runner's heartbeat: a runner
-- that dies leaves the row `running` until the lease ends, then another takes it.
create table job_runs (
  id text primary key,
  name text not null,
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'queued'
    check (status in ('queued', 'running', 'done', 'failed')),
  run_at timestamptz not null default now(),
  attempts integer not null default 0,
  max_attempts integer not null default 5 check (max_attempts > 0),
  locked_by text,
  locked_until timestamptz,
  last_error text,
  created_at timestamptz not null default now(),
  finished_at timestamptz
);

-- What the runners poll: the runs waiting or held, by due time.
create index job_runs_due_idx on job_runs (run_at) where status in ('queued', 'running');
-- What housekeeping purges: finished runs, by age.
create index job_runs_finished_idx on job_runs (finished_at) where finished_at is not null;
