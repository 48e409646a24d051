-- The balance check read every ledger entry: with the transition table in an IN (subquery) the
-- planner saw a 2-row input it could not estimate and chose a sequential scan of card_entry for each
-- posting (33 ms at the demo's 24,000 entries on PGlite, growing with the ledger). An array of the
-- posted transactions makes it an index lookup on card_entry_txn.
create or replace function card_entry_balanced() returns trigger language plpgsql as $$
declare bad uuid;
begin
  select e.txn_id into bad
    from card_entry e
   where e.txn_id = any (array(select distinct txn_id from new_entries))
   group by e.txn_id
  having sum(e.amount) <> 0
   limit 1;
  if bad is not null then
    raise exception 'card transaction % does not balance', bad using errcode = '23514',
      constraint = 'card_entry_balanced';
  end if;
  return null;
end $$;
