-- A trip serves one leg of one request: a round trip's outbound and return legs may be two trips
-- (automated dispatch), or one trip covering both (a manual assignment with the vehicle waiting).
alter table veh_trip add column request_id uuid references veh_request (id);
alter table veh_trip add column leg text not null default 'outbound' check (leg in ('outbound', 'return', 'both'));
create unique index veh_trip_request_leg on veh_trip (request_id, leg) where status <> 'cancelled';
create index veh_trip_driver_period on veh_trip (driver_id, lower(period));
create index veh_trip_vehicle_period on veh_trip (vehicle_id, lower(period));
