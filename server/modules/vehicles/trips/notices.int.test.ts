import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { JobRunner } from '../../../kernel/jobs/index.ts';
import { person, type Person } from '../../../kernel/approvals/test-world.ts';
import {
  approvedRequest,
  dayFromNow,
  driverBody,
  vehicleBody,
  vehWorld,
  type VehWorld,
} from '../test-world.ts';

/**
 * Issue 3 items 5–6: when the trips change — a plan accepted, a re-plan's moves accepted, a dispatcher's
 * manual cancellation or assignment — everyone concerned hears of it in-app, once per change: the
 * drivers whose trips were added, changed or removed, the requesters whose vehicle, driver or time
 * changed, and the dispatchers of the pools involved (the lending pool's too), never the one who acted.
 */
describe.each(dbKinds)('who hears of a change to the trips on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let runner: JobRunner;
  let o = '';
  let d = '';
  let car = '';
  let bus = '';
  let carB = '';
  const plates = new Map<string, string>();
  /** driver id → its account */
  const driverAccount = new Map<string, Person>();
  const driversA: string[] = [];
  let driverB = '';

  const day = dayFromNow;
  const approved = (by: Person, dd: string, hour: number, passengers = 2) =>
    approvedRequest(w, by, { originId: o, destinationId: d, day: dd, hour, passengers });
  const liveTrip = (requestId: string) =>
    t.ctx.db
      .selectFrom('veh_trip')
      .select(['id', 'vehicle_id', 'driver_id'])
      .where('request_id', '=', requestId)
      .where('status', '<>', 'cancelled')
      .executeTakeFirstOrThrow();
  const lastSeq = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('notification')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirst()
      )?.m ?? 0,
    );
  /** the notices of a kind sent after `since`, by account */
  async function noticesSince(since: number, kindOf = 'vehicles.trips_changed') {
    const rows = await t.ctx.db
      .selectFrom('notification')
      .select(['account_id', 'title_zh', 'body', 'link'])
      .where('seq', '>', since)
      .where('kind', '=', kindOf)
      .execute();
    const by = new Map<string, typeof rows>();
    for (const r of rows) by.set(r.account_id, [...(by.get(r.account_id) ?? []), r]);
    return by;
  }
  const count = (by: Map<string, unknown[]>, p: Person) => by.get(p.id)?.length ?? 0;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    runner = new JobRunner(t.ctx.db, { pollMs: 50, timeZone: t.ctx.config.timeZone });
    o = (await w.bureau.client.post('/api/vehicles/places', { name: '甲地', lon: 119.97, lat: 31.81 })).body
      .id;
    d = (await w.bureau.client.post('/api/vehicles/places', { name: '乙地', lon: 119.95, lat: 31.76 })).body
      .id;
    const vehicle = async (admin: Person, unit: string, over: Record<string, unknown> = {}) => {
      const body = vehicleBody(unit, over);
      const v = await admin.client.post('/api/vehicles/vehicles', body);
      expect(v.status, JSON.stringify(v.body)).toBe(201);
      plates.set(v.body.id, body.plate);
      return v.body.id as string;
    };
    car = await vehicle(w.adminA, w.unitA);
    bus = await vehicle(w.adminA, w.unitA, {
      bodyType: 'medium_bus',
      seats: 19,
      model: '考斯特',
      displacementL: 2.7,
    });
    carB = await vehicle(w.adminB, w.unitB);
    const driver = async (admin: Person, unit: string, name: string) => {
      const acc = await person(t.app, t.ctx.db, {
        unitId: unit,
        grants: [{ role: 'driver', scope: 'self' }],
      });
      const r = await admin.client.post(
        '/api/vehicles/drivers',
        driverBody(unit, { name, accountId: acc.id, personId: acc.personId }),
      );
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      driverAccount.set(r.body.id, acc);
      return r.body.id as string;
    };
    driversA.push(await driver(w.adminA, w.unitA, '甲师傅'), await driver(w.adminA, w.unitA, '乙师傅'));
    driverB = await driver(w.adminB, w.unitB, '丙师傅');
    expect(
      (
        await w.bureau.client.put('/api/vehicles/pool-policies', {
          lenderId: w.b,
          borrowerId: w.a,
          mode: 'automatic',
        })
      ).status,
    ).toBe(204);
  });
  afterAll(() => t.close());

  it('accepting a day plan tells each driver and requester once, however many trips are theirs', async () => {
    const dd = day(2);
    const r1 = await approved(w.staffA, dd, 8);
    const r2 = await approved(w.staffA, dd, 14);
    const plan = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day: dd,
      pools: [w.a],
      timeLimitSeconds: 0.3,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const since = await lastSeq();
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${plan.body.id}/accept`, {});
    expect(acc.body).toMatchObject({ accepted: 2, failed: [] });
    const by = await noticesSince(since);
    // one notice for the requester of both trips, naming both
    expect(count(by, w.staffA)).toBe(1);
    const mine = by.get(w.staffA.id)![0]!;
    expect(mine.body).toContain(r1.no);
    expect(mine.body).toContain(r2.no);
    expect(mine.title_zh).toContain('派车方案已确认');
    // each driver of the plan once, with the time and the vehicle of each trip
    const trips = [await liveTrip(r1.id), await liveTrip(r2.id)];
    for (const tr of trips) {
      const acct = driverAccount.get(tr.driver_id)!;
      expect(count(by, acct)).toBe(1);
      expect(by.get(acct.id)![0]!.body).toContain(plates.get(tr.vehicle_id)!);
      expect(by.get(acct.id)![0]!.body).toMatch(/\d\d:\d\d–\d\d:\d\d/);
    }
    // the pool's other dispatcher hears of it; the one who accepted and other pools do not
    expect(count(by, w.dispatcherA2)).toBe(1);
    expect(count(by, w.dispatcherA)).toBe(0);
    expect(count(by, w.dispatcherB)).toBe(0);
    expect(count(by, w.staffA2)).toBe(0);
    const told = new Set([
      w.staffA.id,
      w.dispatcherA2.id,
      ...trips.map((x) => driverAccount.get(x.driver_id)!.id),
    ]);
    expect(new Set(by.keys())).toEqual(told);
  });

  it("accepting a re-plan's moves tells the moved, the newly served and the pool, once each", async () => {
    const dd = day(3);
    const first = await approved(w.staffA, dd, 9);
    const a = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: first.id,
      vehicleId: bus,
      driverId: driversA[1],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const plan = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day: dd,
      pools: [w.a],
      timeLimitSeconds: 0.3,
    });
    await w.dispatcherA.client.post(`/api/vehicles/plans/${plan.body.id}/accept`, {});
    await runner.drain();
    const before = await liveTrip(first.id);

    // ten passengers at nine: only the bus seats them, so the first request must move to the car
    const proposedSince = await lastSeq();
    const big = await approved(w.staffA2, dd, 9, 10);
    await runner.drain();
    const proposal = (await w.dispatcherA.client.get(`/api/vehicles/plans?day=${dd}`)).body[0];
    expect(proposal).toMatchObject({ kind: 'replan', moves: 1 });
    // the proposal goes to the plan's creator and the pool's dispatchers, not yet to drivers or requesters
    const proposed = await noticesSince(proposedSince, 'vehicles.replan');
    expect(new Set(proposed.keys())).toEqual(new Set([w.dispatcherA.id, w.dispatcherA2.id]));
    expect(await noticesSince(proposedSince)).toEqual(new Map());

    const since = await lastSeq();
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${proposal.id}/accept`, {});
    expect(acc.body).toMatchObject({ accepted: 1, moved: 1, failed: [] });
    const moved = await liveTrip(first.id);
    const served = await liveTrip(big.id);
    expect([moved.vehicle_id, served.vehicle_id]).toEqual([car, bus]);
    const by = await noticesSince(since);

    // both requesters: their new vehicle and driver
    expect(count(by, w.staffA)).toBe(1);
    expect(by.get(w.staffA.id)![0]!.body).toContain(plates.get(car)!);
    expect(by.get(w.staffA.id)![0]!.title_zh).toContain('派车方案调整');
    expect(by.get(w.staffA.id)![0]!.link).toBe(`/vehicles/requests/${first.id}`);
    expect(count(by, w.staffA2)).toBe(1);
    expect(by.get(w.staffA2.id)![0]!.body).toContain(plates.get(bus)!);
    // every driver whose trips changed: exactly one notice each, whatever they gained or lost
    const drivers = new Set([before.driver_id, moved.driver_id, served.driver_id]);
    for (const id of drivers) expect(count(by, driverAccount.get(id)!)).toBe(1);
    if (before.driver_id !== moved.driver_id) {
      const lost = by.get(driverAccount.get(before.driver_id)!.id)![0]!.body!;
      expect(lost).toContain(`撤销 ${first.no}`);
    }
    expect(by.get(driverAccount.get(served.driver_id)!.id)![0]!.body).toContain(big.no);
    expect(count(by, w.dispatcherA2)).toBe(1);
    expect(by.get(w.dispatcherA2.id)![0]!.body).toContain(`${plates.get(bus)}`);
    expect(count(by, w.dispatcherA)).toBe(0);
    expect(count(by, w.dispatcherB)).toBe(0);
    expect(count(by, driverAccount.get(driverB)!)).toBe(0);
  });

  it("a dispatcher's manual change tells the driver, the requester and the lending pool's dispatchers", async () => {
    const dd = day(4);
    const r = await approved(w.staffA, dd, 10);
    await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r.id,
      vehicleId: car,
      driverId: driversA[0],
    });
    const trip = await liveTrip(r.id);

    let since = await lastSeq();
    const c = await w.dispatcherA.client.post(`/api/vehicles/trips/${trip.id}/cancel`, { reason: '改派' });
    expect(c.status, JSON.stringify(c.body)).toBe(204);
    let by = await noticesSince(since);
    expect(new Set(by.keys())).toEqual(
      new Set([driverAccount.get(driversA[0]!)!.id, w.staffA.id, w.dispatcherA2.id]),
    );
    expect(by.get(driverAccount.get(driversA[0]!)!.id)![0]!.body).toContain(`撤销 ${r.no}`);
    expect(by.get(w.staffA.id)![0]!.body).toContain('等待重新派车');

    // re-assigned on the lending pool's car and driver: pool B's dispatcher hears of its vehicle's loan
    since = await lastSeq();
    const lent = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r.id,
      vehicleId: carB,
      driverId: driverB,
    });
    expect(lent.status, JSON.stringify(lent.body)).toBe(201);
    by = await noticesSince(since);
    expect(new Set(by.keys())).toEqual(
      new Set([driverAccount.get(driverB)!.id, w.staffA.id, w.dispatcherA2.id, w.dispatcherB.id]),
    );
    for (const p of by.values()) expect(p).toHaveLength(1);
    expect(by.get(w.dispatcherB.id)![0]!.body).toContain(plates.get(carB)!);
    expect(by.get(w.staffA.id)![0]!.body).toContain('丙师傅');
  });
});
