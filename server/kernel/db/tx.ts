import type { Executor, Tx } from './schema.ts';

/**
 * Runs `fn` in a transaction. Inside an open transaction it runs in that same transaction, so a
 * service can call another service without opening a second connection (PGlite has only one).
 */
export async function inTransaction<T>(executor: Executor, fn: (tx: Tx) => Promise<T>): Promise<T> {
  if (executor.isTransaction) return fn(executor as Tx);
  return executor.transaction().execute(fn);
}
