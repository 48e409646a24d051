import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { orgRoutes } from './routes.ts';
import './tables.ts';

export const org: GoaModule = {
  name: 'kernel.org',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register: (app, ctx) => orgRoutes(app, ctx),
};
