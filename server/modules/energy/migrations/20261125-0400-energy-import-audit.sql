-- Historical imports: quarantined rows name their import (the web summary lists them); who started
-- an import is kept; estimated gap fills are told apart from the gateways' readings by source.
alter table energy_quarantine add column import_id uuid references energy_import (id) on delete set null;
create index energy_quarantine_import on energy_quarantine (import_id) where import_id is not null;
alter table energy_import add column created_by_label text;
alter table energy_import add column kind text not null default 'csv' check (kind in ('csv', 'xlsx'));
