import { sql } from 'kysely';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import { changedFields } from './changes.ts';
import { registryErrors } from './errors.ts';
import { findCycle, FormulaError, formulaRefs, parseFormula } from './formula.ts';
import { findPoint, institutionRecord, pointRecord } from './repository.ts';
import {
  UNIT_OF,
  type ManualEntryInput,
  type PointCreate,
  type PointDto,
  type PointPatch,
} from './schemas.ts';
import { rebuildInstitutionRollups } from '../rollups/institution.ts';

/** Metering points: hierarchy, virtual formulas, offline entries. */

type PointRecord = NonNullable<Awaited<ReturnType<typeof pointRecord>>>;
type PointValues = Omit<PointRecord, 'id' | 'created_at' | 'updated_at'>;

/** Checks a virtual meter's formula: syntax, every code known, same energy, no loop. */
export async function checkFormula(
  db: Executor,
  code: string,
  energyType: string,
  formula: string,
): Promise<void> {
  let refs: string[];
  try {
    refs = formulaRefs(parseFormula(formula));
  } catch (e) {
    if (e instanceof FormulaError) throw registryErrors.formulaSyntax(e.position, e.message);
    throw e;
  }
  const others = refs.filter((r) => r !== code);
  const found =
    others.length === 0
      ? []
      : await db
          .selectFrom('energy_point')
          .select(['code', 'energy_type'])
          .where('code', 'in', others)
          .execute();
  const unknown = refs.filter((r) => r !== code && !found.some((f) => f.code === r));
  if (unknown.length > 0) throw registryErrors.formulaUnknownPoints(unknown);
  const mismatch = found.filter((f) => f.energy_type !== energyType).map((f) => f.code);
  if (mismatch.length > 0) throw registryErrors.formulaEnergyMismatch(mismatch);
  const virtuals = await db
    .selectFrom('energy_point')
    .select(['code', 'formula'])
    .where('kind', '=', 'virtual')
    .where('code', '!=', code)
    .execute();
  const graph = new Map<string, string[]>();
  for (const v of virtuals) {
    try {
      graph.set(v.code, formulaRefs(parseFormula(v.formula ?? '')));
    } catch {
      // a stored formula is always valid; skip defensively
    }
  }
  const cycle = findCycle(code, refs, graph);
  if (cycle) throw registryErrors.formulaCycle(cycle);
}

async function checkPoint(db: Executor, id: string | null, v: PointValues): Promise<void> {
  if (v.sub_item && v.energy_type !== 'electricity') throw registryErrors.subItemNotElectricity();
  if ((v.kind === 'virtual') !== Boolean(v.formula)) throw registryErrors.formulaRequired();
  if (v.building_id) {
    const b = await db
      .selectFrom('energy_building')
      .select('institution_id')
      .where('id', '=', v.building_id)
      .executeTakeFirst();
    if (!b || b.institution_id !== v.institution_id) throw registryErrors.buildingOtherInstitution();
  }
  if (v.parent_id) {
    if (v.parent_id === id) throw registryErrors.parentCycle();
    const parent = await pointRecord(db, v.parent_id);
    if (!parent) throw registryErrors.unknownParent();
    if (parent.institution_id !== v.institution_id || parent.energy_type !== v.energy_type) {
      throw registryErrors.parentMismatch();
    }
    if (id) {
      const up = await sql<{ id: string }>`
        with recursive up(id, parent_id, depth) as (
          select id, parent_id, 0 from energy_point where id = ${v.parent_id}::uuid
          union all
          select p.id, p.parent_id, up.depth + 1 from energy_point p join up on p.id = up.parent_id
          where up.depth < 64)
        select id from up where id = ${id}::uuid`.execute(db);
      if (up.rows.length > 0) throw registryErrors.parentCycle();
    }
  }
  if (v.kind === 'virtual' && v.formula) await checkFormula(db, v.code, v.energy_type, v.formula);
}

async function assertCodeFree(db: Executor, code: string, exceptId: string | null) {
  let q = db.selectFrom('energy_point').select('id').where('code', '=', code);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw registryErrors.pointCodeTaken();
}

export async function createPoint(db: Db, actor: Actor, input: PointCreate): Promise<PointDto> {
  return inTransaction(db, async (tx) => {
    const inst = await institutionRecord(tx, input.institutionId);
    if (!inst) throw errors.notFound('energy.institution', input.institutionId);
    const v: PointValues = {
      code: input.code,
      name: input.name,
      institution_id: inst.id,
      jurisdiction_id: inst.jurisdiction_id,
      building_id: input.buildingId ?? null,
      energy_type: input.energyType,
      sub_item: input.subItem ?? null,
      parent_id: input.parentId ?? null,
      kind: input.kind,
      formula: input.formula || null,
      unit: UNIT_OF[input.energyType],
      multiplier: input.multiplier,
      register_max: input.registerMax ?? null,
      interval_minutes: input.intervalMinutes,
      active: input.active,
      installed_at: input.installedAt ? new Date(input.installedAt) : null,
    };
    await assertCodeFree(tx, v.code, null);
    await checkPoint(tx, null, v);
    const row = await tx.insertInto('energy_point').values(v).returning('id').executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.point',
      entityId: row.id,
      action: 'create',
      after: v,
      jurisdictionId: v.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return (await findPoint(tx, row.id))!;
  });
}

/** The fields that decide which series of its institution's rollups a point (and its sub-meters) feed. */
const SERIES_FIELDS = ['energy_type', 'sub_item', 'parent_id', 'kind'] as const;

export async function updatePoint(db: Db, actor: Actor, id: string, patch: PointPatch): Promise<PointDto> {
  return inTransaction(db, async (tx) => {
    const before = await pointRecord(tx, id);
    if (!before) throw errors.notFound('energy.point', id);
    const inst = (await institutionRecord(tx, before.institution_id))!;
    const energyType = patch.energyType ?? before.energy_type;
    const diff = changedFields<PointValues>(before, {
      code: patch.code,
      name: patch.name,
      building_id: patch.buildingId,
      energy_type: patch.energyType,
      sub_item: patch.subItem,
      parent_id: patch.parentId,
      kind: patch.kind,
      formula: patch.formula === '' ? null : patch.formula,
      unit: patch.energyType ? UNIT_OF[energyType] : undefined,
      multiplier: patch.multiplier,
      register_max: patch.registerMax,
      interval_minutes: patch.intervalMinutes,
      active: patch.active,
      installed_at:
        patch.installedAt === undefined ? undefined : patch.installedAt ? new Date(patch.installedAt) : null,
    });
    if (!diff) return (await findPoint(tx, id))!;
    const next = { ...before, ...diff.after };
    if (next.kind !== 'virtual' && diff.after.kind !== undefined && patch.formula === undefined)
      next.formula = null;
    if (diff.after.code !== undefined) await assertCodeFree(tx, next.code, id);
    await checkPoint(tx, id, next);
    const set = { ...diff.after, formula: next.formula };
    await tx
      .updateTable('energy_point')
      .set({ ...set, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    if (SERIES_FIELDS.some((f) => diff.after[f] !== undefined))
      await rebuildInstitutionRollups(tx, [before.institution_id]);
    await audit(tx, actor, {
      entity: 'energy.point',
      entityId: id,
      action: 'update',
      before: diff.before,
      after: diff.after,
      jurisdictionId: before.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return (await findPoint(tx, id))!;
  });
}

export async function deletePoint(db: Db, actor: Actor, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const before = await pointRecord(tx, id);
    if (!before) throw errors.notFound('energy.point', id);
    const inst = (await institutionRecord(tx, before.institution_id))!;
    // a virtual meter that refers to this point would lose its meaning
    const virtuals = await tx
      .selectFrom('energy_point')
      .select(['code', 'formula'])
      .where('kind', '=', 'virtual')
      .execute();
    const users = virtuals
      .filter((v) => {
        try {
          return formulaRefs(parseFormula(v.formula ?? '')).includes(before.code);
        } catch {
          return false;
        }
      })
      .map((v) => v.code);
    if (users.length > 0) {
      throw errors.conflict(
        'point_in_formula',
        {
          'zh-CN': `虚拟表 ${users.join('、')} 的公式引用了该计量点，不能删除`,
          en: `The virtual meters ${users.join(', ')} refer to this point: it cannot be deleted`,
        },
        [{ codes: users }],
      );
    }
    await tx.deleteFrom('energy_point').where('id', '=', id).execute();
    await rebuildInstitutionRollups(tx, [before.institution_id]);
    await audit(tx, actor, {
      entity: 'energy.point',
      entityId: id,
      action: 'delete',
      before,
      jurisdictionId: before.jurisdiction_id,
      unitId: inst.unit_id,
    });
  });
}

const monthStart = (m: string) => `${m}-01`;

export async function listManualEntries(db: Executor, pointId: string) {
  const rows = await db
    .selectFrom('energy_manual_entry')
    .selectAll()
    .where('point_id', '=', pointId)
    .orderBy('month', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    pointId: r.point_id,
    month: (r.month instanceof Date ? r.month.toISOString() : String(r.month)).slice(0, 7),
    value: Number(r.value),
    note: r.note,
    enteredBy: r.entered_by,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

/** Enters (or corrects) the consumption of an offline point for one month. */
export async function putManualEntry(db: Db, actor: Actor, pointId: string, input: ManualEntryInput) {
  return inTransaction(db, async (tx) => {
    const p = await pointRecord(tx, pointId);
    if (!p) throw errors.notFound('energy.point', pointId);
    if (p.kind !== 'manual') throw registryErrors.pointNotManual();
    const inst = (await institutionRecord(tx, p.institution_id))!;
    const month = monthStart(input.month);
    const before = await tx
      .selectFrom('energy_manual_entry')
      .selectAll()
      .where('point_id', '=', pointId)
      .where('month', '=', month)
      .executeTakeFirst();
    const row = await tx
      .insertInto('energy_manual_entry')
      .values({
        point_id: pointId,
        institution_id: p.institution_id,
        jurisdiction_id: p.jurisdiction_id,
        month,
        value: input.value,
        note: input.note ?? null,
        entered_by: actor.label,
      })
      .onConflict((oc) =>
        oc.columns(['point_id', 'month']).doUpdateSet({
          value: input.value,
          note: input.note ?? null,
          entered_by: actor.label,
          updated_at: sql`now()`,
        }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.manual_entry',
      entityId: row.id,
      action: before ? 'update' : 'create',
      before: before ? { value: Number(before.value), note: before.note } : undefined,
      after: { point: p.code, month: input.month, value: input.value, note: input.note ?? null },
      jurisdictionId: p.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return (await listManualEntries(tx, pointId)).find((e) => e.id === row.id)!;
  });
}
