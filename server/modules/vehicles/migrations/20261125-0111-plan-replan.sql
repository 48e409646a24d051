-- Re-planning after a request arrives or is cancelled on a day with an accepted plan: the proposal says
-- what it is (a whole day, one insertion, a re-plan that moves accepted trips), what caused it, and which
-- accepted trips it would move (shown to the dispatcher; moved only when accepted).
alter table veh_plan add column kind text not null default 'day' check (kind in ('day', 'insert', 'replan'));
alter table veh_plan add column trigger_request_id uuid references veh_request (id);
alter table veh_plan add column trigger_event text check (trigger_event in ('arrived', 'cancelled'));
alter table veh_plan add column moves jsonb not null default '[]';
create index veh_plan_open on veh_plan (day) where status = 'proposed';
