import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../kernel/testing/harness.ts';
import { getBuilding, listBuildings } from './index.ts';
import { roomsWorld, type RoomsWorld } from './test-world.ts';

const TABLES = ['office_building', 'audit_log'];

describe.each(dbKinds)('office buildings on %s', (kind) => {
  let t: TestApp;
  let w: RoomsWorld;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await roomsWorld(t);
  });
  afterAll(() => t.close());

  it('registers, changes and deletes a building within the managing unit scope, audited', async () => {
    const created = await w.districtA.client.post('/api/rooms/buildings', {
      code: 'JA-GOV',
      name: '甲区行政中心',
      address: '甲区府前路1号',
      unitId: w.a1.id,
      floors: 12,
      lon: 119.95,
      lat: 31.78,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      code: 'JA-GOV',
      jurisdictionId: w.jA.id,
      unitId: w.a1.id,
      unitName: '甲区机关事务中心',
      floors: 12,
      roomCount: 0,
    });
    const id = created.body.id as string;
    const patched = await w.unitA1.client.patch(`/api/rooms/buildings/${id}`, { floors: 14 });
    expect(patched.status).toBe(200);
    expect(patched.body.floors).toBe(14);
    // outside the scope of b1's unit: another district's admin cannot touch it
    const other = await w.staffB1.client.patch(`/api/rooms/buildings/${id}`, { floors: 2 });
    expect(other.status).toBe(403);
    // everyone who books sees the catalogue, and other modules read it through index.ts
    const seen = await w.staffB1.client.get(`/api/rooms/buildings?jurisdictionId=${w.jA.id}`);
    expect(seen.body.map((b: { id: string }) => b.id)).toEqual([id]);
    expect((await getBuilding(t.ctx.db, id))?.floors).toBe(14);
    expect((await listBuildings(t.ctx.db, { unitId: w.a1.id })).map((b) => b.id)).toEqual([id]);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'rooms.building')
      .where('entity_id', '=', id)
      .orderBy('at')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'update']);
    expect((await w.districtA.client.delete(`/api/rooms/buildings/${id}`)).status).toBe(204);
    expect(await getBuilding(t.ctx.db, id)).toBeUndefined();
  });

  it('refuses a taken code and a unit outside scope, writing nothing', async () => {
    const first = await w.bureau.client.post('/api/rooms/buildings', {
      code: 'DUP-1',
      name: '一号楼',
      unitId: w.b1.id,
    });
    expect(first.status).toBe(201);
    const before = await countRows(t.ctx, TABLES);
    const dup = await w.bureau.client.post('/api/rooms/buildings', {
      code: 'DUP-1',
      name: '二号楼',
      unitId: w.b1.id,
    });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('building_code_taken');
    expect(dup.body.error.details[0].field).toBe('code');
    const outside = await w.districtA.client.post('/api/rooms/buildings', {
      code: 'OUT-1',
      name: '外区楼',
      unitId: w.b1.id,
    });
    expect(outside.status).toBe(403);
    const bad = await w.bureau.client.post('/api/rooms/buildings', {
      code: 'bad code',
      name: '',
      unitId: w.b1.id,
    });
    expect(bad.status).toBe(400);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });
});
