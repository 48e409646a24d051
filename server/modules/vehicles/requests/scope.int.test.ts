import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import type { Person } from '../../../kernel/approvals/test-world.ts';
import { atLocal, dayFromNow, vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

/** Who sees which trip requests: the route's data scope decides, `mine=true` narrows to the caller's own. */
describe.each(dbKinds)('trip requests in scope on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  const ids: Record<string, string> = {};

  const submit = async (by: Person, purpose: string) => {
    const day = dayFromNow(2);
    const r = await by.client.post('/api/vehicles/requests', {
      passengers: 1,
      originId: ids.o,
      destinationIds: [ids.d],
      departsAt: atLocal(day, 9),
      returnsAt: atLocal(day, 10),
      kind: 'one_way',
      purpose,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const seen = async (by: Person, query = '') => {
    const r = await by.client.get(`/api/vehicles/requests?pageSize=100${query}`);
    expect(r.status).toBe(200);
    return (r.body.items as { id: string }[]).map((x) => x.id).sort();
  };

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    ids.o = (
      await w.bureau.client.post('/api/vehicles/places', { name: '起点', lon: 119.97, lat: 31.81 })
    ).body.id;
    ids.d = (
      await w.bureau.client.post('/api/vehicles/places', { name: '终点', lon: 119.9, lat: 31.7 })
    ).body.id;
    // a vehicle in each district, so that a request of one passenger fits
    expect((await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).status).toBe(201);
    expect((await w.adminB.client.post('/api/vehicles/vehicles', vehicleBody(w.unitB))).status).toBe(201);
    ids.a1 = await submit(w.staffA, 'A 单位甲');
    ids.a2 = await submit(w.staffA2, 'A 单位乙');
    ids.admin = await submit(w.unitAdminA, 'A 单位领导');
    ids.b = await submit(w.staffB, 'B 单位');
  });
  afterAll(() => t.close());

  it('shows a unit admin every request of their unit and none of another unit', async () => {
    const all = await seen(w.unitAdminA);
    expect(all).toEqual([ids.a1!, ids.a2!, ids.admin!].sort());
    expect(all).not.toContain(ids.b);
    expect(await seen(w.unitAdminA, '&mine=true')).toEqual([ids.admin]);
    expect((await w.unitAdminA.client.get('/api/vehicles/requests/reach')).body).toEqual({ reach: 'unit' });
    // one request of the unit opens; one of another unit does not
    expect((await w.unitAdminA.client.get(`/api/vehicles/requests/${ids.a1}`)).status).toBe(200);
    expect((await w.unitAdminA.client.get(`/api/vehicles/requests/${ids.b}`)).status).toBe(403);
    // seeing is not acting: a unit admin cannot cancel a staff member's request
    const cancel = await w.unitAdminA.client.post(`/api/vehicles/requests/${ids.a1}/cancel`, { reason: 'x' });
    expect(cancel.status).not.toBe(200);
  });

  it('keeps staff to their own requests, even asking for the whole scope', async () => {
    expect(await seen(w.staffA)).toEqual([ids.a1]);
    expect(await seen(w.staffA, '&mine=true')).toEqual([ids.a1]);
    expect((await w.staffA.client.get('/api/vehicles/requests/reach')).body).toEqual({ reach: 'self' });
    expect((await w.staffA.client.get(`/api/vehicles/requests/${ids.a2}`)).status).toBe(403);
  });

  it('shows a district admin the requests of their jurisdiction', async () => {
    expect(await seen(w.adminA)).toEqual([ids.a1!, ids.a2!, ids.admin!].sort());
    expect(await seen(w.adminB)).toEqual([ids.b]);
    expect((await w.adminA.client.get('/api/vehicles/requests/reach')).body).toEqual({
      reach: 'jurisdiction',
    });
  });
});
