import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import { visitorsEnv } from './env.ts';
import { visitorsConfig } from './config.ts';
import { KEY_FILE } from './crypto.ts';
import { purgePersonalData } from './purge.ts';
import { visitorRoutes } from './routes.ts';
import { siteRoutes } from './site-routes.ts';
import { seedVisitors } from './demo.ts';
import './permissions.ts';
import './tables.ts';

export { isMobile, isPlate, idNumberProblem, maskIdNumber } from './validate.ts';

/** Visitors (访客): appointments through public links, host decisions, the gate, blacklist and whitelist. */
export const visitors: GoaModule = {
  name: 'visitors',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const env = visitorsEnv(ctx);
    registerJob('visitors.purge', async ({ db }) => {
      await purgePersonalData(db, env.settings.retainDays);
    });
    registerSchedule('visitors.purge.daily', '30 3 * * *', 'visitors.purge');
    visitorRoutes(app, ctx);
    siteRoutes(app, ctx);
  },
  dataKeys: (config) => [
    {
      name: KEY_FILE,
      protects: 'visitor ID numbers',
      file: visitorsConfig(config).dataKey ? null : path.join(config.dataDir, KEY_FILE),
    },
  ],
  seedDemo: seedVisitors,
};
