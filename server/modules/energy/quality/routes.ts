import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../../kernel/module.ts';
import { errors } from '../../../kernel/errors.ts';
import { fillGaps } from './gaps.ts';
import { registerJob, registerSchedule } from '../../../kernel/jobs/registry.ts';
import { alert, alertAction, alertQuery, findAlert, handleAlert, listAlerts } from './alerts.ts';
import { runChecks } from './checks.ts';
import { buildDailyReport, listReports } from './report.ts';

const tags = ['energy'];
const idParams = z.object({ id: z.uuid() });

function yesterdayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(now.getTime() - 86_400_000));
}

/** Alerts, the quality checks job and the daily data-quality report. */
export function qualityRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const tz = ctx.config.timeZone;

  registerJob('energy.quality.check', async (job) => {
    await runChecks(job.db, tz);
  });
  registerJob('energy.quality.report', async (job) => {
    await buildDailyReport(job.db, yesterdayIn(tz), tz);
  });
  registerJob('energy.gaps.fill', async (job) => {
    await fillGaps(job.db, { timeZone: tz });
  });
  registerSchedule('energy.quality.check', '7 * * * *', 'energy.quality.check');
  registerSchedule('energy.gaps.fill', '52 * * * *', 'energy.gaps.fill');
  registerSchedule('energy.quality.report', '30 1 * * *', 'energy.quality.report');

  r.get(
    '/api/energy/alerts',
    {
      config: { access: { permission: 'energy.read', scope: 'rows' } },
      schema: {
        tags,
        summary:
          'Alerts in scope (filters: status incl. live, level, rule, institutionId, jurisdictionId, q)',
        querystring: alertQuery,
        response: {
          200: z.object({
            items: z.array(alert),
            total: z.number(),
            page: z.number(),
            pageSize: z.number(),
            counts: z.array(z.object({ level: z.string(), status: z.string(), n: z.number() })),
          }),
        },
      },
    },
    async (req) => listAlerts(db, req.goa.scope, req.query),
  );

  r.get(
    '/api/energy/alerts/:id',
    {
      config: { access: { permission: 'energy.read', scope: { entity: 'energy.alert', param: 'id' } } },
      schema: { tags, summary: 'One alert', params: idParams, response: { 200: alert } },
    },
    async (req) =>
      (await findAlert(db, req.goa.scope, req.params.id)) ??
      Promise.reject(errors.notFound('energy.alert', req.params.id)),
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    r.post(
      `/api/energy/alerts/:id/${action}`,
      {
        config: {
          access: { permission: 'energy.alert.handle', scope: { entity: 'energy.alert', param: 'id' } },
        },
        schema: {
          tags,
          summary: action === 'acknowledge' ? 'Acknowledge an open alert' : 'Resolve an alert with a note',
          params: idParams,
          body: alertAction,
          response: { 200: alert },
        },
      },
      async (req) => handleAlert(db, req.goa.scope, req.goa.actor, req.params.id, action, req.body.note),
    );
  }

  r.post(
    '/api/energy/quality/run',
    {
      config: { access: { permission: 'energy.settings.write', scope: 'global' } },
      schema: { tags, summary: "Run the data-quality checks now and rebuild yesterday's report" },
    },
    async () => {
      const result = await runChecks(db, tz);
      await buildDailyReport(db, yesterdayIn(tz), tz);
      return result;
    },
  );

  r.get(
    '/api/energy/quality/reports',
    {
      config: { access: { permission: 'energy.read', scope: 'rows' } },
      schema: {
        tags,
        summary: 'Daily data-quality reports per jurisdiction, newest first',
        querystring: z.object({
          day: z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .optional(),
        }),
      },
    },
    async (req) => listReports(db, req.goa.scope, req.query.day),
  );
}
