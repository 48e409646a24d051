-- Background jobs: a queue in the database, claimed with FOR UPDATE SKIP LOCKED so that several app
-- instances share it, and schedules (cron, in the deployment's time zone) claimed the same way.
create table job (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 100),
  payload jsonb not null default '{}'::jsonb,
  run_at timestamptz not null default now(),
  attempts integer not null default 0 check (attempts >= 0),
  max_attempts integer not null default 5 check (max_attempts >= 1),
  -- queued: waiting; failed: an attempt failed and a retry waits for run_at; dead: out of attempts
  status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed', 'dead')),
  last_error text,
  -- the instance running the job and until when its lease holds; an expired lease is taken over
  locked_by text,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  dedupe_key text
);
create unique index job_dedupe_key on job (dedupe_key) where dedupe_key is not null;
create index job_due on job (run_at) where status in ('queued', 'failed');
create index job_running on job (locked_until) where status = 'running';
create index job_finished on job (finished_at) where status in ('done', 'dead');
create index job_recent on job (created_at desc);

create table job_schedule (
  name text primary key check (length(name) between 1 and 100),
  job_name text not null,
  cron text not null,
  next_run_at timestamptz not null,
  last_run_at timestamptz,
  enabled boolean not null default true,
  updated_at timestamptz not null default now()
);
