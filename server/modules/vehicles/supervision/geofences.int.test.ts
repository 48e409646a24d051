import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  TestClient,
  type TestApp,
} from '../../../kernel/testing/harness.ts';
import { vehicleBody, vehWorld, type VehWorld } from '../test-world.ts';

const TABLES = [
  'veh_geofence',
  'veh_geofence_pool',
  'veh_geofence_category',
  'veh_geofence_vehicle',
  'audit_log',
] as const;
const URL = '/api/vehicles/supervision/geofences';
const square: [number, number][] = [
  [119.9, 31.7],
  [120.1, 31.7],
  [120.1, 31.9],
  [119.9, 31.9],
];
type Fence = {
  id: string;
  name: string;
  jurisdictionId: string;
  ring: [number, number][];
  active: boolean;
  pools: { id: string; name: string }[];
  categories: string[];
  vehicles: { id: string; plate: string }[];
};

describe.each(dbKinds)('geofence editing on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  const v: Record<string, string> = {};
  const list = async (client = w.bureau.client, q = '') => (await client.get(`${URL}${q}`)).body as Fence[];
  const auditOf = (id: string) =>
    t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'vehicles.geofence')
      .where('entity_id', '=', id)
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
    for (const [key, unit, client, category] of [
      ['a1', w.unitA, w.adminA.client, 'general'],
      ['a2', w.unitA, w.adminA.client, 'emergency'],
      ['b1', w.unitB, w.adminB.client, 'general'],
    ] as const) {
      const res = await client.post('/api/vehicles/vehicles', vehicleBody(unit, { category }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      v[key] = res.body.id;
    }
  });
  afterAll(() => t.close());

  it('bad polygons and a scope beyond the jurisdiction are refused in the kernel shape, nothing written', async () => {
    const before = await countRows(t.ctx, TABLES);
    const cases: [unknown, number, string, string][] = [
      // fewer than three vertices: the contract
      [{ ring: square.slice(0, 2) }, 400, 'invalid_input', 'ring'],
      // three, but two the same
      [{ ring: [square[0], square[0], square[1]] }, 400, 'geofence_too_few_points', 'ring'],
      // a bow tie
      [{ ring: [square[0], square[2], square[1], square[3]] }, 400, 'geofence_self_intersecting', 'ring'],
      // an edge folding back over its neighbour
      [
        {
          ring: [
            [119.9, 31.7],
            [120.1, 31.7],
            [120.0, 31.7],
            [120.0, 31.9],
          ],
        },
        400,
        'geofence_self_intersecting',
        'ring',
      ],
      // not a coordinate at all; a coordinate outside China
      [{ ring: [[200, 31.7], ...square.slice(1)] }, 400, 'invalid_input', 'ring.0.0'],
      [{ ring: [[10, 31.7], ...square.slice(1)] }, 400, 'geofence_out_of_range', 'ring'],
      // another district's pool; a vehicle of another pool; a vehicle outside the chosen categories
      [{ ring: square, pools: [w.b] }, 400, 'geofence_pool_outside', 'pools'],
      [{ ring: square, vehicleIds: [v.b1] }, 400, 'geofence_vehicle_outside', 'vehicleIds'],
      [
        { ring: square, categories: ['emergency'], vehicleIds: [v.a1] },
        400,
        'geofence_vehicle_outside',
        'vehicleIds',
      ],
      [{ ring: square, categories: ['spaceship'] }, 400, 'invalid_input', 'categories.0'],
    ];
    for (const [body, status, code, field] of cases) {
      const res = await w.adminA.client.post(URL, { jurisdictionId: w.a, name: '甲区', ...(body as object) });
      expect(res.status, JSON.stringify(res.body)).toBe(status);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
    }
    // in English too
    const en = await new TestClient(t.app, w.adminA.client.token, 'en').post(URL, {
      jurisdictionId: w.a,
      name: '甲区',
      ring: [square[0], square[2], square[1], square[3]],
    });
    expect(en.body.error.message).toMatch(/edges cross/);
    // a district admin for another district; a staff member
    expect(
      (await w.adminB.client.post(URL, { jurisdictionId: w.a, name: '甲区', ring: square })).status,
    ).toBe(403);
    expect(
      (await w.staffA.client.post(URL, { jurisdictionId: w.a, name: '甲区', ring: square })).status,
    ).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('creates, lists with what each watches, reshapes, rescopes, (de)activates and deletes — each audited', async () => {
    // A's own fence: its pool by default, the closing point dropped
    const res = await w.adminA.client.post(URL, {
      jurisdictionId: w.a,
      name: '甲区主城',
      ring: [...square, square[0]],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const id = res.body.id as string;
    // the city's fence for the emergency vehicles of both districts, inactive for now
    const city = await w.bureau.client.post(URL, {
      jurisdictionId: w.city,
      name: '应急车辆全市范围',
      ring: square,
      pools: [w.a, w.b],
      categories: ['emergency'],
      active: false,
    });
    expect(city.status, JSON.stringify(city.body)).toBe(201);
    const mine = (await list()).find((f) => f.id === id)!;
    expect(mine).toMatchObject({
      name: '甲区主城',
      jurisdictionId: w.a,
      active: true,
      categories: [],
      vehicles: [],
    });
    expect(mine.ring).toEqual(square);
    expect(mine.pools.map((p) => p.id)).toEqual([w.a]);
    const cityFence = (await list()).find((f) => f.id === city.body.id)!;
    expect(cityFence.pools.map((p) => p.id).sort()).toEqual([w.a, w.b].sort());
    expect(cityFence).toMatchObject({ categories: ['emergency'], active: false });
    // scope: A sees its own only, B none of A's, the filters work
    expect((await list(w.adminA.client)).map((f) => f.id)).toEqual([id]);
    expect((await list(w.adminB.client)).map((f) => f.id)).toEqual([]);
    expect((await list(w.bureau.client, '?active=false')).map((f) => f.id)).toEqual([city.body.id]);
    expect((await list(w.bureau.client, `?jurisdictionId=${w.a}`)).map((f) => f.id)).toEqual([id]);
    expect((await w.staffA.client.get(URL)).status).toBe(403);

    // drag a vertex; narrow it to one vehicle; a crossing reshape is refused with nothing changed
    const moved: [number, number][] = [square[0]!, [120.15, 31.68], square[2]!, square[3]!];
    const patch = await w.adminA.client.patch(`${URL}/${id}`, { ring: moved, vehicleIds: [v.a2] });
    expect(patch.status, JSON.stringify(patch.body)).toBe(204);
    const before = await countRows(t.ctx, TABLES);
    const bad = await w.adminA.client.patch(`${URL}/${id}`, {
      ring: [square[0], square[2], square[1], square[3]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('geofence_self_intersecting');
    expect((await w.adminA.client.patch(`${URL}/${id}`, { pools: [w.b] })).body.error.code).toBe(
      'geofence_pool_outside',
    );
    expect((await w.adminB.client.patch(`${URL}/${id}`, { active: false })).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    let now = (await list(w.adminA.client))[0]!;
    expect(now.ring).toEqual(moved);
    expect(now.vehicles.map((x) => x.id)).toEqual([v.a2]);
    expect(now.pools.map((p) => p.id)).toEqual([w.a]);

    // deactivate, reactivate; a taken name is a conflict
    expect((await w.adminA.client.patch(`${URL}/${id}`, { active: false })).status).toBe(204);
    expect((await list(w.adminA.client))[0]!.active).toBe(false);
    expect((await w.adminA.client.patch(`${URL}/${id}`, { active: true })).status).toBe(204);
    const dup = await w.adminA.client.post(URL, { jurisdictionId: w.a, name: '甲区主城', ring: square });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('geofence_name_taken');
    // back to all of the pool's vehicles
    expect((await w.adminA.client.patch(`${URL}/${id}`, { vehicleIds: [] })).status).toBe(204);
    now = (await list(w.adminA.client))[0]!;
    expect(now.vehicles).toEqual([]);

    // delete: B cannot; A can, the scope rows go with it
    expect((await w.adminB.client.delete(`${URL}/${id}`)).status).toBe(403);
    expect((await w.adminA.client.delete(`${URL}/${id}`)).status).toBe(204);
    expect((await w.adminA.client.delete(`${URL}/${id}`)).status).toBe(404);
    expect(await list(w.adminA.client)).toEqual([]);
    const left = await t.ctx.db
      .selectFrom('veh_geofence_pool')
      .select('geofence_id')
      .where('geofence_id', '=', id)
      .execute();
    expect(left).toEqual([]);
    expect((await auditOf(id)).map((a) => a.action)).toEqual([
      'create',
      'update',
      'deactivate',
      'activate',
      'update',
      'delete',
    ]);
  });
});
