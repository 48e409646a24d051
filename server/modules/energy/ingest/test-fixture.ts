import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import { buildJurisdiction } from '../../../kernel/testing/factories.ts';
import '../tables.ts';
import '../storage/tables.ts';

const uid = () => crypto.randomBytes(4).toString('hex');

/** An institution with metering points for ingest tests (the registry's own factories are energy-insight's). */
export async function buildMeteredInstitution(
  db: Executor,
  points: { code?: string; multiplier?: number; registerMax?: number; kind?: 'metered' | 'manual' }[] = [{}],
) {
  const j = await buildJurisdiction(db);
  const inst = await db
    .insertInto('energy_institution')
    .values({ code: `I${uid()}`, name: `测试机构${uid()}`, jurisdiction_id: j.id, kind: 'organ' })
    .returningAll()
    .executeTakeFirstOrThrow();
  const made = [];
  for (const p of points) {
    made.push(
      await db
        .insertInto('energy_point')
        .values({
          code: p.code ?? `P${uid()}`,
          name: '总表',
          institution_id: inst.id,
          jurisdiction_id: j.id,
          energy_type: 'electricity',
          unit: 'kWh',
          multiplier: p.multiplier ?? 1,
          register_max: p.registerMax ?? null,
          kind: p.kind ?? 'metered',
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
    );
  }
  return { jurisdiction: j, institution: inst, points: made };
}

/** The rollups of one point as plain numbers, for assertions. */
export async function rollupsOf(db: Executor, pointId: string) {
  const hours = await sql<{ hour: string; consumption: number; samples: number; estimated: number }>`
    select to_char(hour at time zone 'UTC', 'YYYY-MM-DD"T"HH24') as hour, consumption, samples, estimated
    from energy_rollup_hour where point_id = ${pointId} and (consumption <> 0 or samples <> 0) order by 1`.execute(
    db,
  );
  const days = await sql<{ day: string; consumption: number; samples: number }>`
    select day::text as day, consumption, samples from energy_rollup_day
    where point_id = ${pointId} and (consumption <> 0 or samples <> 0) order by 1`.execute(db);
  const months = await sql<{ month: string; consumption: number; samples: number }>`
    select month::text as month, consumption, samples from energy_rollup_month
    where point_id = ${pointId} and (consumption <> 0 or samples <> 0) order by 1`.execute(db);
  return { hours: hours.rows, days: days.rows, months: months.rows };
}

export async function deltasOf(db: Executor, pointId: string) {
  const r = await sql<{ ts: string; register: number | null; delta: number | null; estimated: boolean }>`
    select to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as ts, register, delta, estimated
    from energy_reading where point_id = ${pointId} order by ts`.execute(db);
  return r.rows;
}
