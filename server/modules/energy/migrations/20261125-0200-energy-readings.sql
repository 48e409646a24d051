-- Energy readings and rollups (能耗读数 · 小时/日/月汇总).
-- Every key starts with institution_id, the Citus distribution column (README, "Scaling out the
-- energy network"). Readings carry no foreign key to energy_point: at ~600,000 rows a day a per-row
-- check costs more than it protects, so points that have readings are deactivated, never deleted.

-- Raw readings, range-partitioned by month (UTC month bounds). Partitions are created ahead by the
-- job energy.partitions and, for imports of old periods, by the ingest path itself before it writes
-- (energy_reading_ensure_partitions). There is no default partition: a row outside every partition
-- fails the batch instead of hiding in a catch-all that would block creating its month later.
create table energy_reading (
  institution_id uuid not null,
  point_id uuid not null,
  -- the end of the interval the reading closes (the moment the register was read)
  ts timestamptz not null,
  -- the register (cumulative) value as sent, for register readings; null for interval readings
  register double precision,
  -- consumption of the interval ending at ts, in the point's unit, multiplier applied; null for the
  -- first register reading of a point (its baseline)
  delta double precision,
  -- an interpolated gap fill (估算): never overwrites a real reading; a real reading replaces it
  estimated boolean not null default false,
  primary key (institution_id, point_id, ts)
) partition by range (ts);

create function energy_reading_ensure_partitions(p_from timestamptz, p_to timestamptz)
returns integer language plpgsql as $$
declare
  m timestamp := date_trunc('month', p_from at time zone 'UTC');
  last timestamp := date_trunc('month', p_to at time zone 'UTC');
  made integer := 0;
  part text;
begin
  while m <= last loop
    part := format('energy_reading_%s', to_char(m, 'YYYYMM'));
    if to_regclass(part) is null then
      execute format(
        'create table if not exists %I partition of energy_reading for values from (%L) to (%L)',
        part, (m at time zone 'UTC'), ((m + interval '1 month') at time zone 'UTC'));
      made := made + 1;
    end if;
    m := m + interval '1 month';
  end loop;
  return made;
end $$;

-- the current month and the next three; the job keeps three months ahead
select energy_reading_ensure_partitions(now() - interval '13 months', now() + interval '3 months');

-- Meter replacement or register reset (换表): from `at` on, the register counts from start_value.
-- The reading that crosses `at` counts (final_value − previous register) + (register − start_value).
create table energy_register_reset (
  institution_id uuid not null,
  point_id uuid not null references energy_point (id) on delete cascade,
  at timestamptz not null,
  -- the old register's last value when it was removed (null: unknown, that part counts as 0)
  final_value double precision,
  start_value double precision not null default 0,
  note text,
  created_at timestamptz not null default now(),
  primary key (institution_id, point_id, at)
);

-- Rollups, kept current by the ingest path in the same transaction as the readings. A reading's
-- delta belongs to the bucket holding the instant just before its ts. Days and months are cut in the
-- deployment's time zone (GOA_TIME_ZONE); hours are hours of that zone.
-- consumption: sum of deltas; samples: readings counted; estimated: the part of consumption that
-- comes from estimated readings.
create table energy_rollup_hour (
  institution_id uuid not null,
  point_id uuid not null,
  hour timestamptz not null,
  consumption double precision not null default 0,
  samples integer not null default 0,
  estimated double precision not null default 0,
  primary key (institution_id, point_id, hour)
);
create index energy_rollup_hour_hour on energy_rollup_hour (hour);

create table energy_rollup_day (
  institution_id uuid not null,
  point_id uuid not null,
  day date not null,
  consumption double precision not null default 0,
  samples integer not null default 0,
  estimated double precision not null default 0,
  primary key (institution_id, point_id, day)
);
create index energy_rollup_day_day on energy_rollup_day (day);

create table energy_rollup_month (
  institution_id uuid not null,
  point_id uuid not null,
  -- the first day of the month
  month date not null check (extract(day from month) = 1),
  consumption double precision not null default 0,
  samples integer not null default 0,
  estimated double precision not null default 0,
  primary key (institution_id, point_id, month)
);
create index energy_rollup_month_month on energy_rollup_month (month);

-- Rejected readings (隔离区), kept with their reason and shown on the data-quality pages.
-- Not distributed under Citus (a reference-sized table): an unknown point has no institution.
create table energy_quarantine (
  id uuid primary key default gen_random_uuid(),
  received_at timestamptz not null default now(),
  source text not null check (source in ('http', 'mqtt', 'import', 'simulator')),
  point_code text,
  -- known when the point is
  point_id uuid,
  institution_id uuid,
  jurisdiction_id uuid,
  ts text,
  value text,
  reason text not null check (reason in (
    'unknown_point', 'non_numeric', 'bad_timestamp', 'future_timestamp', 'register_backwards',
    'conflicting_duplicate', 'malformed', 'inactive_point')),
  detail text,
  resolved_at timestamptz
);
create index energy_quarantine_received on energy_quarantine (received_at desc);
create index energy_quarantine_institution on energy_quarantine (institution_id, received_at desc);

-- Historical imports (CLI and the web upload) with their progress.
create table energy_import (
  id uuid primary key default gen_random_uuid(),
  file_name text not null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  total_bytes bigint,
  processed_bytes bigint not null default 0,
  rows_read bigint not null default 0,
  rows_stored bigint not null default 0,
  rows_duplicate bigint not null default 0,
  rows_quarantined bigint not null default 0,
  error text,
  created_by uuid,
  started_at timestamptz not null default now(),
  finished_at timestamptz
);
