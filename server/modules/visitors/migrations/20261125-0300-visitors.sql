-- Visitors: sites (a compound with a gate), their guards, visits, host links and the blacklist.

create table visitor_site (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  address text,
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  -- the checks recorded at the gate: [{ "code": "temperature" | "health_code" | …, "kind": … }]
  checks jsonb not null default '[]'::jsonb,
  created_at timestamptz not null default now(),
  unique (unit_id, name)
);

create table visitor_site_guard (
  site_id uuid not null references visitor_site(id) on delete cascade,
  person_id uuid not null references org_person(id) on delete cascade,
  primary key (site_id, person_id)
);
create index visitor_site_guard_person on visitor_site_guard (person_id);

-- a host's shareable appointment link: /visit/<token>
create table visitor_host_link (
  token text primary key check (length(token) >= 20),
  person_id uuid not null unique references org_person(id) on delete cascade,
  site_id uuid not null references visitor_site(id) on delete cascade,
  created_at timestamptz not null default now()
);

create table visitor_visit (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references visitor_site(id),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  host_person_id uuid not null references org_person(id),
  visitor_name text not null check (length(visitor_name) between 1 and 50),
  -- AES-256-GCM cipher text, keyed hash and last four characters; null once purged
  id_cipher text,
  id_hash text,
  id_last4 text check (id_last4 is null or length(id_last4) = 4),
  id_head3 text,
  mobile text,
  company text,
  purpose text not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  plate text,
  status text not null default 'pending'
    check (status in ('pending', 'approved', 'declined', 'cancelled', 'checked_in', 'checked_out')),
  walk_in boolean not null default false,
  pass_code text unique,
  pass_token text not null unique check (length(pass_token) >= 20),
  decided_at timestamptz,
  decided_by uuid,
  decline_reason text,
  checked_in_at timestamptz,
  checked_out_at timestamptz,
  checks jsonb,
  flagged boolean not null default false,
  purged_at timestamptz,
  created_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (status <> 'approved' or pass_code is not null),
  check (status not in ('checked_in', 'checked_out') or checked_in_at is not null),
  check (status <> 'checked_out' or checked_out_at is not null)
);
create index visitor_visit_site_time on visitor_visit (site_id, starts_at);
create index visitor_visit_host on visitor_visit (host_person_id, starts_at desc);
create index visitor_visit_unit on visitor_visit (unit_id, starts_at desc);
create index visitor_visit_id_hash on visitor_visit (id_hash);
create index visitor_visit_plate on visitor_visit (plate) where plate is not null;

create table visitor_blacklist (
  id uuid primary key default gen_random_uuid(),
  id_hash text not null unique,
  id_masked text not null,
  name text not null,
  reason text not null,
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  created_by uuid,
  created_at timestamptz not null default now()
);

-- refused attempts at the gate (blacklisted visitors), for the guards' record
create table visitor_flag (
  id uuid primary key default gen_random_uuid(),
  site_id uuid not null references visitor_site(id),
  blacklist_id uuid not null references visitor_blacklist(id) on delete cascade,
  visit_id uuid references visitor_visit(id) on delete set null,
  created_at timestamptz not null default now()
);
