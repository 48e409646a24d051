import type { Executor } from '../db/schema.ts';
import { DataScope } from '../access/scope.ts';
import { errors } from '../errors.ts';
import type { UserPrincipal } from '../http/access.ts';
import { ADMIN } from './permissions.ts';
import type { MatterRow } from './repository.ts';
import './tables.ts';

type Matter = NonNullable<MatterRow>;

/** The matter's owner for scope checks: its jurisdiction, its unit and the requesting person. */
export function ownerOf(m: Pick<Matter, 'jurisdiction_id' | 'unit_id' | 'requester_person_id'>) {
  return { jurisdictionId: m.jurisdiction_id, unitId: m.unit_id, personId: m.requester_person_id };
}

/**
 * Who may see a matter: its requester, anyone who was ever asked to approve it, and holders of
 * `approvals.admin` whose scope covers it. Everyone else is refused with 403.
 */
export async function assertVisible(ex: Executor, m: Matter, p: UserPrincipal): Promise<void> {
  if (m.requester_account_id === p.accountId) return;
  if (DataScope.forPermission(p.roles, ADMIN, p.personId).covers(ownerOf(m))) return;
  const task = await ex
    .selectFrom('approval_task')
    .select('id')
    .where('matter_id', '=', m.id)
    .where('approver_account_id', '=', p.accountId)
    .limit(1)
    .executeTakeFirst();
  if (task) return;
  throw errors.outOfScope();
}
