import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  TestClient,
  type TestApp,
} from '../../../kernel/testing/harness.ts';
import { driverBody, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

const H = 3_600_000;
const at = (h: number) => new Date(Date.now() + h * H).toISOString();

describe.each(dbKinds)('the driver phone page and positions on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let vehicleId: string;
  let tripId: string;
  let requestId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    const o = (await w.bureau.client.post('/api/vehicles/places', { name: '起点', lon: 119.97, lat: 31.81 }))
      .body.id;
    const d = (await w.bureau.client.post('/api/vehicles/places', { name: '终点', lon: 119.9, lat: 31.7 }))
      .body.id;
    const v = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { odometerKm: 10_000 }),
    );
    vehicleId = v.body.id;
    const driver = await w.adminA.client.post(
      '/api/vehicles/drivers',
      driverBody(w.unitA, { accountId: w.driverAccount.id, personId: w.driverAccount.personId }),
    );
    const r = await w.staffA.client.post('/api/vehicles/requests', {
      passengers: 1,
      originId: o,
      destinationIds: [d],
      departsAt: at(1),
      returnsAt: at(3),
      kind: 'one_way',
      purpose: '送文件',
    });
    requestId = r.body.id;
    await w.unitAdminA.client.post(`/api/approvals/matters/${r.body.matterId}/decide`, {
      decision: 'approve',
    });
    const a = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId,
      vehicleId,
      driverId: driver.body.id,
    });
    tripId = a.body.tripId;
  });
  afterAll(() => t.close());

  it('takes the trip from accept to finish, refusing a backwards odometer', async () => {
    const c = w.driverAccount.client;
    const mine = await c.get('/api/vehicles/my/trips');
    expect(mine.status).toBe(200);
    expect(mine.body.trips.map((x: { id: string }) => x.id)).toContain(tripId);
    // others cannot act on it
    expect((await w.staffA.client.post(`/api/vehicles/my/trips/${tripId}/accept`)).status).toBe(403);
    const early = await c.post(`/api/vehicles/my/trips/${tripId}/arrive`);
    expect(early.status).toBe(409);
    // the message names the status the trip must be in, in words, not its code
    expect(early.body.error.message).toContain('行驶中');
    expect(early.body.error.message).not.toMatch(/started/);
    expect((await c.post(`/api/vehicles/my/trips/${tripId}/accept`)).status).toBe(204);
    const before = await countRows(t.ctx, ['veh_trip', 'audit_log']);
    const back = await c.post(`/api/vehicles/my/trips/${tripId}/start`, { odometerKm: 9_999 });
    expect(back.status).toBe(400);
    expect(back.body.error.code).toBe('odometer_backwards');
    expect(await countRows(t.ctx, ['veh_trip', 'audit_log'])).toEqual(before);
    const trip = async () =>
      t.ctx.db.selectFrom('veh_trip').selectAll().where('id', '=', tripId).executeTakeFirstOrThrow();
    expect((await trip()).start_odometer).toBeNull();
    expect((await c.post(`/api/vehicles/my/trips/${tripId}/start`, { odometerKm: 10_005 })).status).toBe(204);
    expect(
      (await w.staffA.client.post(`/api/vehicles/requests/${requestId}/cancel`, { reason: 'x' })).status,
    ).toBe(409);
    expect((await c.post(`/api/vehicles/my/trips/${tripId}/arrive`)).status).toBe(204);
    const lower = await c.post(`/api/vehicles/my/trips/${tripId}/finish`, { odometerKm: 10_000 });
    expect(lower.body.error.code).toBe('odometer_backwards');
    const fin = await c.post(`/api/vehicles/my/trips/${tripId}/finish`, {
      odometerKm: 10_047,
      tollsFen: 1500,
      parkingFen: 1000,
      fuelFen: 4200,
    });
    expect(fin.status).toBe(204);
    const done = await trip();
    expect([done.status, done.km, done.tolls_fen]).toEqual(['finished', 42, 1500]);
    const v = await t.ctx.db
      .selectFrom('veh_vehicle')
      .selectAll()
      .where('id', '=', vehicleId)
      .executeTakeFirstOrThrow();
    expect([v.odometer_km, v.status]).toEqual([10_047, 'available']);
    // the passenger confirms and rates once
    const req = await w.staffA.client.get(`/api/vehicles/requests/${requestId}`);
    expect(req.body.status).toBe('completed');
    expect(
      (await w.staffA.client.post(`/api/vehicles/requests/${requestId}/confirm`, { rating: 6 })).status,
    ).toBe(400);
    expect(
      (
        await w.staffA.client.post(`/api/vehicles/requests/${requestId}/confirm`, {
          rating: 5,
          comment: '准时',
        })
      ).status,
    ).toBe(200);
    expect(
      (await w.staffA.client.post(`/api/vehicles/requests/${requestId}/confirm`, { rating: 4 })).status,
    ).toBe(409);
    const d = await t.ctx.db
      .selectFrom('veh_driver')
      .selectAll()
      .where('account_id', '=', w.driverAccount.id)
      .executeTakeFirstOrThrow();
    expect([d.rating_sum, d.rating_count]).toEqual([5, 1]);
  });

  it('accepts positions only with a machine token of its purpose', async () => {
    const token = await w.bureau.client.post('/api/machine-tokens', {
      name: 'gps-1',
      purpose: 'vehicles.position',
    });
    expect(token.status).toBe(201);
    const gps = new TestClient(t.app, token.body.token);
    const plate = (
      await t.ctx.db
        .selectFrom('veh_vehicle')
        .select('plate')
        .where('id', '=', vehicleId)
        .executeTakeFirstOrThrow()
    ).plate;
    const res = await gps.post('/api/vehicles/positions', [
      { plate, at: new Date().toISOString(), lon: 119.95, lat: 31.8, speedKmh: 40 },
      { plate: '苏Z00000', at: new Date().toISOString(), lon: 119.95, lat: 31.8 },
    ]);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: 1, unknown: [1] });
    expect(
      (
        await gps.post('/api/vehicles/positions', {
          plate,
          at: new Date().toISOString(),
          lon: 500,
          lat: 31.8,
        })
      ).status,
    ).toBe(400);
    expect(
      (
        await w.bureau.client.post('/api/vehicles/positions', {
          plate,
          at: new Date().toISOString(),
          lon: 119.9,
          lat: 31.8,
        })
      ).status,
    ).toBe(403);
    const other = await w.bureau.client.post('/api/machine-tokens', {
      name: 'meter',
      purpose: 'energy.ingest',
    });
    expect(
      (
        await new TestClient(t.app, other.body.token).post('/api/vehicles/positions', {
          plate,
          at: new Date().toISOString(),
          lon: 119.9,
          lat: 31.8,
        })
      ).status,
    ).toBe(403);
  });

  it('stores each position with its source: the token default gps, a named source, the phone page', async () => {
    const token = await w.bureau.client.post('/api/machine-tokens', {
      name: 'gps-2',
      purpose: 'vehicles.position',
    });
    const gps = new TestClient(t.app, token.body.token);
    const sourcesAt = async (at: string) =>
      (
        await t.ctx.db
          .selectFrom('veh_position')
          .select(['source', 'lon'])
          .where('vehicle_id', '=', vehicleId)
          .where('at', '=', new Date(at))
          .orderBy('lon')
          .execute()
      ).map((r) => r.source);
    const at1 = new Date(Date.now() - 60_000).toISOString();
    const ok = await gps.post('/api/vehicles/positions', [
      { vehicleId, at: at1, lon: 119.91, lat: 31.8 },
      { vehicleId, at: at1, lon: 119.92, lat: 31.8, source: 'simulator' },
      { vehicleId, at: at1, lon: 119.93, lat: 31.8, source: 'phone' },
      { vehicleId, at: at1, lon: 119.94, lat: 31.8, source: 'gps' },
    ]);
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ accepted: 4, unknown: [] });
    expect(await sourcesAt(at1)).toEqual(['gps', 'simulator', 'phone', 'gps']);

    // an unknown source refuses the whole batch in the kernel's error shape, writing nothing
    const before = await countRows(t.ctx, ['veh_position']);
    const at2 = new Date(Date.now() - 30_000).toISOString();
    for (const body of [
      { vehicleId, at: at2, lon: 119.9, lat: 31.8, source: 'beidou' },
      [
        { vehicleId, at: at2, lon: 119.9, lat: 31.8 },
        { vehicleId, at: at2, lon: 119.9, lat: 31.8, source: 'GPS' },
      ],
      [{ vehicleId, at: at2, lon: 119.9, lat: 31.8, source: 7 }],
    ]) {
      const bad = await gps.post('/api/vehicles/positions', body);
      expect(bad.status).toBe(400);
      expect(bad.body.error).toMatchObject({ code: 'invalid_input', message: expect.any(String) });
      expect(bad.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ code: expect.any(String) })]),
      );
    }
    expect(await countRows(t.ctx, ['veh_position'])).toEqual(before);

    // the driver's phone page posts as the phone
    const phone = await w.driverAccount.client.post(`/api/vehicles/my/trips/${tripId}/position`, {
      lon: 119.95,
      lat: 31.75,
      speedKmh: 20,
    });
    expect(phone.status).toBe(204);
    const last = await t.ctx.db
      .selectFrom('veh_position')
      .select(['source', 'lon'])
      .where('vehicle_id', '=', vehicleId)
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect([last.source, Number(last.lon)]).toEqual(['phone', 119.95]);
  });
});
