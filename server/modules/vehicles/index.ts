import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import { dispatchCommands } from './dispatch/cli.ts';
import { vehiclesConfig } from './config.ts';
import { configureTravel } from './planning/travel.ts';
import { fleetRoutes } from './fleet/routes.ts';
import { driverRoutes } from './drivers/routes.ts';
import { placeRoutes } from './places/routes.ts';
import { requestRoutes } from './requests/routes.ts';
import { deskRoutes } from './desk/routes.ts';
import { tripRoutes } from './trips/routes.ts';
import { planRoutes } from './planning/routes.ts';
import { REPLAN_JOB, replanAfter, type ReplanPayload } from './planning/replan.ts';
import { analysisRoutes } from './analysis/routes.ts';
import { registerSupervision, seedSupervision, supervisionConfig } from './supervision/index.ts';
import { sendReminders } from './fleet/reminders.ts';
import { seedVehicles } from './demo/seed.ts';
import { commandRoutes } from './command/routes.ts';
import { simulateCommand } from './simulator/command.ts';
import { simulatorRoutes } from './simulator/routes.ts';
import { startInProcessSimulator, watchListening } from './simulator/in-process.ts';
import { seedCommandDemo } from './simulator/seed.ts';
import { dateIn } from './shared.ts';
import './permissions.ts';
import './tables.ts';

export { checkStandard, STANDARD_SOURCE } from './standards.ts';

let stopSimulator: (() => Promise<void>) | null = null;

/** Official vehicles (公务用车). */
export const vehicles: GoaModule = {
  name: 'vehicles',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  commands(program, cli) {
    dispatchCommands(program, cli);
    simulateCommand(program, cli);
  },
  register(app, ctx) {
    const cfg = vehiclesConfig(ctx.config);
    fleetRoutes(app, ctx, cfg);
    driverRoutes(app, ctx);
    placeRoutes(app, ctx);
    requestRoutes(app, ctx);
    deskRoutes(app, ctx);
    tripRoutes(app, ctx);
    planRoutes(app, ctx);
    const sup = supervisionConfig(ctx.config);
    configureTravel(cfg.osrmUrl, sup.alerts.detour);
    analysisRoutes(app, ctx, sup);
    registerSupervision(app, ctx, sup);
    commandRoutes(app, ctx, cfg);
    simulatorRoutes(app, ctx);
    // the platform starts modules before it listens: the in-process simulator posts once it does
    watchListening(app, ctx);
    registerJob('vehicles.reminders', async ({ db }) => {
      await sendReminders(db, dateIn(new Date(), ctx.config.timeZone), cfg.remindDays);
    });
    registerSchedule('vehicles.reminders.daily', '0 8 * * *', 'vehicles.reminders');
    registerJob<ReplanPayload>(REPLAN_JOB, async ({ db, payload }) => {
      await replanAfter(db, ctx.config.timeZone, cfg.replan, payload);
    });
  },
  async start(ctx) {
    const cfg = vehiclesConfig(ctx.config);
    if (cfg.simulate) stopSimulator = await startInProcessSimulator(ctx, cfg, (line) => console.log(line));
  },
  async stop() {
    await stopSimulator?.();
    stopSimulator = null;
  },
  async seedDemo(ctx, log) {
    await seedVehicles(ctx, log);
    await seedSupervision(ctx, log);
    await seedCommandDemo(ctx, log);
  },
};
