import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';

describe.each(dbKinds)('energy reading storage schema on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('partitions readings by month and creates partitions on demand', async () => {
    const parts = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_inherits
          where inhparent = 'energy_reading'::regclass`.execute(t.ctx.db)
      ).rows[0]!.n;
    const before = await parts();
    expect(before).toBeGreaterThanOrEqual(17);
    const made = await sql<{ n: number }>`select energy_reading_ensure_partitions(
      '2019-01-15T00:00:00Z'::timestamptz, '2019-03-01T00:00:00Z'::timestamptz) as n`.execute(t.ctx.db);
    expect(made.rows[0]!.n).toBe(3);
    expect(await parts()).toBe(before + 3);
    // idempotent
    const again = await sql<{ n: number }>`select energy_reading_ensure_partitions(
      '2019-01-15T00:00:00Z'::timestamptz, '2019-03-01T00:00:00Z'::timestamptz) as n`.execute(t.ctx.db);
    expect(again.rows[0]!.n).toBe(0);
  });
});
