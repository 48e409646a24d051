-- Delivery routes become editable: a route may be retired (it takes no new orders; the orders already
-- routed to it stay on it) and covers stops — a building, or a range of its floors — instead of a
-- list of building names. The database keeps the rule that matters: one building floor of a point is
-- covered by at most one ACTIVE route (exclusion constraint over the stop's floor range), so a delivery
-- order always has exactly one route. A stop carries its route's point and active flag through a
-- composite foreign key with ON UPDATE CASCADE: retiring a route retires its stops in the same statement.

alter table canteen_route
  add column active boolean not null default true,
  add column updated_at timestamptz not null default now(),
  add constraint canteen_route_key_active unique (id, point_id, active);

create table canteen_route_stop (
  route_id uuid not null,
  point_id uuid not null,
  active boolean not null,
  building text not null check (length(building) between 1 and 40),
  -- the floors covered, both ends included; null: from the lowest / to the highest floor
  floor_from integer check (floor_from between -5 and 200),
  floor_to integer check (floor_to between -5 and 200),
  sort integer not null default 0,
  constraint canteen_route_stop_floors check (floor_from <= floor_to),
  constraint canteen_route_stop_route foreign key (route_id, point_id, active)
    references canteen_route (id, point_id, active) on update cascade on delete cascade,
  constraint canteen_route_stop_no_overlap exclude using gist (
    point_id with =,
    building with =,
    int4range(coalesce(floor_from, -5), coalesce(floor_to, 200), '[]') with &&
  ) where (active)
);
create index canteen_route_stop_route on canteen_route_stop (route_id, sort);

-- the existing routes' buildings become whole-building stops; a building listed by two routes of one
-- point stays with the first of them (by sort, then name)
insert into canteen_route_stop (route_id, point_id, active, building, sort)
select distinct on (r.point_id, b.building) r.id, r.point_id, true, b.building, b.k
  from canteen_route r
  cross join lateral unnest(r.buildings) with ordinality as b(building, k)
 order by r.point_id, b.building, r.sort, r.name;

alter table canteen_route drop column buildings;
