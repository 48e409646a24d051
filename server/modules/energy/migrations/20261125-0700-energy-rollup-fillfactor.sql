-- Rollup rows are updated in place by every batch that touches their bucket (a month row of a live
-- point: every minute). Room left on each page lets PostgreSQL keep the new version on the same page
-- without new index entries (a HOT update); a full page forces a copy elsewhere and an entry in every
-- index. Applies to pages written from now on.
alter table energy_rollup_hour set (fillfactor = 80);
alter table energy_rollup_day set (fillfactor = 70);
alter table energy_rollup_month set (fillfactor = 70);
