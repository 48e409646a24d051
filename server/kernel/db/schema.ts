import type { Kysely, Transaction } from 'kysely';

/**
 * The database's table types. Each kernel component and each module adds its own tables to this
 * interface by declaration merging in its `tables.ts` (`declare module '…/db/schema.ts'`), so the
 * kernel never has to import a module to type a query.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Tables {}

export type Db = Kysely<Tables>;
export type Tx = Transaction<Tables>;
/** Anything that can run a query: the pool or an open transaction. */
export type Executor = Db | Tx;
