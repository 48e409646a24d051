import { sql } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import { conflict, fieldError, pgError } from '../shared.ts';
import type { Category } from '../tables.ts';
import { normaliseRing, ringProblem, type LonLat } from './geometry.ts';
import './tables.ts';

/**
 * Geofences (电子围栏): named polygons owned by a jurisdiction, watching the vehicles of the pools they
 * cover (narrowed to categories and named vehicles when listed); a trip whose vehicle leaves the active
 * fences that bound it (the most specific that apply, fence-scope.ts) is alerted (evaluate.ts).
 */
registerOwnerResolver('vehicles.geofence', async (db, id) => {
  const g = await db
    .selectFrom('veh_geofence')
    .select('jurisdiction_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return g && { jurisdictionId: g.jurisdiction_id, unitId: null };
});

export interface GeofenceScopeInput {
  pools?: string[] | undefined;
  categories?: Category[] | undefined;
  vehicleIds?: string[] | undefined;
}

export async function listGeofences(
  db: Db,
  scope: DataScope,
  q: { jurisdictionId?: string | undefined; active?: boolean | undefined } = {},
) {
  let query = db
    .selectFrom('veh_geofence as g')
    .innerJoin('org_jurisdiction as j', 'j.id', 'g.jurisdiction_id')
    .select([
      'g.id',
      'g.jurisdiction_id',
      'j.name as jurisdiction',
      'g.name',
      'g.ring',
      'g.active',
      'g.updated_at',
    ])
    .where(scope.where({ jurisdiction: 'g.jurisdiction_id' }));
  if (q.jurisdictionId) query = query.where('g.jurisdiction_id', '=', q.jurisdictionId);
  if (q.active !== undefined) query = query.where('g.active', '=', q.active);
  const rows = await query.orderBy('j.sort').orderBy('g.name').execute();
  const ids = rows.map((g) => g.id);
  const [pools, cats, cars] = ids.length
    ? await Promise.all([
        db
          .selectFrom('veh_geofence_pool as p')
          .innerJoin('org_jurisdiction as j', 'j.id', 'p.jurisdiction_id')
          .select(['p.geofence_id', 'j.id', 'j.name'])
          .where('p.geofence_id', 'in', ids)
          .orderBy('j.sort')
          .execute(),
        db
          .selectFrom('veh_geofence_category')
          .select(['geofence_id', 'category'])
          .where('geofence_id', 'in', ids)
          .orderBy('category')
          .execute(),
        db
          .selectFrom('veh_geofence_vehicle as x')
          .innerJoin('veh_vehicle as v', 'v.id', 'x.vehicle_id')
          .select(['x.geofence_id', 'v.id', 'v.plate'])
          .where('x.geofence_id', 'in', ids)
          .orderBy('v.plate')
          .execute(),
      ])
    : [[], [], []];
  const of = <T extends { geofence_id: string }>(list: T[], id: string) =>
    list.filter((x) => x.geofence_id === id);
  return rows.map((g) => ({
    id: g.id,
    jurisdictionId: g.jurisdiction_id,
    jurisdiction: g.jurisdiction,
    name: g.name,
    ring: g.ring,
    active: g.active,
    pools: of(pools, g.id).map((p) => ({ id: p.id, name: p.name })),
    categories: of(cats, g.id).map((c) => c.category),
    vehicles: of(cars, g.id).map((v) => ({ id: v.id, plate: v.plate })),
    updatedAt: new Date(g.updated_at).toISOString(),
  }));
}

/** The ring as stored, or a 400 naming `ring` with what is wrong. */
function checkedRing(input: readonly LonLat[]): LonLat[] {
  const ring = normaliseRing(input);
  const problem = ringProblem(ring);
  if (!problem) return ring;
  switch (problem.code) {
    case 'too_few_points':
      throw fieldError('ring', 'geofence_too_few_points', {
        'zh-CN': '围栏至少需要三个不同的顶点',
        en: 'A geofence needs at least three distinct vertices',
      });
    case 'out_of_range':
      throw fieldError('ring', 'geofence_out_of_range', {
        'zh-CN': `围栏顶点超出范围（经度 73–136，纬度 3–54）：${problem.point.join(', ')}`,
        en: `A geofence vertex is out of range (longitude 73–136, latitude 3–54): ${problem.point.join(', ')}`,
      });
    case 'self_intersecting':
      throw fieldError('ring', 'geofence_self_intersecting', {
        'zh-CN': `围栏的边相互交叉（第 ${problem.edges[0] + 1} 与第 ${problem.edges[1] + 1} 条边），请调整顶点`,
        en: `The geofence's edges cross (edges ${problem.edges[0] + 1} and ${problem.edges[1] + 1}); move the vertices`,
      });
  }
}

/**
 * Checks what a fence of `owner` may watch: a district's fence its own pool, the city's any pool;
 * named vehicles of those pools and of the listed categories.
 */
async function checkScope(
  tx: Tx,
  owner: string,
  s: { pools: string[]; categories: Category[]; vehicleIds: string[] },
): Promise<void> {
  const pools = await tx
    .selectFrom('org_jurisdiction')
    .select('id')
    .where('id', 'in', s.pools)
    .where((eb) =>
      eb.or([
        eb('id', '=', owner),
        eb.exists(
          eb
            .selectFrom('org_jurisdiction as o')
            .select('o.id')
            .where('o.id', '=', owner)
            .where('o.kind', '=', 'city'),
        ),
      ]),
    )
    .execute();
  if (pools.length !== s.pools.length)
    throw fieldError('pools', 'geofence_pool_outside', {
      'zh-CN': '区级围栏只能适用于本辖区的车辆池（市级围栏可适用于各区）',
      en: "A district's geofence can only cover its own pool (the city's may cover any)",
    });
  if (!s.vehicleIds.length) return;
  let q = tx
    .selectFrom('veh_vehicle')
    .select('id')
    .where('id', 'in', s.vehicleIds)
    .where('jurisdiction_id', 'in', s.pools);
  if (s.categories.length) q = q.where('category', 'in', s.categories);
  if ((await q.execute()).length !== s.vehicleIds.length)
    throw fieldError('vehicleIds', 'geofence_vehicle_outside', {
      'zh-CN': '所选车辆不属于围栏适用的车辆池或车辆类别',
      en: "A chosen vehicle is not in the geofence's pools or categories",
    });
}

async function writeScope(
  tx: Tx,
  id: string,
  s: { pools: string[]; categories: Category[]; vehicleIds: string[] },
): Promise<void> {
  await tx.deleteFrom('veh_geofence_pool').where('geofence_id', '=', id).execute();
  await tx.deleteFrom('veh_geofence_category').where('geofence_id', '=', id).execute();
  await tx.deleteFrom('veh_geofence_vehicle').where('geofence_id', '=', id).execute();
  await tx
    .insertInto('veh_geofence_pool')
    .values(s.pools.map((p) => ({ geofence_id: id, jurisdiction_id: p })))
    .execute();
  if (s.categories.length)
    await tx
      .insertInto('veh_geofence_category')
      .values(s.categories.map((c) => ({ geofence_id: id, category: c })))
      .execute();
  if (s.vehicleIds.length)
    await tx
      .insertInto('veh_geofence_vehicle')
      .values(s.vehicleIds.map((v) => ({ geofence_id: id, vehicle_id: v })))
      .execute();
}

async function currentScope(tx: Tx, id: string) {
  const [pools, cats, cars] = await Promise.all([
    tx.selectFrom('veh_geofence_pool').select('jurisdiction_id').where('geofence_id', '=', id).execute(),
    tx.selectFrom('veh_geofence_category').select('category').where('geofence_id', '=', id).execute(),
    tx.selectFrom('veh_geofence_vehicle').select('vehicle_id').where('geofence_id', '=', id).execute(),
  ]);
  return {
    pools: pools.map((p) => p.jurisdiction_id).sort(),
    categories: cats.map((c) => c.category).sort(),
    vehicleIds: cars.map((v) => v.vehicle_id).sort(),
  };
}

/** The fence locked for a change, its scope, and the audit's picture of both; 404 when unknown. */
async function locked(tx: Tx, id: string) {
  const before = await tx
    .selectFrom('veh_geofence')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw errors.notFound('vehicles.geofence', id);
  const was = await currentScope(tx, id);
  return {
    before,
    was,
    summary: { name: before.name, active: before.active, points: before.ring.length, ...was },
  };
}

const uniq = <T>(xs: readonly T[]): T[] => [...new Set(xs)].sort();

const taken = () =>
  conflict('name', 'geofence_name_taken', {
    'zh-CN': '本辖区已有同名围栏',
    en: 'This jurisdiction already has a geofence of that name',
  });

async function named<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (e) {
    if (pgError(e)?.code === '23505') throw taken();
    throw e;
  }
}

export async function createGeofence(
  db: Db,
  actor: Actor,
  input: {
    jurisdictionId: string;
    name: string;
    ring: LonLat[];
    active?: boolean | undefined;
  } & GeofenceScopeInput,
) {
  const ring = checkedRing(input.ring);
  const scope = {
    pools: uniq(input.pools?.length ? input.pools : [input.jurisdictionId]),
    categories: uniq(input.categories ?? []),
    vehicleIds: uniq(input.vehicleIds ?? []),
  };
  return named(() =>
    inTransaction(db, async (tx) => {
      await checkScope(tx, input.jurisdictionId, scope);
      const g = await tx
        .insertInto('veh_geofence')
        .values({
          jurisdiction_id: input.jurisdictionId,
          name: input.name,
          ring: JSON.stringify(ring),
          ...(input.active !== undefined && { active: input.active }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeScope(tx, g.id, scope);
      await audit(tx, actor, {
        entity: 'vehicles.geofence',
        entityId: g.id,
        action: 'create',
        after: { name: input.name, points: ring.length, active: input.active ?? true, ...scope },
        jurisdictionId: input.jurisdictionId,
      });
      return { id: g.id };
    }),
  );
}

export async function updateGeofence(
  db: Db,
  actor: Actor,
  id: string,
  patch: {
    name?: string | undefined;
    ring?: LonLat[] | undefined;
    active?: boolean | undefined;
  } & GeofenceScopeInput,
) {
  const ring = patch.ring && checkedRing(patch.ring);
  return named(() =>
    inTransaction(db, async (tx) => {
      const { before, was, summary } = await locked(tx, id);
      const rescoped =
        patch.pools !== undefined || patch.categories !== undefined || patch.vehicleIds !== undefined;
      const scope = {
        pools: patch.pools?.length ? uniq(patch.pools) : was.pools,
        categories: patch.categories ? uniq(patch.categories) : was.categories,
        vehicleIds: patch.vehicleIds ? uniq(patch.vehicleIds) : was.vehicleIds,
      };
      if (rescoped) {
        await checkScope(tx, before.jurisdiction_id, scope);
        await writeScope(tx, id, scope);
      }
      await tx
        .updateTable('veh_geofence')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(ring && { ring: JSON.stringify(ring) }),
          ...(patch.active !== undefined && { active: patch.active }),
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await audit(tx, actor, {
        entity: 'vehicles.geofence',
        entityId: id,
        action:
          patch.active !== undefined &&
          patch.active !== before.active &&
          !ring &&
          !rescoped &&
          patch.name === undefined
            ? patch.active
              ? 'activate'
              : 'deactivate'
            : 'update',
        before: summary,
        after: {
          name: patch.name ?? before.name,
          active: patch.active ?? before.active,
          points: ring?.length ?? before.ring.length,
          ...scope,
        },
        jurisdictionId: before.jurisdiction_id,
      });
    }),
  );
}

/** Deletes a geofence and its scope; alerts already raised keep their detail. */
export async function deleteGeofence(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const { before, summary } = await locked(tx, id);
    await tx.deleteFrom('veh_geofence').where('id', '=', id).execute();
    await audit(tx, actor, {
      entity: 'vehicles.geofence',
      entityId: id,
      action: 'delete',
      before: summary,
      jurisdictionId: before.jurisdiction_id,
    });
  });
}
