-- Organisation: jurisdictions (the city and its districts), units, departments and people.
create extension if not exists pg_trgm;
create extension if not exists btree_gist;

create table org_jurisdiction (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null,
  kind text not null check (kind in ('city', 'district', 'county')),
  parent_id uuid references org_jurisdiction (id),
  sort integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table org_unit (
  id uuid primary key default gen_random_uuid(),
  code text not null unique,
  name text not null check (length(name) between 1 and 100),
  short_name text,
  kind text not null check (kind in ('organ', 'institution')),
  level text not null check (level in ('city', 'district', 'county', 'township')),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  parent_id uuid references org_unit (id),
  establishment integer not null default 0 check (establishment >= 0),
  address text,
  sort integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index org_unit_jurisdiction on org_unit (jurisdiction_id);
create index org_unit_parent on org_unit (parent_id);
create index org_unit_name_trgm on org_unit using gin (name gin_trgm_ops);

create table org_department (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references org_unit (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  name text not null check (length(name) between 1 and 100),
  sort integer not null default 0,
  created_at timestamptz not null default now(),
  unique (unit_id, name)
);

create table org_person (
  id uuid primary key default gen_random_uuid(),
  unit_id uuid not null references org_unit (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  department_id uuid references org_department (id),
  employee_no text not null unique,
  name text not null check (length(name) between 1 and 50),
  gender text check (gender in ('male', 'female')),
  rank text not null,
  position text,
  phone text,
  status text not null default 'active' check (status in ('active', 'transferred', 'retired')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index org_person_unit on org_person (unit_id);
create index org_person_jurisdiction on org_person (jurisdiction_id);
create index org_person_name_trgm on org_person using gin (name gin_trgm_ops);
