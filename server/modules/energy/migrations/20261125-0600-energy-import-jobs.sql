-- Web imports run as durable jobs (kernel jobs) over a file kept in the kernel's file store. Each
-- batch commits its readings together with the import's counts and the offset after its last row, so
-- a job that is retried or taken over after a crash resumes after the last committed batch.
alter table energy_import drop constraint if exists energy_import_status_check;
alter table energy_import add constraint energy_import_status_check
  check (status in ('running', 'done', 'failed', 'cancelled'));

create table energy_import_run (
  import_id uuid primary key references energy_import (id) on delete cascade,
  -- the uploaded file (kernel files); null for the CLI, which reads a path of its own
  file_id uuid references file_object (id),
  -- the job running it (no foreign key: finished jobs are purged)
  job_id uuid,
  batch_rows integer not null check (batch_rows between 1 and 100000),
  -- after the last committed batch: the byte just past its last line (CSV) and the number of the
  -- file's line (CSV) or worksheet row (Excel) that held its last row
  byte_offset bigint not null default 0 check (byte_offset >= 0),
  row_offset bigint not null default 0 check (row_offset >= 0),
  batches integer not null default 0 check (batches >= 0),
  cancelled_by_label text,
  updated_at timestamptz not null default now()
);
create index energy_import_recent on energy_import (started_at desc);
