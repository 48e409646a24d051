-- Meeting rooms (会议室), their bookings (预订), recurring series and calendar feeds.
-- No double booking, ever: an exclusion constraint over the active statuses of a room's bookings.

create table meeting_room (
  id uuid primary key default gen_random_uuid(),
  building_id uuid not null references office_building (id),
  -- copied from the building: the managing unit owns the room
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  code text not null check (code ~ '^[A-Za-z0-9_.-]{1,40}$'),
  name text not null check (length(name) between 1 and 120),
  floor integer not null check (floor between -10 and 200),
  capacity integer not null check (capacity between 1 and 2000),
  -- projector, screen, video, microphone, whiteboard, tv, recording
  equipment text[] not null default '{}',
  -- who may book: everyone, only the listed units (meeting_room_unit), or everyone subject to approval
  policy text not null default 'all' check (policy in ('all', 'units', 'approval')),
  photo_file_id uuid references file_object (id) on delete set null,
  description text check (length(description) <= 1000),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (building_id, code)
);
create index meeting_room_building on meeting_room (building_id);
create index meeting_room_jurisdiction on meeting_room (jurisdiction_id);
create index meeting_room_owner_unit on meeting_room (unit_id);
create index meeting_room_equipment on meeting_room using gin (equipment);

-- the units allowed to book a room whose policy is 'units'
create table meeting_room_unit (
  room_id uuid not null references meeting_room (id) on delete cascade,
  unit_id uuid not null references org_unit (id) on delete cascade,
  primary key (room_id, unit_id)
);

-- a recurring booking: an RRULE (RFC 5545) from a first occurrence, with excluded dates (EXDATE)
create table room_booking_series (
  id uuid primary key default gen_random_uuid(),
  room_id uuid not null references meeting_room (id),
  rrule text not null check (length(rrule) <= 500),
  first_start timestamptz not null,
  duration_minutes integer not null check (duration_minutes between 5 and 1440),
  exdates timestamptz[] not null default '{}',
  organizer_account_id uuid references auth_account (id) on delete set null,
  created_at timestamptz not null default now()
);

create table room_booking (
  id uuid primary key default gen_random_uuid(),
  room_id uuid not null references meeting_room (id),
  series_id uuid references room_booking_series (id) on delete set null,
  title text not null check (length(title) between 1 and 200),
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  attendees integer check (attendees between 1 and 2000),
  -- pending: held until its approval is decided; checked_in: the organiser arrived;
  -- released: a no-show freed automatically; rejected: approval refused
  status text not null default 'confirmed'
    check (status in ('pending', 'confirmed', 'checked_in', 'cancelled', 'rejected', 'released')),
  -- tea, av (音视频保障), name_cards (桌签)
  services text[] not null default '{}',
  service_note text check (length(service_note) <= 500),
  organizer_account_id uuid references auth_account (id) on delete set null,
  organizer_person_id uuid references org_person (id) on delete set null,
  -- the organiser's unit and jurisdiction (scope of "my unit's bookings"); null for accountless writes
  unit_id uuid references org_unit (id),
  jurisdiction_id uuid references org_jurisdiction (id),
  organizer_name text not null,
  approval_matter_id uuid references approval_matter (id) on delete set null,
  -- iCalendar SEQUENCE: bumped on every change an attendee's calendar must take over
  sequence integer not null default 0,
  checked_in_at timestamptz,
  cancelled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at > starts_at),
  check (ends_at - starts_at <= interval '24 hours'),
  check (services <@ array['tea', 'av', 'name_cards']::text[]),
  constraint room_booking_no_overlap exclude using gist (
    room_id with =,
    tstzrange(starts_at, ends_at, '[)') with &&
  ) where (status in ('pending', 'confirmed', 'checked_in'))
);
create index room_booking_room_time on room_booking (room_id, starts_at);
create index room_booking_organizer on room_booking (organizer_account_id, starts_at);
create index room_booking_series_idx on room_booking (series_id);
create index room_booking_matter on room_booking (approval_matter_id);
create index room_booking_no_show on room_booking (starts_at) where status = 'confirmed';

-- subscribable iCalendar feeds (a person's bookings or a room's), read by a secret token in the URL
create table room_calendar_feed (
  id uuid primary key default gen_random_uuid(),
  kind text not null check (kind in ('person', 'room')),
  account_id uuid not null references auth_account (id) on delete cascade,
  room_id uuid references meeting_room (id) on delete cascade,
  -- sha256 of the token: the token itself is shown once, when the feed is created
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_read_at timestamptz,
  check ((kind = 'room') = (room_id is not null))
);
create index room_calendar_feed_account on room_calendar_feed (account_id);
