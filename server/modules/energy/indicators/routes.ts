import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { errors } from '../../../kernel/errors.ts';
import { listQuotas, putQuota, quota, quotaInput } from './quotas.ts';
import { institutionIndicators, overview, pointCurve } from './service.ts';
import { loadSettings, settings, settingsPatch, updateSettings } from './settings.ts';

const tags = ['energy'];
const read = { permission: 'energy.read' } as const;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const idParams = z.object({ id: z.uuid() });

/** The current month (YYYY-MM) in the deployment's time zone. */
export function currentMonth(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' })
    .format(now)
    .slice(0, 7);
}
export function currentDay(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

function nextOf(granularity: 'hour' | 'day' | 'month', at: string): { from: string; to: string } {
  if (granularity === 'hour') {
    const d = new Date(`${at}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return { from: `${at} 00:00`, to: `${d.toISOString().slice(0, 10)} 00:00` };
  }
  if (granularity === 'day') {
    const [y, m] = at.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    return { from: `${at}-01`, to: `${next}-01` };
  }
  return { from: `${at}-01-01`, to: `${Number(at) + 1}-01-01` };
}

/** Indicators, curves, quotas and the city's factors. */
export function indicatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  r.get(
    '/api/energy/indicators/overview',
    {
      config: { access: { ...read, scope: 'rows' } },
      schema: {
        tags,
        summary:
          'One month for every institution in scope: totals, kgce, intensities, changes, coverage, trend, sub-items, ranking, quota colours',
        querystring: z.object({
          month: z.string().regex(MONTH).optional(),
          jurisdictionId: z.uuid().optional(),
          demonstration: z.enum(['national', 'provincial', 'any']).optional(),
        }),
      },
    },
    async (req) => overview(db, req.goa.scope, req.query, req.query.month ?? currentMonth(tz)),
  );

  r.get(
    '/api/energy/indicators/institutions/:id',
    {
      config: { access: { ...read, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: {
        tags,
        summary: "An institution's year by month, year to date against its quota, intensities and sub-items",
        params: idParams,
        querystring: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      },
    },
    async (req) => {
      const today = currentDay(tz);
      const year = req.query.year ?? Number(today.slice(0, 4));
      const upTo = year < Number(today.slice(0, 4)) ? `${year}-12-31` : today;
      return institutionIndicators(db, req.goa.scope, req.params.id, year, upTo);
    },
  );

  r.get(
    '/api/energy/points/:id/curve',
    {
      config: { access: { ...read, scope: { entity: 'energy.point', param: 'id' } } },
      schema: {
        tags,
        summary:
          "A point's curve: hours of a day (at=YYYY-MM-DD), days of a month (YYYY-MM) or months of a year (YYYY)",
        params: idParams,
        querystring: z.object({
          granularity: z.enum(['hour', 'day', 'month']).default('hour'),
          at: z
            .string()
            .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/)
            .optional(),
        }),
      },
    },
    async (req) => {
      const g = req.query.granularity;
      const today = currentDay(tz);
      const at = req.query.at ?? (g === 'hour' ? today : g === 'day' ? today.slice(0, 7) : today.slice(0, 4));
      const ok = g === 'hour' ? DAY.test(at) : g === 'day' ? MONTH.test(at) : /^\d{4}$/.test(at);
      if (!ok) {
        throw errors.field('at', 'invalid_period', {
          'zh-CN': '时间段格式与粒度不符',
          en: 'The period does not match the granularity',
        });
      }
      const { from, to } = nextOf(g, at);
      return { granularity: g, at, ...(await pointCurve(db, tz, req.params.id, g, from, to)) };
    },
  );

  r.get(
    '/api/energy/institutions/:id/quotas',
    {
      config: { access: { ...read, scope: { entity: 'energy.institution', param: 'id' } } },
      schema: {
        tags,
        summary: "An institution's yearly quotas",
        params: idParams,
        response: { 200: z.array(quota) },
      },
    },
    async (req) => listQuotas(db, req.params.id),
  );

  r.put(
    '/api/energy/institutions/:id/quotas/:year',
    {
      config: {
        access: { permission: 'energy.quota.write', scope: { entity: 'energy.institution', param: 'id' } },
      },
      schema: {
        tags,
        summary: "Set an institution's quota for a year",
        params: z.object({ id: z.uuid(), year: z.coerce.number().int().min(2000).max(2100) }),
        body: quotaInput,
        response: { 200: quota },
      },
    },
    async (req) => putQuota(db, req.goa.actor, req.params.id, req.params.year, req.body),
  );

  r.get(
    '/api/energy/settings',
    {
      config: { access: { ...read, scope: 'global' } },
      schema: {
        tags,
        summary: 'Conversion factors, national caps and anomaly thresholds',
        response: { 200: settings },
      },
    },
    async () => loadSettings(db),
  );

  r.patch(
    '/api/energy/settings',
    {
      config: { access: { permission: 'energy.settings.write', scope: 'global' } },
      schema: {
        tags,
        summary: 'Change factors and thresholds',
        body: settingsPatch,
        response: { 200: settings },
      },
    },
    async (req) => updateSettings(db, req.goa.actor, req.body),
  );
}
