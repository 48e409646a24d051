import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

const H = 3_600_000;
const at = (hours: number) => new Date(Date.now() + hours * H).toISOString();
const TABLES = ['veh_place', 'audit_log'] as const;

describe.each(dbKinds)('places register on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
  });
  afterAll(async () => t?.close());

  const add = (name: string, over: Record<string, unknown> = {}) =>
    w.bureau.client.post('/api/vehicles/places', { name, kind: 'venue', lon: 119.95, lat: 31.78, ...over });

  it('deletes an unused place with an audit entry; a district admin may too, staff may not', async () => {
    const p = await add('奥体中心');
    expect(p.status, JSON.stringify(p.body)).toBe(201);
    const denied = await w.staffA.client.delete(`/api/vehicles/places/${p.body.id}`);
    expect(denied.status).toBe(403);
    const before = await countRows(t.ctx, TABLES);
    const del = await w.adminA.client.delete(`/api/vehicles/places/${p.body.id}`);
    expect(del.status, JSON.stringify(del.body)).toBe(204);
    const after = await countRows(t.ctx, TABLES);
    expect(after.veh_place).toBe((before.veh_place ?? 0) - 1);
    expect(after.audit_log).toBe((before.audit_log ?? 0) + 1);
    const list = await w.bureau.client.get('/api/vehicles/places?all=true');
    expect(list.body.map((x: { id: string }) => x.id)).not.toContain(p.body.id);
    expect((await w.bureau.client.delete(`/api/vehicles/places/${p.body.id}`)).status).toBe(404);
  });

  it('refuses to delete a place a request uses as origin or as a destination, writing nothing', async () => {
    const origin = (await add('市民广场')).body.id as string;
    const dest = (await add('常州站', { kind: 'station' })).body.id as string;
    const v = await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA, { seats: 5 }));
    expect(v.status, JSON.stringify(v.body)).toBe(201);
    const r = await w.staffA.client.post('/api/vehicles/requests', {
      passengers: 1,
      originId: origin,
      destinationIds: [dest],
      departsAt: at(24),
      returnsAt: at(26),
      kind: 'round_trip',
      purpose: '调研',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const before = await countRows(t.ctx, TABLES);
    for (const id of [origin, dest]) {
      const res = await w.bureau.client.delete(`/api/vehicles/places/${id}`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('place_in_use');
    }
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    // deactivating stays possible
    const off = await w.bureau.client.patch(`/api/vehicles/places/${dest}`, { active: false });
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
  });

  it('rejects coordinates outside China with a field error, writing nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const res = await add('海外', { lon: 10 });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('lon');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });
});
