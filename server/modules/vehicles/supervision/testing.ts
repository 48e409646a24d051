import { sql } from 'kysely';
import type { AppContext } from '../../../kernel/module.ts';
import { SEALED_USE_MATTER } from './sealed-use.ts';

/**
 * Test support: records an approved `vehicles.sealed_use` matter for a request without walking the
 * approval workflow (supervision.int.test.ts walks it through the API).
 */
export async function approveSealedUseForTest(ctx: AppContext, requestId: string): Promise<void> {
  await sql`
    with m as (
      insert into approval_matter (type, title, payload, status, requester_account_id, requester_person_id,
        unit_id, jurisdiction_id, steps, round, submitted_at, decided_at)
      select ${SEALED_USE_MATTER}, '封存车辆特殊用车', jsonb_build_object('requestId', r.id, 'reason', 'test'),
        'approved', r.requester_account_id, r.requester_person_id, r.unit_id, r.jurisdiction_id, '[]'::jsonb, 1, now(), now()
      from veh_request r where r.id = ${requestId}::uuid
      returning id, (payload->>'requestId')::uuid as request_id)
    insert into veh_sealed_use (request_id, matter_id) select request_id, id from m`.execute(ctx.db);
}
