import { sql } from 'kysely';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Db } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { registerOwnerResolver } from '../../../kernel/http/access.ts';
import { conflict, fieldError, pgError } from '../shared.ts';
import { ringProblem, type LonLat } from './geometry.ts';

/** Geofences (电子围栏): named polygons per jurisdiction; a trip of the pool's vehicle leaving all of them is alerted. */
registerOwnerResolver('vehicles.geofence', async (db, id) => {
  const g = await db
    .selectFrom('veh_geofence')
    .select('jurisdiction_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return g && { jurisdictionId: g.jurisdiction_id, unitId: null };
});

export async function listGeofences(db: Db, scope: DataScope) {
  const rows = await db
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
    .where(scope.where({ jurisdiction: 'g.jurisdiction_id' }))
    .orderBy('j.sort')
    .orderBy('g.name')
    .execute();
  return rows.map((g) => ({
    id: g.id,
    jurisdictionId: g.jurisdiction_id,
    jurisdiction: g.jurisdiction,
    name: g.name,
    ring: g.ring,
    active: g.active,
    updatedAt: new Date(g.updated_at).toISOString(),
  }));
}

function checkRing(ring: LonLat[]) {
  const problem = ringProblem(ring);
  if (problem) {
    throw fieldError('ring', 'bad_ring', {
      'zh-CN': `围栏多边形无效：${problem}`,
      en: `Invalid geofence polygon: ${problem}`,
    });
  }
}

const taken = () =>
  conflict('name', 'geofence_name_taken', {
    'zh-CN': '本辖区已有同名围栏',
    en: 'This jurisdiction already has a geofence of that name',
  });

export async function createGeofence(
  db: Db,
  actor: Actor,
  input: { jurisdictionId: string; name: string; ring: LonLat[] },
) {
  checkRing(input.ring);
  try {
    return await inTransaction(db, async (tx) => {
      const g = await tx
        .insertInto('veh_geofence')
        .values({ jurisdiction_id: input.jurisdictionId, name: input.name, ring: JSON.stringify(input.ring) })
        .returning('id')
        .executeTakeFirstOrThrow();
      await audit(tx, actor, {
        entity: 'vehicles.geofence',
        entityId: g.id,
        action: 'create',
        after: { name: input.name, points: input.ring.length },
        jurisdictionId: input.jurisdictionId,
      });
      return { id: g.id };
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw taken();
    throw e;
  }
}

export async function updateGeofence(
  db: Db,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; ring?: LonLat[] | undefined; active?: boolean | undefined },
) {
  if (patch.ring) checkRing(patch.ring);
  try {
    return await inTransaction(db, async (tx) => {
      const before = await tx.selectFrom('veh_geofence').selectAll().where('id', '=', id).executeTakeFirst();
      if (!before) throw errors.notFound('vehicles.geofence', id);
      await tx
        .updateTable('veh_geofence')
        .set({
          ...(patch.name !== undefined && { name: patch.name }),
          ...(patch.ring !== undefined && { ring: JSON.stringify(patch.ring) }),
          ...(patch.active !== undefined && { active: patch.active }),
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      await audit(tx, actor, {
        entity: 'vehicles.geofence',
        entityId: id,
        action: 'update',
        before: { name: before.name, active: before.active, points: before.ring.length },
        after: { name: patch.name, active: patch.active, points: patch.ring?.length },
        jurisdictionId: before.jurisdiction_id,
      });
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw taken();
    throw e;
  }
}
