import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../../kernel/module.ts';
import '../registry/permissions.ts';
import { registryRoutes } from '../registry/routes.ts';
import { indicatorRoutes } from '../indicators/routes.ts';
import { qualityRoutes } from '../quality/routes.ts';
import { reportRoutes } from './routes.ts';

/** Registers the insight side of the energy module: registry, indicators, data quality, reports. */
export function registerInsight(app: FastifyInstance, ctx: AppContext): void {
  registryRoutes(app, ctx);
  indicatorRoutes(app, ctx);
  qualityRoutes(app, ctx);
  reportRoutes(app, ctx);
}
