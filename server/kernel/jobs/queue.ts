import type { Executor } from '../db/schema.ts';
import { DEFAULT_MAX_ATTEMPTS, jobRegistry, type JobRegistry } from './registry.ts';
import './tables.ts';

export interface EnqueueOptions {
  /** not before this time (default: now) */
  runAt?: Date;
  /** at most one job with this key exists: a second enqueue with it does nothing */
  dedupeKey?: string;
  /** overrides the registered maxAttempts */
  maxAttempts?: number;
  registry?: JobRegistry;
}

/**
 * Adds a job to the queue. Pass the open transaction of the change that causes the job: the job is
 * then queued exactly when that change commits. Returns the job's id, or null when a job with the
 * same dedupe key already exists.
 */
export async function enqueue(
  executor: Executor,
  name: string,
  payload: unknown = {},
  opts: EnqueueOptions = {},
): Promise<string | null> {
  const registry = opts.registry ?? jobRegistry;
  const maxAttempts = opts.maxAttempts ?? registry.jobs.get(name)?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const row = await executor
    .insertInto('job')
    .values({
      name,
      payload: JSON.stringify(payload ?? {}),
      ...(opts.runAt ? { run_at: opts.runAt } : {}),
      max_attempts: maxAttempts,
      dedupe_key: opts.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.column('dedupe_key').where('dedupe_key', 'is not', null).doNothing())
    .returning(['id'])
    .executeTakeFirst();
  return row?.id ?? null;
}
