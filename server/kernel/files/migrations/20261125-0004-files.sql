-- Attachments: metadata here, content on local disk (GOA_FILES_DIR) under its storage key.
create table file_object (
  id uuid primary key default gen_random_uuid(),
  name text not null check (length(name) between 1 and 255),
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null,
  storage_key text not null unique,
  uploaded_by uuid references auth_account (id),
  jurisdiction_id uuid references org_jurisdiction (id),
  unit_id uuid references org_unit (id),
  -- what the file is attached to (e.g. 'approvals.matter' + id); access follows that owner
  owner_entity text,
  owner_id text,
  created_at timestamptz not null default now()
);
create index file_object_owner on file_object (owner_entity, owner_id);
create index file_object_uploader on file_object (uploaded_by);
