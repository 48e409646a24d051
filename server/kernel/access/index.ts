import type { GoaModule } from '../module.ts';
import { accessRoutes } from './routes.ts';

/** The role and permission catalogue over HTTP; the checks themselves live in http/guard.ts. */
export const access: GoaModule = {
  name: 'kernel.access',
  register(app, ctx) {
    accessRoutes(app, ctx);
  },
};
