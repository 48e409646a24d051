import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../../../../kernel/db/schema.ts';
import type { AppContext } from '../../../../kernel/module.ts';
import { jobRegistry } from '../../../../kernel/jobs/index.ts';
import type { JobRegistry } from '../../../../kernel/jobs/registry.ts';
import { JobRunner } from '../../../../kernel/jobs/runner.ts';
import { FileStore } from '../../../../kernel/files/storage.ts';
import '../../../../kernel/files/tables.ts';
import { failImport, runImport, type RunHooks } from './run.ts';
import { FileUnreadable, kindOf } from './source.ts';

export const IMPORT_JOB = 'energy.import';

export interface ImportJobPayload {
  importId: string;
}

/** Attempts of one import job: a crash or restart costs one; the last failure marks the import failed. */
export const IMPORT_MAX_ATTEMPTS = 10;

/**
 * On the embedded database a web import pauses after each batch for this share of the batch's time,
 * so that the platform keeps answering (PGlite works on the event loop, on one connection).
 */
export const PGLITE_YIELD_SHARE = 0.5;

/** Handlers running in this process, and whether the platform asked them to stop at the next batch. */
const inFlight = new Set<Promise<unknown>>();
let stopping = false;

/**
 * Asks the imports running in this process to stop after the batch in hand and waits for them. Their
 * jobs fail with "interrupted" and are retried (here after a restart, or by another instance).
 */
export async function interruptImports(): Promise<void> {
  stopping = true;
  try {
    await Promise.allSettled([...inFlight]);
  } finally {
    stopping = false;
  }
}

/** Waits for the imports running in this process to finish (tests). */
export const importsInFlight = () => Promise.allSettled([...inFlight]);

/**
 * The job that runs a web import: it reads the uploaded file (kernel files) from where the last
 * committed batch ended, so a retry after a failure, or a takeover after the runner died (its lease
 * expired), resumes there. An unreadable file fails the import at once (retries cannot help); other
 * errors are retried with back-off, and the last attempt's failure marks the import failed.
 */
export function registerImportJob(
  ctx: Pick<AppContext, 'db' | 'config' | 'database'>,
  registry: JobRegistry = jobRegistry,
  hooks: RunHooks = {},
): void {
  const store = new FileStore(ctx.config.filesDir);
  registry.registerJob<ImportJobPayload>(
    IMPORT_JOB,
    async ({ db, payload, job }) => {
      const x = await db
        .selectFrom('energy_import as i')
        .innerJoin('energy_import_run as r', 'r.import_id', 'i.id')
        .leftJoin('file_object as f', 'f.id', 'r.file_id')
        .select([
          'i.id',
          'i.status',
          'i.file_name',
          'i.created_by',
          'i.created_by_label',
          'r.batch_rows',
          'f.storage_key',
          'f.size_bytes',
        ])
        .where('i.id', '=', payload.importId)
        .executeTakeFirst();
      if (!x || x.status !== 'running') return; // cancelled, finished or gone: nothing to do
      const actor = { accountId: x.created_by, label: x.created_by_label ?? 'system', ip: null };
      const run = {
        importId: x.id,
        fileName: x.file_name,
        kind: kindOf(x.file_name),
        path: x.storage_key ? store.pathOf(x.storage_key) : '',
        totalBytes: Number(x.size_bytes ?? 0),
        batchRows: x.batch_rows,
        timeZone: ctx.config.timeZone,
        actor,
      };
      if (!x.storage_key || !fs.existsSync(run.path)) {
        await failImport(db, run, new Error('the uploaded file is missing from the file store'));
        return;
      }
      const work = (async () => {
        if (stopping) throw new Error('interrupted: the platform is stopping');
        const outcome = await runImport(db, run, {
          yieldShare: ctx.database.kind === 'pglite' ? PGLITE_YIELD_SHARE : 0,
          ...hooks,
          interrupted: () => stopping,
        });
        if (outcome === 'interrupted') throw new Error('interrupted: the platform is stopping');
      })();
      inFlight.add(work);
      try {
        await work;
      } catch (e) {
        if (e instanceof FileUnreadable) {
          await failImport(db, run, e);
          return;
        }
        if (job.attempt >= job.maxAttempts) await failImport(db, run, e);
        throw e;
      } finally {
        inFlight.delete(work);
      }
    },
    { maxAttempts: IMPORT_MAX_ATTEMPTS, backoff: { baseMs: 5_000, maxMs: 300_000 } },
  );
}

/** Whether process `pid` of this host is gone (a signal 0 probe: ESRCH means no such process). */
function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * On start: import jobs still leased to a runner of an earlier process on this host that no longer
 * exists (killed, crashed) are released at once, so they resume now rather than when the dead
 * runner's lease (5 min) runs out. Runner ids are `host:pid:random`; jobs of other hosts, of other
 * live processes and of this process's own runners are left to the lease. A lease naming this
 * process's pid but none of its runners is an earlier process's that had the same pid: a container
 * restarted with its hostname numbers its processes alike, so the restarted platform often has the
 * dead one's pid. Returns how many were released.
 *
 * Released means expired for the runner, which takes over a lease only when `locked_until < now()`
 * (strictly). The lease is therefore moved to before now, not to now: the database clock has a
 * coarse tick (PGlite's is the JS clock, in whole milliseconds), so a runner's claim right after the
 * release often reads the same now() and would leave the job to a later poll.
 */
export async function releaseAbandonedImports(db: Db, host = os.hostname()): Promise<number> {
  const held = await db
    .selectFrom('job')
    .select(['id', 'locked_by'])
    .where('name', '=', IMPORT_JOB)
    .where('status', '=', 'running')
    .where('locked_until', '>', sql<Date>`now()`)
    .where('locked_by', 'like', `${host.replace(/[\\%_]/g, (c) => `\\${c}`)}:%`)
    .execute();
  const dead = held.filter((j) => {
    const pid = Number((j.locked_by ?? '').slice(host.length + 1).split(':')[0]);
    if (!Number.isInteger(pid) || pid <= 0) return false;
    // this process's pid: an earlier process that had it (a restarted container), unless one of
    // this process's runners holds the lease
    if (pid === process.pid) return !JobRunner.isActiveHere(j.locked_by!);
    return gone(pid);
  });
  if (dead.length === 0) return 0;
  const r = await db
    .updateTable('job')
    .set({ locked_until: sql`now() - interval '1 second'` })
    .where('status', '=', 'running')
    .where(
      'id',
      'in',
      dead.map((j) => j.id),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
