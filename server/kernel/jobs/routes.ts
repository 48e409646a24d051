import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../module.ts';
import './tables.ts';

const statuses = ['queued', 'running', 'done', 'failed', 'dead'] as const;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

const jobItem = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(statuses),
  payload: z.unknown(),
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  runAt: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
  lockedBy: z.string().nullable(),
  lockedUntil: z.string().nullable(),
});

const scheduleItem = z.object({
  name: z.string(),
  jobName: z.string(),
  cron: z.string(),
  nextRunAt: z.string(),
  lastRunAt: z.string().nullable(),
  enabled: z.boolean(),
});

export function jobRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/jobs',
    {
      config: { access: { permission: 'jobs.read', scope: 'global' } },
      schema: {
        tags: ['jobs'],
        summary: 'Recent background jobs (newest first) and the schedules',
        querystring: z.object({
          status: z.enum(statuses).optional(),
          name: z.string().trim().min(1).max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ jobs: z.array(jobItem), schedules: z.array(scheduleItem) }) },
      },
    },
    async (req) => {
      let q = ctx.db.selectFrom('job').selectAll();
      if (req.query.status) q = q.where('status', '=', req.query.status);
      if (req.query.name) q = q.where('name', '=', req.query.name);
      const jobs = await q.orderBy('created_at', 'desc').orderBy('id').limit(req.query.limit).execute();
      const schedules = await ctx.db.selectFrom('job_schedule').selectAll().orderBy('name').execute();
      return {
        jobs: jobs.map((j) => ({
          id: j.id,
          name: j.name,
          status: j.status,
          payload: j.payload,
          attempts: j.attempts,
          maxAttempts: j.max_attempts,
          runAt: j.run_at.toISOString(),
          createdAt: j.created_at.toISOString(),
          finishedAt: iso(j.finished_at),
          lastError: j.last_error,
          lockedBy: j.locked_by,
          lockedUntil: iso(j.locked_until),
        })),
        schedules: schedules.map((s) => ({
          name: s.name,
          jobName: s.job_name,
          cron: s.cron,
          nextRunAt: s.next_run_at.toISOString(),
          lastRunAt: iso(s.last_run_at),
          enabled: s.enabled,
        })),
      };
    },
  );
}
