import { sql } from 'kysely';
import { z } from 'zod';
import { registerMatterType } from '../../../kernel/approvals/index.ts';
import type { Tx } from '../../../kernel/db/schema.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { queueReplan } from '../planning/replan.ts';

/**
 * 用车申请 as a kernel approval matter: approved by the requester's unit (its unit admin, 或签).
 * The matter carries the request's id and a summary; approval opens the request to dispatch.
 */
export const TRIP_MATTER = 'vehicles.trip';

const payload = z.object({
  requestId: z.uuid(),
  departsAt: z.string(),
  returnsAt: z.string(),
  passengers: z.number().int(),
  route: z.string().max(400),
  purpose: z.string().max(200),
});
export type TripMatterPayload = z.infer<typeof payload>;

async function settle(
  tx: Tx,
  requestId: string,
  status: 'approved' | 'rejected',
  actor: Parameters<typeof audit>[1],
) {
  const row = await tx
    .updateTable('veh_request')
    .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', requestId)
    .where('status', '=', 'submitted')
    .returning(['id', 'jurisdiction_id', 'unit_id'])
    .executeTakeFirst();
  if (!row) return;
  const decision = status === 'approved' ? 'approve' : 'reject';
  await audit(tx, actor, {
    entity: 'vehicles.request',
    entityId: row.id,
    action: decision,
    after: { status },
    jurisdictionId: row.jurisdiction_id,
    unitId: row.unit_id,
  });
  // a day with an accepted plan takes the new request in (or the dispatcher is asked)
  if (status === 'approved') await queueReplan(tx, row.id, 'arrived');
}

registerMatterType<TripMatterPayload>({
  type: TRIP_MATTER,
  label: { 'zh-CN': '公务用车申请', en: 'Official vehicle request' },
  payload,
  steps: [
    {
      key: 'unit',
      label: { 'zh-CN': '单位审批', en: 'Unit approval' },
      mode: 'any',
      role: 'unit_admin',
      within: 'requester_unit',
      // a unit without a unit admin goes up to its district's administrators, then the bureau
      fallback: [
        { role: 'district_admin', within: 'requester_jurisdiction' },
        { role: 'bureau_admin', within: 'city' },
      ],
    },
  ],
  onApproved: (tx, m, actor) => settle(tx, (m.payload as TripMatterPayload).requestId, 'approved', actor),
  onRejected: (tx, m, actor) => settle(tx, (m.payload as TripMatterPayload).requestId, 'rejected', actor),
  summary: (p, locale) =>
    locale === 'en' ? `${p.passengers} passengers · ${p.route}` : `${p.passengers} 人 · ${p.route}`,
});
