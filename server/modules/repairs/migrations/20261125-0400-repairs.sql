-- Repair requests (报修): categories with their SLA in business days, contractors, requests, their
-- history, and QR codes on rooms and devices that open the public report page.

create table repair_category (
  id uuid primary key default gen_random_uuid(),
  code text not null unique check (code ~ '^[a-z_]{1,40}$'),
  name_zh text not null,
  name_en text not null,
  sla_days integer not null check (sla_days between 0 and 60),
  sort integer not null default 0
);

insert into repair_category (code, name_zh, name_en, sla_days, sort) values
  ('electrical', '强电照明', 'Electrical and lighting', 1, 1),
  ('plumbing', '给排水', 'Plumbing', 1, 2),
  ('hvac', '空调暖通', 'Air conditioning and heating', 2, 3),
  ('doors_windows', '门窗锁具', 'Doors, windows and locks', 2, 4),
  ('network', '网络与弱电', 'Network and low voltage', 1, 5),
  ('elevator', '电梯', 'Elevators', 0, 6),
  ('furniture', '家具', 'Furniture', 5, 7),
  ('building', '土建装修', 'Building fabric', 10, 8),
  ('other', '其他', 'Other', 3, 9);

create table repair_contractor (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 120),
  phone text,
  -- the account the contractor's worker uses on the phone page (optional)
  account_id uuid references auth_account (id) on delete set null,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (unit_id, name)
);

create table repair_qr (
  token text primary key check (length(token) >= 16),
  label text not null,
  building_id uuid references office_building (id) on delete cascade,
  floor text,
  room text,
  category_id uuid references repair_category (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  -- whether the page accepts reports without signing in
  public_enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create sequence repair_request_no;

create table repair_request (
  id uuid primary key default gen_random_uuid(),
  no text not null unique,
  -- the facilities unit responsible (the building's managing unit, else the requester's unit)
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  requester_account_id uuid references auth_account (id) on delete set null,
  requester_person_id uuid references org_person (id) on delete set null,
  requester_name text not null check (length(requester_name) between 1 and 50),
  requester_phone text,
  building_id uuid references office_building (id),
  floor text,
  room text,
  category_id uuid not null references repair_category (id),
  description text not null check (length(description) between 1 and 1000),
  source text not null default 'app' check (source in ('app', 'qr')),
  status text not null default 'reported'
    check (status in ('reported', 'assigned', 'accepted', 'on_site', 'waiting_parts', 'done', 'confirmed', 'cancelled')),
  assignee_account_id uuid references auth_account (id) on delete set null,
  contractor_id uuid references repair_contractor (id),
  reported_at timestamptz not null default now(),
  due_at timestamptz not null,
  assigned_at timestamptz,
  done_at timestamptz,
  confirmed_at timestamptz,
  rating integer check (rating between 1 and 5),
  rating_comment text,
  overdue_notified_at timestamptz,
  check (status in ('reported', 'cancelled') or assignee_account_id is not null or contractor_id is not null),
  check (status not in ('done', 'confirmed') or done_at is not null),
  check (rating is null or status = 'confirmed')
);
create index repair_request_unit on repair_request (unit_id, reported_at desc);
create index repair_request_open_due on repair_request (due_at) where status not in ('done', 'confirmed', 'cancelled');
create index repair_request_assignee on repair_request (assignee_account_id) where assignee_account_id is not null;
create index repair_request_requester on repair_request (requester_account_id);

create table repair_event (
  id uuid primary key default gen_random_uuid(),
  request_id uuid not null references repair_request (id) on delete cascade,
  status text not null,
  note text,
  actor_label text not null,
  at timestamptz not null default now()
);
create index repair_event_request on repair_event (request_id, at);
