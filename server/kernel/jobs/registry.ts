import { CronExpressionParser } from 'cron-parser';
import type { Db } from '../db/schema.ts';

/** What a job handler receives. It runs outside any transaction and opens its own when it writes. */
export interface JobContext<P = unknown> {
  db: Db;
  payload: P;
  job: { id: string; name: string; attempt: number; maxAttempts: number; runAt: Date };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type JobHandler<P = any> = (ctx: JobContext<P>) => Promise<void>;

/** Exponential back-off with jitter, or a function of the attempt that failed (1, 2, …) → ms. */
export type Backoff = { baseMs: number; maxMs?: number } | ((attempt: number) => number);

export interface JobOptions {
  /** attempts before the job is 'dead' (default 5) */
  maxAttempts?: number;
  /** delay before a retry (default 10 s doubling up to 1 h, with jitter) */
  backoff?: Backoff;
}

export interface JobDefinition {
  name: string;
  handler: JobHandler;
  maxAttempts: number;
  backoff: Backoff;
}

export interface ScheduleDefinition {
  name: string;
  cron: string;
  jobName: string;
  payload: unknown;
}

export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_BACKOFF: Backoff = { baseMs: 10_000, maxMs: 3_600_000 };
const NAME_RE = /^[a-z][a-z0-9_.:-]{0,99}$/i;

function assertName(kind: string, name: string): void {
  if (!NAME_RE.test(name)) throw new Error(`Invalid ${kind} name: ${JSON.stringify(name)}`);
}

/**
 * The job handlers and schedules of a process. Components and modules register theirs in
 * register(); the runner claims only jobs and schedules registered here, so an instance running
 * older code never takes work it cannot do. Registering a name again replaces it.
 */
export class JobRegistry {
  readonly jobs = new Map<string, JobDefinition>();
  readonly schedules = new Map<string, ScheduleDefinition>();

  registerJob<P>(name: string, handler: JobHandler<P>, opts: JobOptions = {}): void {
    assertName('job', name);
    const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1)
      throw new Error(`maxAttempts of ${name} must be ≥ 1`);
    this.jobs.set(name, { name, handler, maxAttempts, backoff: opts.backoff ?? DEFAULT_BACKOFF });
  }

  /** A schedule enqueues `jobName` at every time the cron expression (in the deployment's zone) names. */
  registerSchedule(name: string, cron: string, jobName: string, payload: unknown = {}): void {
    assertName('schedule', name);
    assertName('job', jobName);
    if (cron.trim().split(/\s+/).length !== 5)
      throw new Error(`Schedule ${name}: cron needs 5 fields: ${cron}`);
    nextCronRun(cron, new Date(), 'UTC'); // throws on a malformed expression
    this.schedules.set(name, { name, cron, jobName, payload });
  }
}

/** The process-wide registry that registerJob / registerSchedule fill and the platform's runner uses. */
export const jobRegistry = new JobRegistry();

export function registerJob<P>(name: string, handler: JobHandler<P>, opts?: JobOptions): void {
  jobRegistry.registerJob(name, handler, opts);
}

export function registerSchedule(name: string, cron: string, jobName: string, payload?: unknown): void {
  jobRegistry.registerSchedule(name, cron, jobName, payload);
}

/** The delay before retrying after failed attempt `attempt` (1-based): base·2^(attempt-1), capped, jittered to 50–100 %. */
export function backoffDelay(backoff: Backoff, attempt: number, random: () => number = Math.random): number {
  if (typeof backoff === 'function') return Math.max(0, backoff(attempt));
  const max = backoff.maxMs ?? 3_600_000;
  const raw = Math.min(max, backoff.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.5 + 0.5 * random()));
}

/** The first time after `after` that a 5-field cron expression names, read in `timeZone`. */
export function nextCronRun(cron: string, after: Date, timeZone: string): Date {
  return CronExpressionParser.parse(cron, { currentDate: after, tz: timeZone }).next().toDate();
}
