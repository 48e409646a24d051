import { sql } from 'kysely';
import { registerJob, registerSchedule } from '../../../kernel/jobs/index.ts';

export const PARTITIONS_JOB = 'energy.partitions';

/** Creates the reading partitions of the next three months, daily (the migration made the first ones). */
export function registerStorageJobs(): void {
  registerJob(PARTITIONS_JOB, async ({ db }) => {
    await sql`select energy_reading_ensure_partitions(now(), now() + interval '3 months')`.execute(db);
  });
  registerSchedule('energy.partitions.daily', '10 2 * * *', PARTITIONS_JOB);
}
