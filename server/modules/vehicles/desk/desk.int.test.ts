import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import type { TestClient } from '../../../kernel/testing/harness.ts';
import { driverBody, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';
import { approveSealedUseForTest } from '../supervision/testing.ts';

const H = 3_600_000;
const at = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * H).toISOString();
/** the calendar day of an instant in the deployment's zone (the desk's days are local days) */
const localDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
const TABLES = ['veh_request', 'veh_trip', 'veh_loan', 'approval_matter', 'audit_log'] as const;

describe.each(dbKinds)('trip requests and the dispatch desk on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let origin: string;
  let dest: string;
  const vehicle: Record<string, string> = {};
  const driver: Record<string, string> = {};

  async function request(client: TestClient, over: Record<string, unknown> = {}) {
    return client.post('/api/vehicles/requests', {
      passengers: 2,
      originId: origin,
      destinationIds: [dest],
      departsAt: at(24),
      returnsAt: at(27),
      kind: 'round_trip',
      purpose: '赴市行政中心开会',
      ...over,
    });
  }
  async function approve(approver: TestClient, matterId: string) {
    const res = await approver.post(`/api/approvals/matters/${matterId}/decide`, { decision: 'approve' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  }
  async function approved(client: TestClient, approver: TestClient, over: Record<string, unknown> = {}) {
    const r = await request(client, over);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    await approve(approver, r.body.matterId);
    return r.body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    origin = (
      await w.bureau.client.post('/api/vehicles/places', {
        name: '市行政中心',
        kind: 'government',
        lon: 119.974,
        lat: 31.811,
      })
    ).body.id;
    dest = (
      await w.bureau.client.post('/api/vehicles/places', {
        name: '常州火车站',
        kind: 'station',
        lon: 119.972,
        lat: 31.784,
      })
    ).body.id;
    for (const [key, unit, client] of [
      ['a1', w.unitA, w.adminA.client],
      ['a2', w.unitA, w.adminA.client],
      ['b1', w.unitB, w.adminB.client],
    ] as const) {
      const v = await client.post('/api/vehicles/vehicles', vehicleBody(unit, { seats: 5 }));
      expect(v.status).toBe(201);
      vehicle[key] = v.body.id;
      const d = await client.post('/api/vehicles/drivers', driverBody(unit, { name: `司机${key}` }));
      driver[key] = d.body.id;
    }
    const d3 = await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA, { name: '司机a3' }));
    driver.a3 = d3.body.id;
  });
  afterAll(() => t.close());

  it('sends a request to the unit for approval and lets the requester follow it', async () => {
    const r = await request(w.staffA.client);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('submitted');
    expect(r.body.plannedKm).toBeGreaterThan(0);
    // the unit admin of the requester's unit approves; a unit admin elsewhere cannot
    const other = await w.unitAdminB.client.post(`/api/approvals/matters/${r.body.matterId}/decide`, {
      decision: 'approve',
    });
    expect(other.status).toBeGreaterThanOrEqual(403);
    await approve(w.unitAdminA.client, r.body.matterId);
    const mine = await w.staffA.client.get('/api/vehicles/requests?mine=true');
    expect(mine.body.items.find((x: { id: string }) => x.id === r.body.id).status).toBe('approved');
    // another staff member of the same unit does not see it
    expect((await w.staffA2.client.get(`/api/vehicles/requests/${r.body.id}`)).status).toBe(403);
    expect((await w.staffA2.client.get('/api/vehicles/requests')).body.items).toEqual([]);
  });

  it('refuses bad requests with the field named and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ returnsAt: at(23) }, 'returnsAt', 'return_before_departure'],
      [{ passengers: 0 }, 'passengers', ''],
      [{ passengers: -1 }, 'passengers', ''],
      [{ passengers: 40 }, 'passengers', 'too_many_passengers'],
      [{ destinationIds: [crypto.randomUUID()] }, 'destinationIds.0', 'unknown_place'],
      [{ originId: crypto.randomUUID() }, 'originId', 'unknown_place'],
      [{ departsAt: at(-2), returnsAt: at(1) }, 'departsAt', 'departure_in_past'],
    ];
    for (const [over, field, code] of cases) {
      const res = await request(w.staffA.client, over);
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
      if (code) expect(res.body.error.code).toBe(code);
    }
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('changes a request through approval again and cancels it with the trip', async () => {
    const id = await approved(w.staffA.client, w.unitAdminA.client);
    const body = {
      passengers: 3,
      originId: origin,
      destinationIds: [dest],
      departsAt: at(30),
      returnsAt: at(32),
      kind: 'one_way',
      purpose: '改期',
    };
    const changed = await w.staffA.client.put(`/api/vehicles/requests/${id}`, body);
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.status).toBe('submitted');
    expect((await w.staffA2.client.put(`/api/vehicles/requests/${id}`, body)).status).toBe(403);
    await approve(w.unitAdminA.client, changed.body.matterId);
    const a = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: id,
      vehicleId: vehicle.a1,
      driverId: driver.a1,
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect((await w.staffA.client.put(`/api/vehicles/requests/${id}`, body)).body.error.code).toBe(
      'request_not_changeable',
    );
    const cancelled = await w.staffA.client.post(`/api/vehicles/requests/${id}/cancel`, {
      reason: '会议取消',
    });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.trips).toEqual([]);
    expect(
      (await w.staffA.client.post(`/api/vehicles/requests/${id}/cancel`, { reason: '再取消' })).status,
    ).toBe(409);
  });

  it('assigns a vehicle and a driver, refuses overlaps with 409 and prints the slip', async () => {
    const r1 = await approved(w.staffA.client, w.unitAdminA.client, { departsAt: at(48), returnsAt: at(50) });
    const r2 = await approved(w.staffA2.client, w.unitAdminA.client, {
      departsAt: at(49),
      returnsAt: at(51),
    });
    const queue = await w.dispatcherA.client.get(`/api/vehicles/desk/queue?date=${localDay(at(48))}`);
    expect(queue.status).toBe(200);
    const ok = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r1,
      vehicleId: vehicle.a2,
      driverId: driver.a2,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const before = await countRows(t.ctx, TABLES);
    const sameVehicle = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r2,
      vehicleId: vehicle.a2,
      driverId: driver.a3,
    });
    expect(sameVehicle.status).toBe(409);
    expect(sameVehicle.body.error.code).toBe('vehicle_busy');
    const sameDriver = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r2,
      vehicleId: vehicle.a1,
      driverId: driver.a2,
    });
    expect(sameDriver.status).toBe(409);
    expect(sameDriver.body.error.code).toBe('driver_busy');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    const slip = await w.dispatcherA.client.get(`/api/vehicles/trips/${ok.body.tripId}/slip`);
    expect(slip.status).toBe(200);
    expect(slip.body.route).toEqual(['市行政中心', '常州火车站']);
    const tl = await w.dispatcherA.client.get(`/api/vehicles/desk/timeline?date=${localDay(at(48))}`);
    expect(tl.body.trips.some((x: { id: string }) => x.id === ok.body.tripId)).toBe(true);
  });

  it('lets exactly one of two dispatchers assigning one vehicle at once succeed', async () => {
    const r1 = await approved(w.staffA.client, w.unitAdminA.client, { departsAt: at(72), returnsAt: at(74) });
    const r2 = await approved(w.staffA2.client, w.unitAdminA.client, {
      departsAt: at(73),
      returnsAt: at(75),
    });
    const results = await Promise.all([
      w.dispatcherA.client.post('/api/vehicles/desk/assign', {
        requestId: r1,
        vehicleId: vehicle.a1,
        driverId: driver.a1,
      }),
      w.dispatcherA2.client.post('/api/vehicles/desk/assign', {
        requestId: r2,
        vehicleId: vehicle.a1,
        driverId: driver.a3,
      }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([201, 409]);
    expect(results.find((x) => x.status === 409)!.body.error.code).toBe('vehicle_busy');
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{
        n: number;
      }>`select count(*)::int as n from veh_trip where vehicle_id = ${vehicle.a1} and status <> 'cancelled'
        and period && tstzrange(${at(72)}::timestamptz, ${at(75)}::timestamptz)`.execute(t.ctx.db),
    );
    expect(rows[0]!.n).toBe(1);
  });

  it('points the desk to the days with requests waiting, in the dispatcher’s scope only', async () => {
    const day = localDay(at(200));
    const open = async (client: TestClient) => {
      const res = await client.get('/api/vehicles/desk/open-days');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as { date: string; count: number }[]).find((d) => d.date === day)?.count ?? 0;
    };
    const beforeA = await open(w.dispatcherA.client);
    const beforeB = await open(w.dispatcherB.client);
    await approved(w.staffA.client, w.unitAdminA.client, { departsAt: at(200), returnsAt: at(201) });
    await approved(w.staffA2.client, w.unitAdminA.client, { departsAt: at(200), returnsAt: at(202) });
    // one still waiting for its unit's approval: not on the desk
    expect((await request(w.staffA.client, { departsAt: at(200), returnsAt: at(201) })).status).toBe(201);
    expect(await open(w.dispatcherA.client)).toBe(beforeA + 2);
    expect(await open(w.dispatcherB.client)).toBe(beforeB);
    // staff may not read the desk
    expect((await w.staffA.client.get('/api/vehicles/desk/open-days')).status).toBe(403);
  });

  it('refuses a driver whose licence runs out before the trip ends (409), writing nothing', async () => {
    const r = await approved(w.staffA.client, w.unitAdminA.client, {
      departsAt: at(160),
      returnsAt: at(162),
    });
    await t.ctx.db
      .updateTable('veh_driver')
      .set({ licence_expires_on: localDay(at(0)) })
      .where('id', '=', driver.a3!)
      .execute();
    try {
      const before = await countRows(t.ctx, TABLES);
      const res = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
        requestId: r,
        vehicleId: vehicle.a1,
        driverId: driver.a3,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('licence_expired');
      expect(res.body.error.details[0].field).toBe('driverId');
      expect(await countRows(t.ctx, TABLES)).toEqual(before);
      // the desk's timeline tells the manual picker the licence's last day, so it can refuse the driver first
      const day = localDay(at(160));
      const tl = await w.dispatcherA.client.get(`/api/vehicles/desk/timeline?date=${day}`);
      expect(tl.status).toBe(200);
      const d3 = (tl.body.drivers as { id: string; licenceExpiresOn: string }[]).find(
        (d) => d.id === driver.a3,
      );
      expect(d3?.licenceExpiresOn).toBe(localDay(at(0)));
    } finally {
      await t.ctx.db
        .updateTable('veh_driver')
        .set({ licence_expires_on: '2030-01-01' })
        .where('id', '=', driver.a3!)
        .execute();
    }
    const ok = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: r,
      vehicleId: vehicle.a1,
      driverId: driver.a3,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
  });

  it('refuses a sealed vehicle without special approval (409) and flags it with one', async () => {
    await t.ctx.db
      .updateTable('veh_vehicle')
      .set({ status: 'sealed' })
      .where('id', '=', vehicle.a2!)
      .execute();
    try {
      const plain = await approved(w.staffA.client, w.unitAdminA.client, {
        departsAt: at(96),
        returnsAt: at(97),
      });
      const before = await countRows(t.ctx, TABLES);
      const res = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
        requestId: plain,
        vehicleId: vehicle.a2,
        driverId: driver.a2,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('vehicle_sealed');
      expect(await countRows(t.ctx, TABLES)).toEqual(before);
      const special = await approved(w.staffA.client, w.unitAdminA.client, {
        departsAt: at(98),
        returnsAt: at(99),
        specialWork: true,
      });
      // special work alone is not enough: the sealed vehicle's use needs its own approved matter
      const refused = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
        requestId: special,
        vehicleId: vehicle.a2,
        driverId: driver.a2,
      });
      expect(refused.status).toBe(409);
      await approveSealedUseForTest(t.ctx, special);
      const ok = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
        requestId: special,
        vehicleId: vehicle.a2,
        driverId: driver.a2,
      });
      expect(ok.status).toBe(201);
      const alert = await t.ctx.db
        .selectFrom('veh_alert')
        .selectAll()
        .where('trip_id', '=', ok.body.tripId)
        .executeTakeFirst();
      expect(alert?.kind).toBe('sealed_dispatch');
    } finally {
      await t.ctx.db
        .updateTable('veh_vehicle')
        .set({ status: 'available' })
        .where('id', '=', vehicle.a2!)
        .execute();
    }
  });

  it('keeps a district dispatcher to its own requests except through pooling', async () => {
    const ra = await approved(w.staffA.client, w.unitAdminA.client, {
      departsAt: at(120),
      returnsAt: at(121),
    });
    const before = await countRows(t.ctx, TABLES);
    // B's dispatcher cannot dispatch A's request, with its own vehicle or A's
    const own = await w.dispatcherB.client.post('/api/vehicles/desk/assign', {
      requestId: ra,
      vehicleId: vehicle.b1,
      driverId: driver.b1,
    });
    expect(own.status).toBe(403);
    expect(
      (
        await w.dispatcherB.client.post('/api/vehicles/desk/assign', {
          requestId: ra,
          vehicleId: vehicle.a1,
          driverId: driver.a1,
        })
      ).status,
    ).toBe(403);
    // A's dispatcher cannot borrow B's vehicle while the pair does not pool
    const never = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: ra,
      vehicleId: vehicle.b1,
      driverId: driver.b1,
    });
    expect(never.status).toBe(409);
    expect(never.body.error.code).toBe('pool_never');
    // only the bureau sets policies
    expect(
      (
        await w.adminA.client.put('/api/vehicles/pool-policies', {
          lenderId: w.b,
          borrowerId: w.a,
          mode: 'automatic',
        })
      ).status,
    ).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    // with approval: the borrower cannot take it, the lender's dispatcher gives it... but only for its own scope
    expect(
      (
        await w.bureau.client.put('/api/vehicles/pool-policies', {
          lenderId: w.b,
          borrowerId: w.a,
          mode: 'approval',
        })
      ).status,
    ).toBe(204);
    const asks = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: ra,
      vehicleId: vehicle.b1,
      driverId: driver.b1,
    });
    expect(asks.body.error.code).toBe('pool_needs_approval');
    // the desk shows A's dispatcher B's vehicles, marked as the lender's to assign (the picker refuses them)
    const lendMode = async (vehicleId: string) =>
      (
        (await w.dispatcherA.client.get(`/api/vehicles/desk/timeline?date=${localDay(at(120))}`)).body
          .vehicles as { id: string; lendMode: string }[]
      ).find((v) => v.id === vehicleId)?.lendMode;
    expect(await lendMode(vehicle.b1!)).toBe('approval');
    expect(await lendMode(vehicle.a1!)).toBe('own');
    // automatic: B lends its vehicle to A's request, dispatched by B's dispatcher; the loan is recorded
    expect(
      (
        await w.bureau.client.put('/api/vehicles/pool-policies', {
          lenderId: w.b,
          borrowerId: w.a,
          mode: 'automatic',
        })
      ).status,
    ).toBe(204);
    expect(await lendMode(vehicle.b1!)).toBe('automatic');
    const lent = await w.dispatcherB.client.post('/api/vehicles/desk/assign', {
      requestId: ra,
      vehicleId: vehicle.b1,
      driverId: driver.b1,
    });
    expect(lent.status, JSON.stringify(lent.body)).toBe(201);
    const loan = await t.ctx.db
      .selectFrom('veh_loan')
      .selectAll()
      .where('trip_id', '=', lent.body.tripId)
      .executeTakeFirstOrThrow();
    expect([loan.lender_jurisdiction_id, loan.borrower_jurisdiction_id, loan.mode]).toEqual([
      w.b,
      w.a,
      'automatic',
    ]);
    const day = localDay(at(120));
    const summary = await w.bureau.client.get(`/api/vehicles/loans/summary?from=${day}&to=${day}`);
    expect(summary.body.find((x: { jurisdictionId: string }) => x.jurisdictionId === w.b).lentTrips).toBe(1);
    expect(summary.body.find((x: { jurisdictionId: string }) => x.jurisdictionId === w.a).borrowedTrips).toBe(
      1,
    );
  });
});
