import type { FastifyInstance } from 'fastify';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import { registerJob, registerSchedule } from '../../../kernel/jobs/index.ts';
import type { AppContext } from '../../../kernel/module.ts';
import type { SupervisionConfig } from './config.ts';
import { evaluateAlerts } from './evaluate.ts';
import { supervisionRoutes } from './routes.ts';
import { runSealing } from './sealing.ts';
import './sealed-use.ts';

export { supervisionConfig, type SupervisionConfig } from './config.ts';
export { flagSealedDispatch, sealedGate, sealedUseApproved, SEALED_USE_MATTER } from './sealed-use.ts';
export { seedSupervision } from './demo.ts';

registerOwnerResolver('vehicles.alert', async (db, id) => {
  const a = await db
    .selectFrom('veh_alert')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return a && { jurisdictionId: a.jurisdiction_id, unitId: a.unit_id };
});

/** Supervision's routes and jobs: holiday sealing every quarter hour, alerts every ten minutes. */
export function registerSupervision(app: FastifyInstance, ctx: AppContext, cfg: SupervisionConfig): void {
  supervisionRoutes(app, ctx, cfg);
  registerJob('vehicles.sealing', async () => {
    await runSealing(ctx, cfg);
  });
  registerSchedule('vehicles.sealing.quarter', '*/15 * * * *', 'vehicles.sealing');
  registerJob('vehicles.alerts', async () => {
    await evaluateAlerts(ctx, cfg);
  });
  registerSchedule('vehicles.alerts.every10min', '*/10 * * * *', 'vehicles.alerts');
}
