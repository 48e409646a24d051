-- The audit trail: append-only. The database itself refuses UPDATE, DELETE and TRUNCATE.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_account_id uuid,
  actor_label text not null,
  ip text,
  entity text not null,
  entity_id text,
  action text not null,
  before jsonb,
  after jsonb,
  jurisdiction_id uuid,
  unit_id uuid
);
create index audit_log_at on audit_log (at desc);
create index audit_log_entity on audit_log (entity, entity_id);
create index audit_log_actor on audit_log (actor_account_id, at desc);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only: % is not allowed', tg_op using errcode = '42501';
end;
$$;

create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_refuse_change();
