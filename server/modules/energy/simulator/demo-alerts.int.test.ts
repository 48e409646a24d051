import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { seedDemo } from '../../../kernel/demo/index.ts';
import { energy } from '../index.ts';
import { runChecks } from '../quality/checks.ts';
import { IMBALANCED_EVERY, OVER_QUOTA_EVERY } from './calibrate.ts';

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
});
