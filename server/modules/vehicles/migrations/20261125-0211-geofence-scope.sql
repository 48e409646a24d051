-- Which vehicles a geofence watches (围栏适用范围): the pools it covers (its own jurisdiction's at least;
-- a city geofence may cover the districts' pools), narrowed to categories and to named vehicles when
-- listed (an empty list means all). A trip is alerted when its vehicle leaves every active geofence
-- that applies to it.
create table veh_geofence_pool (
  geofence_id uuid not null references veh_geofence (id) on delete cascade,
  jurisdiction_id uuid not null references org_jurisdiction (id),
  primary key (geofence_id, jurisdiction_id)
);
create index veh_geofence_pool_jurisdiction on veh_geofence_pool (jurisdiction_id);
insert into veh_geofence_pool (geofence_id, jurisdiction_id) select id, jurisdiction_id from veh_geofence;

create table veh_geofence_category (
  geofence_id uuid not null references veh_geofence (id) on delete cascade,
  category text not null check (category in
    ('confidential_comms', 'emergency', 'law_enforcement', 'special_technical', 'general')),
  primary key (geofence_id, category)
);

create table veh_geofence_vehicle (
  geofence_id uuid not null references veh_geofence (id) on delete cascade,
  vehicle_id uuid not null references veh_vehicle (id) on delete cascade,
  primary key (geofence_id, vehicle_id)
);
create index veh_geofence_vehicle_vehicle on veh_geofence_vehicle (vehicle_id);
