import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { audit } from '../audit/audit.ts';
import { SYSTEM_ACTOR } from '../http/access.ts';
import type { JobRegistry } from './registry.ts';
import '../auth/tables.ts';
import './tables.ts';

export const MAINTENANCE_JOB = 'kernel.maintenance';
export const MAINTENANCE_SCHEDULE = 'kernel.maintenance.daily';

export interface PurgeResult {
  sessions: number;
  jobs: number;
}

/**
 * Daily housekeeping (with refreshStatistics): sessions that expired (or were revoked) more than 7 days ago, jobs done more
 * than 7 days ago and dead jobs older than 30 days (kept longer so that failures can be examined).
 */
export async function purgeExpired(db: Db): Promise<PurgeResult> {
  return inTransaction(db, async (tx) => {
    const sessions = await tx
      .deleteFrom('auth_session')
      .where((eb) =>
        eb.or([
          eb('expires_at', '<', sql<Date>`now() - interval '7 days'`),
          eb('revoked_at', '<', sql<Date>`now() - interval '7 days'`),
        ]),
      )
      .executeTakeFirst();
    const jobs = await tx
      .deleteFrom('job')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'done'), eb('finished_at', '<', sql<Date>`now() - interval '7 days'`)]),
          eb.and([eb('status', '=', 'dead'), eb('finished_at', '<', sql<Date>`now() - interval '30 days'`)]),
        ]),
      )
      .executeTakeFirst();
    const result = { sessions: Number(sessions.numDeletedRows), jobs: Number(jobs.numDeletedRows) };
    await audit(tx, SYSTEM_ACTOR, { entity: 'kernel.maintenance', action: 'purge', after: result });
    return result;
  });
}

/**
 * Refreshes the planner's statistics of every table. The embedded engine has no autovacuum: without
 * this, its plans would stay those of the first start's table sizes however the data grows (a hash
 * join chosen for three rows runs a nested loop over seventy thousand). On a server, autovacuum
 * does the same; one more pass a day costs little.
 */
export async function refreshStatistics(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

export function registerMaintenance(registry: JobRegistry): void {
  const daily = async (db: Db) => {
    await purgeExpired(db);
    await refreshStatistics(db);
  };
  registry.registerJob(MAINTENANCE_JOB, async ({ db }) => daily(db), {
    maxAttempts: 3,
    backoff: { baseMs: 60_000, maxMs: 3_600_000 },
  });
  // 03:30 in the deployment's time zone, when nobody works
  registry.registerSchedule(MAINTENANCE_SCHEDULE, '30 3 * * *', MAINTENANCE_JOB);
}
