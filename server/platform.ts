import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from './kernel/config.ts';
import { openDatabase, type Database } from './kernel/db/connect.ts';
import { migrate } from './kernel/db/migrate.ts';
import type { AppContext, Log } from './kernel/module.ts';
import { allComponents, buildApp, migrationSources } from './app.ts';

/** Opens the database and applies pending migrations: what every command needs first. */
export async function openPlatform(config: Config = loadConfig(), log: Log = () => {}): Promise<AppContext> {
  const database: Database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.poolSize,
  });
  try {
    await migrate(database.db, migrationSources(), log);
  } catch (e) {
    await database.close();
    throw e;
  }
  return { config, database, db: database.db };
}

export interface RunningPlatform {
  app: FastifyInstance;
  ctx: AppContext;
  url: string;
  stop(): Promise<void>;
}

/** Serves the platform: HTTP, the web app and the background work of every component. */
export async function servePlatform(ctx: AppContext): Promise<RunningPlatform> {
  const app = await buildApp(ctx, { logger: ctx.config.logLevel !== 'silent' });
  for (const c of allComponents) await c.start?.(ctx);
  await app.listen({ port: ctx.config.port, host: ctx.config.host });
  const port = (app.server.address() as { port: number }).port;
  const wildcard = ['0.0.0.0', '::', '127.0.0.1'].includes(ctx.config.host);
  const url = `http://${wildcard ? 'localhost' : ctx.config.host}:${port}`;
  let stopped = false;
  return {
    app,
    ctx,
    url,
    async stop() {
      if (stopped) return;
      stopped = true;
      await app.close();
      for (const c of [...allComponents].reverse()) await c.stop?.();
      await ctx.database.close();
    },
  };
}
