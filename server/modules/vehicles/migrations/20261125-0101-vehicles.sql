-- Official vehicles (公务用车): fleet, drivers, places, trip requests, trips (出车) with their
-- conflict rules, pooling policies and loans, positions, sealing, alerts and inspections.
-- A vehicle's home pool is its jurisdiction (one pool per jurisdiction); its holding unit is unit_id.
create extension if not exists btree_gist;

create table veh_vehicle (
  id uuid primary key default gen_random_uuid(),
  plate text not null unique check (length(plate) between 5 and 12),
  category text not null check (category in
    ('confidential_comms', 'emergency', 'law_enforcement', 'special_technical', 'general')),
  body_type text not null default 'sedan' check (body_type in
    ('sedan', 'suv', 'mpv', 'small_bus', 'medium_bus', 'large_bus', 'van')),
  brand text not null check (length(brand) between 1 and 40),
  model text not null check (length(model) between 1 and 60),
  energy_type text not null check (energy_type in ('petrol', 'diesel', 'hybrid', 'plugin_hybrid', 'electric')),
  displacement_l numeric(3, 1) check (displacement_l is null or displacement_l between 0.5 and 9.9),
  price_fen bigint not null check (price_fen between 0 and 1000000000),
  seats integer not null check (seats between 2 and 60),
  purchase_date date not null,
  odometer_km integer not null default 0 check (odometer_km >= 0),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  status text not null default 'available' check (status in
    ('available', 'in_use', 'maintenance', 'sealed', 'retired')),
  -- the configuration-standard check of the last create/edit: [{ rule, message… }]
  violations jsonb not null default '[]',
  note text check (length(note) <= 500),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((energy_type = 'electric') = (displacement_l is null))
);
create index veh_vehicle_jurisdiction on veh_vehicle (jurisdiction_id, status);
create index veh_vehicle_unit on veh_vehicle (unit_id);

-- maintenance, insurance and annual inspection (年检) records; due_on drives the reminders
create table veh_vehicle_record (
  id uuid primary key default gen_random_uuid(),
  vehicle_id uuid not null references veh_vehicle (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  kind text not null check (kind in ('maintenance', 'insurance', 'annual_inspection')),
  done_on date not null,
  due_on date,
  cost_fen bigint not null default 0 check (cost_fen >= 0),
  vendor text check (length(vendor) <= 100),
  note text check (length(note) <= 500),
  reminded_at timestamptz,
  created_at timestamptz not null default now(),
  check (due_on is null or due_on >= done_on)
);
create index veh_vehicle_record_vehicle on veh_vehicle_record (vehicle_id, kind, done_on desc);
create index veh_vehicle_record_due on veh_vehicle_record (due_on) where reminded_at is null;

create table veh_driver (
  id uuid primary key default gen_random_uuid(),
  person_id uuid references org_person (id),
  account_id uuid references auth_account (id),
  name text not null check (length(name) between 1 and 50),
  phone text check (length(phone) <= 30),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  licence_class text not null check (licence_class in ('A1', 'A2', 'A3', 'B1', 'B2', 'C1', 'C2')),
  licence_no text check (length(licence_no) <= 30),
  licence_expires_on date not null,
  contract_starts_on date,
  contract_ends_on date,
  uniform_issued_on date,
  badge_no text check (length(badge_no) <= 30),
  max_daily_minutes integer not null default 600 check (max_daily_minutes between 60 and 960),
  min_rest_minutes integer not null default 30 check (min_rest_minutes between 0 and 240),
  status text not null default 'active' check (status in ('active', 'on_leave', 'suspended', 'left')),
  rating_sum integer not null default 0 check (rating_sum >= 0),
  rating_count integer not null default 0 check (rating_count >= 0),
  reminded_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (contract_ends_on is null or contract_starts_on is null or contract_ends_on >= contract_starts_on)
);
create unique index veh_driver_account on veh_driver (account_id) where account_id is not null;
create unique index veh_driver_person on veh_driver (person_id) where person_id is not null;
create index veh_driver_jurisdiction on veh_driver (jurisdiction_id, status);

create table veh_driver_training (
  id uuid primary key default gen_random_uuid(),
  driver_id uuid not null references veh_driver (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  held_on date not null,
  topic text not null check (length(topic) between 1 and 100),
  hours numeric(5, 1) not null check (hours > 0 and hours <= 500),
  passed boolean not null default true,
  created_at timestamptz not null default now()
);
create index veh_driver_training_driver on veh_driver_training (driver_id, held_on desc);

-- named places with WGS-84 coordinates, shared by the whole city
create table veh_place (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 60),
  kind text not null default 'other' check (kind in
    ('government', 'station', 'airport', 'hospital', 'school', 'venue', 'depot', 'other')),
  address text check (length(address) <= 200),
  lon numeric(9, 6) not null check (lon between 73 and 136),
  lat numeric(8, 6) not null check (lat between 3 and 54),
  jurisdiction_id uuid references org_jurisdiction (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- trip requests (用车申请), approved through the kernel's approvals (matter type vehicles.trip)
create table veh_request (
  id uuid primary key default gen_random_uuid(),
  no text not null unique,
  requester_account_id uuid not null references auth_account (id),
  requester_person_id uuid not null references org_person (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  matter_id uuid references approval_matter (id),
  passengers integer not null check (passengers between 1 and 60),
  passenger_names text check (length(passenger_names) <= 500),
  contact_phone text check (length(contact_phone) <= 30),
  origin_id uuid not null references veh_place (id),
  destination_ids uuid[] not null check (cardinality(destination_ids) between 1 and 5),
  departs_at timestamptz not null,
  returns_at timestamptz not null,
  kind text not null check (kind in ('one_way', 'round_trip', 'waiting')),
  purpose text not null check (length(purpose) between 1 and 200),
  need_category text check (need_category in
    ('confidential_comms', 'emergency', 'law_enforcement', 'special_technical', 'general')),
  special_work boolean not null default false,
  planned_km integer not null default 0 check (planned_km >= 0),
  status text not null default 'submitted' check (status in
    ('submitted', 'approved', 'rejected', 'cancelled', 'assigned', 'in_progress', 'completed')),
  trip_id uuid,
  cancel_reason text check (length(cancel_reason) <= 200),
  rating integer check (rating between 1 and 5),
  rating_comment text check (length(rating_comment) <= 200),
  confirmed_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (returns_at > departs_at)
);
create index veh_request_status on veh_request (jurisdiction_id, status, departs_at);
create index veh_request_requester on veh_request (requester_account_id, created_at desc);
create index veh_request_unit on veh_request (unit_id, departs_at);
create index veh_request_trip on veh_request (trip_id);
create index veh_request_matter on veh_request (matter_id);

-- trips (出车): one vehicle and one driver over a period, serving one or more requests.
-- No vehicle and no driver in two overlapping live trips: enforced here, also between two dispatchers.
create table veh_trip (
  id uuid primary key default gen_random_uuid(),
  no text not null unique,
  vehicle_id uuid not null references veh_vehicle (id),
  driver_id uuid not null references veh_driver (id),
  -- the dispatching (requesting) jurisdiction and unit; the vehicle's pool is lender_jurisdiction_id
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  lender_jurisdiction_id uuid not null references org_jurisdiction (id),
  period tstzrange not null check (not isempty(period) and lower(period) is not null and upper(period) is not null),
  status text not null default 'assigned' check (status in
    ('assigned', 'accepted', 'started', 'arrived', 'finished', 'cancelled')),
  source text not null default 'manual' check (source in ('manual', 'auto', 'seed')),
  sealed_override boolean not null default false,
  planned_km integer not null default 0 check (planned_km >= 0),
  empty_km integer not null default 0 check (empty_km >= 0),
  start_odometer integer check (start_odometer >= 0),
  end_odometer integer check (end_odometer >= 0),
  km integer generated always as (end_odometer - start_odometer) stored,
  tolls_fen bigint not null default 0 check (tolls_fen >= 0),
  parking_fen bigint not null default 0 check (parking_fen >= 0),
  fuel_fen bigint not null default 0 check (fuel_fen >= 0),
  started_at timestamptz,
  arrived_at timestamptz,
  finished_at timestamptz,
  dispatched_by uuid references auth_account (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (end_odometer is null or start_odometer is not null and end_odometer >= start_odometer),
  constraint veh_trip_vehicle_overlap exclude using gist (vehicle_id with =, period with &&)
    where (status <> 'cancelled'),
  constraint veh_trip_driver_overlap exclude using gist (driver_id with =, period with &&)
    where (status <> 'cancelled')
);
create index veh_trip_jurisdiction on veh_trip (jurisdiction_id, lower(period));
create index veh_trip_lender on veh_trip (lender_jurisdiction_id, lower(period));
create index veh_trip_period on veh_trip using gist (period);
create index veh_trip_status on veh_trip (status) where status not in ('finished', 'cancelled');
alter table veh_request add constraint veh_request_trip_fk foreign key (trip_id) references veh_trip (id);

-- pooling (同城派车): may the lender's vehicles serve the borrower's requests?
create table veh_pool_policy (
  lender_jurisdiction_id uuid not null references org_jurisdiction (id),
  borrower_jurisdiction_id uuid not null references org_jurisdiction (id),
  mode text not null check (mode in ('never', 'approval', 'automatic')),
  updated_at timestamptz not null default now(),
  primary key (lender_jurisdiction_id, borrower_jurisdiction_id),
  check (lender_jurisdiction_id <> borrower_jurisdiction_id)
);

-- every loan of a vehicle to another jurisdiction's trip, for settlement
create table veh_loan (
  id uuid primary key default gen_random_uuid(),
  trip_id uuid not null unique references veh_trip (id),
  lender_jurisdiction_id uuid not null references org_jurisdiction (id),
  borrower_jurisdiction_id uuid not null references org_jurisdiction (id),
  mode text not null check (mode in ('approval', 'automatic')),
  km integer not null default 0 check (km >= 0),
  created_at timestamptz not null default now(),
  check (lender_jurisdiction_id <> borrower_jurisdiction_id)
);
create index veh_loan_lender on veh_loan (lender_jurisdiction_id, created_at);
create index veh_loan_borrower on veh_loan (borrower_jurisdiction_id, created_at);

-- positions from GPS units or phones (WGS-84)
create table veh_position (
  id bigint generated always as identity primary key,
  vehicle_id uuid not null references veh_vehicle (id),
  at timestamptz not null,
  lon numeric(9, 6) not null check (lon between 73 and 136),
  lat numeric(8, 6) not null check (lat between 3 and 54),
  speed_kmh numeric(5, 1) check (speed_kmh between 0 and 300),
  source text not null default 'gps' check (source in ('gps', 'phone', 'simulator'))
);
create index veh_position_vehicle on veh_position (vehicle_id, at desc);

-- holiday sealing log (封存) with the odometer reading
create table veh_seal_log (
  id uuid primary key default gen_random_uuid(),
  vehicle_id uuid not null references veh_vehicle (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  action text not null check (action in ('seal', 'unseal')),
  odometer_km integer not null check (odometer_km >= 0),
  reason text check (length(reason) <= 100),
  at timestamptz not null default now(),
  by_account_id uuid references auth_account (id)
);
create index veh_seal_log_vehicle on veh_seal_log (vehicle_id, at desc);

-- three-colour alerts (三色预警)
create table veh_alert (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in
    ('outside_window', 'mileage_over_plan', 'off_hours', 'moved_while_sealed', 'geofence_exit', 'sealed_dispatch')),
  level text not null check (level in ('green', 'yellow', 'red')),
  vehicle_id uuid not null references veh_vehicle (id),
  trip_id uuid references veh_trip (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  detail jsonb not null default '{}',
  at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by uuid references auth_account (id),
  resolution text check (length(resolution) <= 200)
);
create unique index veh_alert_once on veh_alert (kind, trip_id) where trip_id is not null;
create index veh_alert_open on veh_alert (jurisdiction_id, at desc) where resolved_at is null;

-- special inspections (专项督查)
create table veh_inspection (
  id uuid primary key default gen_random_uuid(),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  vehicle_id uuid references veh_vehicle (id),
  held_on date not null,
  subject text not null check (length(subject) between 1 and 100),
  findings text check (length(findings) <= 2000),
  result text not null check (result in ('compliant', 'rectify', 'violation')),
  inspector_account_id uuid references auth_account (id),
  created_at timestamptz not null default now()
);
create index veh_inspection_jurisdiction on veh_inspection (jurisdiction_id, held_on desc);
