-- Requests now leave 'pending' in the transaction that withdraws their matter (the approvals'
-- onWithdrawn hook). Requests withdrawn before that still wait as pending: settle them once.
update attendance_leave l set status = 'withdrawn', updated_at = now()
where l.status = 'pending'
  and exists (select 1 from approval_matter m where m.id = l.matter_id and m.status = 'withdrawn');
update attendance_correction c set status = 'withdrawn', updated_at = now()
where c.status = 'pending'
  and exists (select 1 from approval_matter m where m.id = c.matter_id and m.status = 'withdrawn');
