import { sql } from 'kysely';
import type { CliTools } from '../../../kernel/module.ts';
import { DataDirLockedError } from '../../../kernel/db/lock.ts';
import type { SimPoint } from './shape.ts';
import { POINT_BASES } from './shape.sql.ts';

/** A point the simulator publishes for, with its last stored register when the database told it. */
export type SimRow = SimPoint & { register: number | null };

/** What the points' list answers (GET /api/energy/points). */
interface PointsPage {
  items: {
    id: string;
    code: string;
    energyType: SimPoint['energyType'];
    subItem: SimPoint['subItem'];
    multiplier: number;
    kind: string;
    active: boolean;
  }[];
  total: number;
}

/**
 * The metered, active points over the platform's API (`get` answers a path with its status and body,
 * signed in with an energy.ingest machine token), in code order, at most `limit`. Their registers are
 * unknown: the simulator then publishes interval consumption, which needs no register to continue.
 */
export async function simPointsOverHttp(
  get: (path: string) => Promise<{ status: number; body: unknown }>,
  limit: number,
): Promise<SimRow[]> {
  const out: SimRow[] = [];
  for (let page = 1; out.length < limit; page++) {
    const res = await get(`/api/energy/points?kind=metered&active=true&sort=code&pageSize=500&page=${page}`);
    if (res.status !== 200)
      throw new Error(`listing the points answered ${res.status}: ${JSON.stringify(res.body)}`);
    const body = res.body as PointsPage;
    for (const p of body.items)
      out.push({
        id: p.id,
        code: p.code,
        energyType: p.energyType,
        subItem: p.subItem,
        multiplier: p.multiplier,
        register: null,
      });
    if (body.items.length === 0 || page * 500 >= body.total) break;
  }
  return out.slice(0, limit);
}

/**
 * The simulator's points: from the database with each point's last stored register (the simulation
 * continues it), or — when the embedded database is held by the platform that is serving (PGlite has
 * one process) — from that platform's API at `apiUrl` with the machine token.
 */
export async function loadSimPoints(
  cli: CliTools,
  opts: { token?: string; apiUrl: string; limit: number },
): Promise<{ points: SimRow[]; registers: boolean }> {
  let ctx;
  try {
    ctx = await cli.open();
  } catch (e) {
    if (!(e instanceof DataDirLockedError)) throw e;
    if (!opts.token) throw new Error(`${e.message} To simulate against it, pass --token (energy.ingest).`);
    cli.say(
      `the embedded database is in use by the running platform: listing its points from ${opts.apiUrl}`,
    );
    const points = await simPointsOverHttp(async (path) => {
      const res = await fetch(`${opts.apiUrl}${path}`, {
        headers: { authorization: `Bearer ${opts.token}` },
      });
      return { status: res.status, body: await res.json() };
    }, opts.limit);
    return { points, registers: false };
  }
  try {
    const rows = await sql<SimRow>`
      select p.id, p.code, p.energy_type as "energyType", p.sub_item as "subItem", p.multiplier::float8 as multiplier,
             b.base, r.register
      from energy_point p
      join (${sql.raw(POINT_BASES)}) b on b.id = p.id
      left join lateral (select register from energy_reading x
                         where x.institution_id = p.institution_id and x.point_id = p.id and x.register is not null
                         order by ts desc limit 1) r on true
      where p.kind = 'metered' and p.active order by p.code limit ${opts.limit}`.execute(ctx.db);
    return { points: rows.rows, registers: true };
  } finally {
    await ctx.database.close();
  }
}
