import crypto from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { buildAccount } from '../../../kernel/testing/factories.ts';
import {
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../../kernel/testing/harness.ts';
import { ingestReadings } from '../ingest/pipeline.ts';
import { buildMeteredInstitution } from '../ingest/test-fixture.ts';
import { rebuildInstitutionRollups } from './institution.ts';

const opts = { source: 'http' as const, timeZone: 'Asia/Shanghai' };
const MONTHS = Array.from({ length: 12 }, (_, k) => `m${k + 1}`);

type Row = { year: number; series: string; months: (number | null)[] };
const _ = null;

/** The institution rollups of one institution (a month without readings null), zero rows left out. */
async function stored(db: Executor, institutionId: string): Promise<Row[]> {
  const rows = await sql<Record<string, number | string>>`
    select * from energy_rollup_institution where institution_id = ${institutionId} order by series, year`.execute(
    db,
  );
  return rows.rows
    .map((r) => ({
      year: Number(r.year),
      series: String(r.series),
      months: MONTHS.map((c) => (r[c] === null ? null : Math.round(Number(r[c]) * 1000) / 1000)),
    }))
    .filter((r) => r.months.some((v) => v !== 0 && v !== null));
}

/** The same rebuilt from the month rollups, in a transaction rolled back. */
async function rebuilt(db: Db, institutionId: string): Promise<Row[]> {
  let rows: Row[] = [];
  const undo = new Error('roll back');
  await db
    .transaction()
    .execute(async (tx) => {
      await rebuildInstitutionRollups(tx, [institutionId]);
      rows = await stored(tx, institutionId);
      throw undo;
    })
    .catch((e: unknown) => {
      if (e !== undo) throw e;
    });
  return rows;
}

describe.each(dbKinds)('institution rollups on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    admin = await signIn(t.app, a.username, a.password);
  });
  afterAll(() => t.close());

  it('follow every write of the month rollups: in-order and late readings, a new main meter, a deleted point', async () => {
    const { institution, jurisdiction, points } = await buildMeteredInstitution(t.ctx.db, [{}, {}]);
    const [main, hvac] = points as [(typeof points)[0], (typeof points)[0]];
    await t.ctx.db
      .updateTable('energy_point')
      .set({ parent_id: main.id, sub_item: 'hvac', name: '空调' })
      .where('id', '=', hvac.id)
      .execute();
    const water = await t.ctx.db
      .insertInto('energy_point')
      .values({
        code: `W${crypto.randomBytes(4).toString('hex')}`,
        name: '水表',
        institution_id: institution.id,
        jurisdiction_id: jurisdiction.id,
        energy_type: 'water',
        unit: 'm3',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    // across the end of October in Beijing (16:00 UTC on 31 Oct is midnight)
    const ts = [
      '2026-10-31T15:30:00Z',
      '2026-10-31T15:45:00Z',
      '2026-10-31T16:15:00Z',
      '2026-10-31T16:30:00Z',
    ];
    const batch = (code: string, values: number[], at = ts) =>
      values.map((value, k) => ({ point: code, ts: at[k]!, value }));
    await ingestReadings(
      t.ctx.db,
      [
        ...batch(main.code, [100, 110, 130, 140]),
        ...batch(hvac.code, [10, 14, 20, 22]),
        ...batch(water.code, [5, 6, 8, 9]),
      ],
      opts,
    );
    expect(await stored(t.ctx.db, institution.id)).toEqual([
      { year: 2026, series: 'electricity', months: [_, _, _, _, _, _, _, _, _, 10, 30, _] },
      { year: 2026, series: 'sub_item:hvac', months: [_, _, _, _, _, _, _, _, _, 4, 8, _] },
      { year: 2026, series: 'water', months: [_, _, _, _, _, _, _, _, _, 1, 3, _] },
    ]);
    // a late reading splits October's last interval and November's first: the rollups move with it
    await ingestReadings(t.ctx.db, [{ point: main.code, ts: '2026-10-31T16:00:00Z', value: 125 }], opts);
    const afterLate = await stored(t.ctx.db, institution.id);
    expect(afterLate[0]).toEqual({
      year: 2026,
      series: 'electricity',
      months: [_, _, _, _, _, _, _, _, _, 25, 15, _],
    });
    expect(afterLate).toEqual(await rebuilt(t.ctx.db, institution.id));

    // the sub-meter becomes a main meter of its own: it now counts in the institution's electricity
    const moved = await admin.patch(`/api/energy/points/${hvac.id}`, { parentId: null });
    expect(moved.status).toBe(200);
    const afterMove = await stored(t.ctx.db, institution.id);
    expect(afterMove[0]).toEqual({
      year: 2026,
      series: 'electricity',
      months: [_, _, _, _, _, _, _, _, _, 29, 23, _],
    });
    expect(afterMove).toEqual(await rebuilt(t.ctx.db, institution.id));

    const gone = await admin.delete(`/api/energy/points/${water.id}`);
    expect(gone.status).toBe(204);
    expect((await stored(t.ctx.db, institution.id)).map((r) => r.series)).toEqual([
      'electricity',
      'sub_item:hvac',
    ]);

    // a meter that reports no consumption is a month with readings: 0, not a gap (a September reading
    // of the register October starts from: its own delta unknown, October's first one now 0)
    await ingestReadings(t.ctx.db, [{ point: main.code, ts: '2026-09-05T00:00:00Z', value: 100 }], opts);
    const quiet = await stored(t.ctx.db, institution.id);
    expect(quiet[0]!.months.slice(7)).toEqual([_, 0, 29, 23, _]);
    expect(quiet).toEqual(await rebuilt(t.ctx.db, institution.id));
  });
});
