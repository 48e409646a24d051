import type { Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/connect.ts';
import type { Db } from './db/schema.ts';
import type { DataKey } from './backup/keys.ts';

/** What a kernel component or module receives: configuration and the database. */
export interface AppContext {
  readonly config: Config;
  readonly database: Database;
  readonly db: Db;
}

export type Log = (line: string) => void;

/** What a module's command-line commands receive from `goa` (server/cli.ts). */
export interface CliTools {
  say: Log;
  config(): Config;
  /** opens the configured database and applies migrations; the command closes `ctx.database` */
  open(): Promise<AppContext>;
}

/**
 * A kernel component or a business module. app.ts registers them in an explicit order: the kernel's
 * components first, then server/modules.ts. A module's migrations run in that same order.
 */
export interface GoaModule {
  name: string;
  /** absolute path of the module's `migrations/` folder */
  migrations?: string;
  /** registers routes, matter types, owner resolvers, job handlers */
  register?(app: FastifyInstance, ctx: AppContext): void | Promise<void>;
  /** starts background work when the platform serves (not in tests unless asked) */
  start?(ctx: AppContext): void | Promise<void>;
  stop?(): void | Promise<void>;
  /** adds the module's commands to `goa` (e.g. `goa dispatch solve`, `goa energy simulate`) */
  commands?(program: Command, cli: CliTools): void;
  /** secrets kept beside the database that `goa backup` carries and `goa restore` puts back */
  dataKeys?(config: Config): DataKey[];
  /** adds this module's part of the demo city; runs after the kernel's org seed */
  seedDemo?(ctx: AppContext, log: Log): Promise<void>;
}
