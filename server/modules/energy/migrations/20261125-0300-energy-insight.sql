-- Energy insight: settings, quotas, manual monthly entries of offline meters, alerts and daily
-- data-quality reports. Every row owned by an institution carries its jurisdiction for data scope.

-- (id, kind) lets manual entries require a manual point by a foreign key
alter table energy_point add constraint energy_point_id_kind unique (id, kind);

-- one row: the city's factors and thresholds (editable by the bureau)
create table energy_setting (
  id boolean primary key default true check (id),
  -- grid emission factor, kg CO2 per kWh (national grid average 2022: 0.5703)
  carbon_kg_per_kwh numeric(8, 4) not null default 0.5703 check (carbon_kg_per_kwh >= 0),
  -- natural gas, kg CO2 per m³; heat, kg CO2 per GJ
  carbon_kg_per_m3_gas numeric(8, 4) not null default 2.1622 check (carbon_kg_per_m3_gas >= 0),
  carbon_kg_per_gj_heat numeric(8, 4) not null default 110.0 check (carbon_kg_per_gj_heat >= 0),
  -- national defaults of a quota when an institution has none: 2025 targets (2020 baseline −5 % / −6 %)
  cap_kgce_per_m2 numeric(10, 3) not null default 17.556 check (cap_kgce_per_m2 > 0),
  cap_kgce_per_person numeric(10, 3) not null default 309.786 check (cap_kgce_per_person > 0),
  cap_water_m3_per_person numeric(10, 3) not null default 20.238 check (cap_water_m3_per_person > 0),
  -- a point is offline after this many missing intervals
  offline_intervals integer not null default 8 check (offline_intervals between 1 and 10000),
  -- night (22–6 h) and weekend load above this share of the working-hours load is a base-load alert
  base_load_ratio numeric(5, 3) not null default 0.6 check (base_load_ratio > 0),
  -- an hour above this multiple of the point's median hour is a spike
  spike_factor numeric(6, 2) not null default 4 check (spike_factor > 1),
  -- |main − Σ sub-meters| / main above this share is an imbalance
  balance_tolerance numeric(5, 3) not null default 0.1 check (balance_tolerance > 0),
  updated_at timestamptz not null default now()
);
insert into energy_setting (id) values (true);

-- an institution's yearly quota (定额); missing years fall back to the national caps
create table energy_quota (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references energy_institution (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  year integer not null check (year between 2000 and 2100),
  -- total energy (综合能耗) in kgce, electricity in kWh, water in m³
  total_kgce numeric(16, 2) not null check (total_kgce > 0),
  electricity_kwh numeric(16, 2) check (electricity_kwh > 0),
  water_m3 numeric(16, 2) check (water_m3 > 0),
  -- 约束值 (constraint) or 引导值 (guide)
  basis text not null default 'constraint' check (basis in ('constraint', 'guide')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (institution_id, year)
);
create index energy_quota_jurisdiction on energy_quota (jurisdiction_id);

-- monthly consumption of offline (manual) meters, typed in from bills
create table energy_manual_entry (
  id uuid primary key default gen_random_uuid(),
  point_id uuid not null,
  point_kind text not null default 'manual' check (point_kind = 'manual'),
  institution_id uuid not null references energy_institution (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  -- the first day of the month (deployment time zone)
  month date not null check (extract(day from month) = 1),
  value numeric(16, 3) not null check (value >= 0),
  note text check (length(note) <= 200),
  entered_by text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  foreign key (point_id, point_kind) references energy_point (id, kind) on delete cascade,
  unique (point_id, month)
);
create index energy_manual_entry_institution on energy_manual_entry (institution_id, month);

-- three-colour alerts (三色预警): yellow a warning, red a breach; green once resolved
create table energy_alert (
  id uuid primary key default gen_random_uuid(),
  institution_id uuid not null references energy_institution (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  point_id uuid references energy_point (id) on delete cascade,
  rule text not null check (rule in ('offline', 'gap', 'imbalance', 'spike', 'base_load', 'over_quota')),
  level text not null check (level in ('yellow', 'red')),
  status text not null default 'open' check (status in ('open', 'acknowledged', 'resolved')),
  -- the subject the rule looked at: a point id or, for institution rules, the institution id
  subject uuid not null,
  -- the period the finding is about
  period_start timestamptz not null,
  period_end timestamptz not null check (period_end > period_start),
  value double precision,
  threshold double precision,
  detail jsonb not null default '{}',
  first_seen_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  acknowledged_at timestamptz,
  acknowledged_by text,
  resolved_at timestamptz,
  resolved_by text,
  note text check (length(note) <= 500),
  check ((status = 'resolved') = (resolved_at is not null)),
  check (status = 'open' or acknowledged_at is not null or resolved_at is not null)
);
-- at most one live alert per subject and rule: a repeated finding refreshes it
create unique index energy_alert_live on energy_alert (subject, rule) where status <> 'resolved';
create index energy_alert_scope on energy_alert (jurisdiction_id, status, level);
create index energy_alert_institution on energy_alert (institution_id, first_seen_at desc);

-- the daily data-quality report of one jurisdiction
create table energy_quality_report (
  id uuid primary key default gen_random_uuid(),
  day date not null,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  points integer not null check (points >= 0),
  reporting integer not null check (reporting >= 0),
  offline integer not null check (offline >= 0),
  expected_intervals bigint not null check (expected_intervals >= 0),
  received_intervals bigint not null check (received_intervals >= 0),
  estimated_intervals bigint not null default 0 check (estimated_intervals >= 0),
  quarantined integer not null default 0 check (quarantined >= 0),
  alerts jsonb not null default '{}',
  generated_at timestamptz not null default now(),
  unique (day, jurisdiction_id)
);
