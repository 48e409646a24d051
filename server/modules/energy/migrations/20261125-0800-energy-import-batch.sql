-- Bulk imports write up to 200,000 readings per batch (ingest/import-file.ts IMPORT_BATCH_ROWS); the
-- bound leaves room for larger ones set by the CLI's --batch.
alter table energy_import_run drop constraint energy_import_run_batch_rows_check;
alter table energy_import_run add constraint energy_import_run_batch_rows_check
  check (batch_rows between 1 and 1000000);
