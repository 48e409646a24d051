import fs from 'node:fs';
import os from 'node:os';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../../kernel/testing/harness.ts';
import { buildAccount } from '../../../kernel/testing/factories.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { upload } from '../../../kernel/org/test-fixture.ts';
import { JobRunner } from '../../../kernel/jobs/runner.ts';
import { JobRegistry } from '../../../kernel/jobs/registry.ts';
import { FileStore } from '../../../kernel/files/storage.ts';
import { registerImportJob, releaseAbandonedImports } from './import/job.ts';
import type { RunHooks } from './import/run.ts';
import type { ImportStatus } from './import/view.types.ts';
import { buildMeteredInstitution, rollupsOf } from './test-fixture.ts';

/** A register CSV: `n` readings a quarter-hour apart for each point (values 100, 101, …), and extra lines. */
function csvOf(codes: string[], n: number, extra: { at: number; line: string }[] = []) {
  const lines = ['point,ts,value'];
  for (let i = 0; i < n; i++)
    for (const c of codes)
      lines.push(`${c},${new Date(Date.UTC(2026, 9, 31, 16) + i * 900_000).toISOString()},${100 + i}`);
  for (const e of [...extra].sort((a, b) => b.at - a.at)) lines.splice(e.at, 0, e.line);
  return Buffer.from(lines.join('\n'));
}

describe.each(dbKinds)('web import of historical readings on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    admin = await signIn(t.app, a.username, a.password);
  });
  afterAll(() => t.close());

  /** The platform's job runner, as a test drives it: runs the due import jobs until none is due. */
  const runJobs = (hooks: RunHooks = {}, instanceId = 'test-runner') => {
    const registry = new JobRegistry();
    registerImportJob(t.ctx, registry, hooks);
    return new JobRunner(t.ctx.db, { registry, pollMs: 50, timeZone: 'Asia/Shanghai', instanceId }).drain();
  };
  const status = async (id: string) => {
    const r = await admin.get<ImportStatus>(`/api/energy/imports/${id}`);
    expect(r.status).toBe(200);
    return r.body;
  };
  const finished = async (id: string) => {
    await runJobs(); // the upload answers at once; the job imports the file
    return status(id);
  };
  const jobOf = async (id: string) => {
    const r = await sql<{ id: string; status: string; attempts: number }>`
      select j.id, j.status, j.attempts from job j join energy_import_run r on r.job_id = j.id
      where r.import_id = ${id}`.execute(t.ctx.db);
    return r.rows[0]!;
  };
  const readingsOf = async (pointIds: string[]) => {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from energy_reading where point_id = any(${pointIds}::uuid[])`.execute(
      t.ctx.db,
    );
    return r.rows[0]!.n;
  };
  const batchesOf = (id: string, rows: number) =>
    sql`update energy_import_run set batch_rows = ${rows} where import_id = ${id}`.execute(t.ctx.db);

  it('keeps the upload, imports it as a job, shows progress and the quarantined rows, audits every batch', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const csv = csvOf([p.code], 97, [
      { at: 98, line: `${p.code},2026-11-01T00:00:00Z,oops` },
      { at: 99, line: `NOPE,2026-11-01T00:00:00Z,1` },
    ]);
    const res = await upload(admin, '/api/energy/imports', csv, 'file', 'history.csv');
    expect(res.status).toBe(202);
    // nothing is imported by the request itself: the job does it
    expect(await status(res.body.id)).toMatchObject({ status: 'running', rows: 0, attempts: 0 });
    const s = await finished(res.body.id);
    expect(s).toMatchObject({
      status: 'done',
      rows: 99,
      stored: 97,
      duplicates: 0,
      quarantined: 2,
      batches: 1,
      attempts: 1,
      processedBytes: csv.length,
      totalBytes: csv.length,
    });
    expect(s.quarantine.map((q) => [q.pointCode, q.reason]).sort()).toEqual([
      ['NOPE', 'unknown_point'],
      [p.code, 'non_numeric'],
    ]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-10-31', consumption: 0, samples: 1 },
      { day: '2026-11-01', consumption: 96, samples: 96 },
    ]);
    // the upload is kept in the file store, attached to its import, readable by its uploader
    const file = await t.ctx.db
      .selectFrom('file_object')
      .selectAll()
      .where('id', '=', s.fileId)
      .executeTakeFirstOrThrow();
    expect([file.owner_entity, file.owner_id, Number(file.size_bytes)]).toEqual([
      'energy.import',
      s.id,
      csv.length,
    ]);
    expect((await admin.get(`/api/files/${s.fileId}`)).raw).toBe(csv.toString());
    // who, which file, what was accepted and quarantined: in the audit trail
    const audits = await sql<{
      action: string;
      after: { file: string; stored?: number; quarantined?: number };
      actor_account_id: string | null;
    }>`
      select action, after, actor_account_id from audit_log where entity = 'energy.import' and entity_id = ${res.body.id}
      order by at, id`.execute(t.ctx.db);
    expect(audits.rows.map((a) => a.action)).toEqual(['start', 'import', 'complete']);
    expect(audits.rows[1]!.after).toMatchObject({ file: 'history.csv', stored: 97, quarantined: 2 });
    expect(audits.rows.every((a) => a.actor_account_id !== null)).toBe(true);
    // the recent imports list shows it
    const list = await admin.get<{ items: ImportStatus[] }>('/api/energy/imports');
    expect(list.body.items[0]).toMatchObject({ id: s.id, status: 'done' });

    // the same file again: nothing counted twice
    const again = await upload(admin, '/api/energy/imports', csv, 'file', 'history.csv');
    expect(await finished(again.body.id)).toMatchObject({ stored: 0, duplicates: 97, quarantined: 2 });
  });

  it('imports the first worksheet of an Excel file', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('读数');
    ws.addRow(['计量点编码', '时间', '读数']);
    for (let i = 0; i <= 4; i++)
      ws.addRow([p.code, new Date(Date.UTC(2026, 10, 2, 1) + i * 900_000), 50 + 2 * i]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, '/api/energy/imports', data, 'file', 'history.xlsx');
    expect(res.status).toBe(202);
    await batchesOf(res.body.id, 2); // three batches; an Excel import resumes by worksheet row
    let seen = 0;
    await runJobs({
      afterBatch: (n) => {
        seen = n;
        if (n === 1) throw new Error('simulated crash');
      },
    });
    expect([seen, (await status(res.body.id)).rows]).toEqual([1, 2]);
    await sql`update job set run_at = now() where status = 'failed'`.execute(t.ctx.db);
    const s = await finished(res.body.id);
    expect(s.quarantine).toEqual([]);
    expect(s).toMatchObject({
      status: 'done',
      rows: 5,
      stored: 5,
      duplicates: 0,
      quarantined: 0,
      batches: 3,
    });
    // Excel dates carry no zone: the deployment's local time (Asia/Shanghai in tests' config or UTC)
    expect((await rollupsOf(t.ctx.db, p.id)).hours.reduce((a, h) => a + h.consumption, 0)).toBe(8);
  });

  it('resumes after the last committed batch when the job fails or its runner dies: every row once', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db, [{}, {}]);
    const codes = points.map((p) => p.code);
    // 2 points × 60 readings, two bad rows in the second batch and a blank line in the fourth
    const csv = csvOf(codes, 60, [
      { at: 15, line: `${codes[0]},2026-11-01T00:00:00Z,n/a` },
      { at: 16, line: `NOPE,2026-11-01T00:00:00Z,1` },
      { at: 35, line: '' },
    ]);
    const res = await upload(admin, '/api/energy/imports', csv, 'file', 'resume.csv');
    const id = res.body.id as string;
    await batchesOf(id, 10);

    // attempt 1 fails right after its third batch committed
    await runJobs({
      afterBatch: (n) => {
        if (n === 3) throw new Error('simulated crash after batch 3');
      },
    });
    let s = await status(id);
    expect(s).toMatchObject({
      status: 'running',
      rows: 30,
      stored: 28,
      quarantined: 2,
      batches: 3,
      attempts: 1,
    });
    expect(s.lastError).toContain('simulated crash after batch 3');
    expect(await jobOf(id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect(await readingsOf(points.map((p) => p.id))).toBe(28);

    // attempt 2 (after its back-off) commits two more batches, then the process dies: the job stays
    // 'running' under the dead runner's lease until the lease expires
    await sql`update job set run_at = now() where id = ${(await jobOf(id)).id}`.execute(t.ctx.db);
    await runJobs({
      afterBatch: (n) => {
        if (n === 5) throw new Error('killed');
      },
    });
    await sql`update job set status = 'running', locked_by = 'dead-instance', locked_until = now() + interval '5 minutes',
              last_error = null where id = ${(await jobOf(id)).id}`.execute(t.ctx.db);
    expect(await runJobs({}, 'instance-b')).toBe(0); // a live lease is not taken over
    expect((await status(id)).batches).toBe(5);
    await sql`update job set locked_until = now() - interval '1 second' where id = ${(await jobOf(id)).id}`.execute(
      t.ctx.db,
    );
    expect(await runJobs({}, 'instance-b')).toBe(1);

    s = await status(id);
    expect(s).toMatchObject({
      status: 'done',
      rows: 122,
      stored: 120,
      duplicates: 0, // no committed batch was written again
      quarantined: 2,
      batches: 13,
      attempts: 3,
      processedBytes: csv.length,
    });
    expect(await readingsOf(points.map((p) => p.id))).toBe(120);
    for (const p of points) {
      const r = await rollupsOf(t.ctx.db, p.id);
      expect(r.hours.reduce((a, h) => a + h.consumption, 0)).toBe(59);
      expect(r.hours.reduce((a, h) => a + h.samples, 0)).toBe(60);
    }
    const q = await sql<{ n: number }>`
      select count(*)::int as n from energy_quarantine where import_id = ${id}`.execute(t.ctx.db);
    expect(q.rows[0]!.n).toBe(2);
    const a = await sql<{ n: number }>`
      select count(*)::int as n from audit_log
      where entity = 'energy.import' and entity_id = ${id} and action = 'import'`.execute(t.ctx.db);
    expect(a.rows[0]!.n).toBe(13);
  });

  it('on start, releases at once an import job leased to a process of this host that is gone', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const ids: string[] = [];
    for (const name of ['dead.csv', 'earlier.csv', 'live.csv', 'elsewhere.csv']) {
      const res = await upload(admin, '/api/energy/imports', csvOf([points[0]!.code], 5), 'file', name);
      ids.push(res.body.id as string);
    }
    const jobIds = await Promise.all(ids.map(async (id) => (await jobOf(id)).id));
    // a pid with no process (a just-exited child's pid can be reused at once on a busy machine)
    const deadPid = [...Array(1000).keys()].map((k) => 4_000_000 + k).find((pid) => !alive(pid))!;
    // a runner of this process, started: its leases are alive (host:pid:random, like the platform's)
    const live = new JobRunner(t.ctx.db, { registry: new JobRegistry(), pollMs: 60_000, timeZone: 'UTC' });
    await live.start();
    try {
      const owners = [
        `${os.hostname()}:${deadPid}:dead`,
        // this process's pid but none of its runners: an earlier process that had the same pid
        // (a restarted container numbers its processes alike)
        `${os.hostname()}:${process.pid}:earlier`,
        live.instanceId,
        'elsewhere:1:x',
      ];
      for (const [i, id] of jobIds.entries())
        await sql`update job set status = 'running', attempts = 1, locked_by = ${owners[i]},
                  locked_until = now() + interval '5 minutes' where id = ${id}`.execute(t.ctx.db);
      // released = already expired for a runner (locked_until < now()) at the very instant of the
      // release: checked in one transaction, where now() does not move, so it holds however coarse
      // the database clock (PGlite's ticks in milliseconds: a lease set to now() was often not yet
      // expired for the claim that followed, and the job was left to a later poll)
      const released = await inTransaction(t.ctx.db, async (tx) => {
        const n = await releaseAbandonedImports(tx);
        const r = await sql<{ id: string }>`
          select id from job where status = 'running' and locked_until < now()`.execute(tx);
        return { n, expired: r.rows.map((j) => j.id).sort() };
      });
      expect(released).toEqual({ n: 2, expired: jobIds.slice(0, 2).sort() });
      expect(await runJobs()).toBe(2);
      expect(await Promise.all(ids.map(async (id) => (await status(id)).status))).toEqual([
        'done',
        'done',
        'running',
        'running',
      ]);
    } finally {
      await live.stop();
    }
    // the other two are left to their leases; tidy up so later tests see no stray jobs
    for (const id of ids.slice(2)) await admin.post(`/api/energy/imports/${id}/cancel`);
    await sql`update job set status = 'done' where id = any(${jobIds.slice(2)}::uuid[])`.execute(t.ctx.db);
  });

  it('cancels a running import: it stops before the next batch, what was committed stays', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const csv = csvOf([points[0]!.code], 50);
    const res = await upload(admin, '/api/energy/imports', csv, 'file', 'cancel.csv');
    const id = res.body.id as string;
    await batchesOf(id, 10);
    let cancel: { status: number; body: ImportStatus } | null = null;
    await runJobs({
      afterBatch: async (n) => {
        if (n === 2) cancel = await admin.post<ImportStatus>(`/api/energy/imports/${id}/cancel`);
      },
    });
    expect(cancel!).toMatchObject({ status: 200, body: { status: 'cancelled', rows: 20 } });
    const s = await status(id);
    expect(s).toMatchObject({ status: 'cancelled', rows: 20, stored: 20, batches: 2 });
    expect(s.cancelledBy).toBeTruthy();
    expect(await jobOf(id)).toMatchObject({ status: 'done' });
    expect(await readingsOf([points[0]!.id])).toBe(20);
    expect((await rollupsOf(t.ctx.db, points[0]!.id)).hours.reduce((a, h) => a + h.consumption, 0)).toBe(19);
    // an ended import cannot be cancelled again; an unknown one is 404
    const again = await admin.post(`/api/energy/imports/${id}/cancel`);
    expect([again.status, again.body.error.code]).toEqual([409, 'import_not_running']);
    const unknown = await admin.post(`/api/energy/imports/00000000-0000-4000-8000-000000000000/cancel`);
    expect(unknown.status).toBe(404);
    const audits = await sql<{ action: string }>`
      select action from audit_log where entity = 'energy.import' and entity_id = ${id} order by at, id`.execute(
      t.ctx.db,
    );
    expect(audits.rows.map((x) => x.action)).toEqual(['start', 'import', 'import', 'cancel']);
  });

  it('fails the import with a clear error when its file is gone from the store', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const res = await upload(admin, '/api/energy/imports', csvOf([points[0]!.code], 3), 'file', 'lost.csv');
    const key = await t.ctx.db
      .selectFrom('file_object as f')
      .innerJoin('energy_import_run as r', 'r.file_id', 'f.id')
      .select('f.storage_key')
      .where('r.import_id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    fs.rmSync(new FileStore(t.ctx.config.filesDir).pathOf(key.storage_key));
    const s = await finished(res.body.id);
    expect(s).toMatchObject({ status: 'failed', rows: 0 });
    expect(s.error).toContain('missing');
  });

  it('refuses a request without a file, of another type or without readings, writing nothing', async () => {
    const tables = [
      'energy_import',
      'energy_import_run',
      'audit_log',
      'file_object',
      'job',
      'energy_reading',
    ];
    const before = await countRows(t.ctx, tables);
    const wrong = await upload(admin, '/api/energy/imports', Buffer.from('x'), 'file', 'notes.pdf');
    expect([wrong.status, wrong.body.error.code]).toEqual([400, 'unsupported_file']);
    const none = await admin.post('/api/energy/imports', {});
    expect(none.status).toBe(400);
    const prose = await upload(
      admin,
      '/api/energy/imports',
      Buffer.from('会议纪要\n本周讨论了节能改造\n'),
      'file',
      'notes.csv',
    );
    expect([prose.status, prose.body.error.code, prose.body.error.details[0].field]).toEqual([
      400,
      'import_no_rows',
      'file',
    ]);
    const broken = await upload(
      admin,
      '/api/energy/imports',
      Buffer.from('PK\x03\x04 this is not a workbook'),
      'file',
      'broken.xlsx',
    );
    expect([broken.status, broken.body.error.code]).toEqual([400, 'import_file_unreadable']);
    expect(await countRows(t.ctx, tables)).toEqual(before);
    // nor is anything left in the file store
    const stored = fs.readdirSync(t.ctx.config.filesDir, { recursive: true, withFileTypes: true });
    expect(stored.filter((f) => f.isFile() && f.parentPath.endsWith('.tmp'))).toEqual([]);
  });

  it('is refused to accounts without energy.import', async () => {
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'inspector', scope: 'city' }] });
    const staff = await signIn(t.app, a.username, a.password);
    const r = await upload(staff, '/api/energy/imports', Buffer.from('point,ts,value\n'), 'file', 'a.csv');
    expect(r.status).toBe(403);
    expect((await staff.post(`/api/energy/imports/00000000-0000-4000-8000-000000000000/cancel`)).status).toBe(
      403,
    );
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
