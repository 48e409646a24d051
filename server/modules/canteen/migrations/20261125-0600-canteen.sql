-- Canteens (机关食堂): service points, a dish catalogue shared by all points, daily menus per point and
-- meal, staggered dining slots (错峰用餐) whose per-day counters can never exceed their capacity,
-- delivery routes by building, meal orders paid by one-card, and dish ratings.

create table canteen_point (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 100),
  -- the jurisdiction whose staff it serves and the unit that runs it
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  address text,
  -- lunch orders for a day close at this local time on that day (null: the deployment's default)
  cutoff time,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index canteen_point_jurisdiction on canteen_point (jurisdiction_id);

create table canteen_dish (
  id uuid primary key default gen_random_uuid(),
  name text not null unique check (length(name) between 1 and 60),
  category text not null check (category in ('set', 'main', 'side', 'soup', 'staple', 'drink')),
  price integer not null check (price between 1 and 100000),
  description text,
  photo_file_id uuid references file_object (id),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table canteen_menu (
  id uuid primary key default gen_random_uuid(),
  point_id uuid not null references canteen_point (id),
  day date not null,
  meal text not null check (meal in ('breakfast', 'lunch', 'dinner')),
  created_at timestamptz not null default now(),
  unique (point_id, day, meal)
);

create table canteen_menu_item (
  menu_id uuid not null references canteen_menu (id) on delete cascade,
  dish_id uuid not null references canteen_dish (id),
  -- the price on this menu (a point may price a shared dish differently)
  price integer not null check (price between 1 and 100000),
  primary key (menu_id, dish_id)
);

-- the dining slots of a point's lunch (e.g. 11:30–12:00 for 100 people)
create table canteen_slot (
  id uuid primary key default gen_random_uuid(),
  point_id uuid not null references canteen_point (id),
  starts time not null,
  ends time not null check (ends > starts),
  capacity integer not null check (capacity between 1 and 10000),
  active boolean not null default true,
  unique (point_id, starts)
);

-- one counter per slot and day: the capacity can never be over-booked
create table canteen_slot_day (
  slot_id uuid not null references canteen_slot (id),
  day date not null,
  capacity integer not null check (capacity >= 0),
  booked integer not null default 0 check (booked >= 0),
  primary key (slot_id, day),
  constraint canteen_slot_not_overbooked check (booked <= capacity)
);

-- delivery to the office: a route covers buildings of the point's area
create table canteen_route (
  id uuid primary key default gen_random_uuid(),
  point_id uuid not null references canteen_point (id),
  name text not null check (length(name) between 1 and 60),
  buildings text[] not null check (cardinality(buildings) > 0),
  sort integer not null default 0,
  unique (point_id, name)
);

create table canteen_order (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null references org_person (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  point_id uuid not null references canteen_point (id),
  menu_id uuid not null references canteen_menu (id),
  day date not null,
  meal text not null check (meal in ('breakfast', 'lunch', 'dinner')),
  mode text not null check (mode in ('dine_in', 'delivery')),
  slot_id uuid references canteen_slot (id),
  route_id uuid references canteen_route (id),
  building text,
  floor integer check (floor between -5 and 200),
  room text,
  total integer not null check (total > 0),
  status text not null default 'placed' check (status in ('placed', 'cancelled')),
  card_ref text not null unique,
  created_at timestamptz not null default now(),
  cancelled_at timestamptz,
  check ((mode = 'dine_in') = (slot_id is not null)),
  check ((mode = 'delivery') = (route_id is not null and building is not null and floor is not null)),
  check ((status = 'cancelled') = (cancelled_at is not null))
);
-- one placed order per person, day and meal
create unique index canteen_order_one_per_meal on canteen_order (person_id, day, meal) where status = 'placed';
create index canteen_order_point_day on canteen_order (point_id, day, meal) where status = 'placed';
create index canteen_order_person on canteen_order (person_id, day desc);

create table canteen_order_item (
  order_id uuid not null references canteen_order (id),
  dish_id uuid not null references canteen_dish (id),
  qty integer not null check (qty between 1 and 10),
  price integer not null check (price > 0),
  primary key (order_id, dish_id)
);

create table canteen_rating (
  order_id uuid not null references canteen_order (id),
  dish_id uuid not null references canteen_dish (id),
  person_id uuid not null references org_person (id),
  stars integer not null check (stars between 1 and 5),
  comment text check (length(comment) <= 300),
  created_at timestamptz not null default now(),
  primary key (order_id, dish_id)
);
create index canteen_rating_dish on canteen_rating (dish_id);
