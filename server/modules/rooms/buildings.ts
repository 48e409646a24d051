import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { DomainError, errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { likePattern } from '../../kernel/http/paging.ts';
import './tables.ts';

/** The office-building registry (办公楼): contracts, queries and writes. */

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const buildingCreate = z.object({
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
  name: text(120),
  address: optionalText(200),
  unitId: z.uuid(),
  floors: z.number().int().min(1).max(200).default(1),
  lon: z.number().min(-180).max(180).nullish(),
  lat: z.number().min(-90).max(90).nullish(),
});
export const buildingPatch = buildingCreate.omit({ unitId: true }).partial();
export type BuildingCreate = z.infer<typeof buildingCreate>;
export type BuildingPatch = z.infer<typeof buildingPatch>;

export const building = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  address: z.string().nullable(),
  jurisdictionId: z.string(),
  jurisdictionName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  floors: z.number().int(),
  lon: z.number().nullable(),
  lat: z.number().nullable(),
  roomCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Building = z.infer<typeof building>;

export const buildingQuery = z.object({
  jurisdictionId: z.uuid().optional(),
  unitId: z.uuid().optional(),
  q: z.string().trim().max(100).optional(),
});
export type BuildingQuery = z.infer<typeof buildingQuery>;

function rows(db: Executor) {
  return db
    .selectFrom('office_building as b')
    .innerJoin('org_jurisdiction as j', 'j.id', 'b.jurisdiction_id')
    .innerJoin('org_unit as u', 'u.id', 'b.unit_id')
    .select([
      'b.id',
      'b.code',
      'b.name',
      'b.address',
      'b.jurisdiction_id',
      'j.name as jurisdiction_name',
      'b.unit_id',
      'u.name as unit_name',
      'b.floors',
      'b.lon',
      'b.lat',
      'b.created_at',
      'b.updated_at',
      sql<number>`(select count(*)::int from meeting_room r where r.building_id = b.id and r.active)`.as(
        'room_count',
      ),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

function toDto(r: Row): Building {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    address: r.address,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    floors: r.floors,
    lon: r.lon,
    lat: r.lat,
    roomCount: r.room_count,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** Buildings, optionally filtered and restricted to a data scope (null: every building). */
export async function listBuildings(
  db: Executor,
  filters: BuildingQuery = {},
  scope: DataScope | null = null,
): Promise<Building[]> {
  let q = rows(db);
  if (scope) q = q.where(scope.where({ jurisdiction: 'b.jurisdiction_id', unit: 'b.unit_id' }));
  if (filters.jurisdictionId) q = q.where('b.jurisdiction_id', '=', filters.jurisdictionId);
  if (filters.unitId) q = q.where('b.unit_id', '=', filters.unitId);
  if (filters.q) {
    const p = likePattern(filters.q);
    q = q.where((eb) =>
      eb.or([eb('b.name', 'ilike', p), eb('b.code', 'ilike', p), eb('b.address', 'ilike', p)]),
    );
  }
  return (await q.orderBy('b.code').execute()).map(toDto);
}

/** One building, or undefined. */
export async function getBuilding(db: Executor, id: string): Promise<Building | undefined> {
  const r = await rows(db).where('b.id', '=', id).executeTakeFirst();
  return r && toDto(r);
}

const codeTaken = () =>
  new DomainError(
    'building_code_taken',
    'conflict',
    { 'zh-CN': '办公楼编码已被使用', en: 'The building code is already used' },
    [{ field: 'code', code: 'building_code_taken' }],
  );

async function assertCodeFree(db: Executor, code: string, exceptId: string | null) {
  let q = db.selectFrom('office_building').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw codeTaken();
}

export async function createBuilding(db: Db, actor: Actor, input: BuildingCreate): Promise<Building> {
  return inTransaction(db, async (tx) => {
    const unit = await tx
      .selectFrom('org_unit')
      .select(['id', 'jurisdiction_id'])
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!unit)
      throw errors.field('unitId', 'unknown_unit', {
        'zh-CN': '管理单位不存在',
        en: 'Unknown managing unit',
      });
    await assertCodeFree(tx, input.code, null);
    const values = {
      code: input.code,
      name: input.name,
      address: input.address,
      jurisdiction_id: unit.jurisdiction_id,
      unit_id: unit.id,
      floors: input.floors,
      lon: input.lon ?? null,
      lat: input.lat ?? null,
    };
    const row = await tx
      .insertInto('office_building')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'rooms.building',
      entityId: row.id,
      action: 'create',
      after: values,
      jurisdictionId: values.jurisdiction_id,
      unitId: values.unit_id,
    });
    return (await getBuilding(tx, row.id))!;
  });
}

export async function updateBuilding(
  db: Db,
  actor: Actor,
  id: string,
  patch: BuildingPatch,
): Promise<Building> {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('office_building').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('rooms.building', id);
    const next: Record<string, unknown> = {};
    const prev: Record<string, unknown> = {};
    for (const [k, col] of [
      ['code', 'code'],
      ['name', 'name'],
      ['address', 'address'],
      ['floors', 'floors'],
      ['lon', 'lon'],
      ['lat', 'lat'],
    ] as const) {
      const v = patch[k];
      if (v !== undefined && v !== before[col]) {
        next[col] = v;
        prev[col] = before[col];
      }
    }
    if (Object.keys(next).length === 0) return (await getBuilding(tx, id))!;
    if (typeof next.code === 'string') await assertCodeFree(tx, next.code, id);
    await tx
      .updateTable('office_building')
      .set({ ...next, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'rooms.building',
      entityId: id,
      action: 'update',
      before: prev,
      after: next,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
    return (await getBuilding(tx, id))!;
  });
}

export async function deleteBuilding(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('office_building').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('rooms.building', id);
    const used = await tx
      .selectFrom('meeting_room')
      .select('id')
      .where('building_id', '=', id)
      .executeTakeFirst();
    if (used) {
      throw errors.conflict('building_has_rooms', {
        'zh-CN': '该办公楼下仍有会议室，不能删除',
        en: 'The building still has meeting rooms and cannot be deleted',
      });
    }
    try {
      await tx.deleteFrom('office_building').where('id', '=', id).execute();
    } catch (e) {
      if ((e as { code?: string }).code === '23503') {
        throw errors.conflict('building_referenced', {
          'zh-CN': '该办公楼仍被其他业务引用，不能删除',
          en: 'The building is still referenced by other records and cannot be deleted',
        });
      }
      throw e;
    }
    await audit(tx, actor, {
      entity: 'rooms.building',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}
