import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import type { SiteCheck } from './tables.ts';
import './tables.ts';

/**
 * Visitor sites as the visitors office keeps them: a compound with a gate, held by a unit, with the
 * people who guard it (besides the gate guards of its unit and jurisdiction, whom the scope already
 * lets in) and the checks its gate records (gate.ts: setSiteChecks).
 */

export interface SiteInput {
  name: string;
  address: string | null;
  unitId: string;
  guardIds: string[];
}

export interface ManagedSite {
  id: string;
  name: string;
  address: string | null;
  unitId: string;
  unitName: string;
  checks: SiteCheck[];
  guards: { personId: string; name: string; unitName: string }[];
  visits: number;
}

/** The sites within the manager's scope, with their unit, guards and how many visits they have had. */
export async function listManagedSites(db: Executor, scope: DataScope): Promise<ManagedSite[]> {
  const sites = await db
    .selectFrom('visitor_site as s')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select((eb) => [
      's.id',
      's.name',
      's.address',
      's.unit_id',
      'u.name as unit_name',
      's.checks',
      eb
        .selectFrom('visitor_visit as v')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('v.site_id', '=', 's.id')
        .as('visits'),
    ])
    .where(scope.where({ jurisdiction: 's.jurisdiction_id', unit: 's.unit_id' }))
    .orderBy('s.name')
    .execute();
  const guards = sites.length
    ? await db
        .selectFrom('visitor_site_guard as g')
        .innerJoin('org_person as p', 'p.id', 'g.person_id')
        .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
        .select(['g.site_id', 'g.person_id', 'p.name', 'u.name as unit_name'])
        .where(
          'g.site_id',
          'in',
          sites.map((s) => s.id),
        )
        .orderBy('p.name')
        .execute()
    : [];
  return sites.map((s) => ({
    id: s.id,
    name: s.name,
    address: s.address,
    unitId: s.unit_id,
    unitName: s.unit_name,
    checks: s.checks,
    guards: guards
      .filter((g) => g.site_id === s.id)
      .map((g) => ({ personId: g.person_id, name: g.name, unitName: g.unit_name })),
    visits: Number(s.visits ?? 0),
  }));
}

const nameTaken = () =>
  errors.conflict(
    'site_name_taken',
    { 'zh-CN': '该单位已有同名的访客场所。', en: 'The unit already has a visitor site of this name.' },
    [{ field: 'name', code: 'site_name_taken' }],
  );

/** The unit of a site, which must exist and lie in the manager's scope. */
async function ownerUnit(tx: Executor, scope: DataScope, unitId: string) {
  const unit = await tx
    .selectFrom('org_unit')
    .select(['id', 'jurisdiction_id'])
    .where('id', '=', unitId)
    .executeTakeFirst();
  if (!unit || !scope.covers({ jurisdictionId: unit.jurisdiction_id, unitId: unit.id, personId: null })) {
    throw errors.field('unitId', 'site_unit_out_of_scope', {
      'zh-CN': '所属单位不存在或不在您的管理范围内。',
      en: 'The unit does not exist or is outside your scope.',
    });
  }
  return unit;
}

/** Guards must be people the manager can see (their unit in scope); each named once. */
async function checkGuards(tx: Executor, scope: DataScope, guardIds: string[]) {
  const unique = [...new Set(guardIds)];
  if (unique.length === 0) return unique;
  const people = await tx
    .selectFrom('org_person as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'u.id as unit_id', 'u.jurisdiction_id'])
    .where('p.id', 'in', unique)
    .execute();
  for (const [i, id] of unique.entries()) {
    const p = people.find((x) => x.id === id);
    if (!p || !scope.covers({ jurisdictionId: p.jurisdiction_id, unitId: p.unit_id, personId: p.id })) {
      throw errors.field(`guardIds.${i}`, 'site_guard_unknown', {
        'zh-CN': '门卫人员不存在或不在您的管理范围内。',
        en: 'A guard is not a person within your scope.',
      });
    }
  }
  return unique;
}

async function nameFree(tx: Executor, unitId: string, name: string, exceptId: string | null) {
  let q = tx.selectFrom('visitor_site').select('id').where('unit_id', '=', unitId).where('name', '=', name);
  if (exceptId) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw nameTaken();
}

async function setGuards(tx: Executor, siteId: string, guardIds: string[]) {
  await tx.deleteFrom('visitor_site_guard').where('site_id', '=', siteId).execute();
  if (guardIds.length) {
    await tx
      .insertInto('visitor_site_guard')
      .values(guardIds.map((person_id) => ({ site_id: siteId, person_id })))
      .execute();
  }
}

export async function createSite(db: Db, scope: DataScope, input: SiteInput, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const unit = await ownerUnit(tx, scope, input.unitId);
    const guardIds = await checkGuards(tx, scope, input.guardIds);
    await nameFree(tx, unit.id, input.name, null);
    const row = await tx
      .insertInto('visitor_site')
      .values({
        name: input.name,
        address: input.address,
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await setGuards(tx, row.id, guardIds);
    await audit(tx, actor, {
      entity: 'visitors.site',
      entityId: row.id,
      action: 'create',
      after: { name: input.name, address: input.address, unit_id: unit.id, guards: guardIds },
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
    return row.id;
  });
}

export async function updateSite(db: Db, scope: DataScope, id: string, input: SiteInput, actor: Actor) {
  return inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('visitor_site').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('visitors.site', id);
    const unit = await ownerUnit(tx, scope, input.unitId);
    const guardIds = await checkGuards(tx, scope, input.guardIds);
    await nameFree(tx, unit.id, input.name, id);
    const guardsBefore = await tx
      .selectFrom('visitor_site_guard')
      .select('person_id')
      .where('site_id', '=', id)
      .execute();
    await tx
      .updateTable('visitor_site')
      .set({
        name: input.name,
        address: input.address,
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
      })
      .where('id', '=', id)
      .execute();
    await setGuards(tx, id, guardIds);
    await audit(tx, actor, {
      entity: 'visitors.site',
      entityId: id,
      action: 'update',
      before: {
        name: before.name,
        address: before.address,
        unit_id: before.unit_id,
        guards: guardsBefore.map((g) => g.person_id),
      },
      after: { name: input.name, address: input.address, unit_id: unit.id, guards: guardIds },
      jurisdictionId: unit.jurisdiction_id,
      unitId: unit.id,
    });
  });
}

/**
 * A site that has had visits (or refusals at its gate) keeps them: it cannot be deleted, its history
 * would lose its place. Its guards and host links go with it.
 */
export async function deleteSite(db: Db, id: string, actor: Actor) {
  await inTransaction(db, async (tx) => {
    const before = await tx.selectFrom('visitor_site').selectAll().where('id', '=', id).executeTakeFirst();
    if (!before) throw errors.notFound('visitors.site', id);
    const visit = await tx
      .selectFrom('visitor_visit')
      .select('id')
      .where('site_id', '=', id)
      .executeTakeFirst();
    const flag = await tx
      .selectFrom('visitor_flag')
      .select('id')
      .where('site_id', '=', id)
      .executeTakeFirst();
    if (visit || flag) {
      throw errors.conflict('site_in_use', {
        'zh-CN': '该场所已有访客记录，不能删除。',
        en: 'The site has visits on record and cannot be deleted.',
      });
    }
    await tx.deleteFrom('visitor_site').where('id', '=', id).execute();
    await audit(tx, actor, {
      entity: 'visitors.site',
      entityId: id,
      action: 'delete',
      before: { name: before.name, address: before.address, unit_id: before.unit_id },
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
  });
}
