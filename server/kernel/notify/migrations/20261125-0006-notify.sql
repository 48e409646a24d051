-- In-app notifications: one row per recipient account; read_at marks it read.
create table notification (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references auth_account (id) on delete cascade,
  kind text not null check (kind ~ '^[a-z][a-z0-9_.]*$'),
  title_zh text not null check (length(title_zh) between 1 and 200),
  title_en text not null check (length(title_en) between 1 and 200),
  body text check (length(body) <= 2000),
  link text check (link ~ '^/'),
  created_at timestamptz not null default now(),
  read_at timestamptz
);
create index notification_account on notification (account_id, created_at desc);
create index notification_unread on notification (account_id) where read_at is null;
