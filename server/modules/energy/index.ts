import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { energyConfig } from './config.ts';
import { ingestRoutes } from './ingest/routes.ts';
import { correctionRoutes } from './corrections/routes.ts';
import { importRoutes, importsSettled } from './ingest/import-routes.ts';
import { startIngest, type IngestRuntime } from './ingest/service.ts';
import { registerStorageJobs } from './storage/jobs.ts';
import { seedEnergyHistory } from './simulator/seed.ts';
import { energyCommands } from './simulator/index.ts';
import { registerInsight } from './reports/register.ts';
import { seedRegistry } from './registry/seed.ts';
import './tables.ts';
import './storage/tables.ts';

export { ingestReadings, type IngestResult } from './ingest/pipeline.ts';

let ingest: IngestRuntime | null = null;

/** Energy (能耗监测). */
export const energy: GoaModule = {
  name: 'energy',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    ingestRoutes(app, ctx, energyConfig(ctx.config));
    importRoutes(app, ctx, energyConfig(ctx.config));
    correctionRoutes(app, ctx, energyConfig(ctx.config));
    registerStorageJobs();
    registerInsight(app, ctx);
  },
  async start(ctx) {
    const quiet = ctx.config.logLevel === 'silent';
    ingest = await startIngest(ctx, quiet ? () => {} : (line) => console.log(line));
  },
  async stop() {
    await importsSettled();
    await ingest?.stop();
    ingest = null;
  },
  async seedDemo(ctx, log) {
    // the registry first: the history seed reads its points
    await seedRegistry(ctx, log);
    await seedEnergyHistory(ctx, log);
  },
  commands: energyCommands,
};
