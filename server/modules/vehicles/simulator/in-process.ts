import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { createMachineToken, revokeMachineToken } from '../../../kernel/auth/service.ts';
import { listMachineTokens } from '../../../kernel/auth/machine-tokens.ts';
import type { AppContext } from '../../../kernel/module.ts';
import type { VehiclesConfig } from '../config.ts';
import { VehicleSimulator } from './runner.ts';
import { loadWorldData } from './world.ts';

const TOKEN_NAME = '车辆模拟器（演示） vehicle simulator (demo)';

/**
 * The simulator inside the platform (GOA_VEHICLES_SIMULATE, on by default in the demo): it takes a
 * machine token of its own (revoking the previous run's) and posts to this very server over HTTP,
 * the path a GPS unit takes. Returns its stop function, which also revokes the token.
 */
export async function startInProcessSimulator(
  ctx: AppContext,
  cfg: VehiclesConfig,
  log: (line: string) => void,
): Promise<() => Promise<void>> {
  for (const t of await listMachineTokens(ctx.db))
    if (t.name === TOKEN_NAME && !t.revokedAt) await revokeMachineToken(ctx.db, t.id, SYSTEM_ACTOR);
  const { id, token } = await createMachineToken(
    ctx.db,
    { name: TOKEN_NAME, purpose: 'vehicles.position' },
    SYSTEM_ACTOR,
  );
  const host = ['0.0.0.0', '::', ''].includes(ctx.config.host) ? '127.0.0.1' : ctx.config.host;
  const sim = new VehicleSimulator({
    // in process the world comes straight from the database; positions still go over HTTP
    world: (from, to) => loadWorldData(ctx.db, from, to),
    url: `http://${host.includes(':') ? `[${host}]` : host}:${ctx.config.port}`,
    token,
    intervalSeconds: cfg.simulateSeconds,
    parkedSeconds: 300,
    speedUp: 1,
    timeZone: ctx.config.timeZone,
    log,
  });
  sim.start();
  log(`vehicle simulator: positions every ${cfg.simulateSeconds} s (GOA_VEHICLES_SIMULATE)`);
  return async () => {
    await sim.stop();
    await revokeMachineToken(ctx.db, id, SYSTEM_ACTOR).catch(() => undefined);
  };
}
