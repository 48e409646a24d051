import crypto from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDatabase, type Database } from '../db/connect.ts';
import type { Db } from '../db/schema.ts';
import { buildAccount } from '../testing/factories.ts';
import { createTestApp, dbKinds, signIn, type TestApp } from '../testing/harness.ts';
import { withDatabase } from '../testing/postgres.ts';
import { jobs as jobsComponent } from './index.ts';
import { purgeExpired, refreshStatistics } from './maintenance.ts';
import { enqueue } from './queue.ts';
import { JobRegistry, registerJob } from './registry.ts';
import { JobRunner } from './runner.ts';

async function createHitTable(db: Db) {
  await sql`create table if not exists job_test_hit (
    job_id uuid not null, runner text not null, payload jsonb, at timestamptz not null default now())`.execute(
    db,
  );
}

function recordingRegistry(names: string[]) {
  const reg = new JobRegistry();
  for (const name of names) {
    reg.registerJob(name, async ({ db, payload, job }) => {
      await sql`insert into job_test_hit (job_id, runner, payload)
                values (${job.id}, ${name}, ${JSON.stringify(payload)})`.execute(db);
    });
  }
  return reg;
}

const jobRow = (db: Db, id: string) =>
  db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Seconds from the database's now() until the job's run_at. */
async function secondsUntilRun(db: Db, id: string): Promise<number> {
  const { rows } = await sql<{ s: number }>`
    select extract(epoch from run_at - now())::float8 as s from job where id = ${id}`.execute(db);
  return rows[0]!.s;
}

const makeDue = (db: Db, id: string) =>
  sql`update job set run_at = now() - interval '1 second' where id = ${id}`.execute(db);

describe.each(dbKinds)('jobs on %s', (kind) => {
  let t: TestApp;
  const runner = (registry: JobRegistry, instanceId = 'test-a') =>
    new JobRunner(t.ctx.db, { registry, pollMs: 50, timeZone: 'Asia/Shanghai', instanceId });

  beforeAll(async () => {
    t = await createTestApp(kind);
    await createHitTable(t.ctx.db);
  });
  afterAll(() => t.close());

  it('runs a queued job once, honours runAt and dedupe keys', async () => {
    const reg = recordingRegistry(['t.hello']);
    const id = await enqueue(t.ctx.db, 't.hello', { n: 1 }, { registry: reg, dedupeKey: 'hello-1' });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await enqueue(t.ctx.db, 't.hello', { n: 2 }, { registry: reg, dedupeKey: 'hello-1' })).toBeNull();
    const later = await enqueue(
      t.ctx.db,
      't.hello',
      { n: 3 },
      { registry: reg, runAt: new Date(Date.now() + 3_600_000) },
    );
    expect(await runner(reg).drain()).toBe(1);
    const job = await jobRow(t.ctx.db, id!);
    expect(job).toMatchObject({ status: 'done', attempts: 1, locked_by: null, last_error: null });
    expect(job.finished_at).toBeInstanceOf(Date);
    const hits = await sql<{ payload: unknown }>`
      select payload from job_test_hit where job_id = ${id}`.execute(t.ctx.db);
    expect(hits.rows).toEqual([{ payload: { n: 1 } }]);
    expect((await jobRow(t.ctx.db, later!)).status).toBe('queued');
  });

  it('retries a failing job with exponential back-off, then marks it dead', async () => {
    const reg = new JobRegistry();
    let calls = 0;
    reg.registerJob(
      't.fail',
      async () => {
        calls++;
        throw new Error(`boom ${calls}`);
      },
      { maxAttempts: 3, backoff: { baseMs: 4000, maxMs: 60_000 } },
    );
    const id = (await enqueue(t.ctx.db, 't.fail', {}, { registry: reg }))!;
    const r = runner(reg);
    expect(await r.runDue()).toBe(1);
    let job = await jobRow(t.ctx.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 1, max_attempts: 3, locked_by: null });
    expect(job.last_error).toContain('boom 1');
    const first = await secondsUntilRun(t.ctx.db, id);
    expect(first).toBeGreaterThan(1.5); // 4 s × 50–100 % jitter
    expect(first).toBeLessThanOrEqual(4.01);
    expect(await r.runDue()).toBe(0); // not due yet

    await makeDue(t.ctx.db, id);
    expect(await r.runDue()).toBe(1);
    job = await jobRow(t.ctx.db, id);
    expect(job).toMatchObject({ status: 'failed', attempts: 2 });
    const second = await secondsUntilRun(t.ctx.db, id);
    expect(second).toBeGreaterThan(3.5); // 8 s × 50–100 %
    expect(second).toBeLessThanOrEqual(8.01);

    await makeDue(t.ctx.db, id);
    expect(await r.runDue()).toBe(1);
    job = await jobRow(t.ctx.db, id);
    expect(job).toMatchObject({ status: 'dead', attempts: 3, locked_by: null });
    expect(job.last_error).toContain('boom 3');
    expect(job.finished_at).toBeInstanceOf(Date);
    await makeDue(t.ctx.db, id);
    expect(await r.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('takes over a job whose lease expired, but not one under a live lease', async () => {
    const reg = recordingRegistry(['t.lease']);
    const insert = (lockedUntil: string, attempts: number) =>
      t.ctx.db
        .insertInto('job')
        .values({
          name: 't.lease',
          payload: '{}',
          status: 'running',
          attempts,
          max_attempts: 3,
          locked_by: 'crashed-instance',
          locked_until: sql<Date>`now() + ${sql.raw(`interval '${lockedUntil}'`)}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const expired = await insert('-1 minute', 1);
    const live = await insert('10 minutes', 1);
    const exhausted = await insert('-1 minute', 3);
    expect(await runner(reg, 'test-b').drain()).toBe(1);
    expect(await jobRow(t.ctx.db, expired.id)).toMatchObject({
      status: 'done',
      attempts: 2,
      locked_by: null,
    });
    expect(await jobRow(t.ctx.db, live.id)).toMatchObject({
      status: 'running',
      locked_by: 'crashed-instance',
    });
    const dead = await jobRow(t.ctx.db, exhausted.id);
    expect(dead.status).toBe('dead');
    expect(dead.last_error).toContain('lease expired');
  });

  it('fires a due schedule exactly once across two runners and moves it to the next time', async () => {
    const reg = recordingRegistry(['t.tick']);
    reg.registerSchedule('t.every-minute', '* * * * *', 't.tick', { from: 'schedule' });
    const a = runner(reg, 'a');
    const b = runner(reg, 'b');
    await a.syncSchedules();
    await b.syncSchedules();
    await sql`update job_schedule set next_run_at = now() - interval '5 minutes' where name = 't.every-minute'`.execute(
      t.ctx.db,
    );
    const fired = await Promise.all([a.runSchedules(), b.runSchedules(), a.runSchedules()]);
    expect(fired.reduce((x, y) => x + y, 0)).toBe(1);
    const queued = await t.ctx.db.selectFrom('job').selectAll().where('name', '=', 't.tick').execute();
    expect(queued).toHaveLength(1);
    expect(queued[0]?.payload).toEqual({ from: 'schedule' });
    expect(queued[0]?.dedupe_key).toMatch(/^schedule:t\.every-minute:/);
    const s = await t.ctx.db
      .selectFrom('job_schedule')
      .selectAll()
      .where('name', '=', 't.every-minute')
      .executeTakeFirstOrThrow();
    expect(s.next_run_at.getTime()).toBeGreaterThan(Date.now() - 1000);
    expect(s.last_run_at).toBeInstanceOf(Date);
    expect(await Promise.all([a.runSchedules(), b.runSchedules()])).toEqual([0, 0]);
    expect(await a.drain()).toBe(1);
  });

  it('polls on its own between start and stop', async () => {
    const reg = recordingRegistry(['t.poll']);
    const r = runner(reg, 'poller');
    await r.start();
    try {
      const id = (await enqueue(t.ctx.db, 't.poll', {}, { registry: reg }))!;
      for (let i = 0; i < 100 && (await jobRow(t.ctx.db, id)).status !== 'done'; i++) await sleep(50);
      expect((await jobRow(t.ctx.db, id)).status).toBe('done');
    } finally {
      await r.stop();
    }
  });

  it('starts the platform runner only when config.jobs is on', async () => {
    const name = `t.component.${kind}`;
    registerJob(name, async ({ db, job }) => {
      await sql`insert into job_test_hit (job_id, runner) values (${job.id}, 'component')`.execute(db);
    });
    const off = (await enqueue(t.ctx.db, name, {}))!;
    await jobsComponent.start!(t.ctx); // the test config has GOA_JOBS=0
    await sleep(200);
    expect((await jobRow(t.ctx.db, off)).status).toBe('queued');
    await jobsComponent.start!({ ...t.ctx, config: { ...t.ctx.config, jobs: true, jobPollMs: 50 } });
    try {
      for (let i = 0; i < 100 && (await jobRow(t.ctx.db, off)).status !== 'done'; i++) await sleep(50);
      expect((await jobRow(t.ctx.db, off)).status).toBe('done');
      const schedule = await t.ctx.db
        .selectFrom('job_schedule')
        .selectAll()
        .where('name', '=', 'kernel.maintenance.daily')
        .executeTakeFirst();
      expect(schedule).toMatchObject({ job_name: 'kernel.maintenance', cron: '30 3 * * *', enabled: true });
    } finally {
      await jobsComponent.stop!();
    }
  });

  it('purges sessions expired over 7 days ago and old finished jobs, audited', async () => {
    const acc = await buildAccount(t.ctx.db);
    const session = (expires: string) =>
      t.ctx.db
        .insertInto('auth_session')
        .values({
          token_hash: crypto.randomBytes(16).toString('hex'),
          account_id: acc.id,
          csrf_token: 'x',
          kind: 'bearer',
          expires_at: sql<Date>`now() + ${sql.raw(`interval '${expires}'`)}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const old = await session('-8 days');
    const recent = await session('-2 days');
    const finished = (status: 'done' | 'dead', ago: string) =>
      t.ctx.db
        .insertInto('job')
        .values({
          name: 't.old',
          status,
          finished_at: sql<Date>`now() - ${sql.raw(`interval '${ago}'`)}`,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    const oldDone = await finished('done', '8 days');
    const newDone = await finished('done', '1 day');
    const recentDead = await finished('dead', '8 days');
    const result = await purgeExpired(t.ctx.db);
    expect(result.sessions).toBeGreaterThanOrEqual(1);
    expect(result.jobs).toBeGreaterThanOrEqual(1);
    const sessions = await t.ctx.db
      .selectFrom('auth_session')
      .select('id')
      .where('id', 'in', [old.id, recent.id])
      .execute();
    expect(sessions.map((s) => s.id)).toEqual([recent.id]);
    const left = await t.ctx.db
      .selectFrom('job')
      .select('id')
      .where('id', 'in', [oldDone.id, newDone.id, recentDead.id])
      .execute();
    expect(left.map((j) => j.id).sort()).toEqual([newDone.id, recentDead.id].sort());
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['actor_label', 'after'])
      .where('entity', '=', 'kernel.maintenance')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(log).toEqual({ actor_label: 'system', after: result });
  });

  it('refreshes the planner statistics (the embedded engine has no autovacuum)', async () => {
    await sql`create table job_test_stats (n int)`.execute(t.ctx.db);
    await sql`insert into job_test_stats select generate_series(1, 500)`.execute(t.ctx.db);
    const tuples = async () =>
      Number(
        (
          await sql<{
            n: number;
          }>`select reltuples::float8 as n from pg_class where relname = 'job_test_stats'`.execute(t.ctx.db)
        ).rows[0]!.n,
      );
    expect(await tuples()).toBe(-1); // never analyzed
    await refreshStatistics(t.ctx.db);
    expect(await tuples()).toBe(500);
  });

  it('lists recent jobs and schedules to bureau admins and auditors only', async () => {
    const admin = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const auditor = await buildAccount(t.ctx.db, { grants: [{ role: 'auditor', scope: 'city' }] });
    const staff = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    const a = await signIn(t.app, admin.username, admin.password);
    const res = await a.get('/api/jobs?status=dead&limit=10');
    expect(res.status).toBe(200);
    expect(res.body.jobs.length).toBeGreaterThan(0);
    expect(res.body.jobs.every((j: { status: string }) => j.status === 'dead')).toBe(true);
    expect(res.body.jobs[0]).toHaveProperty('lastError');
    expect(res.body.schedules.map((s: { name: string }) => s.name)).toContain('t.every-minute');
    expect((await (await signIn(t.app, auditor.username, auditor.password)).get('/api/jobs')).status).toBe(
      200,
    );
    expect((await (await signIn(t.app, staff.username, staff.password)).get('/api/jobs')).status).toBe(403);
    const bad = await a.get('/api/jobs?status=lost');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('querystring.status');
  });
});

const serverUrl = inject('postgresUrl');

describe.runIf(serverUrl)('jobs on PostgreSQL with two instances', () => {
  let name: string;
  let a: Database;
  let b: Database;
  beforeAll(async () => {
    name = `goa_jobs_${crypto.randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`create database ${name} template goa_template`);
    await admin.end();
    a = await openDatabase({ databaseUrl: withDatabase(serverUrl!, name), poolSize: 6 });
    b = await openDatabase({ databaseUrl: withDatabase(serverUrl!, name), poolSize: 6 });
    await createHitTable(a.db);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    const admin = new pg.Client({ connectionString: serverUrl! });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it('processes 200 jobs on two runners with two pools, each exactly once', async () => {
    const reg = new JobRegistry();
    reg.registerJob('t.many', async ({ db, job }) => {
      await sleep(Math.random() * 5);
      await sql`insert into job_test_hit (job_id, runner) values (${job.id}, 'many')`.execute(db);
    });
    for (let i = 0; i < 200; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, (_, k) => enqueue(a.db, 't.many', { i: i + k }, { registry: reg })),
      );
    }
    const ra = new JobRunner(a.db, {
      registry: reg,
      pollMs: 20,
      timeZone: 'Asia/Shanghai',
      instanceId: 'A',
      batchSize: 10,
    });
    const rb = new JobRunner(b.db, {
      registry: reg,
      pollMs: 20,
      timeZone: 'Asia/Shanghai',
      instanceId: 'B',
      batchSize: 10,
    });
    const [na, nb] = await Promise.all([ra.drain(1000), rb.drain(1000)]);
    expect(na + nb).toBe(200);
    expect(na).toBeGreaterThan(0);
    expect(nb).toBeGreaterThan(0);
    const { rows } = await sql<{ n: number; distinct_n: number }>`
      select count(*)::int as n, count(distinct job_id)::int as distinct_n from job_test_hit where runner = 'many'`.execute(
      a.db,
    );
    expect(rows[0]).toEqual({ n: 200, distinct_n: 200 });
    const statuses = await a.db
      .selectFrom('job')
      .select(['status', 'attempts', (eb) => eb.fn.countAll<number>().as('n')])
      .where('name', '=', 't.many')
      .groupBy(['status', 'attempts'])
      .execute();
    expect(statuses.map((s) => ({ ...s, n: Number(s.n) }))).toEqual([
      { status: 'done', attempts: 1, n: 200 },
    ]);
  });

  it('fires each due schedule once across instances over repeated rounds', async () => {
    const reg = new JobRegistry();
    reg.registerJob('t.sched-job', async () => {});
    reg.registerSchedule('t.sched', '* * * * *', 't.sched-job');
    const ra = new JobRunner(a.db, { registry: reg, pollMs: 20, timeZone: 'Asia/Shanghai', instanceId: 'A' });
    const rb = new JobRunner(b.db, { registry: reg, pollMs: 20, timeZone: 'Asia/Shanghai', instanceId: 'B' });
    await Promise.all([ra.syncSchedules(), rb.syncSchedules()]);
    for (let round = 1; round <= 5; round++) {
      await sql`update job_schedule set next_run_at = now() - make_interval(mins => ${round * 10})
                where name = 't.sched'`.execute(a.db);
      const fired = await Promise.all([
        ra.runSchedules(),
        rb.runSchedules(),
        ra.runSchedules(),
        rb.runSchedules(),
      ]);
      expect(fired.reduce((x, y) => x + y, 0)).toBe(1);
    }
    const n = await a.db
      .selectFrom('job')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('name', '=', 't.sched-job')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(5);
  });
});
