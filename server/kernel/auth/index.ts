import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { authRoutes } from './routes.ts';
import { accountRoutes } from './account-routes.ts';
import { tokenRoutes } from './token-routes.ts';
import { collectMachinePurposes } from './machine-tokens.ts';
import './permissions.ts';
import './tables.ts';

/** per-key attempt throttling (login failures; public endpoints of modules) */
export { LoginThrottle } from './throttle.ts';

export const auth: GoaModule = {
  name: 'kernel.auth',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    authRoutes(app, ctx);
    accountRoutes(app, ctx);
    // the modules' routes come later: the hook sees them all by the time the app is ready
    tokenRoutes(app, ctx, collectMachinePurposes(app));
  },
};
