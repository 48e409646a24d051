import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { notifyRoutes } from './routes.ts';
import './tables.ts';

export { notify, type NotificationInput } from './service.ts';

/** In-app notifications: other components send them with `notify(tx, accountIds, …)`. */
export const notifyComponent: GoaModule = {
  name: 'kernel.notify',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    notifyRoutes(app, ctx);
  },
};
