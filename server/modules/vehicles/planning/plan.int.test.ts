import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { driverBody, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

describe.each(dbKinds)('automated dispatch on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const atLocal = (hh: number) =>
    new Date(`${tomorrow}T${String(hh).padStart(2, '0')}:00:00+08:00`).toISOString();

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
  });
  afterAll(() => t.close());

  it('plans the open requests of a day and accepts the plan through the constrained path', async () => {
    const o = (await w.bureau.client.post('/api/vehicles/places', { name: '甲地', lon: 119.97, lat: 31.81 }))
      .body.id;
    const d = (await w.bureau.client.post('/api/vehicles/places', { name: '乙地', lon: 119.95, lat: 31.7 }))
      .body.id;
    for (let i = 0; i < 2; i++) {
      await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA));
      await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA, { name: `司机${i}` }));
    }
    const ids: string[] = [];
    for (const [dep, ret] of [
      [9, 10],
      [9, 11],
      [14, 15],
    ] as const) {
      const r = await w.staffA.client.post('/api/vehicles/requests', {
        passengers: 2,
        originId: o,
        destinationIds: [d],
        departsAt: atLocal(dep),
        returnsAt: atLocal(ret),
        kind: 'one_way',
        purpose: '公务',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      await w.unitAdminA.client.post(`/api/approvals/matters/${r.body.matterId}/decide`, {
        decision: 'approve',
      });
      ids.push(r.body.id);
    }
    // another district's dispatcher cannot plan this pool
    expect(
      (await w.dispatcherB.client.post('/api/vehicles/plans', { day: tomorrow, pools: [w.a] })).status,
    ).toBe(403);
    const plan = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day: tomorrow,
      pools: [w.a],
      timeLimitSeconds: 0.5,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(plan.body.plan.figures.served).toBe(3);
    expect(plan.body.plan.figures.vehiclesUsed).toBe(2);
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${plan.body.id}/accept`, {});
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body).toMatchObject({ accepted: 3, failed: [] });
    for (const id of ids)
      expect((await w.staffA.client.get(`/api/vehicles/requests/${id}`)).body.status).toBe('assigned');
    // accepting again is refused
    expect((await w.dispatcherA.client.post(`/api/vehicles/plans/${plan.body.id}/accept`, {})).status).toBe(
      409,
    );
    // re-planning keeps the assigned trips
    const again = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day: tomorrow,
      pools: [w.a],
      timeLimitSeconds: 0.5,
    });
    const acc2 = await w.dispatcherA.client.post(`/api/vehicles/plans/${again.body.id}/accept`, {});
    expect(acc2.body).toMatchObject({ accepted: 0, failed: [] });
  });

  it('plans no driver whose licence ran out before the day', async () => {
    const o = (await w.bureau.client.post('/api/vehicles/places', { name: '丙地', lon: 119.97, lat: 31.81 }))
      .body.id;
    const d = (await w.bureau.client.post('/api/vehicles/places', { name: '丁地', lon: 119.95, lat: 31.7 }))
      .body.id;
    expect((await w.adminB.client.post('/api/vehicles/vehicles', vehicleBody(w.unitB))).status).toBe(201);
    const driver = await w.adminB.client.post(
      '/api/vehicles/drivers',
      driverBody(w.unitB, { name: '司机丙' }),
    );
    expect(driver.status).toBe(201);
    await t.ctx.db
      .updateTable('veh_driver')
      .set({ licence_expires_on: new Date().toISOString().slice(0, 10) })
      .where('id', '=', driver.body.id)
      .execute();
    const r = await w.staffB.client.post('/api/vehicles/requests', {
      passengers: 2,
      originId: o,
      destinationIds: [d],
      departsAt: atLocal(9),
      returnsAt: atLocal(10),
      kind: 'one_way',
      purpose: '公务',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await w.unitAdminB.client.post(`/api/approvals/matters/${r.body.matterId}/decide`, {
      decision: 'approve',
    });
    const plan = await w.dispatcherB.client.post('/api/vehicles/plans', {
      day: tomorrow,
      pools: [w.b],
      timeLimitSeconds: 0.5,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    expect(plan.body.plan.figures.served).toBe(0);
    expect(plan.body.plan.unserved.map((u: { requestId: string }) => u.requestId)).toContain(r.body.id);
  });
});
