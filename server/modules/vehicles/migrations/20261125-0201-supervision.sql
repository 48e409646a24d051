-- Supervision (监管): holiday sealing by period, the special approval of a sealed vehicle's use,
-- alerts not tied to a trip, geofences, and inspections with their rectification follow-up.

-- a seal or unseal made by the holiday job names the first day of its non-working period; the job
-- seals and unseals a vehicle at most once per period (a manual one carries no period)
alter table veh_seal_log add column period_start date;
create unique index veh_seal_log_period on veh_seal_log (vehicle_id, action, period_start)
  where period_start is not null;

-- a request whose use of a sealed vehicle was specially approved (matter vehicles.sealed_use)
create table veh_sealed_use (
  request_id uuid primary key references veh_request (id),
  matter_id uuid not null unique references approval_matter (id),
  approved_at timestamptz not null default now()
);

-- alerts not tied to a trip (movement while sealed, geofence exit off a trip) are raised once per key
alter table veh_alert add column dedupe_key text check (length(dedupe_key) <= 120);
create unique index veh_alert_key on veh_alert (kind, dedupe_key) where dedupe_key is not null;
alter table veh_alert add constraint veh_alert_resolved
  check ((resolved_at is null) = (resolved_by is null) and (resolved_at is null or resolution is not null));
create index veh_alert_at on veh_alert (at desc);

-- named polygons per jurisdiction: a ring of [lon, lat] (WGS-84), at least a triangle and closed or not
create table veh_geofence (
  id uuid primary key default gen_random_uuid(),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  name text not null check (length(name) between 1 and 60),
  ring jsonb not null check (jsonb_typeof(ring) = 'array' and jsonb_array_length(ring) between 3 and 2000),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (jurisdiction_id, name)
);

-- inspections: the inspected unit's scope, rectification follow-up, attachments (kernel files)
alter table veh_inspection add column rectify_due_on date;
alter table veh_inspection add column rectified_on date;
alter table veh_inspection add column rectify_note text check (length(rectify_note) <= 500);
alter table veh_inspection add column version integer not null default 1;
alter table veh_inspection add column updated_at timestamptz not null default now();
alter table veh_inspection add constraint veh_inspection_rectify check (
  (result = 'compliant' and rectify_due_on is null and rectified_on is null)
  or (result <> 'compliant' and rectify_due_on is not null and rectify_due_on >= held_on
      and (rectified_on is null or rectified_on >= held_on)));
create index veh_inspection_due on veh_inspection (rectify_due_on) where rectified_on is null and rectify_due_on is not null;
