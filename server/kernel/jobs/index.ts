import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { registerMaintenance } from './maintenance.ts';
import { jobRegistry } from './registry.ts';
import { jobRoutes } from './routes.ts';
import { JobRunner } from './runner.ts';
import './permissions.ts';
import './tables.ts';

export { enqueue, type EnqueueOptions } from './queue.ts';
export {
  jobRegistry,
  registerJob,
  registerSchedule,
  type JobContext,
  type JobHandler,
  type JobOptions,
} from './registry.ts';
export { JobRunner } from './runner.ts';

const runners = new Set<JobRunner>();

/**
 * Background jobs. Components and modules register handlers and schedules in their register();
 * the runner starts with the platform (start/stop) when config.jobs is on (GOA_JOBS, default on).
 */
export const jobs: GoaModule = {
  name: 'kernel.jobs',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    registerMaintenance(jobRegistry);
    jobRoutes(app, ctx);
  },
  async start(ctx) {
    if (!ctx.config.jobs) return;
    const quiet = ctx.config.logLevel === 'silent';
    const runner = new JobRunner(ctx.db, {
      pollMs: ctx.config.jobPollMs,
      timeZone: ctx.config.timeZone,
      onError: (e) => {
        if (!quiet) console.error('job runner:', e);
      },
    });
    await runner.start();
    runners.add(runner);
  },
  async stop() {
    const all = [...runners];
    runners.clear();
    await Promise.all(all.map((r) => r.stop()));
  },
};
