-- Institution rollups: an institution's monthly consumption per series, one row per year with the
-- twelve months as columns, kept current with energy_rollup_month by the same writes. The overview
-- reads these few rows (two years of every institution) instead of every point's months.
--
-- A point feeds the series it counts in (energy_point_series): its energy type when it is a
-- top-level metered point (no main meter above it: an institution's consumption is the sum of
-- those), and 'sub_item:<code>' when it is a top sub-item meter (its main meter has no sub-item).
-- Offline points' monthly entries are not in here (read from energy_manual_entry, a small table).
create view energy_point_series as
  select id as point_id, institution_id, energy_type as series
  from energy_point where parent_id is null and kind = 'metered'
  union all
  select p.id, p.institution_id, 'sub_item:' || p.sub_item
  from energy_point p left join energy_point pp on pp.id = p.parent_id
  where p.sub_item is not null and pp.sub_item is null and p.kind = 'metered';

create table energy_rollup_institution (
  institution_id uuid not null,
  year integer not null,
  series text not null,
  m1 double precision not null default 0,
  m2 double precision not null default 0,
  m3 double precision not null default 0,
  m4 double precision not null default 0,
  m5 double precision not null default 0,
  m6 double precision not null default 0,
  m7 double precision not null default 0,
  m8 double precision not null default 0,
  m9 double precision not null default 0,
  m10 double precision not null default 0,
  m11 double precision not null default 0,
  m12 double precision not null default 0,
  primary key (institution_id, year, series)
) with (fillfactor = 70);
create index energy_rollup_institution_year on energy_rollup_institution (year);

insert into energy_rollup_institution
  (institution_id, year, series, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
select r.institution_id, extract(year from r.month)::int, s.series,
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 1), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 2), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 3), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 4), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 5), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 6), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 7), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 8), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 9), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 10), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 11), 0),
  coalesce(sum(r.consumption) filter (where extract(month from r.month) = 12), 0)
from energy_rollup_month r join energy_point_series s on s.point_id = r.point_id
group by 1, 2, 3;
