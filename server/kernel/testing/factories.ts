import crypto from 'node:crypto';
import type { Executor } from '../db/schema.ts';
import type { Role, ScopeKind } from '../access/roles.ts';
import { hashPassword } from '../auth/passwords.ts';
import '../org/tables.ts';
import '../auth/tables.ts';

/** Test factories: each builds the parents it needs, so a test states only what it is about. */
const uid = () => crypto.randomBytes(4).toString('hex');

export async function buildJurisdiction(
  db: Executor,
  over: { name?: string; kind?: 'city' | 'district' } = {},
) {
  return db
    .insertInto('org_jurisdiction')
    .values({ code: `J${uid()}`, name: over.name ?? `测试区${uid()}`, kind: over.kind ?? 'district' })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildUnit(
  db: Executor,
  over: {
    jurisdictionId?: string;
    name?: string;
    kind?: 'organ' | 'institution';
    parentId?: string | null;
    establishment?: number;
  } = {},
) {
  const jurisdictionId = over.jurisdictionId ?? (await buildJurisdiction(db)).id;
  return db
    .insertInto('org_unit')
    .values({
      code: `U${uid()}`,
      name: over.name ?? `测试单位${uid()}`,
      kind: over.kind ?? 'organ',
      level: 'district',
      jurisdiction_id: jurisdictionId,
      parent_id: over.parentId ?? null,
      establishment: over.establishment ?? 20,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function buildPerson(
  db: Executor,
  over: { unitId?: string; name?: string; rank?: string } = {},
) {
  const unit = over.unitId
    ? await db.selectFrom('org_unit').selectAll().where('id', '=', over.unitId).executeTakeFirstOrThrow()
    : await buildUnit(db);
  return db
    .insertInto('org_person')
    .values({
      unit_id: unit.id,
      jurisdiction_id: unit.jurisdiction_id,
      employee_no: `E${uid()}`,
      name: over.name ?? `测试${uid().slice(0, 2)}`,
      rank: over.rank ?? 'staff_member',
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface GrantSpec {
  role: Role;
  scope: ScopeKind;
  jurisdictionId?: string;
  unitId?: string;
}

/** An account linked to a person (built when not given) holding the given roles. */
export async function buildAccount(
  db: Executor,
  over: { username?: string; password?: string; personId?: string | null; grants?: GrantSpec[] } = {},
) {
  const personId = over.personId === undefined ? (await buildPerson(db)).id : over.personId;
  const password = over.password ?? 'Passw0rd!';
  const account = await db
    .insertInto('auth_account')
    .values({
      username: over.username ?? `u${uid()}`,
      display_name: '测试用户',
      person_id: personId,
      password_hash: await hashPassword(password),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  for (const g of over.grants ?? []) {
    await db
      .insertInto('auth_role_assignment')
      .values({
        account_id: account.id,
        role: g.role,
        scope_kind: g.scope,
        jurisdiction_id: g.scope === 'jurisdiction' ? (g.jurisdictionId ?? null) : null,
        unit_id: g.scope === 'unit' ? (g.unitId ?? null) : null,
      })
      .execute();
  }
  return { ...account, password };
}
