import { sql, type RawBuilder } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import {
  addDays,
  endOfDay,
  isBusinessDay,
  startOfDay,
  type BusinessCalendar,
} from '../../../kernel/calendar/businessDays.ts';
import { calendarService } from '../../../kernel/calendar/index.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import type { AppContext } from '../../../kernel/module.ts';

/**
 * Vehicle analysis (用车分析) over a period, by vehicle, unit, jurisdiction or category; one set-based
 * query over finished trips. Definitions:
 * - trips, km (odometer difference), hours (started → finished, the in-use hours);
 * - utilisation = in-use hours ÷ available hours, available = vehicles in the group × working days of the
 *   period (kernel calendar) × duty hours per day (by unit: null — units use pooled vehicles they don't hold);
 * - on-time rate = share of trips started no later than 10 minutes after the planned departure;
 * - empty-km share = empty km ÷ km;
 * - cost = tolls + parking + fuel/charge + km × the per-km cost (depreciation, maintenance, insurance);
 * - lent / borrowed = trips of the group's vehicles serving another jurisdiction / its requests served
 *   by another jurisdiction's vehicles (by jurisdiction; other breakdowns count loans as "lent").
 * A trip belongs to the group of its vehicle (vehicle, category, jurisdiction = the vehicle's pool) or
 * of its requesting unit (unit). The caller sees trips its scope covers as requester or as lender.
 */
export const DIMENSIONS = ['jurisdiction', 'unit', 'vehicle', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface AnalysisRow {
  key: string;
  name: string;
  group: string | null;
  trips: number;
  km: number;
  hours: number;
  vehicles: number;
  utilisation: number | null;
  onTime: number | null;
  emptyKm: number;
  emptyShare: number | null;
  costFen: number;
  costPerKmFen: number | null;
  lent: number;
  borrowed: number;
}

export interface AnalysisResult {
  from: string;
  to: string;
  dimension: Dimension;
  workingDays: number;
  totals: Omit<AnalysisRow, 'key' | 'name' | 'group'>;
  rows: AnalysisRow[];
  months: { month: string; trips: number; km: number }[];
}

export interface AnalysisSettings {
  costPerKmFen: number;
  dutyHours: number;
}

const GROUP: Record<Dimension, { key: RawBuilder<string> }> = {
  jurisdiction: { key: sql`t.lender_jurisdiction_id::text` },
  unit: { key: sql`t.unit_id::text` },
  vehicle: { key: sql`t.vehicle_id::text` },
  category: { key: sql`v.category` },
};

interface RawRow {
  key: string;
  trips: number;
  km: number;
  hours: number;
  on_time: number | null;
  empty_km: number;
  cost_fen: number;
  loans: number;
}

export async function analyse(
  ctx: Pick<AppContext, 'db' | 'config'>,
  scope: DataScope,
  settings: AnalysisSettings,
  q: { from: string; to: string; dimension: Dimension },
): Promise<AnalysisResult> {
  const db: Db = ctx.db;
  const tz = ctx.config.timeZone;
  const from = startOfDay(q.from, tz).toISOString();
  const to = endOfDay(q.to, tz).toISOString();
  const cal = await calendarService(ctx).get();
  const workingDays = workingDaysIn(cal, q.from, q.to);
  const visible = sql<boolean>`(${scope.where({ jurisdiction: 't.jurisdiction_id', unit: 't.unit_id' })}
    or ${scope.where({ jurisdiction: 't.lender_jurisdiction_id', unit: 'v.unit_id' })})`;
  const key = GROUP[q.dimension].key;
  const perKm = settings.costPerKmFen;
  // one pass over the period's trips: the breakdown (g), trips per month (m), borrowed trips per requester (b)
  const { rows: all } = await sql<RawRow & { part: 'g' | 'm' | 'b' }>`
    with f as materialized (
      select ${key} as key, t.jurisdiction_id::text as borrower,
        t.lender_jurisdiction_id <> t.jurisdiction_id as loan,
        to_char(lower(t.period) at time zone ${tz}, 'YYYY-MM') as month,
        coalesce(t.km, 0) as km, t.empty_km,
        extract(epoch from (coalesce(t.finished_at, upper(t.period)) - coalesce(t.started_at, lower(t.period)))) / 3600.0 as h,
        case when t.started_at is null then null
             when t.started_at <= lower(t.period) + interval '10 minutes' then 1.0 else 0.0 end as ot,
        t.tolls_fen + t.parking_fen + t.fuel_fen + coalesce(t.km, 0) * ${perKm}::bigint as c
      from veh_trip t
      join veh_vehicle v on v.id = t.vehicle_id
      where t.status = 'finished'
        and lower(t.period) >= ${from}::timestamptz and lower(t.period) <= ${to}::timestamptz
        and ${visible})
    select 'g' as part, key, count(*)::int as trips, coalesce(sum(km), 0)::int as km,
      coalesce(sum(h), 0)::float8 as hours, avg(ot)::float8 as on_time, coalesce(sum(empty_km), 0)::int as empty_km,
      coalesce(sum(c), 0)::float8 as cost_fen, (count(*) filter (where loan))::int as loans
    from f group by key
    union all
    select 'm', month, count(*)::int, coalesce(sum(km), 0)::int, 0, null, 0, 0, 0 from f group by month
    union all
    select 'b', borrower, count(*)::int, 0, 0, null, 0, 0, 0 from f where loan group by borrower`.execute(db);
  const rows = all.filter((r) => r.part === 'g');
  const byKey = new Map(rows.map((r) => [r.key, r]));
  const borrowed = new Map<string, number>();
  if (q.dimension === 'jurisdiction') for (const r of all) if (r.part === 'b') borrowed.set(r.key, r.trips);
  const months = all
    .filter((r) => r.part === 'm')
    .map((r) => ({ month: r.key, trips: r.trips, km: r.km }))
    .sort((x, y) => x.month.localeCompare(y.month));

  // the groups: every group in scope, also those without trips
  const groups = await groupsOf(db, scope, q.dimension, q.to);
  const out: AnalysisRow[] = [];
  for (const g of groups) {
    const r = byKey.get(g.key);
    if (!r && !borrowed.get(g.key) && !(q.dimension === 'jurisdiction' || q.dimension === 'category'))
      continue;
    if (!r && !borrowed.get(g.key) && g.vehicles === 0) continue;
    out.push(row(g, r, settings, workingDays, q.dimension, borrowed.get(g.key) ?? 0));
  }
  const sum = (f: (x: RawRow) => number) => rows.reduce((s, x) => s + f(x), 0);
  const totalTrips = sum((x) => x.trips);
  const totalsRaw: RawRow = {
    key: '',
    trips: totalTrips,
    km: sum((x) => x.km),
    hours: sum((x) => x.hours),
    on_time: totalTrips ? sum((x) => (x.on_time ?? 0) * x.trips) / totalTrips : null,
    empty_km: sum((x) => x.empty_km),
    cost_fen: sum((x) => Number(x.cost_fen)),
    loans: sum((x) => x.loans),
  };
  const totalsRow = row(
    { key: '', name: '', group: null, vehicles: await vehicleCount(db, scope, q.to) },
    totalsRaw,
    settings,
    workingDays,
    'jurisdiction',
    0,
  );
  const { key: _k, name: _n, group: _g, ...totals } = totalsRow;
  totals.borrowed = totals.lent;

  return {
    from: q.from,
    to: q.to,
    dimension: q.dimension,
    workingDays,
    totals,
    rows: out,
    months,
  };
}

function workingDaysIn(cal: BusinessCalendar, from: string, to: string): number {
  let n = 0;
  for (let d = from; d <= to; d = addDays(d, 1)) if (isBusinessDay(cal, d)) n++;
  return n;
}

function row(
  g: { key: string; name: string; group: string | null; vehicles: number },
  r: RawRow | undefined,
  s: AnalysisSettings,
  workingDays: number,
  dimension: Dimension,
  borrowed: number,
): AnalysisRow {
  const km = r?.km ?? 0;
  const hours = Math.round((r?.hours ?? 0) * 10) / 10;
  const available = g.vehicles * workingDays * s.dutyHours;
  const cost = Math.round(Number(r?.cost_fen ?? 0));
  return {
    key: g.key,
    name: g.name,
    group: g.group,
    trips: r?.trips ?? 0,
    km,
    hours,
    vehicles: g.vehicles,
    utilisation:
      dimension === 'unit' || available <= 0 ? null : Math.round(((r?.hours ?? 0) / available) * 1000) / 1000,
    onTime: r?.on_time === null || r?.on_time === undefined ? null : Math.round(r.on_time * 1000) / 1000,
    emptyKm: r?.empty_km ?? 0,
    emptyShare: km ? Math.round(((r?.empty_km ?? 0) / km) * 1000) / 1000 : null,
    costFen: cost,
    costPerKmFen: km ? Math.round(cost / km) : null,
    lent: r?.loans ?? 0,
    borrowed,
  };
}

/** Vehicles (not retired, bought by the period's end) in scope: for the totals' utilisation. */
async function vehicleCount(db: Db, scope: DataScope, to: string): Promise<number> {
  const r = await db
    .selectFrom('veh_vehicle as v')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('v.status', '<>', 'retired')
    .where('v.purchase_date', '<=', to)
    .where(scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' }))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const CATEGORY_ZH: Record<string, string> = {
  confidential_comms: '机要通信用车',
  emergency: '应急保障用车',
  law_enforcement: '执法执勤用车',
  special_technical: '特种专业技术用车',
  general: '其他按规定配备的车辆',
};

/** The groups of a breakdown with their names and fleet sizes. */
async function groupsOf(db: Db, scope: DataScope, dimension: Dimension, to: string) {
  const vScope = scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' });
  const fleet = sql`v.status <> 'retired' and v.purchase_date <= ${to}::date`;
  if (dimension === 'jurisdiction') {
    const { rows } = await sql<{ key: string; name: string; vehicles: number }>`
      select j.id::text as key, j.name, (select count(*)::int from veh_vehicle v where v.jurisdiction_id = j.id and ${fleet} and ${vScope}) as vehicles
      from org_jurisdiction j order by j.sort, j.name`.execute(db);
    return rows.map((r) => ({ ...r, group: null }));
  }
  if (dimension === 'category') {
    const { rows } = await sql<{ key: string; vehicles: number }>`
      select v.category as key, count(*)::int as vehicles from veh_vehicle v where ${fleet} and ${vScope} group by 1`.execute(
      db,
    );
    const n = new Map(rows.map((r) => [r.key, r.vehicles]));
    return Object.entries(CATEGORY_ZH).map(([key, name]) => ({
      key,
      name,
      group: null,
      vehicles: n.get(key) ?? 0,
    }));
  }
  if (dimension === 'vehicle') {
    const { rows } = await sql<{ key: string; name: string; group: string }>`
      select v.id::text as key, v.plate as name, j.name as group
      from veh_vehicle v join org_jurisdiction j on j.id = v.jurisdiction_id
      order by j.sort, v.plate`.execute(db);
    return rows.map((r) => ({ ...r, vehicles: 1 }));
  }
  const { rows } = await sql<{ key: string; name: string; group: string }>`
    select u.id::text as key, u.name, j.name as group
    from org_unit u join org_jurisdiction j on j.id = u.jurisdiction_id
    order by j.sort, u.code`.execute(db);
  return rows.map((r) => ({ ...r, vehicles: 0 }));
}
