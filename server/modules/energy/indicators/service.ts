import type { Db, Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { errors } from '../../../kernel/errors.ts';
import { evaluateFormula, formulaRefs, parseFormula } from '../registry/formula.ts';
import {
  addAmounts,
  change,
  coverage,
  defaultQuota,
  KGCE_PER_UNIT,
  elapsedShareOfYear,
  monthsEnding,
  per,
  previousMonths,
  quotaColour,
  rankBy,
  toCarbonKg,
  toKgce,
  zeroAmounts,
  type Amounts,
  type QuotaColour,
} from './calc.ts';
import {
  bucketsOf,
  institutionFacts,
  pointSeries,
  quotas,
  type AmountRow,
  type Filters,
  type Granularity,
} from './repository.ts';
import { monthlyAmounts, windowAmounts } from './monthly.ts';
import { loadSettings, type Settings } from './settings.ts';

/** Indicators for the overview, an institution, a point's curves. */

const carbonOf = (s: Settings) => ({
  kgPerKwh: s.carbonKgPerKwh,
  kgPerM3Gas: s.carbonKgPerM3Gas,
  kgPerGjHeat: s.carbonKgPerGjHeat,
});

function sumRows(rows: readonly AmountRow[], pick: (r: AmountRow) => boolean = () => true) {
  let total = zeroAmounts();
  let metered = zeroAmounts();
  for (const r of rows) {
    if (!pick(r)) continue;
    total = addAmounts(total, { [r.energy_type]: r.metered + r.manual });
    metered = addAmounts(metered, { [r.energy_type]: r.metered });
  }
  return { total, metered };
}

function groupBy(rows: readonly AmountRow[], key: (r: AmountRow) => string): Map<string, AmountRow[]> {
  const out = new Map<string, AmountRow[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const round = (x: number | null, d = 2) => (x === null ? null : Math.round(x * 10 ** d) / 10 ** d);

function figures(a: Amounts, s: Settings) {
  return {
    electricity: round(a.electricity)!,
    water: round(a.water)!,
    gas: round(a.gas)!,
    heat: round(a.heat, 3)!,
    kgce: round(toKgce(a))!,
    carbonKg: round(toCarbonKg(a, carbonOf(s)))!,
  };
}

/**
 * One month of a series (the overview's trend, an institution's months): its figures, an energy type
 * without a reading that month null, and every figure null in a month without any reading — a gap the
 * charts leave open, not a zero they would dive to.
 */
function monthFigures(rows: readonly AmountRow[], s: Settings) {
  const has = new Set(rows.map((r) => r.energy_type));
  const f = figures(sumRows(rows).total, s);
  const any = has.size > 0;
  return {
    electricity: has.has('electricity') ? f.electricity : null,
    water: has.has('water') ? f.water : null,
    gas: has.has('gas') ? f.gas : null,
    heat: has.has('heat') ? f.heat : null,
    kgce: any ? f.kgce : null,
    carbonKg: any ? f.carbonKg : null,
  };
}

/** The year-to-date months of `month`'s year up to it. */
const yearToDate = (month: string) => monthsEnding(month, Number(month.slice(5, 7)));

function lastDayOf(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

export async function overview(db: Executor, scope: DataScope, f: Filters, month: string) {
  const s = await loadSettings(db);
  const { prev, lastYear } = previousMonths(month);
  const year = Number(month.slice(0, 4));
  // one read of the 13 months ending with this one: the trend, the month before, the same month a
  // year before and the year to date all lie in it
  const window = monthsEnding(month, 13);
  const [facts, all, quotaMap] = await Promise.all([
    institutionFacts(db, scope, f),
    windowAmounts(db, scope, f, window, { month, lastYear, ytd: yearToDate(month) }, KGCE_PER_UNIT),
    quotas(db, scope, f, year),
  ]);
  const byMonth = groupBy(all.months, (r) => r.month!);
  const inMonth = (m: string) => byMonth.get(m) ?? [];
  const now = sumRows(inMonth(month));
  const kgceNow = toKgce(now.total);
  const area = facts.reduce((a, i) => a + i.floor_area, 0);
  const people = facts.reduce((a, i) => a + i.occupants, 0);
  const elapsed = elapsedShareOfYear(year, lastDayOf(month));
  const colours: Record<QuotaColour, number> = { green: 0, yellow: 0, red: 0 };
  const windows = new Map(all.institutions.map((r) => [r.institution_id, r]));
  const rows = facts.map((i) => {
    const own = windows.get(i.id);
    const mine = own
      ? { electricity: own.electricity, water: own.water, gas: own.gas, heat: own.heat }
      : zeroAmounts();
    const used = own?.ytd_kgce ?? 0;
    const q = quotaMap.get(i.id)?.total_kgce ?? defaultQuota(i.floor_area, i.occupants, capsOf(s)).totalKgce;
    const colour = quotaColour(used, q, elapsed);
    colours[colour]++;
    const kgce = toKgce(mine);
    return {
      id: i.id,
      code: i.code,
      name: i.name,
      jurisdictionId: i.jurisdiction_id,
      jurisdictionName: i.jurisdiction_name,
      kind: i.kind,
      demonstration: i.demonstration,
      lon: i.lon,
      lat: i.lat,
      kgce: round(kgce)!,
      electricity: round(mine.electricity)!,
      water: round(mine.water)!,
      perM2: round(per(kgce, i.floor_area), 4),
      perPerson: round(per(kgce, i.occupants), 3),
      yoy: round(change(kgce, own?.last_year_kgce), 4),
      quotaColour: colour,
      quotaUsed: round(per(used, q), 4),
    };
  });
  const ranking = rankBy(rows, (r) => r.perM2);
  const byJurisdiction = new Map<
    string,
    { id: string; name: string; kgce: number; area: number; people: number; institutions: number }
  >();
  facts.forEach((i, k) => {
    const j = byJurisdiction.get(i.jurisdiction_id) ?? {
      id: i.jurisdiction_id,
      name: i.jurisdiction_name,
      kgce: 0,
      area: 0,
      people: 0,
      institutions: 0,
    };
    j.kgce += rows[k]!.kgce;
    j.area += i.floor_area;
    j.people += i.occupants;
    j.institutions++;
    byJurisdiction.set(i.jurisdiction_id, j);
  });
  return {
    month,
    institutions: facts.length,
    points: facts.reduce((a, i) => a + i.points, 0),
    floorArea: round(area)!,
    occupants: people,
    totals: figures(now.total, s),
    perM2: round(per(kgceNow, area), 4),
    perPerson: round(per(kgceNow, people), 3),
    waterPerPerson: round(per(now.total.water, people), 4),
    mom: round(change(kgceNow, toKgce(sumRows(inMonth(prev)).total)), 4),
    yoy: round(change(kgceNow, toKgce(sumRows(inMonth(lastYear)).total)), 4),
    coverage: round(coverage(toKgce(now.metered), kgceNow - toKgce(now.metered)), 4),
    trend: window.map((m) => ({ month: m, ...monthFigures(inMonth(m), s) })),
    subItems: all.subItems.map((x) => ({ subItem: x.subItem, kwh: round(x.kwh)! })),
    jurisdictions: [...byJurisdiction.values()].map((j) => ({
      id: j.id,
      name: j.name,
      institutions: j.institutions,
      kgce: round(j.kgce)!,
      perM2: round(per(j.kgce, j.area), 4),
      perPerson: round(per(j.kgce, j.people), 3),
    })),
    quotaColours: colours,
    ranking,
  };
}

const capsOf = (s: Settings) => ({
  kgcePerM2: s.capKgcePerM2,
  kgcePerPerson: s.capKgcePerPerson,
  waterM3PerPerson: s.capWaterM3PerPerson,
});

export async function institutionIndicators(
  db: Executor,
  scope: DataScope,
  id: string,
  year: number,
  upTo: string,
) {
  const s = await loadSettings(db);
  const f: Filters = { institutionId: id };
  const [facts] = await institutionFacts(db, scope, f);
  if (!facts) throw errors.notFound('energy.institution', id);
  const months = monthsEnding(`${year}-12`, 12);
  const before = monthsEnding(`${year - 1}-12`, 12);
  const [{ months: both, subItems: items }, quotaMap] = await Promise.all([
    monthlyAmounts(db, scope, f, [...before, ...months], months),
    quotas(db, scope, f, year),
  ]);
  const byMonth = groupBy(both, (r) => r.month!);
  const rows = both.filter((r) => r.month!.startsWith(`${year}-`));
  const lastRows = both.filter((r) => !r.month!.startsWith(`${year}-`));
  const ytdMonths = months.filter((m) => m <= upTo.slice(0, 7));
  const ytd = sumRows(rows, (r) => ytdMonths.includes(r.month!));
  const ytdLast = sumRows(lastRows, (r) => ytdMonths.includes(`${year}${r.month!.slice(4)}`));
  const kgce = toKgce(ytd.total);
  const stored = quotaMap.get(id);
  const fallback = defaultQuota(facts.floor_area, facts.occupants, capsOf(s));
  const quotaKgce = stored?.total_kgce ?? fallback.totalKgce;
  const elapsed = ytdMonths.length === 12 ? 1 : elapsedShareOfYear(year, upTo);
  return {
    year,
    floorArea: facts.floor_area,
    occupants: facts.occupants,
    months: months.map((m) => ({ month: m, ...monthFigures(byMonth.get(m) ?? [], s) })),
    lastYear: before.map((m) => ({ month: m, ...monthFigures(byMonth.get(m) ?? [], s) })),
    yearToDate: figures(ytd.total, s),
    // only against a year before with readings in every one of those months: a year whose meters
    // started reporting in November is no base for a year-to-date comparison
    yoy: ytdMonths.every((m) => byMonth.has(`${year - 1}${m.slice(4)}`))
      ? round(change(kgce, toKgce(ytdLast.total)), 4)
      : null,
    perM2: round(per(kgce, facts.floor_area), 4),
    perPerson: round(per(kgce, facts.occupants), 3),
    waterPerPerson: round(per(ytd.total.water, facts.occupants), 4),
    coverage: round(coverage(toKgce(ytd.metered), kgce - toKgce(ytd.metered)), 4),
    subItems: items.map((x) => ({ subItem: x.subItem, kwh: round(x.kwh)! })),
    quota: {
      totalKgce: round(quotaKgce)!,
      waterM3: stored?.water_m3 ?? round(fallback.waterM3),
      source: stored ? ('quota' as const) : ('national_cap' as const),
      used: round(per(kgce, quotaKgce), 4),
      colour: quotaColour(kgce, quotaKgce, elapsed),
    },
  };
}

/**
 * A point's curve over every bucket of the period; a bucket without readings has `value` and
 * `estimated` null (a gap, not a zero). A virtual meter is computed bucket by bucket from its formula
 * (null where a point it names has no reading).
 */
export async function pointCurve(
  db: Db,
  timeZone: string,
  pointId: string,
  granularity: Granularity,
  from: string,
  to: string,
) {
  const point = await db
    .selectFrom('energy_point')
    .select(['id', 'code', 'kind', 'formula', 'unit', 'institution_id'])
    .where('id', '=', pointId)
    .executeTakeFirst();
  if (!point) throw errors.notFound('energy.point', pointId);
  const labels = await bucketsOf(db, granularity, from, to, timeZone);
  if (point.kind !== 'virtual') {
    const rows = await pointSeries(db, [point], granularity, from, to, timeZone);
    const at = new Map<string, { value: number; estimated: number }>();
    for (const r of rows) {
      const b = at.get(r.t);
      at.set(r.t, { value: (b?.value ?? 0) + r.value, estimated: (b?.estimated ?? 0) + r.estimated });
    }
    return {
      unit: point.unit,
      points: labels.map((t) => ({
        t,
        value: at.get(t)?.value ?? null,
        estimated: at.get(t)?.estimated ?? null,
      })),
    };
  }
  const f = parseFormula(point.formula ?? '');
  const refs = formulaRefs(f);
  const refPoints = await db
    .selectFrom('energy_point')
    .select(['id', 'code', 'institution_id'])
    .where('code', 'in', refs)
    .execute();
  const rows = await pointSeries(db, refPoints, granularity, from, to, timeZone);
  const codeOf = new Map(refPoints.map((p) => [p.id, p.code]));
  const buckets = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const b = buckets.get(r.t) ?? new Map<string, number>();
    b.set(codeOf.get(r.point_id)!, (b.get(codeOf.get(r.point_id)!) ?? 0) + r.value);
    buckets.set(r.t, b);
  }
  const out = labels.map((t) => {
    const values = buckets.get(t);
    const v = values ? evaluateFormula(f, (code) => values.get(code)) : null;
    return v === null
      ? { t, value: null, estimated: null }
      : { t, value: Math.round(v * 1000) / 1000, estimated: 0 };
  });
  return { unit: point.unit, points: out };
}
