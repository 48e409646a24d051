-- Office buildings (办公楼): the registry meeting rooms stand in; other modules (repairs) refer to
-- building ids through the rooms module's index.ts. Owned by the managing unit (管理单位).

create table office_building (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name text not null check (length(name) between 1 and 120),
  address text check (length(address) <= 200),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  -- the managing unit (管理单位)
  unit_id uuid not null references org_unit (id),
  floors integer not null default 1 check (floors between 1 and 200),
  lon double precision check (lon between -180 and 180),
  lat double precision check (lat between -90 and 90),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index office_building_jurisdiction on office_building (jurisdiction_id);
create index office_building_unit on office_building (unit_id);
