-- Automated dispatch proposals: the planner's plan for a day and pools, kept until accepted (all or part).
create table veh_plan (
  id uuid primary key default gen_random_uuid(),
  day date not null,
  pools uuid[] not null check (cardinality(pools) between 1 and 50),
  plan jsonb not null,
  figures jsonb not null,
  status text not null default 'proposed' check (status in ('proposed', 'accepted', 'partly_accepted', 'superseded')),
  created_by uuid references auth_account (id),
  created_at timestamptz not null default now(),
  accepted_at timestamptz
);
create index veh_plan_day on veh_plan (day, created_at desc);
