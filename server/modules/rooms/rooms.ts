import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { DomainError, errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/audit.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { attachFiles } from '../../kernel/files/index.ts';
import { likePattern } from '../../kernel/http/paging.ts';
import { ACTIVE_STATUSES } from './status.ts';
import './tables.ts';

/** Meeting rooms (会议室): contracts, the catalogue, free-room search and writes. */

export const EQUIPMENT = [
  'projector',
  'screen',
  'video',
  'microphone',
  'whiteboard',
  'tv',
  'recording',
] as const;
export const POLICIES = ['all', 'units', 'approval'] as const;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

export const roomCreate = z.object({
  buildingId: z.uuid(),
  code: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/),
  name: z.string().trim().min(1).max(120),
  floor: z.number().int().min(-10).max(200),
  capacity: z.number().int().min(1).max(2000),
  equipment: z.array(z.enum(EQUIPMENT)).max(EQUIPMENT.length).default([]),
  policy: z.enum(POLICIES).default('all'),
  /** the units that may book when the policy is 'units' */
  unitIds: z.array(z.uuid()).max(200).default([]),
  photoFileId: z.uuid().nullish(),
  description: optionalText(1000),
});
export const roomPatch = roomCreate
  .omit({ buildingId: true })
  .partial()
  .extend({ active: z.boolean().optional() });
export type RoomCreate = z.infer<typeof roomCreate>;
export type RoomPatch = z.infer<typeof roomPatch>;

export const room = z.object({
  id: z.string(),
  buildingId: z.string(),
  buildingName: z.string(),
  code: z.string(),
  name: z.string(),
  floor: z.number().int(),
  capacity: z.number().int(),
  equipment: z.array(z.string()),
  policy: z.enum(POLICIES),
  unitIds: z.array(z.string()),
  /** the names of `unitIds`, in the same order */
  unitNames: z.array(z.string()),
  photoFileId: z.string().nullable(),
  description: z.string().nullable(),
  active: z.boolean(),
  jurisdictionId: z.string(),
  unitId: z.string(),
});
export type Room = z.infer<typeof room>;

/** Filters of the catalogue; with `start` and `end` only rooms free for the whole span. */
export const roomQuery = z
  .object({
    buildingId: z.uuid().optional(),
    jurisdictionId: z.uuid().optional(),
    capacity: z.coerce.number().int().min(1).max(2000).optional(),
    equipment: z
      .union([z.enum(EQUIPMENT), z.array(z.enum(EQUIPMENT))])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
    start: z.iso.datetime({ offset: true }).optional(),
    end: z.iso.datetime({ offset: true }).optional(),
    q: z.string().trim().max(100).optional(),
    includeInactive: z.stringbool().optional(),
  })
  .refine((v) => (v.start === undefined) === (v.end === undefined), {
    message: 'start and end go together',
    path: ['end'],
  });
export type RoomQuery = z.infer<typeof roomQuery>;

function rows(db: Executor) {
  return db
    .selectFrom('meeting_room as r')
    .innerJoin('office_building as b', 'b.id', 'r.building_id')
    .select([
      'r.id',
      'r.building_id',
      'b.name as building_name',
      'r.code',
      'r.name',
      'r.floor',
      'r.capacity',
      'r.equipment',
      'r.policy',
      'r.photo_file_id',
      'r.description',
      'r.active',
      'r.jurisdiction_id',
      'r.unit_id',
      sql<string[]>`coalesce((select array_agg(mu.unit_id::text order by mu.unit_id) from meeting_room_unit mu
        where mu.room_id = r.id), '{}')`.as('unit_ids'),
      sql<string[]>`coalesce((select array_agg(u.name order by mu.unit_id) from meeting_room_unit mu
        join org_unit u on u.id = mu.unit_id where mu.room_id = r.id), '{}')`.as('unit_names'),
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof rows>['executeTakeFirstOrThrow']>>;

const toDto = (r: Row): Room => ({
  id: r.id,
  buildingId: r.building_id,
  buildingName: r.building_name,
  code: r.code,
  name: r.name,
  floor: r.floor,
  capacity: r.capacity,
  equipment: r.equipment,
  policy: r.policy,
  unitIds: r.unit_ids,
  unitNames: r.unit_names,
  photoFileId: r.photo_file_id,
  description: r.description,
  active: r.active,
  jurisdictionId: r.jurisdiction_id,
  unitId: r.unit_id,
});

/** The catalogue, or with a time span only the rooms free for all of it. */
export async function listRooms(db: Executor, f: RoomQuery, scope: DataScope | null = null): Promise<Room[]> {
  let q = rows(db);
  if (scope) q = q.where(scope.where({ jurisdiction: 'r.jurisdiction_id', unit: 'r.unit_id' }));
  if (!f.includeInactive) q = q.where('r.active', '=', true);
  if (f.buildingId) q = q.where('r.building_id', '=', f.buildingId);
  if (f.jurisdictionId) q = q.where('r.jurisdiction_id', '=', f.jurisdictionId);
  if (f.capacity) q = q.where('r.capacity', '>=', f.capacity);
  if (f.equipment.length > 0) q = q.where(sql<boolean>`r.equipment @> ${sql.val(f.equipment)}::text[]`);
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('r.name', 'ilike', p), eb('r.code', 'ilike', p), eb('b.name', 'ilike', p)]),
    );
  }
  if (f.start && f.end) {
    q = q.where(
      sql<boolean>`not exists (select 1 from room_booking k where k.room_id = r.id
        and k.status = any(${sql.val(ACTIVE_STATUSES)}::text[])
        and tstzrange(k.starts_at, k.ends_at, '[)') && tstzrange(${f.start}::timestamptz, ${f.end}::timestamptz, '[)'))`,
    );
  }
  return (await q.orderBy('b.code').orderBy('r.floor').orderBy('r.code').execute()).map(toDto);
}

export async function getRoom(db: Executor, id: string): Promise<Room | undefined> {
  const r = await rows(db).where('r.id', '=', id).executeTakeFirst();
  return r && toDto(r);
}

const codeTaken = () =>
  new DomainError(
    'room_code_taken',
    'conflict',
    { 'zh-CN': '该楼内会议室编号已被使用', en: 'The room code is already used in this building' },
    [{ field: 'code', code: 'room_code_taken' }],
  );

async function checkRoom(
  tx: Executor,
  buildingId: string,
  code: string,
  exceptId: string | null,
  floor: number,
) {
  const b = await tx
    .selectFrom('office_building')
    .selectAll()
    .where('id', '=', buildingId)
    .executeTakeFirst();
  if (!b)
    throw errors.field('buildingId', 'unknown_building', { 'zh-CN': '办公楼不存在', en: 'Unknown building' });
  if (floor > b.floors) {
    throw errors.field('floor', 'floor_above_building', {
      'zh-CN': `楼层超出该楼的层数（${b.floors} 层）`,
      en: `The floor is above the building's ${b.floors} floors`,
    });
  }
  let q = tx
    .selectFrom('meeting_room')
    .select('id')
    .where('building_id', '=', buildingId)
    .where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw codeTaken();
  return b;
}

async function setUnits(tx: Executor, roomId: string, unitIds: readonly string[]) {
  await tx.deleteFrom('meeting_room_unit').where('room_id', '=', roomId).execute();
  const ids = [...new Set(unitIds)];
  if (ids.length === 0) return;
  const found = await tx.selectFrom('org_unit').select('id').where('id', 'in', ids).execute();
  if (found.length !== ids.length) {
    throw errors.field('unitIds', 'unknown_unit', {
      'zh-CN': '可预订单位中有不存在的单位',
      en: 'An allowed unit does not exist',
    });
  }
  await tx
    .insertInto('meeting_room_unit')
    .values(ids.map((unit_id) => ({ room_id: roomId, unit_id })))
    .execute();
}

const needUnits = () =>
  errors.field('unitIds', 'units_required', {
    'zh-CN': '“指定单位可订”须至少列出一个单位',
    en: 'A room bookable by listed units needs at least one unit',
  });

export async function createRoom(db: Db, actor: Actor, input: RoomCreate): Promise<Room> {
  return inTransaction(db, async (tx) => {
    const b = await checkRoom(tx, input.buildingId, input.code, null, input.floor);
    if (input.policy === 'units' && input.unitIds.length === 0) throw needUnits();
    const values = {
      building_id: b.id,
      jurisdiction_id: b.jurisdiction_id,
      unit_id: b.unit_id,
      code: input.code,
      name: input.name,
      floor: input.floor,
      capacity: input.capacity,
      equipment: [...new Set(input.equipment)],
      policy: input.policy,
      description: input.description,
    };
    const row = await tx.insertInto('meeting_room').values(values).returning('id').executeTakeFirstOrThrow();
    await setUnits(tx, row.id, input.policy === 'units' ? input.unitIds : []);
    if (input.photoFileId && actor.accountId) {
      await attachFiles(tx, [input.photoFileId], 'rooms.room', row.id, actor.accountId);
      await tx
        .updateTable('meeting_room')
        .set({ photo_file_id: input.photoFileId })
        .where('id', '=', row.id)
        .execute();
    }
    await audit(tx, actor, {
      entity: 'rooms.room',
      entityId: row.id,
      action: 'create',
      after: { ...values, unit_ids: input.unitIds, photo_file_id: input.photoFileId ?? null },
      jurisdictionId: b.jurisdiction_id,
      unitId: b.unit_id,
    });
    return (await getRoom(tx, row.id))!;
  });
}

export async function updateRoom(db: Db, actor: Actor, id: string, p: RoomPatch): Promise<Room> {
  return inTransaction(db, async (tx) => {
    const before = await getRoom(tx, id);
    if (!before) throw errors.notFound('rooms.room', id);
    const next = {
      ...before,
      ...Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined)),
    } as Room & RoomPatch;
    await checkRoom(tx, before.buildingId, next.code, id, next.floor);
    const policy = next.policy;
    const unitIds = p.unitIds ?? before.unitIds;
    if (policy === 'units' && unitIds.length === 0) throw needUnits();
    const set = {
      code: next.code,
      name: next.name,
      floor: next.floor,
      capacity: next.capacity,
      equipment: [...new Set(next.equipment)],
      policy,
      description: next.description ?? null,
      active: next.active,
    };
    await tx
      .updateTable('meeting_room')
      .set({ ...set, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await setUnits(tx, id, policy === 'units' ? unitIds : []);
    if (p.photoFileId !== undefined && p.photoFileId !== before.photoFileId) {
      if (p.photoFileId && actor.accountId)
        await attachFiles(tx, [p.photoFileId], 'rooms.room', id, actor.accountId);
      await tx
        .updateTable('meeting_room')
        .set({ photo_file_id: p.photoFileId ?? null })
        .where('id', '=', id)
        .execute();
    }
    const after = (await getRoom(tx, id))!;
    const changed = (Object.keys(after) as (keyof Room)[]).filter(
      (k) => JSON.stringify(after[k]) !== JSON.stringify(before[k]),
    );
    if (changed.length > 0) {
      await audit(tx, actor, {
        entity: 'rooms.room',
        entityId: id,
        action: 'update',
        before: Object.fromEntries(changed.map((k) => [k, before[k]])),
        after: Object.fromEntries(changed.map((k) => [k, after[k]])),
        jurisdictionId: after.jurisdictionId,
        unitId: after.unitId,
      });
    }
    return after;
  });
}
