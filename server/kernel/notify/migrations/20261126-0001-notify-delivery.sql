-- Deliveries of a notification beyond the app: one row per channel configured when it was sent
-- (WeCom or DingTalk group robot, SMTP mail). A job sends them after the change commits and retries.
create table notification_delivery (
  id uuid primary key default gen_random_uuid(),
  notification_id uuid not null references notification (id) on delete cascade,
  channel text not null check (channel in ('wecom', 'dingtalk', 'mail')),
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
  attempts integer not null default 0 check (attempts >= 0),
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  unique (notification_id, channel)
);
create index notification_delivery_pending on notification_delivery (created_at) where status = 'pending';
