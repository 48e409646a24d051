import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { energyCity, type EnergyCity } from '../registry/test-fixture.ts';
import { simPointsOverHttp } from './points.ts';

describe.each(dbKinds)('the simulator listing points over the API on %s', (kind) => {
  let t: TestApp;
  let c: EnergyCity;
  beforeAll(async () => {
    t = await createTestApp(kind);
    c = await energyCity(t);
    const add = async (code: string, body: Record<string, unknown> = {}) => {
      const res = await c.bureau.post('/api/energy/points', {
        institutionId: c.iA.id,
        code: `${code}${c.tag}`,
        name: code,
        energyType: 'electricity',
        ...body,
      });
      if (res.status !== 201) throw new Error(res.raw);
    };
    await add('S2', { multiplier: 40 });
    await add('S1');
    await add('S3', { kind: 'virtual', formula: `S1${c.tag} + S2${c.tag}` });
    await add('S4', { kind: 'manual' });
    await add('S5', { active: false });
  });
  afterAll(() => t.close());

  it('lists the metered, active points in code order with an energy.ingest token, registers unknown', async () => {
    const points = await simPointsOverHttp((path) => c.gateway.get(path), 1e9);
    const mine = points.filter((p) => p.code.endsWith(c.tag));
    expect(mine.map((p) => p.code)).toEqual([`S1${c.tag}`, `S2${c.tag}`]);
    expect(mine[1]).toMatchObject({
      energyType: 'electricity',
      subItem: null,
      multiplier: 40,
      register: null,
    });
    expect(await simPointsOverHttp((path) => c.gateway.get(path), 1)).toHaveLength(1);
    // another machine's token is refused, and said so
    await expect(simPointsOverHttp((path) => c.otherMachine.get(path), 10)).rejects.toThrow(/answered 403/);
  });
});
