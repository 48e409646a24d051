import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError, errors } from '../errors.ts';
import { audit } from '../audit/audit.ts';
import type { Actor, MachinePrincipal, UserPrincipal } from '../http/access.ts';
import { isRole, type RoleAssignment } from '../access/roles.ts';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { hashSecret, newSecret } from './tokens.ts';
import './tables.ts';

export interface AuthSettings {
  sessionHours: number;
  maxFailures: number;
  lockMinutes: number;
}

// A hash of a random password: login of an unknown user costs as much as a known one.
const DUMMY_HASH = hashPassword(crypto.randomBytes(16).toString('hex'));

const badCredentials = () =>
  new DomainError('bad_credentials', 'unauthenticated', {
    'zh-CN': '用户名或密码错误',
    en: 'Wrong username or password',
  });

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  accountId: string;
}

export async function login(
  db: Db,
  settings: AuthSettings,
  input: {
    username: string;
    password: string;
    kind: 'cookie' | 'bearer';
    ip: string | null;
    userAgent: string | null;
  },
): Promise<LoginResult> {
  const username = input.username.trim().toLowerCase();
  const account = await db
    .selectFrom('auth_account')
    .select(['id', 'password_hash', 'disabled', 'locked_until', 'failed_count', 'display_name'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (!account) {
    await verifyPassword(input.password, await DUMMY_HASH);
    throw badCredentials();
  }
  if (account.locked_until && account.locked_until.getTime() > Date.now()) {
    throw lockedError(account.locked_until);
  }
  const ok = await verifyPassword(input.password, account.password_hash);
  const actor: Actor = { accountId: account.id, label: username, ip: input.ip };
  if (!ok) {
    const lockedUntil = await inTransaction(db, async (tx) => {
      const row = await tx
        .updateTable('auth_account')
        .set({
          failed_count: sql`failed_count + 1`,
          locked_until: sql`case when failed_count + 1 >= ${settings.maxFailures}
            then now() + make_interval(mins => ${settings.lockMinutes}) else locked_until end`,
        })
        .where('id', '=', account.id)
        .returning(['failed_count', 'locked_until'])
        .executeTakeFirstOrThrow();
      const locked = row.failed_count >= settings.maxFailures;
      await audit(tx, actor, {
        entity: 'auth.account',
        entityId: account.id,
        action: locked ? 'login_failed_locked' : 'login_failed',
        after: { failedCount: row.failed_count },
      });
      return locked ? row.locked_until : null;
    });
    if (lockedUntil) throw lockedError(lockedUntil);
    throw badCredentials();
  }
  if (account.disabled) {
    throw new DomainError('account_disabled', 'forbidden', {
      'zh-CN': '该账号已停用',
      en: 'This account is disabled',
    });
  }
  return inTransaction(db, async (tx) => {
    const token = newSecret('goa');
    const csrfToken = crypto.randomBytes(24).toString('base64url');
    const expiresAt = new Date(Date.now() + settings.sessionHours * 3600_000);
    await tx
      .insertInto('auth_session')
      .values({
        token_hash: hashSecret(token),
        account_id: account.id,
        csrf_token: csrfToken,
        kind: input.kind,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 300) ?? null,
        expires_at: expiresAt,
      })
      .execute();
    await tx
      .updateTable('auth_account')
      .set({ failed_count: 0, locked_until: null, last_login_at: sql`now()` })
      .where('id', '=', account.id)
      .execute();
    await audit(tx, actor, { entity: 'auth.account', entityId: account.id, action: 'login' });
    return { token, csrfToken, expiresAt, accountId: account.id };
  });
}

function lockedError(until: Date) {
  return new DomainError(
    'account_locked',
    'locked',
    {
      'zh-CN': `登录失败次数过多，账号已临时锁定，请于 ${until.toISOString()} 后再试`,
      en: `Too many failed sign-ins: the account is locked until ${until.toISOString()}`,
    },
    [{ lockedUntil: until.toISOString() }],
  );
}

/** Resolves a session token to its principal, or null when it is unknown, expired or revoked. */
export async function principalForSession(
  db: Db,
  token: string,
  via: 'cookie' | 'bearer',
): Promise<UserPrincipal | null> {
  // one round trip per request: the session, its account, the person and the role assignments
  const row = await db
    .selectFrom('auth_session as s')
    .innerJoin('auth_account as a', 'a.id', 's.account_id')
    .leftJoin('org_person as p', 'p.id', 'a.person_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'a.id as accountId',
      'a.username',
      'a.display_name',
      'a.person_id',
      'p.unit_id',
      'p.jurisdiction_id',
      sql<RoleRow[]>`coalesce((
        select jsonb_agg(jsonb_build_object('role', r.role, 'scopeKind', r.scope_kind,
          'jurisdictionId', r.jurisdiction_id, 'unitId', r.unit_id))
        from auth_role_assignment r where r.account_id = a.id), '[]'::jsonb)`.as('roles'),
    ])
    .where('s.token_hash', '=', hashSecret(token))
    .where('s.revoked_at', 'is', null)
    .where('s.expires_at', '>', sql<Date>`now()`)
    .where('a.disabled', '=', false)
    .executeTakeFirst();
  if (!row) return null;
  if (Date.now() - row.last_seen_at.getTime() > 60_000) {
    // touch at most once a minute: cheap enough, and good enough to show "last active"
    await db
      .updateTable('auth_session')
      .set({ last_seen_at: sql`now()` })
      .where('id', '=', row.sessionId)
      .execute();
  }
  return {
    kind: 'user',
    accountId: row.accountId,
    username: row.username,
    displayName: row.display_name,
    personId: row.person_id,
    unitId: row.unit_id,
    jurisdictionId: row.jurisdiction_id,
    roles: row.roles.flatMap((r) => (isRole(r.role) ? [{ ...r, role: r.role }] : [])),
    sessionId: row.sessionId,
    via,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
  };
}

interface RoleRow {
  role: string;
  scopeKind: RoleAssignment['scopeKind'];
  jurisdictionId: string | null;
  unitId: string | null;
}

export async function principalForMachineToken(db: Db, token: string): Promise<MachinePrincipal | null> {
  const row = await db
    .selectFrom('auth_machine_token')
    .select(['id', 'name', 'purpose', 'last_used_at'])
    .where('token_hash', '=', hashSecret(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || Date.now() - row.last_used_at.getTime() > 60_000) {
    await db
      .updateTable('auth_machine_token')
      .set({ last_used_at: sql`now()` })
      .where('id', '=', row.id)
      .execute();
  }
  return { kind: 'machine', tokenId: row.id, name: row.name, purpose: row.purpose };
}

export async function logout(db: Db, sessionId: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('auth_session')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', sessionId)
      .execute();
    await audit(tx, actor, { entity: 'auth.session', entityId: sessionId, action: 'logout' });
  });
}

export function assertPasswordPolicy(password: string, field = 'newPassword'): void {
  const problem = passwordProblem(password);
  if (!problem) return;
  throw errors.field(field, `password_${problem}`, {
    'zh-CN': '密码至少 8 位，且须同时包含字母和数字',
    en: 'A password needs at least 8 characters with both letters and digits',
  });
}

export async function changePassword(
  db: Db,
  principal: UserPrincipal,
  input: { currentPassword: string; newPassword: string },
  actor: Actor,
): Promise<void> {
  assertPasswordPolicy(input.newPassword);
  const account = await db
    .selectFrom('auth_account')
    .select(['password_hash'])
    .where('id', '=', principal.accountId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(input.currentPassword, account.password_hash))) {
    throw errors.field('currentPassword', 'wrong_password', {
      'zh-CN': '当前密码不正确',
      en: 'The current password is wrong',
    });
  }
  const hash = await hashPassword(input.newPassword);
  await inTransaction(db, async (tx) => {
    await tx
      .updateTable('auth_account')
      .set({ password_hash: hash, password_changed_at: sql`now()`, updated_at: sql`now()` })
      .where('id', '=', principal.accountId)
      .execute();
    // other sessions of this account end: a changed password must lock out whoever knew the old one
    await tx
      .updateTable('auth_session')
      .set({ revoked_at: sql`now()` })
      .where('account_id', '=', principal.accountId)
      .where('id', '!=', principal.sessionId)
      .where('revoked_at', 'is', null)
      .execute();
    await audit(tx, actor, {
      entity: 'auth.account',
      entityId: principal.accountId,
      action: 'password_change',
    });
  });
}

/**
 * Creates a machine token limited to `input.purpose`. Given the purposes the routes declare (`known`,
 * see collectMachinePurposes), any other purpose is refused on the field: a token for a misspelt
 * purpose would be let in nowhere.
 */
export async function createMachineToken(
  db: Db,
  input: { name: string; purpose: string },
  actor: Actor,
  known?: readonly string[],
): Promise<{ id: string; token: string }> {
  if (known && !known.includes(input.purpose)) {
    throw errors.field('purpose', 'machine_purpose_unknown', {
      'zh-CN': `没有接口使用「${input.purpose}」这一用途；可选的用途：${known.join('、')}`,
      en: `No endpoint serves the purpose "${input.purpose}"; the purposes are: ${known.join(', ')}`,
    });
  }
  const token = newSecret('goam');
  return inTransaction(db, async (tx) => {
    const row = await tx
      .insertInto('auth_machine_token')
      .values({
        name: input.name,
        purpose: input.purpose,
        token_hash: hashSecret(token),
        created_by: actor.accountId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'auth.machine_token',
      entityId: row.id,
      action: 'create',
      after: { name: input.name, purpose: input.purpose },
    });
    return { id: row.id, token };
  });
}

export async function revokeMachineToken(db: Db, id: string, actor: Actor): Promise<void> {
  await inTransaction(db, async (tx) => {
    const row = await tx
      .updateTable('auth_machine_token')
      .set({ revoked_at: sql`now()` })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['name', 'purpose'])
      .executeTakeFirst();
    if (!row) throw errors.notFound('machine token', id);
    await audit(tx, actor, { entity: 'auth.machine_token', entityId: id, action: 'revoke', before: row });
  });
}
