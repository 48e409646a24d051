import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { seedDemo } from '../../../kernel/demo/index.ts';
import { energy } from '../index.ts';
import { runChecks } from '../quality/checks.ts';
import { IMBALANCED_EVERY, OVER_QUOTA_EVERY } from './calibrate.ts';
import { DataScope } from '../../../kernel/access/scope.ts';
import { amounts } from '../indicators/repository.ts';
import { monthsEnding, toKgce, zeroAmounts, addAmounts } from '../indicators/calc.ts';

/**
 * A fresh demo city, checked at once (the hourly job's first run): only the alerts the demo means to
 * show — a few deliberate main/sub-meter imbalances and institutions on course to exceed their
 * quota — and no offline meter, since every metered point has its recent raw readings.
 */
describe.each(dbKinds)('the demo city data quality on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.ctx, () => {}, [energy]);
  }, 600_000);
  afterAll(() => t.close());

  it('raises only the intended alerts when the checks run straight after seeding', async () => {
    const r = await runChecks(t.ctx.db, t.ctx.config.timeZone);
    const counts = await sql<{ parents: number; institutions: number }>`
      select (select count(*)::int from energy_point p where p.kind = 'metered' and p.active and exists (
                select 1 from energy_point c where c.parent_id = p.id and c.kind = 'metered' and c.active)) as parents,
             (select count(*)::int from energy_institution) as institutions`.execute(t.ctx.db);
    const { parents, institutions } = counts.rows[0]!;
    expect(r.found.offline).toBe(0);
    expect(r.found.imbalance).toBeGreaterThan(0);
    expect(r.found.imbalance).toBeLessThanOrEqual(Math.ceil((3 * parents) / IMBALANCED_EVERY));
    expect(r.found.over_quota).toBeGreaterThan(0);
    expect(r.found.over_quota).toBeLessThanOrEqual(Math.ceil((3 * institutions) / OVER_QUOTA_EVERY));
    // main meters agree with their sub-meters in the raw readings too (registers follow the deltas)
    const raw = await sql<{ off: number }>`
      select count(*)::int as off from energy_reading r
      join energy_point p on p.id = r.point_id
      join lateral (select sum(c.delta) as s from energy_point ch join energy_reading c
                    on c.point_id = ch.id and c.institution_id = ch.institution_id and c.ts = r.ts
                    where ch.parent_id = p.id and ch.kind = 'metered' and ch.active) x on x.s is not null
      where abs(r.delta - x.s) > 0.09 * x.s and abs(r.delta - 1.3 * x.s) > 0.001 * x.s`.execute(t.ctx.db);
    expect(raw.rows[0]!.off).toBe(0);
  }, 600_000);

  it('gives every kind of institution a realistic yearly intensity (kgce/m², kgce/person)', async () => {
    // the 12 complete months before this one
    const now = new Date();
    const thisMonth = new Intl.DateTimeFormat('en-CA', {
      timeZone: t.ctx.config.timeZone,
      year: 'numeric',
      month: '2-digit',
    }).format(now);
    const last = monthsEnding(thisMonth, 2)[0]!;
    const rows = await amounts(t.ctx.db, DataScope.everything(), {}, monthsEnding(last, 12), {
      institution: true,
      month: false,
    });
    const used = new Map<string, ReturnType<typeof zeroAmounts>>();
    for (const r of rows)
      used.set(
        r.institution_id!,
        addAmounts(used.get(r.institution_id!) ?? zeroAmounts(), { [r.energy_type]: r.metered + r.manual }),
      );
    const facts = await sql<{ id: string; kind: string; area: number; occupants: number }>`
      select i.id, i.kind, sum(b.floor_area)::float8 as area, i.occupants
      from energy_institution i join energy_building b on b.institution_id = i.id group by i.id`.execute(
      t.ctx.db,
    );
    const perM2 = new Map<string, number[]>();
    const perPerson = new Map<string, number[]>();
    let cityKgce = 0;
    let cityArea = 0;
    for (const f of facts.rows) {
      const kgce = toKgce(used.get(f.id) ?? zeroAmounts());
      cityKgce += kgce;
      cityArea += f.area;
      perM2.set(f.kind, [...(perM2.get(f.kind) ?? []), kgce / f.area]);
      perPerson.set(f.kind, [...(perPerson.get(f.kind) ?? []), kgce / Math.max(1, f.occupants)]);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    // real public institutions: 5–40 kgce/m² a year (2020 national mean 18.48)
    expect(cityKgce / cityArea).toBeGreaterThan(8);
    expect(cityKgce / cityArea).toBeLessThan(30);
    const bands: Record<string, [number, number]> = {
      organ: [10, 20],
      institution: [8, 20],
      school: [5, 10],
      hospital: [25, 45],
      venue: [8, 25],
    };
    for (const [kind, [lo, hi]] of Object.entries(bands)) {
      const m = median(perM2.get(kind) ?? [NaN]);
      expect(m, `${kind} kgce/m²`).toBeGreaterThan(lo);
      expect(m, `${kind} kgce/m²`).toBeLessThan(hi);
    }
    // offices: about 300–600 kgce per person and year
    const organs = median(perPerson.get('organ')!);
    expect(organs).toBeGreaterThan(300);
    expect(organs).toBeLessThan(600);
  }, 600_000);
});
