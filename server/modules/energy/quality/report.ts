import { sql } from 'kysely';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import './tables.ts';

/**
 * The daily data-quality report of every jurisdiction: how many points should report and did, how
 * many intervals arrived of those expected, how many were estimates, readings quarantined, and the
 * live alerts by rule and level.
 */
export async function buildDailyReport(db: Db, day: string, timeZone: string): Promise<number> {
  return inTransaction(db, async (tx) => {
    const res = await sql`
      insert into energy_quality_report as q (day, jurisdiction_id, points, reporting, offline, expected_intervals,
        received_intervals, estimated_intervals, quarantined, alerts, generated_at)
      select ${day}::date, j.id,
        coalesce(pt.points, 0), coalesce(rd.reporting, 0), coalesce(al.offline, 0),
        coalesce(pt.expected, 0), coalesce(rd.received, 0), coalesce(es.estimated, 0), coalesce(qu.n, 0),
        coalesce(al.alerts, '{}'::jsonb), now()
      from org_jurisdiction j
      left join (
        select jurisdiction_id, count(*)::int as points, sum(1440 / interval_minutes)::bigint as expected
        from energy_point where kind = 'metered' and active group by 1) pt on pt.jurisdiction_id = j.id
      left join (
        select p.jurisdiction_id, count(*) filter (where d.samples > 0)::int as reporting, sum(d.samples)::bigint as received
        from energy_rollup_day d join energy_point p on p.id = d.point_id
        where d.day = ${day}::date and p.kind = 'metered' group by 1) rd on rd.jurisdiction_id = j.id
      left join (
        select p.jurisdiction_id, count(*)::bigint as estimated
        from energy_reading r join energy_point p on p.id = r.point_id
        where r.estimated and r.ts > (${day}::date)::timestamp at time zone ${timeZone}::text
          and r.ts <= ((${day}::date + 1)::timestamp at time zone ${timeZone}::text)
        group by 1) es on es.jurisdiction_id = j.id
      left join (
        select jurisdiction_id, count(*)::int as n from energy_quarantine
        where received_at >= (${day}::date)::timestamp at time zone ${timeZone}::text
          and received_at < ((${day}::date + 1)::timestamp at time zone ${timeZone}::text)
        group by 1) qu on qu.jurisdiction_id = j.id
      left join (
        select jurisdiction_id, count(*) filter (where rule = 'offline')::int as offline,
          jsonb_object_agg(rule || ':' || level, n) as alerts
        from (select jurisdiction_id, rule, level, count(*) as n from energy_alert where status <> 'resolved' group by 1, 2, 3) x
        group by 1) al on al.jurisdiction_id = j.id
      on conflict (day, jurisdiction_id) do update set
        points = excluded.points, reporting = excluded.reporting, offline = excluded.offline,
        expected_intervals = excluded.expected_intervals, received_intervals = excluded.received_intervals,
        estimated_intervals = excluded.estimated_intervals, quarantined = excluded.quarantined,
        alerts = excluded.alerts, generated_at = excluded.generated_at`.execute(tx);
    return Number(res.numAffectedRows ?? 0);
  });
}

export async function listReports(db: Db, scope: DataScope, day: string | undefined, limit = 31) {
  let q = db
    .selectFrom('energy_quality_report as q')
    .innerJoin('org_jurisdiction as j', 'j.id', 'q.jurisdiction_id')
    .selectAll('q')
    .select('j.name as jurisdiction_name')
    .where(scope.where({ jurisdiction: 'q.jurisdiction_id' }));
  if (day) q = q.where('q.day', '=', day);
  const rows = await q
    .orderBy('q.day', 'desc')
    .orderBy('j.sort')
    .limit(limit * 6)
    .execute();
  return rows.map((r) => {
    const expected = Number(r.expected_intervals);
    const received = Number(r.received_intervals);
    return {
      day: (r.day instanceof Date ? r.day.toISOString() : String(r.day)).slice(0, 10),
      jurisdictionId: r.jurisdiction_id,
      jurisdictionName: r.jurisdiction_name,
      points: r.points,
      reporting: r.reporting,
      offline: r.offline,
      expectedIntervals: expected,
      receivedIntervals: received,
      estimatedIntervals: Number(r.estimated_intervals),
      completeness: expected > 0 ? Math.min(1, received / expected) : null,
      quarantined: r.quarantined,
      alerts: r.alerts as Record<string, number>,
      generatedAt: new Date(r.generated_at).toISOString(),
    };
  });
}
