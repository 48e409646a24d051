import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { JobRunner } from '../../../kernel/jobs/index.ts';
import {
  approvedRequest,
  dayFromNow,
  driverBody,
  vehicleBody,
  vehWorld,
  type VehWorld,
} from '../test-world.ts';
import { replanAfter } from './replan.ts';

/**
 * Issue 3 item 6: a request approved or cancelled on a day with an accepted plan is re-planned by a
 * job; by default the change is proposed to the dispatcher (an insertion that moves nothing, or a
 * re-plan that moves accepted trips); started trips never move; in auto mode an insertion is assigned.
 */
describe.each(dbKinds)('re-planning after requests arrive or are cancelled on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let runner: JobRunner;
  let o = '';
  let d = '';
  let car = '';
  let bus = '';
  const drivers: string[] = [];
  const day = dayFromNow;
  const approved = async (dd: string, hour: number, passengers = 2) =>
    (await approvedRequest(w, w.staffA, { originId: o, destinationId: d, day: dd, hour, passengers })).id;
  const liveTrips = (requestId: string) =>
    t.ctx.db
      .selectFrom('veh_trip')
      .select(['id', 'vehicle_id', 'driver_id', 'status'])
      .where('request_id', '=', requestId)
      .where('status', '<>', 'cancelled')
      .execute();
  const statusOf = async (requestId: string) =>
    (await w.staffA.client.get(`/api/vehicles/requests/${requestId}`)).body.status as string;
  const proposals = async (dd: string) =>
    (await w.dispatcherA.client.get(`/api/vehicles/plans?day=${dd}`)).body as {
      id: string;
      kind: string;
      triggerRequestId: string;
      moves: number;
    }[];

  /** a day whose accepted plan has the first request on the bus */
  async function acceptedDay(dd: string) {
    const first = await approved(dd, 9);
    const a = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: first,
      vehicleId: bus,
      driverId: drivers[1],
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    const plan = await w.dispatcherA.client.post('/api/vehicles/plans', {
      day: dd,
      pools: [w.a],
      timeLimitSeconds: 0.3,
    });
    expect(plan.status).toBe(201);
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${plan.body.id}/accept`, {});
    expect(acc.body).toMatchObject({ accepted: 0, skipped: 1, failed: [] });
    await runner.drain(); // the approval's job: nothing to do before a plan was accepted
    return first;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    runner = new JobRunner(t.ctx.db, { pollMs: 50, timeZone: t.ctx.config.timeZone });
    o = (await w.bureau.client.post('/api/vehicles/places', { name: '甲地', lon: 119.97, lat: 31.81 })).body
      .id;
    d = (await w.bureau.client.post('/api/vehicles/places', { name: '乙地', lon: 119.95, lat: 31.76 })).body
      .id;
    car = (await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).body.id;
    const b = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { bodyType: 'medium_bus', seats: 19, model: '考斯特', displacementL: 2.7 }),
    );
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    bus = b.body.id;
    for (const name of ['甲师傅', '乙师傅'])
      drivers.push(
        (await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA, { name }))).body.id,
      );
  });
  afterAll(() => t.close());

  it('proposes inserting an arriving request, moving nothing; accepting assigns it', async () => {
    const dd = day(2);
    const first = await acceptedDay(dd);
    const before = await liveTrips(first);
    const late = await approved(dd, 14);
    expect(await statusOf(late)).toBe('approved'); // proposed, not assigned
    await runner.drain();
    const open = await proposals(dd);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'insert', triggerRequestId: late, moves: 0 });
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${open[0]!.id}/accept`, {});
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body).toMatchObject({ accepted: 1, moved: 0, failed: [] });
    expect(await statusOf(late)).toBe('assigned');
    expect(await liveTrips(first)).toEqual(before);
    // another district's dispatcher does not see the proposals
    expect((await w.dispatcherB.client.get(`/api/vehicles/plans?day=${dd}`)).body).toEqual([]);
  });

  it('proposes moving an accepted trip when that is the only way, and moves it only on acceptance', async () => {
    const dd = day(3);
    const first = await acceptedDay(dd);
    const [onBus] = await liveTrips(first);
    expect(onBus!.vehicle_id).toBe(bus);
    // ten passengers at the same time: only the bus seats them, so the first request must go by car
    const big = await approved(dd, 9, 10);
    await runner.drain();
    const [p] = await proposals(dd);
    expect(p).toMatchObject({ kind: 'replan', triggerRequestId: big, moves: 1 });
    const full = await w.dispatcherA.client.get(`/api/vehicles/plans/${p!.id}`);
    expect(full.body.moves[0]).toMatchObject({ requestId: first, fromVehicleId: bus, toVehicleId: car });
    // nothing moved yet
    expect(await liveTrips(first)).toEqual([onBus]);
    expect(await statusOf(big)).toBe('approved');
    const acc = await w.dispatcherA.client.post(`/api/vehicles/plans/${p!.id}/accept`, {});
    expect(acc.body).toMatchObject({ accepted: 1, moved: 1, failed: [] });
    const [moved] = await liveTrips(first);
    expect(moved!.vehicle_id).toBe(car);
    expect((await liveTrips(big))[0]!.vehicle_id).toBe(bus);
    expect(await statusOf(first)).toBe('assigned');
  });

  it('never moves a started trip: the large request stays in the queue', async () => {
    const dd = day(4);
    const first = await acceptedDay(dd);
    const [trip] = await liveTrips(first);
    await sql`update veh_trip set status = 'started' where id = ${trip!.id}`.execute(t.ctx.db);
    const big = await approved(dd, 9, 10);
    await runner.drain();
    expect(await proposals(dd)).toEqual([]);
    expect(await statusOf(big)).toBe('approved');
    expect(await liveTrips(first)).toEqual([{ ...trip, status: 'started' }]);
  });

  it('offers the freed vehicle to an open request when a request is cancelled', async () => {
    const dd = day(5);
    const first = await acceptedDay(dd);
    const big = await approved(dd, 9, 10); // the bus is taken by `first`… and a re-plan moves it
    await runner.drain();
    const [p] = await proposals(dd);
    expect(p!.kind).toBe('replan');
    // the requester cancels the first request instead: the proposal is superseded by an insertion
    const c = await w.staffA.client.post(`/api/vehicles/requests/${first}/cancel`, { reason: '会议取消' });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    await runner.drain();
    const open = await proposals(dd);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ kind: 'insert', triggerRequestId: first, moves: 0 });
    expect((await w.dispatcherA.client.post(`/api/vehicles/plans/${p!.id}/accept`, {})).status).toBe(409);
    await w.dispatcherA.client.post(`/api/vehicles/plans/${open[0]!.id}/accept`, {});
    expect((await liveTrips(big))[0]!.vehicle_id).toBe(bus);
  });

  it('in auto mode assigns an arriving request that fits without moving anything', async () => {
    const dd = day(6);
    await acceptedDay(dd);
    const late = await approved(dd, 15);
    expect(
      await replanAfter(t.ctx.db, t.ctx.config.timeZone, 'auto', { requestId: late, event: 'arrived' }),
    ).toBe('assigned');
    expect(await statusOf(late)).toBe('assigned');
    expect(await proposals(dd)).toEqual([]);
    await runner.drain(); // the queued job finds nothing left to do
    expect(await proposals(dd)).toEqual([]);
  });
});
