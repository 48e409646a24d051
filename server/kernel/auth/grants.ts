import type { Executor } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../http/access.ts';
import { isRole, type Role, type RoleAssignment, type ScopeKind } from '../access/roles.ts';
import { accountOwner, assertKeepsBureauAdmin } from './accounts.ts';
import { grantVerdict, type GrantSpec } from './grant-rules.ts';
import '../org/tables.ts';
import './tables.ts';

/** Who grants: a signed-in administrator (bounded by grant-rules.ts) or the system (the CLI). */
export type Granter = { kind: 'system' } | { kind: 'user'; roles: readonly RoleAssignment[] };

export interface GrantInput {
  role: Role;
  scopeKind: ScopeKind;
  jurisdictionId?: string | null | undefined;
  unitId?: string | null | undefined;
}

const notAllowedHere = (field: string) =>
  errors.field(field, 'not_allowed_for_scope', {
    'zh-CN': '该授权范围不需要此字段',
    en: 'This field does not apply to the chosen scope',
  });

const required = (field: string) =>
  errors.field(field, 'required', { 'zh-CN': '缺少必填字段', en: 'A required field is missing' });

const unknown = (field: string, entity: string, id: string) =>
  new DomainError(
    'not_found',
    'not_found',
    {
      'zh-CN': `未找到引用的${entity === 'org.unit' ? '单位' : '辖区'}`,
      en: `Referenced ${entity} not found`,
    },
    [{ field, entity, id }],
  );

function refuse(verdict: 'role_above_own' | 'scope_beyond_reach', revoking: boolean): DomainError {
  const verb = revoking ? { zh: '撤销', en: 'revoke' } : { zh: '授予', en: 'grant' };
  return verdict === 'role_above_own'
    ? new DomainError('grant_role_above_own', 'forbidden', {
        'zh-CN': `不能${verb.zh}高于自身管理级别的角色`,
        en: `You cannot ${verb.en} a role above your own administrative level`,
      })
    : new DomainError('grant_scope_beyond_reach', 'forbidden', {
        'zh-CN': `不能${verb.zh}超出自身管理范围的授权`,
        en: `You cannot ${verb.en} a role beyond the scope you administer`,
      });
}

/** Resolves and validates the scope of a grant: which ids it names, and that they exist. */
async function resolveSpec(db: Executor, input: GrantInput, accountHasPerson: boolean): Promise<GrantSpec> {
  const jurisdictionId = input.jurisdictionId ?? null;
  const unitId = input.unitId ?? null;
  switch (input.scopeKind) {
    case 'city':
    case 'self':
      if (jurisdictionId) throw notAllowedHere('jurisdictionId');
      if (unitId) throw notAllowedHere('unitId');
      if (input.scopeKind === 'self' && !accountHasPerson) {
        throw errors.field('scopeKind', 'self_scope_needs_person', {
          'zh-CN': '“本人”范围只适用于关联了人员的账号',
          en: 'A self scope applies only to an account linked to a person',
        });
      }
      return {
        role: input.role,
        scopeKind: input.scopeKind,
        jurisdictionId: null,
        unitId: null,
        unitJurisdictionId: null,
      };
    case 'jurisdiction': {
      if (!jurisdictionId) throw required('jurisdictionId');
      if (unitId) throw notAllowedHere('unitId');
      const j = await db
        .selectFrom('org_jurisdiction')
        .select('id')
        .where('id', '=', jurisdictionId)
        .executeTakeFirst();
      if (!j) throw unknown('jurisdictionId', 'org.jurisdiction', jurisdictionId);
      return {
        role: input.role,
        scopeKind: 'jurisdiction',
        jurisdictionId,
        unitId: null,
        unitJurisdictionId: null,
      };
    }
    case 'unit': {
      if (!unitId) throw required('unitId');
      const u = await db
        .selectFrom('org_unit')
        .select(['id', 'jurisdiction_id'])
        .where('id', '=', unitId)
        .executeTakeFirst();
      if (!u) throw unknown('unitId', 'org.unit', unitId);
      if (jurisdictionId && jurisdictionId !== u.jurisdiction_id) {
        throw errors.field('jurisdictionId', 'unit_not_in_jurisdiction', {
          'zh-CN': '该单位不属于所填辖区',
          en: 'The unit does not belong to the given jurisdiction',
        });
      }
      // a unit grant stores the unit only: its jurisdiction follows the unit
      return {
        role: input.role,
        scopeKind: 'unit',
        jurisdictionId: null,
        unitId,
        unitJurisdictionId: u.jurisdiction_id,
      };
    }
  }
}

export async function grantRole(
  db: Executor,
  granter: Granter,
  accountId: string,
  input: GrantInput,
  actor: Actor,
): Promise<{ id: string }> {
  const owner = await accountOwner(db, accountId);
  const spec = await resolveSpec(db, input, Boolean(owner.personId));
  if (granter.kind === 'user') {
    const verdict = grantVerdict(granter.roles, spec, owner);
    if (verdict !== 'ok') throw refuse(verdict, false);
  }
  return inTransaction(db, async (tx) => {
    const existing = await tx
      .selectFrom('auth_role_assignment')
      .select('id')
      .where('account_id', '=', accountId)
      .where('role', '=', spec.role)
      .where('scope_kind', '=', spec.scopeKind)
      .where((eb) =>
        spec.jurisdictionId
          ? eb('jurisdiction_id', '=', spec.jurisdictionId)
          : eb('jurisdiction_id', 'is', null),
      )
      .where((eb) => (spec.unitId ? eb('unit_id', '=', spec.unitId) : eb('unit_id', 'is', null)))
      .executeTakeFirst();
    if (existing) {
      throw errors.conflict(
        'role_already_granted',
        { 'zh-CN': '该账号已拥有此角色和范围', en: 'The account already holds this role in this scope' },
        [{ assignmentId: existing.id }],
      );
    }
    const row = await tx
      .insertInto('auth_role_assignment')
      .values({
        account_id: accountId,
        role: spec.role,
        scope_kind: spec.scopeKind,
        jurisdiction_id: spec.jurisdictionId,
        unit_id: spec.unitId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: accountId,
      action: 'role_grant',
      after: {
        assignmentId: row.id,
        role: spec.role,
        scopeKind: spec.scopeKind,
        jurisdictionId: spec.jurisdictionId,
        unitId: spec.unitId,
      },
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
    return { id: row.id };
  });
}

export async function revokeRole(
  db: Executor,
  granter: Granter,
  accountId: string,
  assignmentId: string,
  actor: Actor,
): Promise<void> {
  const owner = await accountOwner(db, accountId);
  const row = await db
    .selectFrom('auth_role_assignment as r')
    .leftJoin('org_unit as u', 'u.id', 'r.unit_id')
    .select([
      'r.id',
      'r.role',
      'r.scope_kind',
      'r.jurisdiction_id',
      'r.unit_id',
      'u.jurisdiction_id as unit_jurisdiction_id',
    ])
    .where('r.id', '=', assignmentId)
    .where('r.account_id', '=', accountId)
    .executeTakeFirst();
  if (!row) throw errors.notFound('role assignment', assignmentId);
  if (granter.kind === 'user') {
    // an unknown role name (from an older release) can only be removed by a city-wide administrator
    const spec: GrantSpec = {
      role: isRole(row.role) ? row.role : 'bureau_admin',
      scopeKind: row.scope_kind,
      jurisdictionId: row.jurisdiction_id,
      unitId: row.unit_id,
      unitJurisdictionId: row.unit_jurisdiction_id,
    };
    const verdict = grantVerdict(granter.roles, spec, owner);
    if (verdict !== 'ok') throw refuse(verdict, true);
  }
  await inTransaction(db, async (tx) => {
    await assertKeepsBureauAdmin(tx, { accountId, assignmentId });
    await tx.deleteFrom('auth_role_assignment').where('id', '=', assignmentId).execute();
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: accountId,
      action: 'role_revoke',
      before: {
        assignmentId,
        role: row.role,
        scopeKind: row.scope_kind,
        jurisdictionId: row.jurisdiction_id,
        unitId: row.unit_id,
      },
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
  });
}
