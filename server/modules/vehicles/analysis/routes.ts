import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { endOfDay, startOfDay } from '../../../kernel/calendar/businessDays.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { isoDate } from '../shared.ts';

const tags = ['vehicles'];

const row = z.object({
  id: z.string(),
  name: z.string(),
  trips: z.number(),
  km: z.number(),
  hours: z.number(),
  emptyKm: z.number(),
  costFen: z.number(),
  onTime: z.number().nullable(),
  loansLent: z.number(),
  loansBorrowed: z.number(),
});

/** Analysis (first cut): finished trips per jurisdiction over a period, with the totals (出车次数, 安全行驶公里). */
export function analysisRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = ctx.config.timeZone;
  r.get(
    '/api/vehicles/analysis/summary',
    {
      config: { access: { permission: 'vehicles.analysis', scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Finished trips per jurisdiction in a period: trips, km, hours, empty km, cost, loans; totals',
        querystring: z.object({ from: isoDate, to: isoDate }),
        response: { 200: z.object({ trips: z.number(), km: z.number(), rows: z.array(row) }) },
      },
    },
    async (req) => {
      const from = startOfDay(req.query.from, tz).toISOString();
      const to = endOfDay(req.query.to, tz).toISOString();
      const where = req.goa.scope.where({ jurisdiction: 't.jurisdiction_id', unit: 't.unit_id' });
      const { rows } = await sql<{
        id: string;
        name: string;
        trips: number;
        km: number;
        hours: number;
        empty_km: number;
        cost_fen: number;
        on_time: number | null;
        lent: number;
        borrowed: number;
      }>`
        select j.id, j.name,
          count(t.id)::int as trips, coalesce(sum(t.km), 0)::int as km,
          coalesce(round(sum(extract(epoch from (upper(t.period) - lower(t.period))) / 3600)::numeric, 1), 0)::float8 as hours,
          coalesce(sum(t.empty_km), 0)::int as empty_km,
          coalesce(sum(t.tolls_fen + t.parking_fen + t.fuel_fen), 0)::bigint as cost_fen,
          avg(case when t.started_at is null then null when t.started_at <= lower(t.period) + interval '10 minutes' then 1.0 else 0.0 end)::float8 as on_time,
          count(t.id) filter (where t.lender_jurisdiction_id <> t.jurisdiction_id)::int as borrowed,
          (select count(*) from veh_trip t2 where t2.lender_jurisdiction_id = j.id and t2.jurisdiction_id <> j.id
             and t2.status = 'finished' and lower(t2.period) >= ${from}::timestamptz and lower(t2.period) <= ${to}::timestamptz)::int as lent
        from org_jurisdiction j
        left join veh_trip t on t.jurisdiction_id = j.id and t.status = 'finished'
          and lower(t.period) >= ${from}::timestamptz and lower(t.period) <= ${to}::timestamptz and ${where}
        group by j.id, j.name, j.sort
        order by j.sort, j.name`.execute(ctx.db);
      const out = rows.map((x) => ({
        id: x.id,
        name: x.name,
        trips: x.trips,
        km: x.km,
        hours: Number(x.hours),
        emptyKm: x.empty_km,
        costFen: Number(x.cost_fen),
        onTime: x.on_time === null ? null : Number(x.on_time),
        loansLent: x.lent,
        loansBorrowed: x.borrowed,
      }));
      return {
        trips: out.reduce((s, x) => s + x.trips, 0),
        km: out.reduce((s, x) => s + x.km, 0),
        rows: out,
      };
    },
  );
}
