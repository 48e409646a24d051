import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { configuredChannels } from './channels.ts';
import { useChannels } from './delivery.ts';
import { notifyRoutes } from './routes.ts';
import './tables.ts';

export { notify, type NotificationInput } from './service.ts';

/**
 * Notifications: other components send them with `notify(tx, accountIds, …)`; in-app always, and by
 * WeCom / DingTalk group robot and SMTP mail when configured (GOA_NOTIFY_*, SMTP_URL).
 */
export const notifyComponent: GoaModule = {
  name: 'kernel.notify',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const channels = configuredChannels(ctx.config);
    useChannels(channels, ctx.config.publicUrl, app.log);
    if (channels.length > 0) {
      app.log.info(`notifications go out in-app and by ${channels.map((c) => c.name).join(', ')}`);
    }
    notifyRoutes(app, ctx);
  },
};
