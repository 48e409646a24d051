import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { vehiclesConfig } from '../config.ts';
import { vehicleBody, vehWorld } from '../test-world.ts';
import type { SimulatorOptions } from './runner.ts';
import { startInProcessSimulator } from './in-process.ts';

type Step = Parameters<NonNullable<SimulatorOptions['onStep']>>[0];

describe.each(dbKinds)('the in-process vehicle simulator on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    // PORT=0: the platform binds any free port, so the simulator must learn the real one
    t = await createTestApp(kind, { GOA_VEHICLES_SIMULATE: '1', PORT: '0', HOST: '127.0.0.1' });
  });
  afterAll(() => t.close());

  it('does nothing when stopped before the server ever listened', async () => {
    const lines: string[] = [];
    const steps: Step[] = [];
    const stop = await startInProcessSimulator(t.ctx, vehiclesConfig(t.ctx.config), (l) => lines.push(l), {
      onStep: (s) => steps.push(s),
    });
    await stop();
    expect([lines, steps]).toEqual([[], []]);
  });

  it('starts with the platform but posts its first step only once the server listens, to the port it bound', async () => {
    const w = await vehWorld(t.app, t.ctx.db);
    const vehicle = (await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).body.id;
    const lines: string[] = [];
    let first!: (s: Step) => void;
    const firstStep = new Promise<Step>((resolve) => (first = resolve));
    // the order of servePlatform: components start, then the server listens
    const stop = await startInProcessSimulator(t.ctx, vehiclesConfig(t.ctx.config), (l) => lines.push(l), {
      onStep: (s) => first(s),
    });
    try {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const step = await firstStep;
      // the first step succeeded: the parked vehicle reported from its depot, nothing failed
      expect(step).toEqual({ at: expect.any(Number), posted: 1 });
      expect(lines.filter((l) => /fetch failed|answered|stopped/.test(l))).toEqual([]);
      const rows = await sql<{ vehicle_id: string; source: string }>`
        select vehicle_id, source from veh_position where at = ${new Date(step.at)}`.execute(t.ctx.db);
      expect(rows.rows).toEqual([{ vehicle_id: vehicle, source: 'simulator' }]);
    } finally {
      await stop();
    }
    // stopping revokes the simulator's token
    const tokens = await sql<{ n: number }>`
      select count(*)::int as n from auth_machine_token where purpose = 'vehicles.position' and revoked_at is null`.execute(
      t.ctx.db,
    );
    expect(tokens.rows[0]!.n).toBe(0);
  });
});
