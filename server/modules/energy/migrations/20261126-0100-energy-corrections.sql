-- Corrections by the data steward: a quarantined reading is re-admitted (ingested again, e.g. after its
-- meter replacement is recorded or its point registered) or dismissed with a note; either way it stays
-- listed, resolved. A re-admitted reading that is rejected again is quarantined anew, source 'readmit'.
-- The reading's kind and estimate flag are kept so that it can be ingested again as it came.
alter table energy_quarantine add column kind text check (kind in ('register', 'interval'));
alter table energy_quarantine add column estimated boolean;
alter table energy_quarantine add column resolution text check (resolution in ('readmitted', 'dismissed'));
alter table energy_quarantine add column resolved_by_label text;
alter table energy_quarantine add column resolution_note text;
alter table energy_quarantine add constraint energy_quarantine_resolved_check
  check ((resolution is null) = (resolved_at is null));
alter table energy_quarantine drop constraint energy_quarantine_source_check;
alter table energy_quarantine add constraint energy_quarantine_source_check
  check (source in ('http', 'mqtt', 'import', 'simulator', 'estimate', 'readmit'));
create index energy_quarantine_open on energy_quarantine (point_id, received_at desc) where resolved_at is null;

-- A meter replacement (换表) is recorded once per point and instant.
alter table energy_register_reset add column created_by_label text;
alter table energy_register_reset add constraint energy_register_reset_values_check
  check (start_value >= 0 and (final_value is null or final_value >= 0));
