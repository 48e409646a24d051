import crypto from 'node:crypto';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { enqueue } from './queue.ts';
import { backoffDelay, jobRegistry, nextCronRun, type JobRegistry } from './registry.ts';
import './tables.ts';

export interface RunnerOptions {
  /** how often to look for due work when idle */
  pollMs: number;
  /** the zone cron expressions are read in */
  timeZone: string;
  registry?: JobRegistry;
  /** jobs claimed (and run concurrently) per round; default 5 */
  batchSize?: number;
  /** how long a claimed job stays ours without a heartbeat; default 5 min */
  leaseMs?: number;
  /** distinguishes this instance in job.locked_by; default host:pid:random */
  instanceId?: string;
  /** failures of the runner itself (database unreachable, …); handler failures go to job.last_error */
  onError?: (err: unknown) => void;
}

interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  attempts: number;
  max_attempts: number;
  run_at: Date;
}

const errorText = (e: unknown) => (e instanceof Error ? e.stack || e.message : String(e)).slice(0, 4000);

/**
 * Runs queued jobs and due schedules. Claims work with `UPDATE … WHERE id IN (SELECT … FOR UPDATE
 * SKIP LOCKED)` so several instances on one PostgreSQL database share it without taking anything
 * twice, and holds each job under a lease (locked_until, renewed while the handler runs): the jobs
 * of an instance that died are taken over once their lease expires. No transaction is held while a
 * handler runs, so it also works on PGlite's single connection.
 */
export class JobRunner {
  /** Instance ids of this process's runners that are started or draining: their leases are alive. */
  private static readonly active = new Set<string>();

  /**
   * Whether `instanceId` is a runner of this process that is started or draining. A lease that names
   * this process's pid but no such runner was taken by an earlier process that had the same pid (a
   * restarted container numbers its processes the same way each time).
   */
  static isActiveHere(instanceId: string): boolean {
    return JobRunner.active.has(instanceId);
  }

  readonly instanceId: string;
  private readonly registry: JobRegistry;
  private readonly batchSize: number;
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private running = false;

  constructor(
    private readonly db: Db,
    private readonly opts: RunnerOptions,
  ) {
    this.registry = opts.registry ?? jobRegistry;
    this.batchSize = opts.batchSize ?? 5;
    this.leaseMs = opts.leaseMs ?? 300_000;
    this.instanceId =
      opts.instanceId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
  }

  /** Records the registered schedules, then polls until stop(). */
  async start(): Promise<void> {
    if (this.running) return;
    await this.syncSchedules();
    this.running = true;
    JobRunner.active.add(this.instanceId);
    this.loop(0);
  }

  /** Stops polling and waits for the jobs in hand to finish. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.current;
    JobRunner.active.delete(this.instanceId);
  }

  private loop(delay: number): void {
    this.timer = setTimeout(() => {
      this.current = this.tick().then((busy) => {
        if (this.running) this.loop(busy ? 0 : this.opts.pollMs);
      });
    }, delay);
  }

  private async tick(): Promise<boolean> {
    try {
      await this.runSchedules();
      return (await this.runDue()) >= this.batchSize;
    } catch (e) {
      this.opts.onError?.(e);
      return false;
    }
  }

  /** Inserts the registered schedules, or updates their cron (and next run) where the code changed it. */
  async syncSchedules(): Promise<void> {
    for (const s of this.registry.schedules.values()) {
      const next = nextCronRun(s.cron, new Date(), this.opts.timeZone);
      await this.db
        .insertInto('job_schedule')
        .values({ name: s.name, job_name: s.jobName, cron: s.cron, next_run_at: next })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({
              job_name: s.jobName,
              cron: s.cron,
              next_run_at: sql`case when job_schedule.cron = ${s.cron} then job_schedule.next_run_at else ${next} end`,
              updated_at: sql`now()`,
            })
            .where((eb) =>
              eb.or([eb('job_schedule.cron', '!=', s.cron), eb('job_schedule.job_name', '!=', s.jobName)]),
            ),
        )
        .execute();
    }
  }

  /**
   * Enqueues one job for every due schedule and moves each to its next time. A schedule row is
   * locked (SKIP LOCKED) while it is handled, and the job's dedupe key is the schedule's name and
   * due time, so across instances each due time enqueues exactly once. Returns the number enqueued.
   */
  async runSchedules(): Promise<number> {
    const names = [...this.registry.schedules.keys()];
    if (names.length === 0) return 0;
    return inTransaction(this.db, async (tx) => {
      const { rows } = await sql<{ name: string; next_run_at: Date; now: Date }>`
        select name, next_run_at, now() as now from job_schedule
        where enabled and next_run_at <= now() and name = any(${names}::text[])
        order by next_run_at
        for update skip locked`.execute(tx);
      let enqueued = 0;
      for (const row of rows) {
        const def = this.registry.schedules.get(row.name);
        if (!def) continue;
        const id = await enqueue(tx, def.jobName, def.payload, {
          dedupeKey: `schedule:${row.name}:${row.next_run_at.toISOString()}`,
          registry: this.registry,
        });
        if (id) enqueued++;
        // missed runs are not replayed: the next time is the first one after now
        const next = nextCronRun(def.cron, row.now, this.opts.timeZone);
        await tx
          .updateTable('job_schedule')
          .set({ next_run_at: next, last_run_at: sql`now()` })
          .where('name', '=', row.name)
          .execute();
      }
      return enqueued;
    });
  }

  /** Claims one batch of due jobs and runs them; returns how many were claimed. */
  async runDue(): Promise<number> {
    const names = [...this.registry.jobs.keys()];
    if (names.length === 0) return 0;
    // a job whose lease expired after its last attempt (the instance died running it) is dead
    await sql`
      update job set status = 'dead', finished_at = now(), locked_by = null, locked_until = null,
        last_error = coalesce(last_error || E'\n', '') || 'lease expired on the last attempt (' || locked_by || ')'
      where status = 'running' and locked_until < now() and attempts >= max_attempts`.execute(this.db);
    const leaseSeconds = this.leaseMs / 1000;
    const { rows } = await sql<ClaimedJob>`
      update job set status = 'running', attempts = attempts + 1, locked_by = ${this.instanceId},
        locked_until = now() + make_interval(secs => ${leaseSeconds})
      where id in (
        select id from job
        where name = any(${names}::text[])
          and ((status in ('queued', 'failed') and run_at <= now())
            or (status = 'running' and locked_until < now()))
        order by run_at
        limit ${this.batchSize}
        for update skip locked)
      returning id, name, payload, attempts, max_attempts, run_at`.execute(this.db);
    await Promise.all(rows.map((job) => this.execute(job)));
    return rows.length;
  }

  /** Runs schedules and jobs until nothing is due (for tests and the CLI). */
  async drain(maxRounds = 100): Promise<number> {
    let total = 0;
    JobRunner.active.add(this.instanceId);
    try {
      for (let i = 0; i < maxRounds; i++) {
        await this.runSchedules();
        const n = await this.runDue();
        total += n;
        if (n === 0) break;
      }
    } finally {
      if (!this.running) JobRunner.active.delete(this.instanceId);
    }
    return total;
  }

  private async execute(job: ClaimedJob): Promise<void> {
    const def = this.registry.jobs.get(job.name);
    if (!def) return;
    const mine = () => sql`id = ${job.id} and locked_by = ${this.instanceId}`;
    const heartbeat = setInterval(
      () => {
        sql`update job set locked_until = now() + make_interval(secs => ${this.leaseMs / 1000})
          where ${mine()} and status = 'running'`
          .execute(this.db)
          .catch((e: unknown) => this.opts.onError?.(e));
      },
      Math.max(1000, this.leaseMs / 3),
    );
    try {
      await def.handler({
        db: this.db,
        payload: job.payload,
        job: {
          id: job.id,
          name: job.name,
          attempt: job.attempts,
          maxAttempts: job.max_attempts,
          runAt: job.run_at,
        },
      });
      clearInterval(heartbeat);
      await sql`update job set status = 'done', finished_at = now(), locked_by = null, locked_until = null
                where ${mine()}`.execute(this.db);
    } catch (e) {
      clearInterval(heartbeat);
      if (job.attempts >= job.max_attempts) {
        await sql`update job set status = 'dead', finished_at = now(), last_error = ${errorText(e)},
                    locked_by = null, locked_until = null
                  where ${mine()}`.execute(this.db);
      } else {
        const delaySeconds = backoffDelay(def.backoff, job.attempts) / 1000;
        await sql`update job set status = 'failed', last_error = ${errorText(e)},
                    run_at = now() + make_interval(secs => ${delaySeconds}), locked_by = null, locked_until = null
                  where ${mine()}`.execute(this.db);
      }
    }
  }
}
