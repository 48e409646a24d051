import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { errors } from '../../../kernel/errors.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { likePattern, type PageQuery } from '../../../kernel/http/paging.ts';
import { checkStandard, replacementEligible, type ReplacementRule, type Violation } from '../standards.ts';
import { conflict, dateIn, fieldError, pgError } from '../shared.ts';
import type { Locale } from '../../../kernel/errors.ts';
import type { RecordCreate, VehicleCreate, VehicleFilters, VehiclePatch, VehicleView } from './schemas.ts';

/** The fleet register: vehicles with their standard check, and their maintenance/insurance/inspection records. */

export interface FleetEnv {
  timeZone: string;
  replacement: ReplacementRule;
}

function vehicleSelect(ex: Executor) {
  return ex
    .selectFrom('veh_vehicle as v')
    .innerJoin('org_jurisdiction as j', 'j.id', 'v.jurisdiction_id')
    .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
    .select([
      'v.id',
      'v.plate',
      'v.category',
      'v.body_type',
      'v.brand',
      'v.model',
      'v.energy_type',
      'v.displacement_l',
      'v.price_fen',
      'v.seats',
      'v.purchase_date',
      'v.odometer_km',
      'v.jurisdiction_id',
      'j.name as jurisdiction_name',
      'v.unit_id',
      'u.name as unit_name',
      'v.status',
      'v.violations',
      'v.note',
      'v.version',
    ]);
}
type VehicleRow = Awaited<ReturnType<ReturnType<typeof vehicleSelect>['executeTakeFirstOrThrow']>>;

interface StoredViolation extends Omit<Violation, 'message'> {
  message: { 'zh-CN': string; en: string };
}

export function toView(r: VehicleRow, env: FleetEnv, locale: Locale): VehicleView {
  const today = dateIn(new Date(), env.timeZone);
  return {
    id: r.id,
    plate: r.plate,
    category: r.category,
    bodyType: r.body_type,
    brand: r.brand,
    model: r.model,
    energyType: r.energy_type,
    displacementL: r.displacement_l === null ? null : Number(r.displacement_l),
    priceFen: Number(r.price_fen),
    seats: r.seats,
    purchaseDate: r.purchase_date,
    odometerKm: r.odometer_km,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    status: r.status,
    violations: ((r.violations ?? []) as StoredViolation[]).map((v) => ({
      ...v,
      message: v.message[locale],
    })),
    replacement: replacementEligible(
      { purchaseDate: r.purchase_date, odometerKm: r.odometer_km },
      env.replacement,
      today,
    ),
    note: r.note,
    version: r.version,
  };
}

export async function listVehicles(
  db: Db,
  scope: DataScope,
  env: FleetEnv,
  locale: Locale,
  f: VehicleFilters & Partial<PageQuery>,
  limit?: number,
) {
  let q = vehicleSelect(db).where(scope.where({ jurisdiction: 'v.jurisdiction_id', unit: 'v.unit_id' }));
  if (f.jurisdictionId) q = q.where('v.jurisdiction_id', '=', f.jurisdictionId);
  if (f.unitId) q = q.where('v.unit_id', '=', f.unitId);
  if (f.status) q = q.where('v.status', '=', f.status);
  if (f.category) q = q.where('v.category', '=', f.category);
  if (f.violating === 'true') q = q.where(sql<boolean>`jsonb_array_length(v.violations) > 0`);
  if (f.violating === 'false') q = q.where(sql<boolean>`jsonb_array_length(v.violations) = 0`);
  if (f.replaceable) {
    const today = dateIn(new Date(), env.timeZone);
    const cond = sql<boolean>`(v.purchase_date <= (${today}::date - make_interval(years => ${env.replacement.years}))
      or v.odometer_km >= ${env.replacement.km})`;
    q = q.where(f.replaceable === 'true' ? cond : sql<boolean>`not ${cond}`);
  }
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('v.plate', 'ilike', p), eb('v.brand', 'ilike', p), eb('v.model', 'ilike', p)]),
    );
  }
  const page = f.page ?? 1;
  const pageSize = limit ?? f.pageSize ?? 20;
  const [rows, total] = await Promise.all([
    q
      .orderBy('j.sort')
      .orderBy('v.plate')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map((r) => toView(r, env, locale)), total: Number(total.n), page, pageSize };
}

export async function getVehicle(
  ex: Executor,
  env: FleetEnv,
  locale: Locale,
  id: string,
): Promise<VehicleView> {
  const row = await vehicleSelect(ex).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('vehicles.vehicle', id);
  return toView(row, env, locale);
}

const plateTaken = () =>
  conflict('plate', 'plate_taken', { 'zh-CN': '该车牌号已登记', en: 'This plate is already registered' });
const electricDisplacement = () =>
  fieldError('displacementL', 'displacement_mismatch', {
    'zh-CN': '纯电动车无排气量，燃油及混合动力车须填写排气量',
    en: 'An electric vehicle has no displacement; every other vehicle needs one',
  });

async function unitJurisdiction(ex: Executor, unitId: string): Promise<string> {
  const u = await ex
    .selectFrom('org_unit')
    .select('jurisdiction_id')
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!u) throw fieldError('unitId', 'unknown_unit', { 'zh-CN': '所属单位不存在', en: 'Unknown unit' });
  return u.jurisdiction_id;
}

function violationsOf(v: {
  category: VehicleCreate['category'];
  bodyType: VehicleCreate['bodyType'];
  energyType: VehicleCreate['energyType'];
  priceFen: number;
  displacementL: number | null;
}): string {
  return JSON.stringify(checkStandard(v));
}

export async function createVehicle(
  db: Db,
  actor: Actor,
  env: FleetEnv,
  locale: Locale,
  input: VehicleCreate,
): Promise<VehicleView> {
  const displacement = input.displacementL ?? null;
  if ((input.energyType === 'electric') !== (displacement === null)) throw electricDisplacement();
  try {
    return await inTransaction(db, async (tx) => {
      const jurisdictionId = await unitJurisdiction(tx, input.unitId);
      const row = await tx
        .insertInto('veh_vehicle')
        .values({
          plate: input.plate,
          category: input.category,
          body_type: input.bodyType,
          brand: input.brand,
          model: input.model,
          energy_type: input.energyType,
          displacement_l: displacement,
          price_fen: input.priceFen,
          seats: input.seats,
          purchase_date: input.purchaseDate,
          odometer_km: input.odometerKm,
          jurisdiction_id: jurisdictionId,
          unit_id: input.unitId,
          note: input.note,
          violations: violationsOf({ ...input, displacementL: displacement }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const view = await getVehicle(tx, env, locale, row.id);
      await audit(tx, actor, {
        entity: 'vehicles.vehicle',
        entityId: row.id,
        action: 'create',
        after: { ...input, violations: view.violations.map((v) => v.rule) },
        jurisdictionId,
        unitId: input.unitId,
      });
      return view;
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw plateTaken();
    throw e;
  }
}

export async function updateVehicle(
  db: Db,
  actor: Actor,
  env: FleetEnv,
  locale: Locale,
  id: string,
  patch: VehiclePatch,
): Promise<VehicleView> {
  try {
    return await inTransaction(db, async (tx) => {
      const before = await tx
        .selectFrom('veh_vehicle')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw errors.notFound('vehicles.vehicle', id);
      if (patch.version !== undefined && patch.version !== before.version) {
        throw conflict('version', 'stale_version', {
          'zh-CN': '车辆信息已被他人修改，请刷新后重试',
          en: 'The vehicle was changed by someone else; reload and retry',
        });
      }
      if (patch.odometerKm !== undefined && patch.odometerKm < before.odometer_km) {
        throw fieldError('odometerKm', 'odometer_backwards', {
          'zh-CN': `里程表读数不能小于上次读数 ${before.odometer_km} 公里`,
          en: `The odometer cannot be lower than the last reading (${before.odometer_km} km)`,
        });
      }
      if (patch.status && (before.status === 'sealed' || before.status === 'in_use')) {
        throw conflict('status', 'status_locked', {
          'zh-CN': '封存中或出车中的车辆不能直接修改状态',
          en: 'A sealed vehicle or one on a trip cannot change status here',
        });
      }
      const spec = {
        category: patch.category ?? before.category,
        bodyType: patch.bodyType ?? before.body_type,
        energyType: patch.energyType ?? before.energy_type,
        priceFen: patch.priceFen ?? Number(before.price_fen),
        displacementL:
          patch.displacementL !== undefined
            ? (patch.displacementL ?? null)
            : before.displacement_l === null
              ? null
              : Number(before.displacement_l),
      };
      if ((spec.energyType === 'electric') !== (spec.displacementL === null)) throw electricDisplacement();
      const jurisdictionId = patch.unitId ? await unitJurisdiction(tx, patch.unitId) : before.jurisdiction_id;
      await tx
        .updateTable('veh_vehicle')
        .set({
          plate: patch.plate,
          category: patch.category,
          body_type: patch.bodyType,
          brand: patch.brand,
          model: patch.model,
          energy_type: patch.energyType,
          displacement_l: spec.displacementL,
          price_fen: patch.priceFen,
          seats: patch.seats,
          purchase_date: patch.purchaseDate,
          odometer_km: patch.odometerKm,
          unit_id: patch.unitId,
          jurisdiction_id: jurisdictionId,
          status: patch.status,
          note: patch.note,
          violations: violationsOf(spec),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .execute();
      const view = await getVehicle(tx, env, locale, id);
      const { version: _v, ...changes } = patch;
      await audit(tx, actor, {
        entity: 'vehicles.vehicle',
        entityId: id,
        action: 'update',
        before: Object.fromEntries(Object.keys(changes).map((k) => [k, beforeField(before, k)])),
        after: { ...changes, violations: view.violations.map((v) => v.rule) },
        jurisdictionId,
        unitId: view.unitId,
      });
      return view;
    });
  } catch (e) {
    if (pgError(e)?.code === '23505') throw plateTaken();
    throw e;
  }
}

const COLUMN: Record<string, string> = {
  plate: 'plate',
  category: 'category',
  bodyType: 'body_type',
  brand: 'brand',
  model: 'model',
  energyType: 'energy_type',
  displacementL: 'displacement_l',
  priceFen: 'price_fen',
  seats: 'seats',
  purchaseDate: 'purchase_date',
  odometerKm: 'odometer_km',
  unitId: 'unit_id',
  status: 'status',
  note: 'note',
};
function beforeField(row: Record<string, unknown>, key: string): unknown {
  return row[COLUMN[key] ?? key];
}

// ── records (maintenance, insurance, annual inspection) ────────────────────────────────────────

export async function listRecords(ex: Executor, vehicleId: string) {
  const rows = await ex
    .selectFrom('veh_vehicle_record as r')
    .innerJoin('veh_vehicle as v', 'v.id', 'r.vehicle_id')
    .select([
      'r.id',
      'r.vehicle_id',
      'v.plate',
      'r.kind',
      'r.done_on',
      'r.due_on',
      'r.cost_fen',
      'r.vendor',
      'r.note',
    ])
    .where('r.vehicle_id', '=', vehicleId)
    .orderBy('r.done_on', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    vehicleId: r.vehicle_id,
    plate: r.plate,
    kind: r.kind,
    doneOn: r.done_on,
    dueOn: r.due_on,
    costFen: Number(r.cost_fen),
    vendor: r.vendor,
    note: r.note,
  }));
}

export async function addRecord(db: Db, actor: Actor, vehicleId: string, input: RecordCreate) {
  if (input.dueOn && input.dueOn < input.doneOn) {
    throw fieldError('dueOn', 'due_before_done', {
      'zh-CN': '到期日期不能早于办理日期',
      en: 'The due date cannot be before the date done',
    });
  }
  return inTransaction(db, async (tx) => {
    const v = await tx
      .selectFrom('veh_vehicle')
      .select(['jurisdiction_id', 'unit_id'])
      .where('id', '=', vehicleId)
      .executeTakeFirst();
    if (!v) throw errors.notFound('vehicles.vehicle', vehicleId);
    const row = await tx
      .insertInto('veh_vehicle_record')
      .values({
        vehicle_id: vehicleId,
        jurisdiction_id: v.jurisdiction_id,
        unit_id: v.unit_id,
        kind: input.kind,
        done_on: input.doneOn,
        due_on: input.dueOn,
        cost_fen: input.costFen,
        vendor: input.vendor,
        note: input.note,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'vehicles.record',
      entityId: row.id,
      action: 'create',
      after: { vehicleId, ...input },
      jurisdictionId: v.jurisdiction_id,
      unitId: v.unit_id,
    });
    return (await listRecords(tx, vehicleId)).find((r) => r.id === row.id)!;
  });
}
