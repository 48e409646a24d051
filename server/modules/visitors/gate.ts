import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { notify } from '../../kernel/notify/index.ts';
import { errors } from '../../kernel/errors.ts';
import type { Actor } from '../../kernel/http/access.ts';
import type { DataScope } from '../../kernel/access/scope.ts';
import { visitorErrors as ve } from './errors.ts';
import type { PersonalDataCipher } from './crypto.ts';
import {
  checkVisitor,
  hostAccounts,
  hostFromPerson,
  insertVisit,
  toView,
  visitBase,
  type VisitorInput,
} from './service.ts';
import { idNumberProblem, maskIdNumber, normalizeIdNumber, normalizePlate } from './validate.ts';
import type { CheckValues, SiteCheck } from './tables.ts';
import './tables.ts';

/** The sites a guard works: those of units and jurisdictions in scope, and those they are linked to. */
export async function gateSites(db: Executor, scope: DataScope, personId: string | null) {
  return db
    .selectFrom('visitor_site as s')
    .select(['s.id', 's.name', 's.address', 's.checks', 's.unit_id', 's.jurisdiction_id'])
    .where((eb) =>
      eb.or([
        scope.where({ jurisdiction: 's.jurisdiction_id', unit: 's.unit_id' }),
        personId
          ? eb(
              's.id',
              'in',
              eb.selectFrom('visitor_site_guard').select('site_id').where('person_id', '=', personId),
            )
          : sql<boolean>`false`,
      ]),
    )
    .orderBy('s.name')
    .execute();
}

async function siteIds(db: Executor, scope: DataScope, personId: string | null): Promise<string[]> {
  return (await gateSites(db, scope, personId)).map((s) => s.id);
}

/** Today's and upcoming visits at the guard's sites matching a pass code, plate, name or ID number. */
export async function findAtGate(
  db: Db,
  cipher: PersonalDataCipher,
  scope: DataScope,
  personId: string | null,
  q: string,
) {
  const sites = await siteIds(db, scope, personId);
  if (sites.length === 0) return [];
  const text = q.trim();
  let base = visitBase(db)
    .where('v.site_id', 'in', sites)
    .where('v.ends_at', '>=', sql<Date>`now() - interval '12 hours'`);
  if (text) {
    const id = normalizeIdNumber(text);
    const byId = idNumberProblem(id) === null ? cipher.hash(id) : null;
    const like = `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or([
        eb('v.pass_code', '=', text),
        eb('v.plate', '=', normalizePlate(text)),
        eb('v.visitor_name', 'like', like),
        ...(byId ? [eb('v.id_hash', '=', byId)] : []),
      ]),
    );
  }
  const rows = await base.orderBy('v.starts_at').limit(50).execute();
  return rows.map(toView);
}

/** Validates the values of a site's gate checks: every check recorded and passed. */
export function evaluateChecks(checks: readonly SiteCheck[], values: CheckValues): CheckValues {
  const out: CheckValues = {};
  for (const c of checks) {
    const v = values[c.code];
    if (v === undefined || v === '') throw ve.checkMissing(c.code);
    if (c.kind === 'temperature') {
      const t = Number(v);
      if (!Number.isFinite(t) || t < 34 || t > 43) throw ve.checkMissing(c.code);
      if (t > (c.max ?? 37.3)) throw ve.checkFailed(c.code);
      out[c.code] = t;
    } else if (c.kind === 'health_code') {
      if (!['green', 'yellow', 'red'].includes(String(v))) throw ve.checkMissing(c.code);
      if (v !== 'green') throw ve.checkFailed(c.code);
      out[c.code] = 'green';
    } else {
      if (v !== true && v !== 'yes') throw ve.checkFailed(c.code);
      out[c.code] = true;
    }
  }
  return out;
}

/** Records a refused blacklisted visitor (its own transaction, so the flag stays when the check-in fails). */
async function flag(
  db: Db,
  actor: Actor,
  siteId: string,
  blacklistId: string,
  visitId: string | null,
  owner: { jurisdictionId: string; unitId: string },
) {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('visitor_flag')
      .values({ site_id: siteId, blacklist_id: blacklistId, visit_id: visitId })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (visitId)
      await tx.updateTable('visitor_visit').set({ flagged: true }).where('id', '=', visitId).execute();
    await audit(tx, actor, {
      entity: 'visitors.flag',
      entityId: row.id,
      action: 'refuse',
      after: { siteId, blacklistId, visitId },
      ...owner,
    });
  });
}

/** Checks in by pass code (or visit id): refuses unknown, used, expired, unapproved and blacklisted passes. */
export async function checkIn(
  db: Db,
  scope: DataScope,
  personId: string | null,
  input: { code?: string | undefined; visitId?: string | undefined; checks: CheckValues },
  actor: Actor,
) {
  const sites = await gateSites(db, scope, personId);
  let q = db.selectFrom('visitor_visit').selectAll();
  if (input.visitId) q = q.where('id', '=', input.visitId);
  else if (input.code) q = q.where('pass_code', '=', input.code.trim());
  else throw ve.passNotFound();
  const visit = await q.executeTakeFirst();
  if (!visit) throw ve.passNotFound();
  const site = sites.find((s) => s.id === visit.site_id);
  if (!site) throw ve.otherSite();
  if (visit.status === 'checked_in' || visit.status === 'checked_out') throw ve.passUsed();
  if (visit.status !== 'approved') throw ve.passNotApproved();
  if (visit.ends_at.getTime() <= Date.now()) throw ve.passExpired();
  const banned = visit.id_hash
    ? await db
        .selectFrom('visitor_blacklist')
        .select('id')
        .where('id_hash', '=', visit.id_hash)
        .executeTakeFirst()
    : undefined;
  if (banned) {
    await flag(db, actor, site.id, banned.id, visit.id, {
      jurisdictionId: visit.jurisdiction_id,
      unitId: visit.unit_id,
    });
    throw ve.blacklisted();
  }
  const checks = evaluateChecks(site.checks, input.checks);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('visitor_visit')
      .set({ status: 'checked_in', checked_in_at: new Date(), checks: JSON.stringify(checks) })
      .where('id', '=', visit.id)
      .where('status', '=', 'approved')
      .where('ends_at', '>', new Date())
      .returning(['id', 'host_person_id', 'visitor_name'])
      .executeTakeFirst();
    if (!row) throw ve.passUsed();
    await audit(tx, actor, {
      entity: 'visitors.visit',
      entityId: visit.id,
      action: 'check_in',
      before: { status: 'approved' },
      after: { status: 'checked_in', checks },
      jurisdictionId: visit.jurisdiction_id,
      unitId: visit.unit_id,
    });
    await notify(tx, await hostAccounts(tx, row.host_person_id), {
      kind: 'visitors.arrived',
      title: {
        'zh-CN': `访客已到达：${row.visitor_name}`,
        en: `Your visitor has arrived: ${row.visitor_name}`,
      },
      link: `/visitors/visits/${visit.id}`,
    });
    return toView(await visitBase(tx).where('v.id', '=', visit.id).executeTakeFirstOrThrow());
  });
}

export async function checkOut(
  db: Db,
  scope: DataScope,
  personId: string | null,
  visitId: string,
  actor: Actor,
) {
  const sites = await siteIds(db, scope, personId);
  return inTransaction(db, async (tx) => {
    const visit = await tx
      .selectFrom('visitor_visit')
      .select(['id', 'site_id', 'jurisdiction_id', 'unit_id'])
      .where('id', '=', visitId)
      .executeTakeFirst();
    if (!visit) throw errors.notFound('visitors.visit', visitId);
    if (!sites.includes(visit.site_id)) throw ve.otherSite();
    const row = await tx
      .updateTable('visitor_visit')
      .set({ status: 'checked_out', checked_out_at: new Date() })
      .where('id', '=', visitId)
      .where('status', '=', 'checked_in')
      .returning('id')
      .executeTakeFirst();
    if (!row) throw ve.notCheckedIn();
    await audit(tx, actor, {
      entity: 'visitors.visit',
      entityId: visitId,
      action: 'check_out',
      before: { status: 'checked_in' },
      after: { status: 'checked_out' },
      jurisdictionId: visit.jurisdiction_id,
      unitId: visit.unit_id,
    });
    return toView(await visitBase(tx).where('v.id', '=', visitId).executeTakeFirstOrThrow());
  });
}

export interface WalkInInput extends VisitorInput {
  siteId: string;
  hostPersonId: string;
  checks: CheckValues;
}

/** A visitor without appointment, registered and checked in by the guard in one step. */
export async function walkIn(
  db: Db,
  cipher: PersonalDataCipher,
  scope: DataScope,
  personId: string | null,
  input: WalkInInput,
  actor: Actor,
) {
  const sites = await gateSites(db, scope, personId);
  const site = sites.find((s) => s.id === input.siteId);
  if (!site) throw ve.otherSite();
  const visitor = checkVisitor(input, new Date());
  const host = await hostFromPerson(db, input.hostPersonId, site.id);
  if (!host) throw ve.hostNotFound();
  const banned = await db
    .selectFrom('visitor_blacklist')
    .select('id')
    .where('id_hash', '=', cipher.hash(visitor.idNumber))
    .executeTakeFirst();
  if (banned) {
    await flag(db, actor, site.id, banned.id, null, {
      jurisdictionId: site.jurisdiction_id,
      unitId: site.unit_id,
    });
    throw ve.blacklisted();
  }
  const checks = evaluateChecks(site.checks, input.checks);
  return inTransaction(db, async (tx) => {
    const row = await insertVisit(tx, cipher, { host, visitor, status: 'checked_in', walkIn: true, checks });
    await audit(tx, actor, {
      entity: 'visitors.visit',
      entityId: row.id,
      action: 'walk_in',
      after: { visitor: row.visitor_name, host: host.name, checks },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
    await notify(tx, await hostAccounts(tx, host.personId), {
      kind: 'visitors.arrived',
      title: {
        'zh-CN': `临时访客已登记：${row.visitor_name}`,
        en: `A walk-in visitor for you: ${row.visitor_name}`,
      },
      link: `/visitors/visits/${row.id}`,
    });
    return toView(await visitBase(tx).where('v.id', '=', row.id).executeTakeFirstOrThrow());
  });
}

/** Hosts a guard may name for a walk-in: active people of units with visits or links at the site, by name. */
export async function searchHosts(db: Db, q: string) {
  const text = q.trim();
  if (text.length < 1) return [];
  return db
    .selectFrom('org_person as p')
    .innerJoin('org_unit as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.name', 'u.name as unitName'])
    .where('p.status', '=', 'active')
    .where((eb) => eb.or([eb('p.name', '=', text), eb('p.phone', '=', text)]))
    .limit(20)
    .execute();
}

// —— blacklist ——

/** Entries of units and jurisdictions in scope, and of the owners of the sites the caller guards. */
export async function listBlacklist(db: Db, scope: DataScope, personId: string | null) {
  const rows = await db
    .selectFrom('visitor_blacklist as b')
    .select(['b.id', 'b.name', 'b.id_masked', 'b.reason', 'b.created_at', 'b.unit_id'])
    .select((eb) =>
      eb
        .selectFrom('visitor_flag as f')
        .whereRef('f.blacklist_id', '=', 'b.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('flags'),
    )
    .where((eb) =>
      eb.or([
        scope.where({ jurisdiction: 'b.jurisdiction_id', unit: 'b.unit_id' }),
        personId
          ? eb(
              'b.unit_id',
              'in',
              eb
                .selectFrom('visitor_site_guard as g')
                .innerJoin('visitor_site as s', 's.id', 'g.site_id')
                .select('s.unit_id')
                .where('g.person_id', '=', personId),
            )
          : sql<boolean>`false`,
      ]),
    )
    .orderBy('b.created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    idMasked: r.id_masked,
    reason: r.reason,
    createdAt: r.created_at.toISOString(),
    flags: Number(r.flags ?? 0),
  }));
}

export async function addToBlacklist(
  db: Db,
  cipher: PersonalDataCipher,
  owner: { jurisdictionId: string; unitId: string },
  input: { name: string; idNumber: string; reason: string },
  actor: Actor,
) {
  const problem = idNumberProblem(input.idNumber);
  if (problem) throw ve.idNumber(problem);
  const id = normalizeIdNumber(input.idNumber);
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('visitor_blacklist')
      .values({
        id_hash: cipher.hash(id),
        id_masked: maskIdNumber(id),
        name: input.name.trim(),
        reason: input.reason.trim(),
        jurisdiction_id: owner.jurisdictionId,
        unit_id: owner.unitId,
        created_by: actor.accountId,
      })
      .onConflict((oc) => oc.column('id_hash').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw errors.conflict(
        'blacklist_duplicate',
        { 'zh-CN': '此人已在黑名单中。', en: 'This person is already blacklisted.' },
        [{ field: 'idNumber', code: 'blacklist_duplicate' }],
      );
    await audit(tx, actor, {
      entity: 'visitors.blacklist',
      entityId: row.id,
      action: 'create',
      after: { name: row.name, id: row.id_masked, reason: row.reason },
      ...owner,
    });
    return {
      id: row.id,
      name: row.name,
      idMasked: row.id_masked,
      reason: row.reason,
      createdAt: row.created_at.toISOString(),
      flags: 0,
    };
  });
}

export async function removeFromBlacklist(db: Db, id: string, actor: Actor) {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .deleteFrom('visitor_blacklist')
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw errors.notFound('visitors.blacklist', id);
    await audit(tx, actor, {
      entity: 'visitors.blacklist',
      entityId: id,
      action: 'delete',
      before: { name: row.name, id: row.id_masked },
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
    });
  });
}

// —— vehicle whitelist ——

export interface WhitelistEntry {
  plate: string;
  visitorName: string;
  siteName: string;
  unitName: string;
  validFrom: string;
  validTo: string;
}

/** Plates admitted to the barrier gates: approved or checked-in visits overlapping [from, to). */
export async function whitelist(
  db: Db,
  siteFilter: string[] | 'all',
  from: Date,
  to: Date,
): Promise<WhitelistEntry[]> {
  let q = db
    .selectFrom('visitor_visit as v')
    .innerJoin('visitor_site as s', 's.id', 'v.site_id')
    .innerJoin('org_unit as u', 'u.id', 'v.unit_id')
    .select([
      'v.plate',
      'v.visitor_name',
      's.name as site_name',
      'u.name as unit_name',
      'v.starts_at',
      'v.ends_at',
    ])
    .where('v.plate', 'is not', null)
    .where('v.status', 'in', ['approved', 'checked_in'])
    .where('v.starts_at', '<', to)
    .where('v.ends_at', '>', from);
  if (siteFilter !== 'all') {
    if (siteFilter.length === 0) return [];
    q = q.where('v.site_id', 'in', siteFilter);
  }
  const rows = await q.orderBy('v.starts_at').execute();
  return rows.map((r) => ({
    plate: r.plate ?? '',
    visitorName: r.visitor_name,
    siteName: r.site_name,
    unitName: r.unit_name,
    validFrom: r.starts_at.toISOString(),
    validTo: r.ends_at.toISOString(),
  }));
}

export { siteIds };

/** Replaces a site's list of gate checks (codes unique); later check-ins record exactly these. */
export async function setSiteChecks(db: Db, siteId: string, checks: SiteCheck[], actor: Actor) {
  const codes = new Set<string>();
  for (const [i, c] of checks.entries()) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(c.code) || codes.has(c.code)) {
      throw errors.field(`checks.${i}.code`, 'check_code_invalid', {
        'zh-CN': '核验项目编码须为小写字母开头的字母、数字或下划线，且不能重复。',
        en: 'Check codes are lower-case letters, digits and underscores, unique per site.',
      });
    }
    codes.add(c.code);
  }
  return inTransaction(db, async (tx) => {
    const before = await tx
      .selectFrom('visitor_site')
      .selectAll()
      .where('id', '=', siteId)
      .executeTakeFirst();
    if (!before) throw errors.notFound('visitors.site', siteId);
    const row = await tx
      .updateTable('visitor_site')
      .set({ checks: JSON.stringify(checks) })
      .where('id', '=', siteId)
      .returning(['id', 'name', 'address', 'checks'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'visitors.site',
      entityId: siteId,
      action: 'update',
      before: { checks: before.checks },
      after: { checks },
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
    return row;
  });
}
