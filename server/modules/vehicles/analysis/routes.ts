import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { endOfDay, startOfDay } from '../../../kernel/calendar/businessDays.ts';
import type { AppContext } from '../../../kernel/module.ts';
import { attachment, XLSX_TYPE } from '../../../kernel/org/excel.ts';
import { fieldError, isoDate } from '../shared.ts';
import { analysisWorkbook } from './excel.ts';
import { analyse, DIMENSIONS, type AnalysisSettings } from './service.ts';

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
export function analysisRoutes(app: FastifyInstance, ctx: AppContext, settings: AnalysisSettings): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = ctx.config.timeZone;
  breakdownRoutes(app, ctx, settings);
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

const metrics = {
  trips: z.number(),
  km: z.number(),
  hours: z.number(),
  vehicles: z.number(),
  utilisation: z.number().nullable(),
  onTime: z.number().nullable(),
  emptyKm: z.number(),
  emptyShare: z.number().nullable(),
  costFen: z.number(),
  costPerKmFen: z.number().nullable(),
  lent: z.number(),
  borrowed: z.number(),
};
const breakdownQuery = z.object({
  from: isoDate,
  to: isoDate,
  dimension: z.enum(DIMENSIONS).default('jurisdiction'),
});
const breakdown = z.object({
  from: z.string(),
  to: z.string(),
  dimension: z.enum(DIMENSIONS),
  workingDays: z.number(),
  totals: z.object(metrics),
  rows: z.array(z.object({ key: z.string(), name: z.string(), group: z.string().nullable(), ...metrics })),
  months: z.array(z.object({ month: z.string(), trips: z.number(), km: z.number() })),
});

/** The longest period one analysis covers (three years). */
const MAX_DAYS = 1100;

function checkPeriod(q: { from: string; to: string }) {
  if (q.to < q.from) {
    throw fieldError('to', 'period_order', {
      'zh-CN': '结束日期不能早于开始日期',
      en: 'The end date is before the start',
    });
  }
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_DAYS) {
    throw fieldError('to', 'period_too_long', {
      'zh-CN': '统计区间不能超过三年',
      en: 'The period cannot exceed three years',
    });
  }
}

/** The breakdowns (by jurisdiction, unit, vehicle, category) and their Excel export. */
function breakdownRoutes(app: FastifyInstance, ctx: AppContext, settings: AnalysisSettings): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/vehicles/analysis',
    {
      config: { access: { permission: 'vehicles.analysis', scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Trips, km, hours, utilisation, on-time rate, empty-km share, cost per km and loans per jurisdiction, unit, vehicle or category',
        querystring: breakdownQuery,
        response: { 200: breakdown },
      },
    },
    async (req) => {
      checkPeriod(req.query);
      return analyse(ctx, req.goa.scope, settings, req.query);
    },
  );
  r.get(
    '/api/vehicles/analysis/export.xlsx',
    {
      config: { access: { permission: 'vehicles.analysis', scope: 'rows' } },
      schema: { tags, summary: 'One analysis breakdown as .xlsx', querystring: breakdownQuery },
    },
    async (req, reply) => {
      checkPeriod(req.query);
      const a = await analyse(ctx, req.goa.scope, settings, req.query);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(`用车分析-${a.dimension}-${a.from}-${a.to}.xlsx`))
        .send(await analysisWorkbook(a));
    },
  );
}
