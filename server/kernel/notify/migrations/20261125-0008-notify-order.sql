-- Notifications sent in quick succession can share a timestamp; a sequence keeps "newest first" exact.
alter table notification add column seq bigint generated always as identity;
drop index notification_account;
create index notification_account on notification (account_id, seq desc);
