import { sql } from 'kysely';
import type { BusinessCalendar } from '../../../kernel/calendar/businessDays.ts';
import { calendarService } from '../../../kernel/calendar/index.ts';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { notify } from '../../../kernel/notify/index.ts';
import type { AlertKind } from '../tables.ts';
import type { SupervisionConfig } from './config.ts';
import { ringsFor, type ScopedFence } from './fence-scope.ts';
import { insideAny, metresBetween, type LonLat } from './geometry.ts';
import {
  geofenceExit,
  mileageOverPlan,
  movedWhileSealed,
  offHours,
  outsideWindow,
  type AlertThresholds,
  type Raised,
} from './rules.ts';

/**
 * The alert job (三色预警, every 10 minutes): over trips that ran within the look-back and those still
 * running, and over positions of sealed vehicles, it applies the rules of rules.ts and writes each alert
 * once (per kind and trip, or per kind and key); a rerun raises an open alert's level but never repeats
 * or lowers it. New alerts notify the vehicle pool's dispatchers and district admins in-app.
 */
export interface Candidate extends Raised {
  kind: AlertKind;
  vehicleId: string;
  tripId: string | null;
  key: string | null;
  jurisdictionId: string;
  unitId: string;
  at: Date;
}

interface TripFacts {
  id: string;
  no: string;
  vehicle_id: string;
  plate: string;
  category: string;
  jurisdiction_id: string;
  unit_id: string;
  /** the requesting jurisdiction: a lent vehicle may also move within the borrower's geofences */
  borrower_id: string;
  lower: Date;
  upper: Date;
  started_at: Date | null;
  finished_at: Date | null;
  km: number | null;
  planned_km: number;
  approved: boolean;
  req_start: Date | null;
  req_end: Date | null;
  plan_line_km: number | null;
}

/** Trips in the window with what the rules need, in one set-based query. */
async function tripFacts(ex: Db | Tx, since: Date): Promise<TripFacts[]> {
  const { rows } = await sql<TripFacts>`
    select t.id, t.no, t.vehicle_id, v.plate, v.category, v.jurisdiction_id, v.unit_id, t.jurisdiction_id as borrower_id,
      lower(t.period) as lower, upper(t.period) as upper,
      t.started_at, t.finished_at, t.km, t.planned_km,
      (t.sealed_override or coalesce(r.special_work, false) or su.request_id is not null) as approved,
      r.departs_at as req_start, r.returns_at as req_end,
      (select sum(6371.0088 * 2 * asin(sqrt(
          power(sin(radians(b.lat - a.lat) / 2), 2)
          + cos(radians(a.lat)) * cos(radians(b.lat)) * power(sin(radians(b.lon - a.lon) / 2), 2))))
        from (select p.lon::float8 lon, p.lat::float8 lat, s.i
              from unnest(array[r.origin_id] || r.destination_ids
                          || case when r.kind <> 'one_way' then array[r.origin_id] else '{}'::uuid[] end)
                   with ordinality s(pid, i)
              join veh_place p on p.id = s.pid) a
        join (select p.lon::float8 lon, p.lat::float8 lat, s.i
              from unnest(array[r.origin_id] || r.destination_ids
                          || case when r.kind <> 'one_way' then array[r.origin_id] else '{}'::uuid[] end)
                   with ordinality s(pid, i)
              join veh_place p on p.id = s.pid) b on b.i = a.i + 1)::float8 as plan_line_km
    from veh_trip t
    join veh_vehicle v on v.id = t.vehicle_id
    left join veh_request r on r.id = t.request_id
    left join veh_sealed_use su on su.request_id = t.request_id
    where t.started_at is not null
      and (t.status in ('started', 'arrived') or (t.status = 'finished' and t.finished_at >= ${since.toISOString()}::timestamptz))`.execute(
    ex,
  );
  return rows;
}

/** The candidates of trip rules; pure apart from the calendar it is given. */
export function tripCandidates(
  trips: readonly TripFacts[],
  cal: BusinessCalendar,
  th: AlertThresholds & { detour: number },
  now: number,
): Candidate[] {
  const out: Candidate[] = [];
  for (const t of trips) {
    const base = {
      vehicleId: t.vehicle_id,
      tripId: t.id,
      key: null,
      jurisdictionId: t.jurisdiction_id,
      unitId: t.unit_id,
      at: new Date(t.started_at!),
    };
    const start = new Date(t.started_at!).getTime();
    const end = t.finished_at ? new Date(t.finished_at).getTime() : null;
    const approvedStart = new Date(t.req_start ?? t.lower).getTime();
    const approvedEnd = new Date(t.req_end ?? t.upper).getTime();
    const tag = { plate: t.plate, tripNo: t.no };
    const w = outsideWindow({ approvedStart, approvedEnd, start, end }, now, th);
    if (w) out.push({ ...base, kind: 'outside_window', ...w, detail: { ...tag, ...w.detail } });
    const plan = t.plan_line_km ? Math.round(t.plan_line_km * th.detour) : t.planned_km;
    const m = t.km === null ? null : mileageOverPlan(t.km, plan, th.mileageMargin);
    if (m) out.push({ ...base, kind: 'mileage_over_plan', ...m, detail: { ...tag, ...m.detail } });
    const o = offHours({ start, end: end ?? now }, t.approved, cal, th);
    if (o) out.push({ ...base, kind: 'off_hours', ...o, detail: { ...tag, ...o.detail } });
  }
  return out;
}

/** The active geofences with the pools, categories and vehicles each watches. */
async function activeFences(ex: Db | Tx): Promise<ScopedFence[]> {
  const { rows } = await sql<{ ring: LonLat[]; pools: string[]; categories: string[]; vehicles: string[] }>`
    select g.ring,
      array(select p.jurisdiction_id from veh_geofence_pool p where p.geofence_id = g.id) as pools,
      array(select c.category from veh_geofence_category c where c.geofence_id = g.id) as categories,
      array(select x.vehicle_id from veh_geofence_vehicle x where x.geofence_id = g.id) as vehicles
    from veh_geofence g where g.active`.execute(ex);
  return rows;
}

/** Geofence exits of the window's trips: positions outside the active fences that bound the vehicle (ringsFor). */
async function geofenceCandidates(
  ex: Db | Tx,
  trips: readonly TripFacts[],
  now: number,
): Promise<Candidate[]> {
  if (!trips.length) return [];
  const fences = await activeFences(ex);
  const rings = new Map<string, LonLat[][]>();
  for (const t of trips) {
    const r = ringsFor(fences, {
      id: t.vehicle_id,
      pool: t.jurisdiction_id,
      category: t.category,
      borrower: t.borrower_id,
    });
    if (r) rings.set(t.id, r);
  }
  const fenced = trips.filter((t) => rings.has(t.id));
  if (!fenced.length) return [];
  const { rows } = await sql<{ trip_id: string; at: Date; lon: string; lat: string }>`
    select t.id as trip_id, p.at, p.lon, p.lat
    from unnest(${sql.val(fenced.map((t) => t.id))}::uuid[]) x(id)
    join veh_trip t on t.id = x.id
    join veh_position p on p.vehicle_id = t.vehicle_id
      and p.at >= t.started_at and p.at <= coalesce(t.finished_at, ${new Date(now).toISOString()}::timestamptz)
    order by t.id, p.at`.execute(ex);
  const byTrip = new Map<string, { at: number; lon: number; lat: number }[]>();
  const tripOf = new Map(fenced.map((t) => [t.id, t]));
  for (const r of rows) {
    const t = tripOf.get(r.trip_id)!;
    const pt: LonLat = [Number(r.lon), Number(r.lat)];
    if (insideAny(pt, rings.get(t.id)!)) continue;
    const list = byTrip.get(r.trip_id) ?? byTrip.set(r.trip_id, []).get(r.trip_id)!;
    list.push({ at: new Date(r.at).getTime(), lon: pt[0], lat: pt[1] });
  }
  const out: Candidate[] = [];
  for (const [tripId, outside] of byTrip) {
    const g = geofenceExit(outside);
    const t = tripOf.get(tripId)!;
    if (g)
      out.push({
        kind: 'geofence_exit',
        ...g,
        detail: { plate: t.plate, tripNo: t.no, ...g.detail },
        vehicleId: t.vehicle_id,
        tripId,
        key: null,
        jurisdictionId: t.jurisdiction_id,
        unitId: t.unit_id,
        at: new Date(outside[0]!.at),
      });
  }
  return out;
}

/**
 * Movement while sealed: for each sealed vehicle, the positions since its last seal against where it
 * stood then (its last position before the seal, else its first after); once per sealing.
 */
async function sealedCandidates(ex: Db | Tx, jitterM: number): Promise<Candidate[]> {
  const { rows } = await sql<{
    vehicle_id: string;
    plate: string;
    jurisdiction_id: string;
    unit_id: string;
    seal_id: string;
    sealed_at: Date;
    ref_lon: string | null;
    ref_lat: string | null;
    at: Date;
    lon: string;
    lat: string;
  }>`
    with last_seal as (
      select distinct on (l.vehicle_id) l.vehicle_id, l.id, l.at, l.action
      from veh_seal_log l join veh_vehicle v on v.id = l.vehicle_id and v.status = 'sealed'
      order by l.vehicle_id, l.at desc)
    select v.id as vehicle_id, v.plate, v.jurisdiction_id, v.unit_id, s.id as seal_id, s.at as sealed_at,
      ref.lon as ref_lon, ref.lat as ref_lat, p.at, p.lon, p.lat
    from last_seal s
    join veh_vehicle v on v.id = s.vehicle_id
    left join lateral (select lon, lat from veh_position q where q.vehicle_id = s.vehicle_id and q.at <= s.at
                       order by q.at desc limit 1) ref on true
    join veh_position p on p.vehicle_id = s.vehicle_id and p.at > s.at
    where s.action = 'seal'
      and not exists (select 1 from veh_trip t where t.vehicle_id = s.vehicle_id and t.sealed_override
                      and t.status <> 'cancelled' and t.period @> p.at)
    order by v.id, p.at`.execute(ex);
  const out: Candidate[] = [];
  let i = 0;
  while (i < rows.length) {
    const first = rows[i]!;
    let ref: LonLat | null = first.ref_lon === null ? null : [Number(first.ref_lon), Number(first.ref_lat)];
    let furthest = 0;
    let at = first.at;
    for (; i < rows.length && rows[i]!.vehicle_id === first.vehicle_id; i++) {
      const p: LonLat = [Number(rows[i]!.lon), Number(rows[i]!.lat)];
      if (!ref) {
        ref = p;
        continue;
      }
      const d = metresBetween(ref, p);
      if (d > furthest) {
        furthest = d;
        at = rows[i]!.at;
      }
    }
    const r = movedWhileSealed(furthest, jitterM);
    if (r)
      out.push({
        kind: 'moved_while_sealed',
        ...r,
        detail: { plate: first.plate, ...r.detail },
        vehicleId: first.vehicle_id,
        tripId: null,
        key: `seal:${first.seal_id}`,
        jurisdictionId: first.jurisdiction_id,
        unitId: first.unit_id,
        at: new Date(at),
      });
  }
  return out;
}

/** Writes candidates: new ones inserted, open ones raised; returns the newly raised (inserted) ones. */
export async function writeAlerts(tx: Tx, list: readonly Candidate[]): Promise<Candidate[]> {
  if (!list.length) return [];
  const rows = JSON.stringify(
    list.map((c) => ({
      kind: c.kind,
      level: c.level,
      vehicle_id: c.vehicleId,
      trip_id: c.tripId,
      dedupe_key: c.key,
      jurisdiction_id: c.jurisdictionId,
      unit_id: c.unitId,
      detail: c.detail,
      at: c.at.toISOString(),
    })),
  );
  const cols = sql`x.kind, x.level, x.vehicle_id, x.trip_id, x.dedupe_key, x.jurisdiction_id, x.unit_id, x.detail, x.at`;
  const src = sql`jsonb_to_recordset(${rows}::jsonb) as x(kind text, level text, vehicle_id uuid, trip_id uuid,
    dedupe_key text, jurisdiction_id uuid, unit_id uuid, detail jsonb, at timestamptz)`;
  const rank = (col: string) => sql.raw(`(case ${col} when 'red' then 2 when 'yellow' then 1 else 0 end)`);
  const ins1 = await sql<{ kind: string; trip_id: string | null; dedupe_key: string | null }>`
    insert into veh_alert (kind, level, vehicle_id, trip_id, dedupe_key, jurisdiction_id, unit_id, detail, at)
    select ${cols} from ${src} where x.trip_id is not null
    on conflict (kind, trip_id) where trip_id is not null do update
      set level = excluded.level, detail = excluded.detail
      where veh_alert.resolved_at is null and ${rank('excluded.level')} > ${rank('veh_alert.level')}
    returning kind, trip_id, dedupe_key, (xmax = 0) as inserted`.execute(tx);
  const ins2 = await sql<{ kind: string; trip_id: string | null; dedupe_key: string | null }>`
    insert into veh_alert (kind, level, vehicle_id, trip_id, dedupe_key, jurisdiction_id, unit_id, detail, at)
    select ${cols} from ${src} where x.trip_id is null and x.dedupe_key is not null
    on conflict (kind, dedupe_key) where dedupe_key is not null do update
      set level = excluded.level, detail = excluded.detail
      where veh_alert.resolved_at is null and ${rank('excluded.level')} > ${rank('veh_alert.level')}
    returning kind, trip_id, dedupe_key, (xmax = 0) as inserted`.execute(tx);
  const fresh = new Set(
    [...ins1.rows, ...ins2.rows]
      .filter((r) => (r as unknown as { inserted: boolean }).inserted)
      .map((r) => `${r.kind}|${r.trip_id ?? ''}|${r.dedupe_key ?? ''}`),
  );
  return list.filter((c) => fresh.has(`${c.kind}|${c.tripId ?? ''}|${c.key ?? ''}`));
}

export const KIND_LABEL: Record<AlertKind, string> = {
  outside_window: '超出审批时段',
  mileage_over_plan: '里程超计划',
  off_hours: '非工作时间用车',
  moved_while_sealed: '封存期间移动',
  geofence_exit: '驶出电子围栏',
  sealed_dispatch: '封存车辆派用',
};
const LEVEL_LABEL = { red: '红色', yellow: '黄色', green: '绿色' } as const;

/** Notifies the pool's dispatchers and district admins (and the bureau for red) of new alerts, one message per jurisdiction. */
export async function notifyAlerts(tx: Tx, fresh: readonly Candidate[]): Promise<void> {
  const byJ = new Map<string, Candidate[]>();
  for (const c of fresh)
    (byJ.get(c.jurisdictionId) ?? byJ.set(c.jurisdictionId, []).get(c.jurisdictionId)!).push(c);
  for (const [j, list] of byJ) {
    const rows = await tx
      .selectFrom('auth_role_assignment')
      .select('account_id')
      .where((eb) =>
        eb.and([eb('role', 'in', ['dispatcher', 'district_admin']), eb('jurisdiction_id', '=', j)]),
      )
      .execute();
    const ids = [...new Set(rows.map((r) => r.account_id))];
    const red = list.filter((c) => c.level === 'red').length;
    const head = list[0]!;
    const plate = String((head.detail as { plate?: string }).plate ?? '');
    await notify(tx, ids, {
      kind: 'vehicles.alert',
      title:
        list.length === 1
          ? {
              'zh-CN': `${LEVEL_LABEL[head.level]}预警：${plate} ${KIND_LABEL[head.kind]}`,
              en: `${head.level} alert: ${plate} ${head.kind.replaceAll('_', ' ')}`,
            }
          : {
              'zh-CN': `新增 ${list.length} 条用车预警（红色 ${red} 条）`,
              en: `${list.length} new vehicle alerts (${red} red)`,
            },
      body: list
        .slice(0, 5)
        .map((c) => `${String((c.detail as { plate?: string }).plate ?? '')} ${KIND_LABEL[c.kind]}`)
        .join('；'),
      link: '/vehicles/supervision/alerts',
    });
  }
}

/** One run of the alert job; returns how many alerts were newly raised. */
export async function evaluateAlerts(
  ctx: Pick<AppContext, 'db' | 'config'>,
  cfg: SupervisionConfig,
  now = new Date(),
): Promise<number> {
  const cal = await calendarService(ctx).get();
  const since = new Date(now.getTime() - cfg.alerts.lookbackHours * 3_600_000);
  return inTransaction(ctx.db, async (tx) => {
    const trips = await tripFacts(tx, since);
    const list = [
      ...tripCandidates(trips, cal, cfg.alerts, now.getTime()),
      ...(await geofenceCandidates(tx, trips, now.getTime())),
      ...(await sealedCandidates(tx, cfg.seal.jitterM)),
    ];
    const fresh = await writeAlerts(tx, list);
    await notifyAlerts(tx, fresh);
    return fresh.length;
  });
}
