import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { energyCity, type EnergyCity } from '../registry/test-fixture.ts';

describe.each(dbKinds)('energy indicators on %s', (kind) => {
  let t: TestApp;
  let c: EnergyCity;
  const code = (s: string) => `${s}${c.tag}`;
  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_TIME_ZONE: 'Asia/Shanghai' });
    c = await energyCity(t);
    const add = async (body: Record<string, unknown>) => {
      const res = await c.bureau.post('/api/energy/points', {
        institutionId: c.iA.id,
        energyType: 'electricity',
        ...body,
      });
      if (res.status !== 201) throw new Error(res.raw);
      return res.body as { id: string };
    };
    const main = await add({ code: code('E'), name: '电总表' });
    await add({ code: code('E.1'), name: '照明', subItem: 'lighting_sockets', parentId: main.id });
    await add({ code: code('E.2'), name: '空调', subItem: 'hvac', parentId: main.id });
    await add({
      code: code('E.V'),
      name: '其他',
      kind: 'virtual',
      formula: `${code('E')} - ${code('E.1')} - ${code('E.2')}`,
    });
    await add({ code: code('G'), name: '燃气', energyType: 'gas' });
    const water = await add({ code: code('W'), name: '水', energyType: 'water', kind: 'manual' });
    await c.bureau.post('/api/energy/points', {
      institutionId: c.iB.id,
      code: code('BE'),
      name: '乙电',
      energyType: 'electricity',
    });
    const reading = (point: string, ts: string, value: number) => ({
      point: code(point),
      ts,
      value,
      kind: 'interval',
    });
    const res = await c.gateway.post('/api/energy/readings', [
      reading('E', '2026-10-15T10:00:00+08:00', 1000),
      reading('E', '2026-10-15T11:00:00+08:00', 1000),
      reading('E.1', '2026-10-15T10:00:00+08:00', 700),
      reading('E.2', '2026-10-15T10:00:00+08:00', 500),
      reading('G', '2026-10-15T10:00:00+08:00', 100),
      reading('E', '2026-09-10T10:00:00+08:00', 1600),
      reading('E', '2025-10-10T10:00:00+08:00', 1000),
      reading('BE', '2026-10-15T10:00:00+08:00', 5000),
    ]);
    if (res.status >= 300) throw new Error(res.raw);
    await c.unitA1.request({
      method: 'PUT',
      url: `/api/energy/points/${water.id}/entries`,
      payload: { month: '2026-10', value: 300 },
    });
    await c.bureau.request({
      method: 'PUT',
      url: `/api/energy/institutions/${c.iA.id}/quotas/2026`,
      payload: { totalKgce: 400 },
    });
  });
  afterAll(() => t.close());

  it('sums an institution from its top-level points, converts to kgce and compares periods', async () => {
    const res = await c.districtA.get(`/api/energy/indicators/overview?month=2026-10`);
    expect(res.status, res.raw).toBe(200);
    const o = res.body;
    // district A: only its own institutions; sub-meters and the virtual meter are not added in
    expect(o.institutions).toBe(2);
    expect(o.totals.electricity).toBe(2000);
    expect(o.totals.gas).toBe(100);
    expect(o.totals.water).toBe(300);
    expect(o.totals.kgce).toBeCloseTo(2000 * 0.1229 + 100 * 1.2143, 2);
    expect(o.totals.carbonKg).toBeCloseTo(2000 * 0.5703 + 100 * 2.1622, 2);
    // the same month last year had 1000 kWh only; last month 1600 kWh
    expect(o.yoy).toBeCloseTo((o.totals.kgce - 122.9) / 122.9, 3);
    expect(o.mom).toBeCloseTo((o.totals.kgce - 1600 * 0.1229) / (1600 * 0.1229), 3);
    expect(o.perM2).toBeCloseTo(o.totals.kgce / 4000, 4);
    expect(o.coverage).toBe(1);
    expect(o.subItems).toEqual([
      { subItem: 'hvac', kwh: 500 },
      { subItem: 'lighting_sockets', kwh: 700 },
    ]);
    expect(o.trend).toHaveLength(13);
    expect(o.trend.at(-1)).toMatchObject({ month: '2026-10', electricity: 2000 });
    // months without readings are gaps (null), not zeros; a type without readings that month too
    const gap = { electricity: null, water: null, gas: null, heat: null, kgce: null, carbonKg: null };
    expect(o.trend.at(-3)).toEqual({ month: '2026-08', ...gap });
    expect(o.trend[0]).toEqual({
      month: '2025-10',
      ...gap,
      electricity: 1000,
      kgce: 122.9,
      carbonKg: 570.3,
    });
    const a = o.ranking.find((r: { id: string }) => r.id === c.iA.id);
    expect(a).toMatchObject({ rank: 1, electricity: 2000 });
    // quota 400 kgce for 2026, used 1600+2000 kWh + 100 m³ gas = 564 kgce: red
    expect(a.quotaColour).toBe('red');
    expect(o.quotaColours.red).toBe(1);

    const city = await c.bureau.get(`/api/energy/indicators/overview?month=2026-10`);
    expect(city.body.totals.electricity).toBeGreaterThanOrEqual(7000);
  });

  it("gives an institution's year by month against its quota", async () => {
    const res = await c.unitA1.get(`/api/energy/indicators/institutions/${c.iA.id}?year=2026`);
    expect(res.status, res.raw).toBe(200);
    expect(res.body.months).toHaveLength(12);
    expect(res.body.months[9]).toMatchObject({ month: '2026-10', electricity: 2000, water: 300 });
    expect(res.body.months[8]).toMatchObject({ month: '2026-09', electricity: 1600, water: null, gas: null });
    // the rest of the year and the months of last year without readings are gaps, not zeros
    expect(res.body.months[11]).toMatchObject({ month: '2026-12', electricity: null, kgce: null });
    expect(res.body.lastYear[0]).toMatchObject({ month: '2025-01', electricity: null, kgce: null });
    expect(res.body.lastYear[9]).toMatchObject({ month: '2025-10', electricity: 1000, water: null });
    // last year had readings in October only: no base for a year-to-date comparison
    expect(res.body.yoy).toBeNull();
    expect(res.body.quota).toMatchObject({ totalKgce: 400, source: 'quota', colour: 'red' });
    expect(res.body.yearToDate.electricity).toBe(3600);
    expect((await c.unitA1.get(`/api/energy/indicators/institutions/${c.iB.id}`)).status).toBe(403);
    // without a stored quota the national cap by floor area applies
    const other = await c.districtA.get(`/api/energy/indicators/institutions/${c.iA2.id}?year=2026`);
    expect(other.body.quota.source).toBe('national_cap');
  });

  it('draws curves of metered and virtual points', async () => {
    const points = await c.districtA.get(`/api/energy/points?institutionId=${c.iA.id}&pageSize=50`);
    const id = (cd: string) => points.body.items.find((p: { code: string }) => p.code === code(cd)).id;
    type P = { t: string; value: number | null; estimated: number | null };
    const read = (points: P[]) => points.filter((p) => p.value !== null);
    // every bucket of the period is there; one without readings is a gap (null), not a zero
    const day = await c.districtA.get(`/api/energy/points/${id('E')}/curve?granularity=day&at=2026-10`);
    expect(day.body.points).toHaveLength(31);
    expect(day.body.points[0]).toEqual({ t: '2026-10-01', value: null, estimated: null });
    expect(read(day.body.points)).toEqual([{ t: '2026-10-15', value: 2000, estimated: 0 }]);
    const hours = await c.districtA.get(`/api/energy/points/${id('E')}/curve?granularity=hour&at=2026-10-15`);
    expect(hours.body.points.map((p: P) => p.t)).toEqual(
      Array.from({ length: 24 }, (_, h) => `2026-10-15T${String(h).padStart(2, '0')}:00`),
    );
    expect(read(hours.body.points).map((p) => p.t)).toEqual(['2026-10-15T09:00', '2026-10-15T10:00']);
    const year = await c.districtA.get(`/api/energy/points/${id('E')}/curve?granularity=month&at=2026`);
    expect(year.body.points.map((p: P) => p.value)).toEqual([
      ...Array.from({ length: 8 }, () => null),
      1600,
      2000,
      null,
      null,
    ]);
    const v = await c.districtA.get(`/api/energy/points/${id('E.V')}/curve?granularity=day&at=2026-10`);
    expect(v.body.points).toHaveLength(31);
    expect(read(v.body.points)).toEqual([{ t: '2026-10-15', value: 800, estimated: 0 }]);
    const bad = await c.districtA.get(`/api/energy/points/${id('E')}/curve?granularity=hour&at=2026-10`);
    expect(bad.status).toBe(400);
  });

  it('lets the bureau change the carbon factor, audited', async () => {
    expect((await c.districtA.patch('/api/energy/settings', { carbonKgPerKwh: 0.5 })).status).toBe(403);
    const res = await c.bureau.patch('/api/energy/settings', { carbonKgPerKwh: 0.5 });
    expect(res.body.carbonKgPerKwh).toBe(0.5);
    const o = await c.districtA.get(`/api/energy/indicators/overview?month=2026-10`);
    expect(o.body.totals.carbonKg).toBeCloseTo(2000 * 0.5 + 100 * 2.1622, 2);
  });
});
