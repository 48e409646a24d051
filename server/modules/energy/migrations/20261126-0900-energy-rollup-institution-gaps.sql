-- A month without a single reading is a gap, not a zero: the institution rollups' month columns hold
-- null until a reading (or an estimate) lands in that month, so the charts of the overview and of an
-- institution's year show no data as no data (the months before the first meter reported, the rest
-- of the current year) instead of a false zero. Rebuilt from the month rollups, whose rows exist only
-- for months with readings.
alter table energy_rollup_institution
  alter column m1 drop not null, alter column m1 drop default,
  alter column m2 drop not null, alter column m2 drop default,
  alter column m3 drop not null, alter column m3 drop default,
  alter column m4 drop not null, alter column m4 drop default,
  alter column m5 drop not null, alter column m5 drop default,
  alter column m6 drop not null, alter column m6 drop default,
  alter column m7 drop not null, alter column m7 drop default,
  alter column m8 drop not null, alter column m8 drop default,
  alter column m9 drop not null, alter column m9 drop default,
  alter column m10 drop not null, alter column m10 drop default,
  alter column m11 drop not null, alter column m11 drop default,
  alter column m12 drop not null, alter column m12 drop default;

delete from energy_rollup_institution;
insert into energy_rollup_institution
  (institution_id, year, series, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12)
select r.institution_id, extract(year from r.month)::int, s.series,
  sum(r.consumption) filter (where extract(month from r.month) = 1),
  sum(r.consumption) filter (where extract(month from r.month) = 2),
  sum(r.consumption) filter (where extract(month from r.month) = 3),
  sum(r.consumption) filter (where extract(month from r.month) = 4),
  sum(r.consumption) filter (where extract(month from r.month) = 5),
  sum(r.consumption) filter (where extract(month from r.month) = 6),
  sum(r.consumption) filter (where extract(month from r.month) = 7),
  sum(r.consumption) filter (where extract(month from r.month) = 8),
  sum(r.consumption) filter (where extract(month from r.month) = 9),
  sum(r.consumption) filter (where extract(month from r.month) = 10),
  sum(r.consumption) filter (where extract(month from r.month) = 11),
  sum(r.consumption) filter (where extract(month from r.month) = 12)
from energy_rollup_month r join energy_point_series s on s.point_id = r.point_id
group by 1, 2, 3;
