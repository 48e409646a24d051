import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { approvedRequest, dayFromNow, driverBody, vehicleBody, vehWorld } from '../test-world.ts';
import type { VehWorld } from '../test-world.ts';

const TABLES = ['veh_request', 'veh_trip', 'veh_sealed_use', 'approval_matter', 'audit_log'] as const;

/**
 * The desk's road to a sealed vehicle: the picker's 409 names the rule, the dispatcher asks for the
 * special approval from the desk (POST /api/vehicles/requests/:id/sealed-use), the queue shows where the
 * request stands, and once approved the assignment goes through and is flagged on the timeline and slip.
 */
describe.each(dbKinds)('asking for a sealed vehicle from the desk on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  let origin: string;
  let dest: string;
  let vehicle: string;
  let driver: string;
  const day = dayFromNow(3);

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    const place = async (name: string, lon: number, lat: number) =>
      (await w.bureau.client.post('/api/vehicles/places', { name, kind: 'government', lon, lat })).body
        .id as string;
    origin = await place('市行政中心', 119.974, 31.811);
    dest = await place('常州火车站', 119.972, 31.784);
    vehicle = (await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).body.id;
    driver = (await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitA))).body.id;
    await t.ctx.db.updateTable('veh_vehicle').set({ status: 'sealed' }).where('id', '=', vehicle).execute();
  });
  afterAll(() => t.close());

  const queueRow = async (id: string) => {
    const q = await w.dispatcherA.client.get(`/api/vehicles/desk/queue?date=${day}`);
    expect(q.status).toBe(200);
    return (q.body.items as { id: string; sealedUse: string | null }[]).find((r) => r.id === id);
  };

  it('refuses a sealed vehicle naming the rule, raises the special approval once, then flags the trip', async () => {
    const r = await approvedRequest(w, w.staffA, { originId: origin, destinationId: dest, day, hour: 9 });
    expect((await queueRow(r.id))?.sealedUse).toBeNull();
    const body = { requestId: r.id, vehicleId: vehicle, driverId: driver };

    const before = await countRows(t.ctx, TABLES);
    const refused = await w.dispatcherA.client.post('/api/vehicles/desk/assign', body);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('vehicle_sealed');
    expect(refused.body.error.details[0].field).toBe('vehicleId');
    expect(refused.body.error.message).toContain('封存车辆特殊用车审批');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    // another district's dispatcher cannot ask for it; nor for a request that is not open
    const outside = await w.dispatcherB.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: '防汛检查',
    });
    expect(outside.status).toBe(403);
    const blank = await w.dispatcherA.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: ' ',
    });
    expect(blank.status).toBe(400);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);

    const asked = await w.dispatcherA.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: '防汛应急检查',
    });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    expect((await queueRow(r.id))?.sealedUse).toBe('pending');
    const mid = await countRows(t.ctx, TABLES);
    const twice = await w.dispatcherA.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: '再次申请',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('sealed_use_pending');
    expect(await countRows(t.ctx, TABLES)).toEqual(mid);
    // still refused while the matter waits
    expect((await w.dispatcherA.client.post('/api/vehicles/desk/assign', body)).status).toBe(409);

    // the district administration decides it (the dispatcher's jurisdiction is a district)
    const ok = await w.adminA.client.post(`/api/approvals/matters/${asked.body.matterId}/decide`, {
      decision: 'approve',
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await queueRow(r.id))?.sealedUse).toBe('approved');
    const again = await w.dispatcherA.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: '再次申请',
    });
    expect(again.body.error.code).toBe('sealed_use_approved');

    const assigned = await w.dispatcherA.client.post('/api/vehicles/desk/assign', body);
    expect(assigned.status, JSON.stringify(assigned.body)).toBe(201);
    const tl = await w.dispatcherA.client.get(`/api/vehicles/desk/timeline?date=${day}`);
    const trip = (tl.body.trips as { id: string; sealedOverride: boolean }[]).find(
      (x) => x.id === assigned.body.tripId,
    );
    expect(trip?.sealedOverride).toBe(true);
    const slip = await w.dispatcherA.client.get(`/api/vehicles/trips/${assigned.body.tripId}/slip`);
    expect(slip.body.sealedOverride).toBe(true);
    expect(slip.body.seats).toBe(5);
    expect(slip.body.vehicle).not.toContain('座');

    // a trip on an unsealed vehicle is not flagged
    await t.ctx.db
      .updateTable('veh_vehicle')
      .set({ status: 'available' })
      .where('id', '=', vehicle)
      .execute();
    const plain = await approvedRequest(w, w.staffA, {
      originId: origin,
      destinationId: dest,
      day,
      hour: 14,
    });
    const plainTrip = await w.dispatcherA.client.post('/api/vehicles/desk/assign', {
      requestId: plain.id,
      vehicleId: vehicle,
      driverId: driver,
    });
    expect(plainTrip.status).toBe(201);
    expect(
      (await w.dispatcherA.client.get(`/api/vehicles/trips/${plainTrip.body.tripId}/slip`)).body
        .sealedOverride,
    ).toBe(false);
  });

  it('refuses the special approval for a request no longer open, nothing written', async () => {
    const r = await approvedRequest(w, w.staffA, { originId: origin, destinationId: dest, day, hour: 16 });
    const cancelled = await w.staffA.client.post(`/api/vehicles/requests/${r.id}/cancel`, {
      reason: '会议取消',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const before = await countRows(t.ctx, TABLES);
    const res = await w.dispatcherA.client.post(`/api/vehicles/requests/${r.id}/sealed-use`, {
      reason: '防汛应急检查',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('request_not_open');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });
});
