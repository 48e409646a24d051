import { sql } from 'kysely';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import {
  defaultQuota,
  elapsedShareOfYear,
  monthsEnding,
  quotaColour,
  toKgce,
  zeroAmounts,
  addAmounts,
} from '../indicators/calc.ts';
import { amounts, institutionFacts, quotas } from '../indicators/repository.ts';
import { loadSettings } from '../indicators/settings.ts';
import { baseLoadRule, imbalanceRule, offlineRule, spikeRule, type Finding } from './rules.ts';
import type { AlertRule } from './tables.ts';

/**
 * The data-quality and anomaly checks: each reads the readings or rollups around `now`, applies its
 * rule and records findings as alerts. A finding for a subject and rule that is still open refreshes
 * that alert (level, value, last seen) instead of adding another; an offline alert resolves itself
 * when the point reports again.
 */

export interface Detected {
  institutionId: string;
  jurisdictionId: string;
  pointId: string | null;
  subject: string;
  rule: AlertRule;
  finding: Finding;
  periodStart: Date;
  periodEnd: Date;
  detail: Record<string, unknown>;
}

const HOUR = 3_600_000;
const DAY = 86_400_000;

function dayIn(timeZone: string, at: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

async function offline(db: Db, now: Date, thresholdIntervals: number): Promise<Detected[]> {
  const rows = await sql<{
    id: string;
    code: string;
    institution_id: string;
    jurisdiction_id: string;
    interval_minutes: number;
    last_ts: Date | null;
    installed_at: Date | null;
  }>`
    select p.id, p.code, p.institution_id, p.jurisdiction_id, p.interval_minutes, p.installed_at, last.ts as last_ts
    from energy_point p
    left join lateral (
      select r.ts from energy_reading r
      where r.institution_id = p.institution_id and r.point_id = p.id and not r.estimated
        and r.ts > ${new Date(now.getTime() - 7 * DAY)} and r.ts <= ${now}
      order by r.ts desc limit 1) last on true
    where p.kind = 'metered' and p.active`.execute(db);
  const out: Detected[] = [];
  for (const r of rows.rows) {
    const since = r.last_ts ? new Date(r.last_ts) : new Date(now.getTime() - 7 * DAY);
    const intervalMs = r.interval_minutes * 60_000;
    const missing = Math.floor((now.getTime() - since.getTime()) / intervalMs);
    const f = offlineRule(missing, thresholdIntervals, DAY / intervalMs);
    if (!f) continue;
    out.push({
      institutionId: r.institution_id,
      jurisdictionId: r.jurisdiction_id,
      pointId: r.id,
      subject: r.id,
      rule: 'offline',
      finding: f,
      periodStart: since,
      periodEnd: now,
      detail: { code: r.code, lastReading: r.last_ts ? new Date(r.last_ts).toISOString() : null },
    });
  }
  return out;
}

async function imbalance(db: Db, day: string, tolerance: number): Promise<Detected[]> {
  const rows = await sql<{
    id: string;
    code: string;
    institution_id: string;
    jurisdiction_id: string;
    main: number;
    subs: number;
    n: number;
  }>`
    select m.id, m.code, m.institution_id, m.jurisdiction_id, dm.consumption as main,
      coalesce(sum(ds.consumption), 0)::float8 as subs, count(s.id)::int as n
    from energy_point m
    join energy_rollup_day dm on dm.institution_id = m.institution_id and dm.point_id = m.id and dm.day = ${day}::date
    join energy_point s on s.parent_id = m.id and s.kind = 'metered'
    left join energy_rollup_day ds on ds.institution_id = s.institution_id and ds.point_id = s.id and ds.day = ${day}::date
    where m.kind = 'metered'
    group by m.id, m.code, m.institution_id, m.jurisdiction_id, dm.consumption`.execute(db);
  const start = new Date(`${day}T00:00:00Z`);
  return rows.rows.flatMap((r) => {
    const f = imbalanceRule(Number(r.main), Number(r.subs), tolerance);
    return f
      ? [
          {
            institutionId: r.institution_id,
            jurisdictionId: r.jurisdiction_id,
            pointId: r.id,
            subject: r.id,
            rule: 'imbalance' as const,
            finding: f,
            periodStart: start,
            periodEnd: new Date(start.getTime() + DAY),
            detail: { code: r.code, day, main: Number(r.main), subs: Number(r.subs), subMeters: r.n },
          },
        ]
      : [];
  });
}

async function spikes(db: Db, now: Date, factor: number): Promise<Detected[]> {
  const rows = await sql<{
    id: string;
    code: string;
    institution_id: string;
    jurisdiction_id: string;
    hour: Date;
    consumption: number;
    typical: number;
  }>`
    with typical as (
      select institution_id, point_id, avg(consumption) / 24 as typical
      from energy_rollup_day
      where day >= (${now}::timestamptz - interval '8 days')::date and day < (${now}::timestamptz - interval '1 day')::date
      group by 1, 2)
    select p.id, p.code, p.institution_id, p.jurisdiction_id, h.hour, h.consumption, t.typical
    from energy_rollup_hour h
    join typical t on t.institution_id = h.institution_id and t.point_id = h.point_id
    join energy_point p on p.id = h.point_id
    where h.hour >= ${new Date(now.getTime() - 24 * HOUR)} and h.hour < ${now} and p.kind = 'metered'
      and h.consumption > t.typical * ${factor}`.execute(db);
  const worst = new Map<string, Detected>();
  for (const r of rows.rows) {
    const f = spikeRule(Number(r.consumption), Number(r.typical), factor);
    if (!f) continue;
    const prev = worst.get(r.id);
    if (prev && prev.finding.value >= f.value) continue;
    const hour = new Date(r.hour);
    worst.set(r.id, {
      institutionId: r.institution_id,
      jurisdictionId: r.jurisdiction_id,
      pointId: r.id,
      subject: r.id,
      rule: 'spike',
      finding: f,
      periodStart: hour,
      periodEnd: new Date(hour.getTime() + HOUR),
      detail: { code: r.code, consumption: Number(r.consumption), typicalHour: Number(r.typical) },
    });
  }
  return [...worst.values()];
}

async function baseLoad(db: Db, now: Date, timeZone: string, ratio: number): Promise<Detected[]> {
  const rows = await sql<{
    id: string;
    code: string;
    institution_id: string;
    jurisdiction_id: string;
    night: number | null;
    weekend: number | null;
    working: number | null;
  }>`
    select p.id, p.code, p.institution_id, p.jurisdiction_id,
      avg(h.consumption) filter (where extract(hour from h.hour at time zone ${timeZone}::text) >= 22
        or extract(hour from h.hour at time zone ${timeZone}::text) < 6) as night,
      avg(h.consumption) filter (where extract(isodow from h.hour at time zone ${timeZone}::text) >= 6
        and extract(hour from h.hour at time zone ${timeZone}::text) between 9 and 16) as weekend,
      avg(h.consumption) filter (where extract(isodow from h.hour at time zone ${timeZone}::text) < 6
        and extract(hour from h.hour at time zone ${timeZone}::text) between 9 and 16) as working
    from energy_point p
    join energy_rollup_hour h on h.institution_id = p.institution_id and h.point_id = p.id
    where p.energy_type = 'electricity' and p.parent_id is null and p.kind = 'metered'
      and h.hour >= ${new Date(now.getTime() - 7 * DAY)} and h.hour < ${now}
    group by p.id, p.code, p.institution_id, p.jurisdiction_id`.execute(db);
  const start = new Date(now.getTime() - 7 * DAY);
  return rows.rows.flatMap((r) => {
    const working = Number(r.working ?? 0);
    const night = baseLoadRule(Number(r.night ?? 0), working, ratio);
    const weekend = baseLoadRule(Number(r.weekend ?? 0), working, ratio);
    const f = [night, weekend].filter((x): x is Finding => x !== null).sort((a, b) => b.value - a.value)[0];
    if (!f) return [];
    return [
      {
        institutionId: r.institution_id,
        jurisdictionId: r.jurisdiction_id,
        pointId: r.id,
        subject: r.id,
        rule: 'base_load' as const,
        finding: f,
        periodStart: start,
        periodEnd: now,
        detail: {
          code: r.code,
          night: Number(r.night ?? 0),
          weekend: Number(r.weekend ?? 0),
          working,
          cause: f === night ? 'night' : 'weekend',
        },
      },
    ];
  });
}

async function overQuota(db: Db, now: Date, timeZone: string): Promise<Detected[]> {
  const s = await loadSettings(db);
  const today = dayIn(timeZone, now);
  const year = Number(today.slice(0, 4));
  const scope = DataScope.everything();
  const [facts, used, quotaMap] = await Promise.all([
    institutionFacts(db, scope, {}),
    amounts(db, scope, {}, monthsEnding(today.slice(0, 7), Number(today.slice(5, 7))), {
      institution: true,
      month: false,
    }),
    quotas(db, scope, {}, year),
  ]);
  const byInst = new Map<string, ReturnType<typeof zeroAmounts>>();
  for (const r of used)
    byInst.set(
      r.institution_id!,
      addAmounts(byInst.get(r.institution_id!) ?? zeroAmounts(), { [r.energy_type]: r.metered + r.manual }),
    );
  const elapsed = elapsedShareOfYear(year, today);
  const start = new Date(`${year}-01-01T00:00:00Z`);
  return facts.flatMap((i) => {
    const kgce = toKgce(byInst.get(i.id) ?? {});
    const quota =
      quotaMap.get(i.id)?.total_kgce ??
      defaultQuota(i.floor_area, i.occupants, {
        kgcePerM2: s.capKgcePerM2,
        kgcePerPerson: s.capKgcePerPerson,
        waterM3PerPerson: s.capWaterM3PerPerson,
      }).totalKgce;
    const colour = quotaColour(kgce, quota, elapsed);
    if (colour === 'green') return [];
    return [
      {
        institutionId: i.id,
        jurisdictionId: i.jurisdiction_id,
        pointId: null,
        subject: i.id,
        rule: 'over_quota' as const,
        finding: { level: colour, value: kgce, threshold: quota },
        periodStart: start,
        periodEnd: now,
        detail: {
          year,
          kgce: Math.round(kgce),
          quota: Math.round(quota),
          source: quotaMap.has(i.id) ? 'quota' : 'national_cap',
        },
      },
    ];
  });
}

async function record(tx: Tx, found: Detected[], now: Date): Promise<number> {
  let created = 0;
  for (let i = 0; i < found.length; i += 500) {
    const chunk = found.slice(i, i + 500);
    const rows = await sql<{ inserted: boolean }>`
      insert into energy_alert as a (institution_id, jurisdiction_id, point_id, rule, level, subject, period_start, period_end, value, threshold, detail, first_seen_at, last_seen_at)
      values ${sql.join(
        chunk.map(
          (
            d,
          ) => sql`(${d.institutionId}::uuid, ${d.jurisdictionId}::uuid, ${d.pointId}::uuid, ${d.rule}, ${d.finding.level}, ${d.subject}::uuid,
            ${d.periodStart}::timestamptz, ${d.periodEnd}::timestamptz, ${d.finding.value}::float8, ${d.finding.threshold}::float8, ${JSON.stringify(d.detail)}::jsonb, ${now}::timestamptz, ${now}::timestamptz)`,
        ),
      )}
      on conflict (subject, rule) where status <> 'resolved' do update set
        level = excluded.level, period_end = excluded.period_end, value = excluded.value,
        threshold = excluded.threshold, detail = excluded.detail, last_seen_at = excluded.last_seen_at
      returning (xmax = 0) as inserted`.execute(tx);
    created += rows.rows.filter((r) => r.inserted).length;
  }
  return created;
}

export interface CheckResult {
  found: Record<AlertRule, number>;
  created: number;
  resolved: number;
}

/** Runs every check at `now` and records the findings (one transaction, one audit record). */
export async function runChecks(db: Db, timeZone: string, now = new Date()): Promise<CheckResult> {
  const s = await loadSettings(db);
  const yesterday = dayIn(timeZone, new Date(now.getTime() - DAY));
  const lists = {
    offline: await offline(db, now, s.offlineIntervals),
    imbalance: await imbalance(db, yesterday, s.balanceTolerance),
    spike: await spikes(db, now, s.spikeFactor),
    base_load: await baseLoad(db, now, timeZone, s.baseLoadRatio),
    over_quota: await overQuota(db, now, timeZone),
    gap: [] as Detected[],
  };
  const all = Object.values(lists).flat();
  return inTransaction(db, async (tx) => {
    const created = await record(tx, all, now);
    const stillOffline = lists.offline.map((d) => d.subject);
    const resolved = await sql`
      update energy_alert set status = 'resolved', resolved_at = ${now}, resolved_by = 'system',
        note = coalesce(note, '计量点已恢复上报')
      where rule = 'offline' and status <> 'resolved'
        and not (subject = any(${sql.val(stillOffline)}::uuid[]))`.execute(tx);
    const found = Object.fromEntries(Object.entries(lists).map(([k, v]) => [k, v.length])) as Record<
      AlertRule,
      number
    >;
    const result = { found, created, resolved: Number(resolved.numAffectedRows ?? 0) };
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'energy.alert',
      action: 'detect',
      after: { at: now.toISOString(), ...result },
    });
    return result;
  });
}
