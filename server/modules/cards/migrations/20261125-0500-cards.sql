-- One-card (一卡通): an account per person holding the balance, the physical cards issued on it, and
-- a double-entry ledger. Every transaction posts entries that sum to zero across books ('card' is a
-- person's account; 'cash', 'canteen', 'adjustment', 'terminal' are the bureau's side). The database
-- keeps three promises: no balance below zero (CHECK), every transaction balanced (statement trigger),
-- and each account's balance equal to the sum of its card entries (deferred constraint trigger).

create table card_account (
  id uuid primary key default gen_random_uuid(),
  person_id uuid not null unique references org_person (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  -- active: may spend; frozen: stopped by the card office; lost: its card reported lost; closed: returned
  status text not null default 'active' check (status in ('active', 'frozen', 'lost', 'closed')),
  balance bigint not null default 0 check (balance >= 0),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index card_account_jurisdiction on card_account (jurisdiction_id);
create index card_account_unit on card_account (unit_id);

create table card_card (
  id uuid primary key default gen_random_uuid(),
  account_id uuid not null references card_account (id),
  card_no text not null unique check (card_no ~ '^[0-9]{8,20}$'),
  status text not null default 'active' check (status in ('active', 'lost', 'replaced', 'returned')),
  issued_at timestamptz not null default now(),
  ended_at timestamptz,
  check ((status in ('active', 'lost')) = (ended_at is null))
);
-- at most one card in use (active or reported lost) per account
create unique index card_card_one_in_use on card_card (account_id) where status in ('active', 'lost');

create sequence card_no_seq start 10000001;

create table card_txn (
  id uuid primary key default gen_random_uuid(),
  -- the idempotency key: posting the same reference twice returns the first transaction
  ref text not null unique check (length(ref) between 1 and 120),
  kind text not null check (kind in ('topup', 'spend', 'refund', 'adjustment', 'withdrawal')),
  account_id uuid not null references card_account (id),
  -- the signed change of the account's balance
  amount bigint not null check (amount <> 0),
  memo text,
  -- terminal records (刷卡机流水): the terminal and its sequence number, unique together
  terminal_id text,
  terminal_seq bigint,
  -- the transaction this one reverses (a refund of a spend)
  reverses_id uuid references card_txn (id),
  occurred_at timestamptz not null default now(),
  created_at timestamptz not null default now(),
  actor_account_id uuid,
  unique (terminal_id, terminal_seq),
  check ((terminal_id is null) = (terminal_seq is null))
);
create index card_txn_account on card_txn (account_id, occurred_at);
create unique index card_txn_one_refund on card_txn (reverses_id) where reverses_id is not null;

create table card_entry (
  id bigserial primary key,
  txn_id uuid not null references card_txn (id),
  book text not null check (book in ('card', 'cash', 'canteen', 'adjustment', 'terminal')),
  account_id uuid references card_account (id),
  amount bigint not null check (amount <> 0),
  check ((book = 'card') = (account_id is not null))
);
create index card_entry_txn on card_entry (txn_id);
create index card_entry_account on card_entry (account_id) where account_id is not null;

-- the ledger is append-only
create function card_entry_immutable() returns trigger language plpgsql as $$
begin
  raise exception 'card ledger entries are append-only' using errcode = '23514';
end $$;
create trigger card_entry_no_change before update or delete on card_entry
  for each row execute function card_entry_immutable();
create trigger card_txn_no_change before update or delete on card_txn
  for each row execute function card_entry_immutable();

-- every transaction touched by an insert sums to zero
create function card_entry_balanced() returns trigger language plpgsql as $$
declare bad uuid;
begin
  select e.txn_id into bad
    from card_entry e
   where e.txn_id in (select distinct txn_id from new_entries)
   group by e.txn_id
  having sum(e.amount) <> 0
   limit 1;
  if bad is not null then
    raise exception 'card transaction % does not balance', bad using errcode = '23514',
      constraint = 'card_entry_balanced';
  end if;
  return null;
end $$;
create trigger card_entry_balanced after insert on card_entry
  referencing new table as new_entries
  for each statement execute function card_entry_balanced();

-- at commit, an account's balance equals the sum of its card entries
create function card_account_matches_ledger() returns trigger language plpgsql as $$
declare posted bigint;
begin
  select coalesce(sum(amount), 0) into posted from card_entry where account_id = new.id and book = 'card';
  if posted <> (select balance from card_account where id = new.id) then
    raise exception 'card account % balance does not match its ledger (%)', new.id, posted
      using errcode = '23514', constraint = 'card_account_matches_ledger';
  end if;
  return null;
end $$;
create constraint trigger card_account_matches_ledger after insert or update of balance on card_account
  deferrable initially deferred
  for each row execute function card_account_matches_ledger();
