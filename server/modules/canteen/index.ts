import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { canteenRoutes } from './routes.ts';
import { seedCanteen } from './seed.ts';
import './tables.ts';

/** Canteen (食堂订餐): service points, shared dishes, menus, staggered slots, delivery routes, orders paid by one-card. */
export const canteen: GoaModule = {
  name: 'canteen',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register: (app, ctx) => canteenRoutes(app, ctx),
  seedDemo: (ctx, log) => seedCanteen(ctx, log),
};
