-- Gap filling (估算补点): the job's interpolated readings go through the ingest path with source
-- 'estimate', so anything it has quarantined says where it came from.
alter table energy_quarantine drop constraint energy_quarantine_source_check;
alter table energy_quarantine add constraint energy_quarantine_source_check
  check (source in ('http', 'mqtt', 'import', 'simulator', 'estimate'));
