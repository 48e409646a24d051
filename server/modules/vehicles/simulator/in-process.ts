import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SYSTEM_ACTOR } from '../../../kernel/http/access.ts';
import { createMachineToken, revokeMachineToken } from '../../../kernel/auth/service.ts';
import { listMachineTokens } from '../../../kernel/auth/machine-tokens.ts';
import type { AppContext } from '../../../kernel/module.ts';
import type { VehiclesConfig } from '../config.ts';
import { VehicleSimulator, type SimulatorOptions } from './runner.ts';
import { loadWorldData } from './world.ts';

const TOKEN_NAME = '车辆模拟器（演示） vehicle simulator (demo)';

/** The base URL each platform (by its context) serves on, once its HTTP server listens. */
const listening = new WeakMap<AppContext, Promise<string>>();

/**
 * Watches for the platform's HTTP server to listen (register time: Fastify's onListen hook). The
 * platform starts its components before it listens, so the in-process simulator waits for this
 * before its first step; it also learns the port actually bound (GOA_PORT=0 binds any free port).
 */
export function watchListening(app: FastifyInstance, ctx: AppContext): void {
  listening.set(
    ctx,
    new Promise<string>((resolve) => {
      app.addHook('onListen', async () => {
        const { port } = app.server.address() as AddressInfo;
        const host = ['0.0.0.0', '::', ''].includes(ctx.config.host) ? '127.0.0.1' : ctx.config.host;
        resolve(`http://${host.includes(':') ? `[${host}]` : host}:${port}`);
      });
    }),
  );
}

/**
 * The simulator inside the platform (GOA_VEHICLES_SIMULATE, on by default in the demo): it takes a
 * machine token of its own (revoking the previous run's) and posts to this very server over HTTP,
 * the path a GPS unit takes. Its first step waits until the server listens (see watchListening).
 * Returns its stop function, which also revokes the token.
 */
export async function startInProcessSimulator(
  ctx: AppContext,
  cfg: VehiclesConfig,
  log: (line: string) => void,
  hooks: Pick<SimulatorOptions, 'onStep'> = {},
): Promise<() => Promise<void>> {
  const served = listening.get(ctx);
  if (!served) throw new Error('the vehicle simulator needs watchListening(app, ctx) at register time');
  for (const t of await listMachineTokens(ctx.db))
    if (t.name === TOKEN_NAME && !t.revokedAt) await revokeMachineToken(ctx.db, t.id, SYSTEM_ACTOR);
  const { id, token } = await createMachineToken(
    ctx.db,
    { name: TOKEN_NAME, purpose: 'vehicles.position' },
    SYSTEM_ACTOR,
  );
  let sim: VehicleSimulator | null = null;
  let stopped = false;
  void served.then((url) => {
    if (stopped) return;
    sim = new VehicleSimulator({
      // in process the world comes straight from the database; positions still go over HTTP
      world: (from, to) => loadWorldData(ctx.db, from, to),
      url,
      token,
      intervalSeconds: cfg.simulateSeconds,
      parkedSeconds: 300,
      speedUp: 1,
      timeZone: ctx.config.timeZone,
      log,
      ...hooks,
    });
    sim.start();
    log(`vehicle simulator: positions to ${url} every ${cfg.simulateSeconds} s (GOA_VEHICLES_SIMULATE)`);
  });
  return async () => {
    stopped = true;
    await sim?.stop();
    await revokeMachineToken(ctx.db, id, SYSTEM_ACTOR).catch(() => undefined);
  };
}
