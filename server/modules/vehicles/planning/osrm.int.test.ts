import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import {
  approvedRequest,
  dayFromNow,
  driverBody,
  vehicleBody,
  vehWorld,
  type VehWorld,
} from '../test-world.ts';
import { configureTravel } from './travel.ts';

/**
 * OSRM_URL: automated dispatch takes its distances and times from an OSRM table service (here a fake one
 * that says every pair is 40 km and 40 minutes apart), and plans on straight lines when it does not answer.
 */
describe.each(dbKinds)('automated dispatch over OSRM on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let osrm: http.Server;
  let osrmUrl: string;
  let asked = 0;
  const day = dayFromNow(2);

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    osrm = http.createServer((req, res) => {
      asked++;
      const u = new URL(req.url ?? '/', 'http://x');
      const n = (u.searchParams.get('sources') ?? '').split(';').length;
      const m = (u.searchParams.get('destinations') ?? '').split(';').length;
      const grid = (v: number) => Array.from({ length: n }, () => Array.from({ length: m }, () => v));
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ code: 'Ok', durations: grid(2400), distances: grid(40_000) }));
    });
    await new Promise<void>((r) => osrm.listen(0, '127.0.0.1', r));
    osrmUrl = `http://127.0.0.1:${(osrm.address() as AddressInfo).port}`;
    const place = async (name: string, lon: number, lat: number) =>
      (await w.bureau.client.post('/api/vehicles/places', { name, lon, lat })).body.id as string;
    const o = await place('甲地', 119.97, 31.81);
    const d = await place('乙地', 119.96, 31.8);
    await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA));
    await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA));
    await approvedRequest(w, w.staffA, { originId: o, destinationId: d, day, hour: 9 });
  });
  afterAll(async () => {
    configureTravel(null);
    await new Promise((r) => osrm.close(r));
    await t.close();
  });

  const planKm = async () => {
    const plan = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day,
      pools: [w.a],
      timeLimitSeconds: 0.3,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(plan.body.plan.figures.served).toBe(1);
    return plan.body.plan.figures.km as number;
  };

  it('plans with the routing service’s distances when OSRM_URL is set, else on straight lines', async () => {
    configureTravel(null);
    const straight = await planKm();
    expect(straight).toBeLessThan(20); // two places ~1.5 km apart near the depot
    configureTravel(osrmUrl);
    const routed = await planKm();
    expect(asked).toBeGreaterThan(0);
    // depot → pick-up → drop-off → depot, 40 km a leg by the routing service
    expect(routed).toBeGreaterThanOrEqual(80);
    // a server that does not answer: the dispatcher still gets the straight-line plan
    configureTravel('http://127.0.0.1:9');
    expect(await planKm()).toBeCloseTo(straight, 5);
  });
});
