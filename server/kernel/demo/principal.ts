import type { Db } from '../db/schema.ts';
import type { Actor, UserPrincipal } from '../http/access.ts';
import { isRole } from '../access/roles.ts';

/**
 * A demo account as the principal of a signed-in user, and its actor for the audit trail: for demo
 * seeds that go through the services as that user would (raising and deciding approvals), so that the
 * queues, notifications and audit trail read as if the people had done it. Null for an unknown account.
 */
export async function demoUser(db: Db, username: string): Promise<{ p: UserPrincipal; actor: Actor } | null> {
  const a = await db
    .selectFrom('auth_account as a')
    .innerJoin('org_person as p', 'p.id', 'a.person_id')
    .select(['a.id', 'a.username', 'a.display_name', 'a.person_id', 'p.unit_id', 'p.jurisdiction_id'])
    .where('a.username', '=', username)
    .executeTakeFirst();
  if (!a) return null;
  const roles = await db
    .selectFrom('auth_role_assignment')
    .select(['role', 'scope_kind', 'jurisdiction_id', 'unit_id'])
    .where('account_id', '=', a.id)
    .execute();
  const p: UserPrincipal = {
    kind: 'user',
    accountId: a.id,
    username: a.username,
    displayName: a.display_name,
    personId: a.person_id,
    unitId: a.unit_id,
    jurisdictionId: a.jurisdiction_id,
    roles: roles.flatMap((r) =>
      isRole(r.role)
        ? [{ role: r.role, scopeKind: r.scope_kind, jurisdictionId: r.jurisdiction_id, unitId: r.unit_id }]
        : [],
    ),
    sessionId: 'demo',
    via: 'bearer',
    csrfToken: '',
    expiresAt: new Date(Date.now() + 60_000),
  };
  return { p, actor: { accountId: a.id, label: a.username, ip: null } };
}
