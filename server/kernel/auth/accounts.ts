import { sql } from 'kysely';
import type { Db, Executor, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors, type Locale } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Actor } from '../http/access.ts';
import type { DataScope, Owner } from '../access/scope.ts';
import { isRole, ROLE_LABELS, type Role, type ScopeKind } from '../access/roles.ts';
import { likePattern, parseSort, type PageQuery } from '../http/paging.ts';
import { hashPassword } from './passwords.ts';
import { assertPasswordPolicy } from './service.ts';
import '../org/tables.ts';
import './tables.ts';

/** Account administration: list, create, edit, reset passwords, unlock. Roles are in grants.ts. */
export interface AccountRoleView {
  id: string;
  role: string;
  label: string;
  scopeKind: ScopeKind;
  jurisdictionId: string | null;
  jurisdictionName: string | null;
  unitId: string | null;
  unitName: string | null;
}

export interface AccountView {
  id: string;
  username: string;
  displayName: string;
  personId: string | null;
  personName: string | null;
  unitId: string | null;
  unitName: string | null;
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  roles: AccountRoleView[];
}

export interface AccountListQuery extends PageQuery {
  unitId?: string | undefined;
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

const USERNAME = /^[a-z0-9_.-]{2,40}$/;

function baseQuery(db: Executor) {
  return db
    .selectFrom('auth_account as a')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .leftJoin('org_unit as u', 'u.id', 'p.unit_id');
}

const accountColumns = [
  'a.id',
  'a.username',
  'a.display_name',
  'a.person_id',
  'p.name as person_name',
  'p.unit_id',
  'u.name as unit_name',
  'a.disabled',
  'a.locked_until',
  'a.last_login_at',
] as const;

type AccountRow = {
  id: string;
  username: string;
  display_name: string;
  person_id: string | null;
  person_name: string | null;
  unit_id: string | null;
  unit_name: string | null;
  disabled: boolean;
  locked_until: Date | null;
  last_login_at: Date | null;
};

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

async function withRoles(db: Executor, rows: AccountRow[], locale: Locale): Promise<AccountView[]> {
  const ids = rows.map((r) => r.id);
  const grants =
    ids.length === 0
      ? []
      : await db
          .selectFrom('auth_role_assignment as r')
          .leftJoin('org_unit as u', 'u.id', 'r.unit_id')
          .leftJoin('org_jurisdiction as j', (join) =>
            join.on(sql<boolean>`j.id = coalesce(r.jurisdiction_id, u.jurisdiction_id)`),
          )
          .select([
            'r.id',
            'r.account_id',
            'r.role',
            'r.scope_kind',
            'j.id as jurisdiction_id',
            'j.name as jurisdiction_name',
            'r.unit_id',
            'u.name as unit_name',
          ])
          .where('r.account_id', 'in', ids)
          .orderBy('r.created_at')
          .orderBy('r.id')
          .execute();
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    personId: r.person_id,
    personName: r.person_name,
    unitId: r.unit_id,
    unitName: r.unit_name,
    disabled: r.disabled,
    lockedUntil:
      r.locked_until && new Date(r.locked_until).getTime() > Date.now() ? iso(r.locked_until) : null,
    lastLoginAt: iso(r.last_login_at),
    roles: grants
      .filter((g) => g.account_id === r.id)
      .map((g) => ({
        id: g.id,
        role: g.role,
        label: isRole(g.role) ? ROLE_LABELS[g.role][locale] : g.role,
        scopeKind: g.scope_kind,
        jurisdictionId: g.jurisdiction_id,
        jurisdictionName: g.jurisdiction_name,
        unitId: g.unit_id,
        unitName: g.unit_name,
      })),
  }));
}

export async function listAccounts(db: Db, scope: DataScope, q: AccountListQuery, locale: Locale) {
  let query = baseQuery(db).where(
    scope.where({ jurisdiction: 'p.jurisdiction_id', unit: 'p.unit_id', person: 'a.person_id' }),
  );
  if (q.q) {
    const like = likePattern(q.q);
    query = query.where((eb) =>
      eb.or([
        eb('a.username', 'ilike', like),
        eb('a.display_name', 'ilike', like),
        eb('p.name', 'ilike', like),
      ]),
    );
  }
  if (q.unitId) query = query.where('p.unit_id', '=', q.unitId);
  if (q.disabled !== undefined) query = query.where('a.disabled', '=', q.disabled);
  if (q.role) {
    const role = q.role;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('auth_role_assignment as ra')
          .select('ra.id')
          .whereRef('ra.account_id', '=', 'a.id')
          .where('ra.role', '=', role),
      ),
    );
  }
  const { total } = await query
    .select((eb) => eb.fn.countAll<number>().as('total'))
    .executeTakeFirstOrThrow();
  const sorts = parseSort(
    q.sort,
    {
      username: 'a.username',
      displayName: 'a.display_name',
      lastLoginAt: 'a.last_login_at',
      createdAt: 'a.created_at',
    } as const,
    [{ column: 'a.username', direction: 'asc' }],
  );
  let page = query.select(accountColumns);
  for (const s of sorts)
    page = page.orderBy(s.column, (ob) => (s.direction === 'asc' ? ob.asc() : ob.desc()).nullsLast());
  const rows = await page
    .orderBy('a.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return {
    items: await withRoles(db, rows, locale),
    total: Number(total),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function getAccount(db: Executor, id: string, locale: Locale): Promise<AccountView> {
  const row = await baseQuery(db).select(accountColumns).where('a.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('account', id);
  const [view] = await withRoles(db, [row], locale);
  return view!;
}

/** The owner of an account, for scope checks and for scoping its audit records. */
export async function accountOwner(db: Executor, id: string): Promise<Owner & { disabled: boolean }> {
  const row = await db
    .selectFrom('auth_account as a')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.disabled', 'p.id as person_id', 'p.unit_id', 'p.jurisdiction_id'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) throw errors.notFound('account', id);
  return {
    jurisdictionId: row.jurisdiction_id,
    unitId: row.unit_id,
    personId: row.person_id,
    disabled: row.disabled,
  };
}

export interface CreateAccountInput {
  username: string;
  displayName: string;
  personId?: string | null | undefined;
  password: string;
}

export async function createAccount(
  db: Db | Tx,
  scope: DataScope,
  input: CreateAccountInput,
  actor: Actor,
): Promise<{ id: string }> {
  const username = input.username.trim().toLowerCase();
  if (!USERNAME.test(username)) {
    throw errors.field('username', 'invalid_username', {
      'zh-CN': '用户名须为 2–40 位小写字母、数字或 _ . -',
      en: 'A username has 2–40 lower-case letters, digits or _ . -',
    });
  }
  const displayName = input.displayName.trim();
  if (displayName.length < 1 || displayName.length > 50) {
    throw errors.field('displayName', 'invalid_display_name', {
      'zh-CN': '显示名须为 1–50 个字符',
      en: 'A display name has 1–50 characters',
    });
  }
  assertPasswordPolicy(input.password, 'password');
  const personId = input.personId ?? null;
  if (!personId && !scope.all) {
    throw new DomainError('city_scope_required', 'forbidden', {
      'zh-CN': '未关联人员的账号属于全市范围，只有全市管理员可以创建',
      en: 'An account without a person is city-level: only a city-wide administrator may create it',
    });
  }
  const hash = await hashPassword(input.password);
  return inTransaction(db, async (tx) => {
    let owner: Owner = {};
    if (personId) {
      const person = await tx
        .selectFrom('org_person')
        .select(['id', 'unit_id', 'jurisdiction_id'])
        .where('id', '=', personId)
        .executeTakeFirst();
      if (!person) {
        throw new DomainError('not_found', 'not_found', { 'zh-CN': '未找到该人员', en: 'Person not found' }, [
          { field: 'personId', entity: 'org.person', id: personId },
        ]);
      }
      owner = { jurisdictionId: person.jurisdiction_id, unitId: person.unit_id, personId: person.id };
      if (!scope.covers(owner)) throw errors.outOfScope();
    }
    const taken = await tx
      .selectFrom('auth_account')
      .select('id')
      .where('username', '=', username)
      .executeTakeFirst();
    if (taken) {
      throw new DomainError(
        'username_taken',
        'conflict',
        { 'zh-CN': '该用户名已被使用', en: 'This username is already taken' },
        [{ field: 'username', code: 'username_taken' }],
      );
    }
    const row = await tx
      .insertInto('auth_account')
      .values({ username, display_name: displayName, person_id: personId, password_hash: hash })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: row.id,
      action: 'create',
      after: { username, displayName, personId },
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
    return { id: row.id };
  });
}

/**
 * Refuses a change (disabling an account, or revoking one assignment) that would leave no enabled
 * account holding the city-wide bureau admin role: the platform would have nobody to administer it.
 */
export async function assertKeepsBureauAdmin(tx: Tx, change: { accountId: string; assignmentId?: string }) {
  const affected = await tx
    .selectFrom('auth_role_assignment as r')
    .innerJoin('auth_account as a', 'a.id', 'r.account_id')
    .select('r.id')
    .where('r.account_id', '=', change.accountId)
    .where('r.role', '=', 'bureau_admin')
    .where('r.scope_kind', '=', 'city')
    .where('a.disabled', '=', false)
    .$if(change.assignmentId !== undefined, (qb) => qb.where('r.id', '=', change.assignmentId!))
    .executeTakeFirst();
  if (!affected) return;
  const remaining = await tx
    .selectFrom('auth_role_assignment as r')
    .innerJoin('auth_account as a', 'a.id', 'r.account_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('r.role', '=', 'bureau_admin')
    .where('r.scope_kind', '=', 'city')
    .where('a.disabled', '=', false)
    .where((eb) =>
      change.assignmentId ? eb('r.id', '!=', change.assignmentId) : eb('a.id', '!=', change.accountId),
    )
    .executeTakeFirstOrThrow();
  if (Number(remaining.n) === 0) {
    throw errors.conflict('last_bureau_admin', {
      'zh-CN': '这是最后一个全市机关事务局管理员，不能停用或撤销',
      en: 'This is the last city-wide bureau administrator; it cannot be disabled or revoked',
    });
  }
}

export async function updateAccount(
  db: Db,
  id: string,
  input: { displayName?: string | undefined; disabled?: boolean | undefined },
  actor: Actor,
): Promise<void> {
  if (input.displayName === undefined && input.disabled === undefined) {
    throw errors.invalid('nothing_to_change', {
      'zh-CN': '请至少提供一项要修改的内容',
      en: 'Give at least one field to change',
    });
  }
  const displayName = input.displayName?.trim();
  if (displayName !== undefined && (displayName.length < 1 || displayName.length > 50)) {
    throw errors.field('displayName', 'invalid_display_name', {
      'zh-CN': '显示名须为 1–50 个字符',
      en: 'A display name has 1–50 characters',
    });
  }
  if (input.disabled === true && id === actor.accountId) {
    throw errors.field('disabled', 'cannot_disable_self', {
      'zh-CN': '不能停用自己的账号',
      en: 'You cannot disable your own account',
    });
  }
  await inTransaction(db, async (tx) => {
    const owner = await accountOwner(tx, id);
    const before = await tx
      .selectFrom('auth_account')
      .select(['display_name', 'disabled'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (input.disabled === true && !before.disabled) await assertKeepsBureauAdmin(tx, { accountId: id });
    const after = {
      displayName: displayName ?? before.display_name,
      disabled: input.disabled ?? before.disabled,
    };
    await tx
      .updateTable('auth_account')
      .set({ display_name: after.displayName, disabled: after.disabled, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    if (after.disabled && !before.disabled) await endSessions(tx, id);
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: id,
      action: 'update',
      before: { displayName: before.display_name, disabled: before.disabled },
      after,
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
  });
}

async function endSessions(tx: Tx, accountId: string) {
  await tx
    .updateTable('auth_session')
    .set({ revoked_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** An administrator sets a new password: every session of the account ends and any lockout is lifted. */
export async function resetPassword(db: Db, id: string, newPassword: string, actor: Actor): Promise<void> {
  assertPasswordPolicy(newPassword, 'newPassword');
  const hash = await hashPassword(newPassword);
  await inTransaction(db, async (tx) => {
    const owner = await accountOwner(tx, id);
    await tx
      .updateTable('auth_account')
      .set({
        password_hash: hash,
        password_changed_at: sql`now()`,
        failed_count: 0,
        locked_until: null,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await endSessions(tx, id);
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: id,
      action: 'password_reset',
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
  });
}

/** Lifts a temporary lockout after failed sign-ins. */
export async function unlockAccount(db: Db, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const owner = await accountOwner(tx, id);
    const before = await tx
      .selectFrom('auth_account')
      .select(['failed_count', 'locked_until'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    await tx
      .updateTable('auth_account')
      .set({ failed_count: 0, locked_until: null, updated_at: sql`now()` })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: id,
      action: 'unlock',
      before: { failedCount: before.failed_count, lockedUntil: iso(before.locked_until) },
      jurisdictionId: owner.jurisdictionId ?? null,
      unitId: owner.unitId ?? null,
    });
  });
}
