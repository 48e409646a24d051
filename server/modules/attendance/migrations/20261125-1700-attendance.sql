-- Attendance (考勤): rules, clock-in sites, raw punches (append-only), day results, leave and
-- business trips, missing-punch corrections, annual leave entitlement.

create extension if not exists btree_gist;

-- A working-hour rule, for a whole unit (department_id null) or one department of it.
-- Times are minutes after local midnight in the deployment's time zone.
create table attendance_rule (
  id uuid primary key default gen_random_uuid(),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id) on delete cascade,
  department_id uuid references org_department(id) on delete cascade,
  name text not null check (length(name) between 1 and 60),
  start_min int not null check (start_min between 0 and 1439),
  end_min int not null check (end_min between 1 and 1440),
  flex_min int not null default 0 check (flex_min between 0 and 180),
  lunch_start_min int check (lunch_start_min between 0 and 1439),
  lunch_end_min int check (lunch_end_min between 1 and 1440),
  grace_min int not null default 0 check (grace_min between 0 and 60),
  absent_late_min int not null default 240 check (absent_late_min between 30 and 720),
  overtime_min_threshold int not null default 30 check (overtime_min_threshold between 0 and 240),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (start_min < end_min),
  check ((lunch_start_min is null) = (lunch_end_min is null)),
  check (lunch_start_min is null or (lunch_start_min < lunch_end_min and lunch_start_min >= start_min and lunch_end_min <= end_min)),
  unique nulls not distinct (unit_id, department_id)
);
create index attendance_rule_jurisdiction on attendance_rule (jurisdiction_id);

-- Where a phone clock-in counts: a centre and a radius.
create table attendance_site (
  id uuid primary key default gen_random_uuid(),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id) on delete cascade,
  name text not null check (length(name) between 1 and 60),
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  radius_m int not null check (radius_m between 20 and 5000),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (unit_id, name)
);
create index attendance_site_jurisdiction on attendance_site (jurisdiction_id) where active;

-- Raw punches, append-only (a trigger refuses UPDATE and DELETE).
create table attendance_punch (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references org_person(id),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  at timestamptz not null,
  work_date date not null,
  source text not null check (source in ('kiosk', 'phone', 'import', 'correction')),
  device text check (length(device) <= 60),
  lat double precision,
  lng double precision,
  accuracy_m int,
  site_id uuid references attendance_site(id),
  distance_m int,
  in_range boolean,
  import_id uuid,
  correction_id uuid,
  created_at timestamptz not null default now(),
  unique (person_id, at)
);
create index attendance_punch_day on attendance_punch (work_date, unit_id);
create index attendance_punch_person_day on attendance_punch (person_id, work_date);

create function attendance_punch_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'attendance_punch is append-only' using errcode = '55000';
end $$;
create trigger attendance_punch_append_only before update or delete on attendance_punch
  for each row execute function attendance_punch_append_only();

-- One batch of imported device records.
create table attendance_import (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  rows int not null,
  inserted int not null,
  duplicates int not null,
  imported_by uuid,
  created_at timestamptz not null default now()
);

-- Leave (请假) and business trips (出差): whole days, inclusive.
create table attendance_leave (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references org_person(id),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  kind text not null check (kind in ('leave', 'trip')),
  leave_type text check (leave_type in ('annual', 'sick', 'personal', 'marriage', 'maternity', 'paternity', 'bereavement', 'compensatory')),
  start_date date not null,
  end_date date not null,
  days int not null check (days >= 0),
  reason text not null check (length(reason) between 1 and 500),
  destination text check (length(destination) <= 100),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  matter_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (start_date <= end_date),
  check (end_date - start_date <= 366),
  check ((kind = 'leave') = (leave_type is not null)),
  check (kind = 'leave' or destination is not null),
  -- no two live requests of one person overlap
  exclude using gist (person_id with =, daterange(start_date, end_date, '[]') with &&)
    where (status in ('pending', 'approved'))
);
create index attendance_leave_unit on attendance_leave (unit_id, start_date);
create index attendance_leave_matter on attendance_leave (matter_id);

-- A missing punch made good (补卡), through approval.
create table attendance_correction (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references org_person(id),
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  work_date date not null,
  at timestamptz not null,
  reason text not null check (length(reason) between 1 and 500),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  matter_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index attendance_correction_once on attendance_correction (person_id, at) where status in ('pending', 'approved');
create index attendance_correction_matter on attendance_correction (matter_id);
create index attendance_correction_month on attendance_correction (person_id, work_date);

-- When a person's service began, for the annual leave entitlement.
create table attendance_profile (
  person_id uuid primary key references org_person(id) on delete cascade,
  service_start date not null
);

-- Annual leave days by completed years of service (the national rule by default).
create table attendance_entitlement (
  min_years int primary key check (min_years >= 0),
  days int not null check (days between 0 and 60)
);
insert into attendance_entitlement (min_years, days) values (0, 0), (1, 5), (10, 10), (20, 15);

-- The result of one person's working day.
create table attendance_day (
  person_id uuid not null references org_person(id),
  work_date date not null,
  jurisdiction_id uuid not null references org_jurisdiction(id),
  unit_id uuid not null references org_unit(id),
  department_id uuid,
  rule_id uuid references attendance_rule(id) on delete set null,
  due boolean not null,
  status text not null check (status in ('normal', 'late', 'early_leave', 'late_early', 'absent', 'missing_punch', 'leave', 'trip', 'rest', 'pending')),
  first_in timestamptz,
  last_out timestamptz,
  late_min int not null default 0 check (late_min >= 0),
  early_min int not null default 0 check (early_min >= 0),
  overtime_min int not null default 0 check (overtime_min >= 0),
  worked_min int not null default 0 check (worked_min >= 0),
  leave_type text,
  computed_at timestamptz not null default now(),
  primary key (person_id, work_date)
);
create index attendance_day_unit on attendance_day (work_date, unit_id);
create index attendance_day_jurisdiction on attendance_day (jurisdiction_id, work_date);
