-- Organisation data rules enforced by the database as well as by the service: the rank catalogue
-- (ranks.ts), field lengths, no self-parented unit, and indexes for the people list and delete checks.
alter table org_person add constraint org_person_rank check (rank in (
  'provincial_principal', 'provincial_deputy', 'bureau_principal', 'bureau_deputy',
  'division_principal', 'division_deputy', 'section_principal', 'section_deputy', 'staff_member'));
alter table org_person add constraint org_person_employee_no_length check (length(employee_no) between 1 and 32);
alter table org_person add constraint org_person_position_length check (length(position) <= 50);
alter table org_person add constraint org_person_phone_length check (length(phone) <= 30);

alter table org_unit add constraint org_unit_code_length check (length(code) between 1 and 40);
alter table org_unit add constraint org_unit_short_name_length check (length(short_name) <= 50);
alter table org_unit add constraint org_unit_address_length check (length(address) <= 200);
alter table org_unit add constraint org_unit_not_own_parent check (parent_id is null or parent_id <> id);

create index org_person_department on org_person (department_id);
create index org_person_employee_no_trgm on org_person using gin (employee_no gin_trgm_ops);
create index org_unit_code_trgm on org_unit using gin (code gin_trgm_ops);
