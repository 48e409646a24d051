-- Canteen management: a point's location in its building and whether it delivers; dining slots of one
-- point never overlap while active (a retired slot's times may be reused), enforced by an exclusion
-- constraint over the slot's time of day as a range on a fixed day.
create extension if not exists btree_gist;

alter table canteen_point
  add column location text check (length(location) <= 100),
  add column delivery boolean not null default true;

alter table canteen_slot drop constraint canteen_slot_point_id_starts_key;
alter table canteen_slot
  add constraint canteen_slot_no_overlap exclude using gist (
    point_id with =,
    tsrange(date '2000-01-01' + starts, date '2000-01-01' + ends) with &&
  ) where (active);
