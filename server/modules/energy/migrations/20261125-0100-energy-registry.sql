-- Energy registry: public institutions, their buildings and metering points (公共机构 · 建筑 · 计量点).
-- institution_id is the distribution column for a Citus scale-out: the point and every reading and
-- rollup carry it (see README, "Scaling out the energy network").

create table energy_institution (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (length(code) between 1 and 40),
  name text not null check (length(name) between 1 and 120),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  -- the org unit the institution is, when it is one of the platform's units (else null)
  unit_id uuid references org_unit (id),
  kind text not null check (kind in ('organ', 'institution', 'school', 'hospital', 'venue', 'other')),
  address text,
  lon double precision check (lon between -180 and 180),
  lat double precision check (lat between -90 and 90),
  occupants integer not null default 0 check (occupants >= 0),
  -- saving-model organ / demonstration unit (节约型机关 / 示范单位)
  demonstration text check (demonstration in ('national', 'provincial')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index energy_institution_jurisdiction on energy_institution (jurisdiction_id);
create index energy_institution_unit on energy_institution (unit_id);

create table energy_building (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references energy_institution (id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  floor_area numeric(12, 2) not null check (floor_area > 0),
  occupants integer not null default 0 check (occupants >= 0),
  built_year integer check (built_year between 1900 and 2100),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (institution_id, name)
);

create table energy_point (
  id uuid primary key default gen_random_uuid(),
  -- what meters and gateways send: goa/readings/{code}
  code text not null unique check (code ~ '^[A-Za-z0-9_.-]{1,64}$'),
  name text not null check (length(name) between 1 and 120),
  institution_id uuid not null references energy_institution (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  building_id uuid references energy_building (id) on delete set null,
  energy_type text not null check (energy_type in ('electricity', 'water', 'gas', 'heat')),
  -- 分项: only electricity points carry a sub-item
  sub_item text check (sub_item in ('lighting_sockets', 'hvac', 'power', 'special')),
  -- the main meter this point is a sub-meter of
  parent_id uuid references energy_point (id) on delete set null,
  -- metered: readings arrive; virtual: computed by `formula` over other points; manual: monthly entries
  kind text not null default 'metered' check (kind in ('metered', 'virtual', 'manual')),
  formula text,
  -- kWh, m3, GJ
  unit text not null check (unit in ('kWh', 'm3', 'GJ')),
  -- transformer ratio etc.: a register step times this is the consumption
  multiplier numeric(12, 4) not null default 1 check (multiplier > 0),
  -- the register rolls over to zero after this value (e.g. 99999999.99)
  register_max numeric(20, 4) check (register_max > 0),
  interval_minutes integer not null default 15 check (interval_minutes in (1, 5, 15, 30, 60)),
  active boolean not null default true,
  installed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (sub_item is null or energy_type = 'electricity'),
  check ((kind = 'virtual') = (formula is not null)),
  check (parent_id is null or parent_id <> id)
);
create index energy_point_institution on energy_point (institution_id);
create index energy_point_jurisdiction on energy_point (jurisdiction_id);
create index energy_point_parent on energy_point (parent_id);
