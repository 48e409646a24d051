import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { notify } from '../../../kernel/notify/index.ts';

/**
 * Reminders: maintenance, insurance and annual inspection due dates of each vehicle's latest record,
 * and drivers' licence and contract expiries, within `days` of today. The daily job notifies the fleet's
 * administrators (the jurisdiction's district admins and the bureau) once per record or driver.
 */

export interface Reminder {
  kind: 'maintenance' | 'insurance' | 'annual_inspection' | 'licence' | 'contract';
  subjectId: string;
  subject: string;
  dueOn: string;
  daysLeft: number;
  jurisdictionId: string;
  unitId: string;
  recordId: string | null;
}

const latestRecords = sql`(select distinct on (vehicle_id, kind) * from veh_vehicle_record
  order by vehicle_id, kind, done_on desc, created_at desc)`;

export async function dueReminders(
  ex: Executor,
  scope: DataScope,
  today: string,
  days: number,
): Promise<Reminder[]> {
  const where = scope.where({ jurisdiction: 'x.jurisdiction_id', unit: 'x.unit_id' });
  const { rows } = await sql<{
    kind: Reminder['kind'];
    subject_id: string;
    subject: string;
    due_on: string;
    days_left: number;
    jurisdiction_id: string;
    unit_id: string;
    record_id: string | null;
  }>`
    select * from (
      select r.kind, v.id as subject_id, v.plate as subject, r.due_on::text as due_on,
             (r.due_on - ${today}::date) as days_left, v.jurisdiction_id, v.unit_id, r.id as record_id
        from ${latestRecords} r join veh_vehicle v on v.id = r.vehicle_id
       where r.due_on is not null and v.status <> 'retired'
      union all
      select 'licence', d.id, d.name, d.licence_expires_on::text, (d.licence_expires_on - ${today}::date),
             d.jurisdiction_id, d.unit_id, null
        from veh_driver d where d.status <> 'left'
      union all
      select 'contract', d.id, d.name, d.contract_ends_on::text, (d.contract_ends_on - ${today}::date),
             d.jurisdiction_id, d.unit_id, null
        from veh_driver d where d.status <> 'left' and d.contract_ends_on is not null
    ) x
    where x.days_left <= ${days} and ${where}
    order by x.days_left, x.subject
    limit 500`.execute(ex);
  return rows.map((r) => ({
    kind: r.kind,
    subjectId: r.subject_id,
    subject: r.subject,
    dueOn: r.due_on,
    daysLeft: Number(r.days_left),
    jurisdictionId: r.jurisdiction_id,
    unitId: r.unit_id,
    recordId: r.record_id,
  }));
}

const KIND_ZH: Record<Reminder['kind'], string> = {
  maintenance: '保养',
  insurance: '保险',
  annual_inspection: '年检',
  licence: '驾驶证',
  contract: '劳动合同',
};
const KIND_EN: Record<Reminder['kind'], string> = {
  maintenance: 'Maintenance',
  insurance: 'Insurance',
  annual_inspection: 'Annual inspection',
  licence: 'Driving licence',
  contract: 'Employment contract',
};

/** Accounts that administer a jurisdiction's fleet: its district admins and the bureau's admins. */
export async function fleetAdmins(ex: Executor, jurisdictionId: string): Promise<string[]> {
  const rows = await ex
    .selectFrom('auth_role_assignment as g')
    .innerJoin('auth_account as a', 'a.id', 'g.account_id')
    .select('g.account_id')
    .where((eb) =>
      eb.or([
        eb.and([eb('g.role', '=', 'bureau_admin'), eb('g.scope_kind', '=', 'city')]),
        eb.and([eb('g.role', '=', 'district_admin'), eb('g.jurisdiction_id', '=', jurisdictionId)]),
      ]),
    )
    .execute();
  return [...new Set(rows.map((r) => r.account_id))];
}

/** The daily reminder job: notifies once per due record or driver, marking it reminded. */
export async function sendReminders(db: Db, today: string, days: number): Promise<number> {
  const due = await dueReminders(db, DataScope.everything(), today, days);
  let sent = 0;
  for (const r of due) {
    await inTransaction(db, async (tx) => {
      const marked =
        r.recordId !== null
          ? await tx
              .updateTable('veh_vehicle_record')
              .set({ reminded_at: sql`now()` })
              .where('id', '=', r.recordId)
              .where('reminded_at', 'is', null)
              .executeTakeFirst()
          : await tx
              .updateTable('veh_driver')
              .set({ reminded_at: sql`now()` })
              .where('id', '=', r.subjectId)
              .where((eb) =>
                eb.or([
                  eb('reminded_at', 'is', null),
                  eb('reminded_at', '<', sql<Date>`now() - interval '7 days'`),
                ]),
              )
              .executeTakeFirst();
      if (Number(marked.numUpdatedRows) === 0) return;
      const when = r.daysLeft < 0 ? `已过期 ${-r.daysLeft} 天` : `${r.daysLeft} 天后到期`;
      await notify(tx, await fleetAdmins(tx, r.jurisdictionId), {
        kind: 'vehicles.reminder',
        title: {
          'zh-CN': `${r.subject} ${KIND_ZH[r.kind]}${when}（${r.dueOn}）`,
          en: `${r.subject}: ${KIND_EN[r.kind]} due ${r.dueOn}`,
        },
        link:
          r.kind === 'licence' || r.kind === 'contract'
            ? `/vehicles/drivers`
            : `/vehicles/fleet/${r.subjectId}`,
      });
      await audit(tx, SYSTEM_ACTOR, {
        entity: r.recordId ? 'vehicles.record' : 'vehicles.driver',
        entityId: r.recordId ?? r.subjectId,
        action: 'remind',
        after: { kind: r.kind, dueOn: r.dueOn },
        jurisdictionId: r.jurisdictionId,
        unitId: r.unitId,
      });
      sent += 1;
    });
  }
  return sent;
}
