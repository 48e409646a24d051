-- The staff library (勤学习): a catalogue of titles held by a unit's library, their physical copies,
-- loans and holds. One open loan per copy and one live hold per person and title are enforced here.

create table library_book (
  id uuid primary key default gen_random_uuid(),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  -- the unit whose library holds the title
  unit_id uuid not null references org_unit (id),
  isbn text not null check (isbn ~ '^(97[89][0-9]{10}|[0-9]{9}[0-9X])$'),
  title text not null check (length(title) between 1 and 200),
  author text not null check (length(author) between 1 and 200),
  publisher text check (length(publisher) <= 100),
  published_year integer check (published_year between 1800 and 2100),
  -- the main class of the Chinese Library Classification (中图法): A … Z
  category text not null check (category ~ '^[A-Z]$'),
  location text check (length(location) <= 100),
  summary text check (length(summary) <= 2000),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (unit_id, isbn)
);
create index library_book_text on library_book using gin ((title || ' ' || author) gin_trgm_ops);
create index library_book_category on library_book (category);

create table library_copy (
  id uuid primary key default gen_random_uuid(),
  book_id uuid not null references library_book (id) on delete cascade,
  barcode text not null unique check (barcode ~ '^[A-Za-z0-9-]{4,32}$'),
  -- held: set aside for the first person waiting for the title
  status text not null default 'available' check (status in ('available', 'on_loan', 'held', 'lost', 'withdrawn')),
  created_at timestamptz not null default now()
);
create index library_copy_book on library_copy (book_id, status);

create table library_loan (
  id uuid primary key default gen_random_uuid(),
  copy_id uuid not null references library_copy (id),
  book_id uuid not null references library_book (id),
  person_id uuid not null references org_person (id),
  -- the borrower's unit, for scope and statistics
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  borrowed_at timestamptz not null default now(),
  due_date date not null,
  renewals integer not null default 0 check (renewals >= 0),
  returned_at timestamptz,
  reminded_on date,
  check (returned_at is null or returned_at >= borrowed_at)
);
create unique index library_loan_open_copy on library_loan (copy_id) where returned_at is null;
create index library_loan_person on library_loan (person_id) where returned_at is null;
create index library_loan_due on library_loan (due_date) where returned_at is null;
create index library_loan_borrowed on library_loan (borrowed_at);

create table library_hold (
  id uuid primary key default gen_random_uuid(),
  book_id uuid not null references library_book (id) on delete cascade,
  person_id uuid not null references org_person (id),
  jurisdiction_id uuid not null references org_jurisdiction (id),
  unit_id uuid not null references org_unit (id),
  status text not null default 'waiting' check (status in ('waiting', 'ready', 'fulfilled', 'cancelled', 'expired')),
  -- the copy set aside once the hold is ready, and until when it waits
  copy_id uuid references library_copy (id),
  ready_until date,
  created_at timestamptz not null default now(),
  seq bigint generated always as identity,
  check ((status = 'ready') = (copy_id is not null and ready_until is not null) or status in ('fulfilled', 'expired', 'cancelled'))
);
create unique index library_hold_live on library_hold (book_id, person_id) where status in ('waiting', 'ready');
create index library_hold_queue on library_hold (book_id, seq) where status = 'waiting';
