import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { energyCity, type EnergyCity } from './test-fixture.ts';

const TABLES = ['energy_institution', 'energy_building', 'energy_point', 'energy_manual_entry', 'audit_log'];
const unknownId = '00000000-0000-4000-8000-000000000000';

describe.each(dbKinds)('energy registry on %s', (kind) => {
  let t: TestApp;
  let c: EnergyCity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await energyCity(t);
  });
  afterAll(() => t.close());

  const point = (institutionId: string, code: string, over: Record<string, unknown> = {}) => ({
    code,
    name: `表${code}`,
    institutionId,
    energyType: 'electricity',
    ...over,
  });

  it('scopes institution lists: the city sees all, a district its own, a unit itself', async () => {
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((i) => i.id).sort();
    expect(ids(await c.bureau.get('/api/energy/institutions?pageSize=500'))).toEqual(
      expect.arrayContaining([c.iA.id, c.iA2.id, c.iB.id]),
    );
    expect(ids(await c.districtA.get('/api/energy/institutions'))).toEqual([c.iA.id, c.iA2.id].sort());
    expect(ids(await c.unitA1.get('/api/energy/institutions'))).toEqual([c.iA.id]);
    expect((await c.staff.get('/api/energy/institutions')).status).toBe(403);
    const one = await c.districtA.get(`/api/energy/institutions/${c.iA.id}`);
    expect(one.body).toMatchObject({ unitName: '甲区财政局', floorArea: 4000, buildings: 1 });
    expect((await c.districtA.get(`/api/energy/institutions/${c.iB.id}`)).status).toBe(403);
    expect((await c.districtA.get(`/api/energy/institutions/${unknownId}`)).status).toBe(404);
  });

  it('refuses writes outside the scope and writes nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const outside = await c.districtA.post('/api/energy/institutions', {
      code: `X${c.tag}`,
      name: '乙区某单位',
      jurisdictionId: c.jB.id,
      kind: 'organ',
    });
    expect(outside.status).toBe(403);
    expect((await c.districtA.patch(`/api/energy/institutions/${c.iB.id}`, { name: '改名' })).status).toBe(
      403,
    );
    const move = await c.districtA.patch(`/api/energy/institutions/${c.iA2.id}`, { jurisdictionId: c.jB.id });
    expect(move.status).toBe(403);
    expect(move.body.error.details[0].field).toBe('jurisdictionId');
    expect((await c.districtA.post('/api/energy/points', point(c.iB.id, `P${c.tag}x`))).status).toBe(403);
    expect((await c.unitA1.post('/api/energy/points', point(c.iA.id, `P${c.tag}y`))).status).toBe(403);
    expect((await c.auditor.delete(`/api/energy/institutions/${c.iA2.id}`)).status).toBe(403);
    const linkOther = await c.bureau.post('/api/energy/institutions', {
      code: `L${c.tag}`,
      name: '错误关联',
      jurisdictionId: c.jA.id,
      unitId: c.b1.id,
      kind: 'organ',
    });
    expect(linkOther.status).toBe(400);
    expect(linkOther.body.error.code).toBe('unit_other_jurisdiction');
    const dup = await c.bureau.post('/api/energy/institutions', {
      code: c.iA.code,
      name: '重复编码',
      jurisdictionId: c.jA.id,
      kind: 'organ',
    });
    expect(dup.status).toBe(409);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('builds a meter tree with sub-items, a virtual meter and an offline meter', async () => {
    const d = c.districtA;
    const main = await d.post(
      '/api/energy/points',
      point(c.iA.id, `M${c.tag}`, { buildingId: c.buildingA.id }),
    );
    expect(main.status).toBe(201);
    expect(main.body).toMatchObject({ unit: 'kWh', kind: 'metered', parentId: null, intervalMinutes: 15 });
    const subs = [];
    for (const [i, item] of (['lighting_sockets', 'hvac', 'power'] as const).entries()) {
      const s = await d.post(
        '/api/energy/points',
        point(c.iA.id, `M${c.tag}.${i + 1}`, { subItem: item, parentId: main.body.id }),
      );
      expect(s.status).toBe(201);
      expect(s.body.parentCode).toBe(`M${c.tag}`);
      subs.push(s.body);
    }
    const formula = `M${c.tag} - M${c.tag}.1 - 0.5*M${c.tag}.2`;
    const v = await d.post('/api/energy/points', point(c.iA.id, `V${c.tag}`, { kind: 'virtual', formula }));
    expect(v.status).toBe(201);
    expect(v.body.formula).toBe(formula);
    const water = await d.post(
      '/api/energy/points',
      point(c.iA.id, `W${c.tag}`, { energyType: 'water', kind: 'manual', intervalMinutes: 60 }),
    );
    expect(water.body.unit).toBe('m3');
    const entry = await c.unitA1.request({
      method: 'PUT',
      url: `/api/energy/points/${water.body.id}/entries`,
      payload: { month: '2026-10', value: 312.5, note: '水费单' },
    });
    expect(entry.status).toBe(200);
    expect(entry.body).toMatchObject({ month: '2026-10', value: 312.5 });
    const again = await c.unitA1.request({
      method: 'PUT',
      url: `/api/energy/points/${water.body.id}/entries`,
      payload: { month: '2026-10', value: 300 },
    });
    expect(again.body.value).toBe(300);
    expect((await d.get(`/api/energy/points/${water.body.id}/entries`)).body).toHaveLength(1);
    const notManual = await c.unitA1.request({
      method: 'PUT',
      url: `/api/energy/points/${main.body.id}/entries`,
      payload: { month: '2026-10', value: 1 },
    });
    expect(notManual.body.error.code).toBe('point_not_manual');

    const list = await d.get(`/api/energy/points?institutionId=${c.iA.id}&pageSize=50`);
    expect(list.body.total).toBe(6);
    expect(list.body.items.map((p: { code: string }) => p.code)).toContain(`V${c.tag}`);
  });

  it('refuses bad formulas, loops and mismatched hierarchies with the field and writes nothing', async () => {
    const d = c.districtA;
    const before = await countRows(t.ctx, TABLES);
    const bad = async (body: Record<string, unknown>, code: string, field: string) => {
      const res = await d.post('/api/energy/points', body);
      expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
      expect(res.body.error.code).toBe(code);
      expect(res.body.error.details[0].field).toBe(field);
    };
    const v = (formula: string | null, code = `Q${c.tag}`) =>
      point(c.iA.id, code, { kind: 'virtual', formula });
    await bad(v(`M${c.tag} +`), 'formula_syntax', 'formula');
    await bad(v(`M${c.tag} + NOPE${c.tag}`), 'formula_unknown_points', 'formula');
    await bad(v(`M${c.tag} + W${c.tag}`), 'formula_energy_mismatch', 'formula');
    await bad(v(`V${c.tag} + Q${c.tag}`), 'formula_cycle', 'formula');
    await bad(v(null), 'formula_required', 'formula');
    await bad(
      point(c.iA.id, `S${c.tag}`, { energyType: 'water', subItem: 'hvac' }),
      'sub_item_not_electricity',
      'subItem',
    );
    const mainB = await c.bureau.post('/api/energy/points', point(c.iB.id, `MB${c.tag}`));
    const afterB = await countRows(t.ctx, TABLES);
    expect(afterB.energy_point).toBe(before.energy_point! + 1);
    const main = (await d.get(`/api/energy/points?q=M${c.tag}&pageSize=50`)).body.items.find(
      (p: { code: string }) => p.code === `M${c.tag}`,
    );
    const sub = (await d.get(`/api/energy/points?q=M${c.tag}.1`)).body.items[0];
    expect(
      (await c.bureau.post('/api/energy/points', point(c.iA.id, `X${c.tag}`, { parentId: mainB.body.id })))
        .body.error.code,
    ).toBe('parent_mismatch');
    // the main meter cannot hang below its own sub-meter
    const loop = await d.patch(`/api/energy/points/${main.id}`, { parentId: sub.id });
    expect(loop.body.error.code).toBe('parent_cycle');
    // a virtual meter that closes a loop through another virtual meter
    const v2 = await d.patch(`/api/energy/points/${main.id}`, { kind: 'virtual', formula: `V${c.tag}` });
    expect(v2.body.error.code).toBe('formula_cycle');
    const inUse = await d.delete(`/api/energy/points/${sub.id}`);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe('point_in_formula');
    expect(await countRows(t.ctx, TABLES)).toEqual(afterB);
  });

  it('lists points to a gateway with an energy.ingest token, not to other machines', async () => {
    const res = await c.gateway.get('/api/energy/points?pageSize=500');
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { code: string }) => p.code)).toEqual(
      expect.arrayContaining([`M${c.tag}`, `MB${c.tag}`]),
    );
    expect((await c.otherMachine.get('/api/energy/points')).status).toBe(403);
    // the token only opens the list, not the writes
    expect((await c.gateway.post('/api/energy/points', point(c.iA.id, `G${c.tag}`))).status).toBe(403);
  });

  it('changes and deletes with an audit record each', async () => {
    const created = await c.bureau.post('/api/energy/institutions', {
      code: `T${c.tag}`,
      name: '临时机构',
      jurisdictionId: c.jA.id,
      kind: 'venue',
    });
    const patched = await c.districtA.patch(`/api/energy/institutions/${created.body.id}`, {
      occupants: 12,
      demonstration: 'provincial',
    });
    expect(patched.body).toMatchObject({ occupants: 12, demonstration: 'provincial' });
    const p = await c.districtA.post('/api/energy/points', point(created.body.id, `TP${c.tag}`));
    const refused = await c.districtA.delete(`/api/energy/institutions/${created.body.id}`);
    expect(refused.body.error.code).toBe('institution_has_points');
    expect((await c.districtA.delete(`/api/energy/points/${p.body.id}`)).status).toBe(204);
    expect((await c.districtA.delete(`/api/energy/institutions/${created.body.id}`)).status).toBe(204);
    const audit = await t.ctx.db
      .selectFrom('audit_log')
      .select(['entity', 'action'])
      .where('entity_id', 'in', [created.body.id, p.body.id])
      .execute();
    expect(audit.map((a) => `${a.entity}:${a.action}`).sort()).toEqual([
      'energy.institution:create',
      'energy.institution:delete',
      'energy.institution:update',
      'energy.point:create',
      'energy.point:delete',
    ]);
  });
});
