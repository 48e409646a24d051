-- Accounts, role assignments with data scope, sessions and machine tokens.
create table auth_account (
  id uuid primary key default gen_random_uuid(),
  username text not null check (username ~ '^[a-z0-9_.-]{2,40}$'),
  display_name text not null,
  person_id uuid references org_person (id),
  password_hash text not null,
  password_changed_at timestamptz not null default now(),
  disabled boolean not null default false,
  failed_count integer not null default 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index auth_account_username on auth_account (username);
create index auth_account_person on auth_account (person_id);

create table auth_role_assignment (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references auth_account (id) on delete cascade,
  role text not null,
  scope_kind text not null check (scope_kind in ('city', 'jurisdiction', 'unit', 'self')),
  jurisdiction_id uuid references org_jurisdiction (id),
  unit_id uuid references org_unit (id),
  created_at timestamptz not null default now(),
  check (
    (scope_kind = 'city' and jurisdiction_id is null and unit_id is null) or
    (scope_kind = 'jurisdiction' and jurisdiction_id is not null and unit_id is null) or
    (scope_kind = 'unit' and unit_id is not null) or
    (scope_kind = 'self' and jurisdiction_id is null and unit_id is null)
  )
);
create unique index auth_role_assignment_unique on auth_role_assignment
  (account_id, role, scope_kind, coalesce(jurisdiction_id, '00000000-0000-0000-0000-000000000000'::uuid),
   coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid));
create index auth_role_assignment_role on auth_role_assignment (role);

create table auth_session (
  id uuid primary key default gen_random_uuid(),
  token_hash text not null unique,
  account_id uuid not null references auth_account (id) on delete cascade,
  csrf_token text not null,
  kind text not null check (kind in ('cookie', 'bearer')),
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  last_seen_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index auth_session_account on auth_session (account_id);

create table auth_machine_token (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  purpose text not null,
  token_hash text not null unique,
  created_by uuid references auth_account (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
