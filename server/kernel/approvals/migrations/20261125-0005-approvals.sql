-- The generic approval workflow: matters (one request each), the approvers' tasks of every step,
-- the full history of actions and the attached files.
create table approval_matter (
  id uuid primary key default gen_random_uuid(),
  type text not null check (type ~ '^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$'),
  title text not null check (length(title) between 1 and 200),
  payload jsonb not null,
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'approved', 'rejected', 'withdrawn', 'returned')),
  requester_account_id uuid not null references auth_account (id),
  requester_person_id uuid not null references org_person (id),
  unit_id uuid not null references org_unit (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  -- the steps as they stood when the matter was last submitted (a type's steps may depend on the payload)
  steps jsonb,
  -- index into steps while submitted; null otherwise
  current_step integer check (current_step >= 0),
  -- how many times the matter was submitted; tasks belong to one round
  round integer not null default 0 check (round >= 0),
  submitted_at timestamptz,
  decided_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((status = 'submitted') = (current_step is not null)),
  check (status = 'draft' or status = 'withdrawn' or steps is not null)
);
create index approval_matter_requester on approval_matter (requester_account_id, created_at desc);
create index approval_matter_unit on approval_matter (unit_id);
create index approval_matter_jurisdiction on approval_matter (jurisdiction_id, status);
create index approval_matter_title_trgm on approval_matter using gin (title gin_trgm_ops);

create table approval_task (
  id uuid primary key default gen_random_uuid(),
  matter_id uuid not null references approval_matter (id),
  round integer not null check (round >= 1),
  step_index integer not null check (step_index >= 0),
  step_key text not null,
  approver_account_id uuid not null references auth_account (id),
  status text not null default 'pending'
    check (status in ('pending', 'approved', 'rejected', 'returned', 'cancelled')),
  opinion text check (length(opinion) <= 2000),
  created_at timestamptz not null default now(),
  decided_at timestamptz,
  unique (matter_id, round, step_index, approver_account_id),
  check ((status = 'pending') = (decided_at is null))
);
create index approval_task_approver on approval_task (approver_account_id, status, created_at desc);
create index approval_task_matter on approval_task (matter_id, round, step_index);

create table approval_event (
  id bigint generated always as identity primary key,
  matter_id uuid not null references approval_matter (id),
  at timestamptz not null default now(),
  actor_account_id uuid references auth_account (id),
  action text not null
    check (action in ('create', 'update', 'submit', 'approve', 'reject', 'return', 'withdraw')),
  round integer not null default 0,
  step_key text,
  opinion text check (length(opinion) <= 2000),
  from_status text,
  to_status text
);
create index approval_event_matter on approval_event (matter_id, id);

create table approval_attachment (
  matter_id uuid not null references approval_matter (id),
  file_id uuid not null references file_object (id),
  added_by uuid not null references auth_account (id),
  added_at timestamptz not null default now(),
  primary key (matter_id, file_id)
);
create unique index approval_attachment_file on approval_attachment (file_id);
