import { sql } from 'kysely';
import type { AppContext, Log } from '../../../kernel/module.ts';
import { ensurePartitions } from '../storage/partitions.ts';
import { calibrateDemoHistory } from './calibrate.ts';
import { BASE, POINT_BASES, dayProfile, noise, profile, season } from './shape.sql.ts';
import { rebuildInstitutionRollups } from '../rollups/institution.ts';

/** Raw 15-minute readings the demo starts with: the last RAW_HOURS hours (see README). */
export const DEMO_RAW_HOURS = 3;
/** Days with daily rollup rows (today included); earlier months carry monthly rollups only. */
export const DEMO_DAILY_DAYS = 7;

const secs = (t: number) => ((Date.now() - t) / 1000).toFixed(1);

/**
 * The demo city's energy history, set-based in SQL, for every metered point: monthly rollups for the
 * past year (12 months and the current one), daily rollups for the last DEMO_DAILY_DAYS days, hourly
 * rollups of the raw hours, and raw 15-minute register readings for the last DEMO_RAW_HOURS hours (the
 * simulator continues from each point's last register). Levels agree: the raw hours' rollups are aggregated from the raw readings, and a month is the sum of its
 * daily rows plus the model's days that have no row.
 */
export async function seedEnergyHistory(ctx: AppContext, log: Log): Promise<void> {
  const tz = ctx.config.timeZone;
  const started = Date.now();
  const points = await sql<{ n: number }>`
    select count(*)::int as n from energy_point where kind = 'metered' and active`.execute(ctx.db);
  const n = points.rows[0]!.n;
  if (n === 0) return log('energy: no metering points, no history');
  const now = new Date();
  await ensurePartitions(ctx.db, new Date(now.getTime() - 86_400_000), now);
  await ctx.db.transaction().execute(async (tx) => {
    // the metered points with their base loads (sized by floor area), read by the shape's `p.base`
    await sql
      .raw(
        `create temp table energy_seed_point on commit drop as
         select p.id, p.institution_id, p.multiplier, p.energy_type, p.sub_item, p.kind, p.active, b.base
         from energy_point p join (${POINT_BASES}) b on b.id = p.id`,
      )
      .execute(tx);
    const bounds = await sql<{
      raw_start: string;
      raw_end: string;
      raw_day: string;
      day0: string;
      month0: string;
    }>`
      select (to_timestamp(floor(extract(epoch from now()) / 900) * 900) - make_interval(hours => ${DEMO_RAW_HOURS}::int))::text as raw_start,
             to_timestamp(floor(extract(epoch from now()) / 900) * 900)::text as raw_end,
             ((to_timestamp(floor(extract(epoch from now()) / 900) * 900) - make_interval(hours => ${DEMO_RAW_HOURS}::int))
               at time zone ${tz}::text)::date::text as raw_day,
             ((now() at time zone ${tz}::text)::date - ${DEMO_DAILY_DAYS - 1}::int)::text as day0,
             (date_trunc('month', now() at time zone ${tz}::text) - interval '12 months')::date::text as month0`.execute(
      tx,
    );
    const b = bounds.rows[0]!;
    const local = (ts: string) => `((${ts} - interval '1 microsecond') at time zone '${tz}')`;
    const quarter = `${BASE} * ${season(`extract(doy from ${local('g.ts')})`)} * ${profile(
      `extract(hour from ${local('g.ts')})`,
      `extract(isodow from ${local('g.ts')})`,
    )} * ${noise(`extract(doy from ${local('g.ts')})`)}`;
    // raw readings: register = a start value + the running sum of deltas (÷ multiplier)
    await sql
      .raw(
        `
      insert into energy_reading (institution_id, point_id, ts, register, delta, estimated)
      select institution_id, id, ts, round((r0 + sum(d) over (partition by id order by ts) / m)::numeric, 2)::float8, d, false
      from (
        select p.id, p.institution_id, p.multiplier::float8 as m, 10000 + (abs(hashtext(p.id::text)) % 90000) as r0,
               g.ts, round((${quarter})::numeric, 2)::float8 as d
        from energy_seed_point p
        cross join generate_series('${b.raw_start}'::timestamptz + interval '15 minutes', '${b.raw_end}'::timestamptz,
                                   interval '15 minutes') g(ts)
        where p.kind = 'metered' and p.active) s`,
      )
      .execute(tx);
    log(
      `energy: raw 15-minute readings of ${n} points for the last ${DEMO_RAW_HOURS} h (${secs(started)} s)`,
    );
    // the raw hours' rollups; the day(s) they fall on: raw hours + the model's hours before them
    await sql
      .raw(
        `
      insert into energy_rollup_hour (institution_id, point_id, hour, consumption, samples, estimated)
      select institution_id, point_id, date_trunc('hour', ts - interval '1 microsecond', '${tz}'), sum(delta), count(*), 0
      from energy_reading where ts > '${b.raw_start}'::timestamptz group by 1, 2, 3`,
      )
      .execute(tx);
    await sql
      .raw(
        `
      insert into energy_rollup_day (institution_id, point_id, day, consumption, samples, estimated)
      select institution_id, point_id, day, sum(c), sum(s)::int, 0 from (
        select institution_id, point_id, (hour at time zone '${tz}')::date as day, consumption as c, samples as s
        from energy_rollup_hour where hour >= '${b.raw_start}'::timestamptz - interval '1 hour'
        union all
        select p.institution_id, p.id, (${local('g.ts')})::date, round((4 * ${quarter})::numeric, 2)::float8, 4
        from energy_seed_point p
        cross join generate_series(('${b.raw_day}'::timestamp at time zone '${tz}') + interval '1 hour',
                                   '${b.raw_start}'::timestamptz, interval '1 hour') g(ts)
        where p.kind = 'metered' and p.active and g.ts <= '${b.raw_start}'::timestamptz
      ) x group by 1, 2, 3
      union all
      select p.institution_id, p.id, d::date,
             round((96 * ${BASE} * ${season('extract(doy from d)')} * ${dayProfile('extract(isodow from d)')}
                    * ${noise('extract(doy from d)')})::numeric, 2)::float8, 96, 0
      from energy_seed_point p
      cross join generate_series('${b.day0}'::date, '${b.raw_day}'::date - 1, interval '1 day') d
      where p.kind = 'metered' and p.active`,
      )
      .execute(tx);
    log(`energy: hourly rollups of the raw hours, daily for ${DEMO_DAILY_DAYS} days (${secs(started)} s)`);
    // months: the daily rows plus, for days without a row, the model's day (noise per month)
    await sql
      .raw(
        `
      with days as (
        select d::date as day, extract(doy from d) as doy, extract(isodow from d) as dow
        from generate_series('${b.month0}'::date, '${b.day0}'::date - 1, interval '1 day') d
      ), kinds as (
        select distinct energy_type, sub_item from energy_point where kind = 'metered' and active
      ), per_kind as (
        select k.energy_type, k.sub_item, date_trunc('month', d.day)::date as month,
               sum((select ${season('d.doy')} * ${dayProfile('d.dow')}
                    from (select k.energy_type, k.sub_item) p)) as f,
               count(*)::int as nd
        from kinds k cross join days d group by 1, 2, 3
      )
      insert into energy_rollup_month (institution_id, point_id, month, consumption, samples, estimated)
      select institution_id, point_id, month, sum(c), sum(s)::int, 0 from (
        select p.institution_id, p.id as point_id, k.month,
               round((96 * ${BASE} * k.f * ${noise('extract(month from k.month) * 30')})::numeric, 2)::float8 as c,
               96 * k.nd as s
        from energy_seed_point p
        join per_kind k on k.energy_type = p.energy_type and k.sub_item is not distinct from p.sub_item
        where p.kind = 'metered' and p.active
        union all
        select institution_id, point_id, date_trunc('month', day)::date, consumption, samples
        from energy_rollup_day where day >= '${b.day0}'::date
      ) x group by 1, 2, 3`,
      )
      .execute(tx);
    const today = new Intl.DateTimeFormat('en-CA', {
      timeZone: tz,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(now);
    await calibrateDemoHistory(tx, tz, today);
    await rebuildInstitutionRollups(tx);
    log(`energy: main meters agree with their sub-meters, quotas set from the history (${secs(started)} s)`);
  });
  log(`energy: history seeded in ${secs(started)} s`);
}
