import type { ColumnType, Generated } from 'kysely';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed' | 'dead';

declare module '../db/schema.ts' {
  interface Tables {
    job: {
      id: Generated<string>;
      name: string;
      /** JSON: written as a string, read back parsed */
      payload: ColumnType<unknown, string | undefined, string>;
      run_at: ColumnType<Date, Date | string | undefined, Date | string>;
      attempts: Generated<number>;
      max_attempts: Generated<number>;
      status: Generated<JobStatus>;
      last_error: string | null;
      locked_by: string | null;
      locked_until: Date | null;
      created_at: Generated<Date>;
      finished_at: Date | null;
      dedupe_key: string | null;
    };
    job_schedule: {
      name: string;
      job_name: string;
      cron: string;
      next_run_at: ColumnType<Date, Date | string, Date | string>;
      last_run_at: Date | null;
      enabled: Generated<boolean>;
      updated_at: Generated<Date>;
    };
  }
}
