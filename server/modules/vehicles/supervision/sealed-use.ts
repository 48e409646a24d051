import { sql } from 'kysely';
import { z } from 'zod';
import { audit } from '../../../kernel/audit/audit.ts';
import { createMatter, registerMatterType } from '../../../kernel/approvals/index.ts';
import type { Db, Executor, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import type { Actor, UserPrincipal } from '../../../kernel/http/access.ts';
import { conflict } from '../shared.ts';

/**
 * Using a sealed vehicle (封存期间用车) needs a special approval: a kernel matter of type
 * `vehicles.sealed_use` naming the trip request, approved by the jurisdiction's administration (a district
 * admin for a district's request, the bureau for the city's). Approval records the request in
 * veh_sealed_use; the desk's assignment and the planner ask this file whether a request may use a sealed
 * vehicle, and a dispatch that does is flagged with a `sealed_dispatch` alert.
 */
export const SEALED_USE_MATTER = 'vehicles.sealed_use';

const payload = z.object({
  requestId: z.uuid(),
  reason: z.string().trim().min(1).max(200),
});
export type SealedUsePayload = z.infer<typeof payload>;

registerMatterType<SealedUsePayload>({
  type: SEALED_USE_MATTER,
  label: { 'zh-CN': '封存车辆特殊用车审批', en: 'Use of a sealed vehicle' },
  payload,
  steps: (_p, requester) => [
    requester.jurisdictionKind === 'city'
      ? {
          key: 'bureau',
          label: { 'zh-CN': '机关事务管理局审批', en: 'Bureau approval' },
          mode: 'any',
          role: 'bureau_admin',
          within: 'city',
        }
      : {
          key: 'district',
          label: { 'zh-CN': '辖区机关事务部门审批', en: 'District administration approval' },
          mode: 'any',
          role: 'district_admin',
          within: 'requester_jurisdiction',
          // a district without its own administrator: the bureau decides
          fallback: [{ role: 'bureau_admin', within: 'city' }],
        },
  ],
  async onApproved(tx, m, actor) {
    const p = m.payload as SealedUsePayload;
    const row = await sql<{ request_id: string; jurisdiction_id: string; unit_id: string }>`
      insert into veh_sealed_use (request_id, matter_id)
      select r.id, ${m.id}::uuid from veh_request r where r.id = ${p.requestId}::uuid
      on conflict (request_id) do nothing
      returning request_id,
        (select jurisdiction_id from veh_request where id = ${p.requestId}::uuid) as jurisdiction_id,
        (select unit_id from veh_request where id = ${p.requestId}::uuid) as unit_id`.execute(tx);
    const r = row.rows[0];
    if (!r) return;
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: r.request_id,
      action: 'sealed_use_approve',
      after: { matterId: m.id, reason: p.reason },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
  },
  summary: (p) => p.reason,
});

/** Where a request stands on the use of a sealed vehicle: approved, a matter waiting, or nothing asked. */
export type SealedUseState = 'approved' | 'pending' | null;

/** The sealed-use state of each of the given requests (absent: nothing asked) — for the desk's queue. */
export async function sealedUseStates(
  ex: Executor,
  requestIds: readonly string[],
): Promise<Map<string, 'approved' | 'pending'>> {
  const out = new Map<string, 'approved' | 'pending'>();
  if (!requestIds.length) return out;
  const pending = await ex
    .selectFrom('approval_matter')
    .select(sql<string>`payload->>'requestId'`.as('request_id'))
    .where('type', '=', SEALED_USE_MATTER)
    .where('status', 'in', ['submitted', 'returned'])
    .where(sql<string>`payload->>'requestId'`, 'in', [...requestIds])
    .execute();
  for (const p of pending) out.set(p.request_id, 'pending');
  for (const id of await sealedUseApproved(ex, requestIds)) out.set(id, 'approved');
  return out;
}

/**
 * The desk asks for the use of a sealed vehicle for one open request: raises and submits a
 * `vehicles.sealed_use` matter in the dispatcher's name. Refused (409, nothing written) when the request
 * is not waiting for or holding a vehicle, is already approved, or has a matter waiting.
 */
export async function raiseSealedUse(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  requestId: string,
  reason: string,
): Promise<{ matterId: string }> {
  return inTransaction(db, async (tx) => {
    const r = await tx
      .selectFrom('veh_request')
      .select(['id', 'no', 'status', 'jurisdiction_id', 'unit_id'])
      .where('id', '=', requestId)
      .forUpdate()
      .executeTakeFirst();
    if (!r) throw errors.notFound('vehicles.request', requestId);
    if (r.status !== 'approved' && r.status !== 'assigned') {
      throw conflict('requestId', 'request_not_open', {
        'zh-CN': '该申请不在待派车状态，无需特殊用车审批',
        en: 'The request is not open for dispatch; it needs no sealed-vehicle approval',
      });
    }
    const state = (await sealedUseStates(tx, [r.id])).get(r.id);
    if (state) {
      throw conflict(
        'requestId',
        state === 'approved' ? 'sealed_use_approved' : 'sealed_use_pending',
        state === 'approved'
          ? {
              'zh-CN': '该申请已获封存车辆特殊用车审批',
              en: 'This request already has an approved use of a sealed vehicle',
            }
          : {
              'zh-CN': '该申请的封存车辆特殊用车审批正在办理中',
              en: 'A sealed-vehicle use matter for this request is already waiting for approval',
            },
      );
    }
    const matterId = await createMatter(
      tx as unknown as Db,
      p,
      {
        type: SEALED_USE_MATTER,
        title: `封存车辆特殊用车 ${r.no}`,
        payload: { requestId: r.id, reason } satisfies SealedUsePayload,
        submit: true,
      },
      actor,
    );
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: r.id,
      action: 'sealed_use_request',
      after: { matterId, reason },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
    return { matterId };
  });
}

/** Requests (of the given ones) whose use of a sealed vehicle is approved — for the planner. */
export async function sealedUseApproved(ex: Executor, requestIds: readonly string[]): Promise<Set<string>> {
  if (!requestIds.length) return new Set();
  const rows = await ex
    .selectFrom('veh_sealed_use')
    .select('request_id')
    .where('request_id', 'in', [...requestIds])
    .execute();
  return new Set(rows.map((r) => r.request_id));
}

/**
 * The gate of a manual or planned assignment: a vehicle that is not sealed passes; a sealed one passes
 * only for a request with an approved `vehicles.sealed_use` matter, else a 409 `vehicle_sealed`.
 * Returns whether the assignment overrides the sealing (then call `flagSealedDispatch` after the trip
 * is written).
 */
export async function sealedGate(tx: Tx, vehicle: { status: string }, requestId: string): Promise<boolean> {
  if (vehicle.status !== 'sealed') return false;
  const ok = await tx
    .selectFrom('veh_sealed_use')
    .select('matter_id')
    .where('request_id', '=', requestId)
    .executeTakeFirst();
  if (!ok) {
    throw conflict('vehicleId', 'vehicle_sealed', {
      'zh-CN': '车辆处于封存期：按车辆封存规定，须经“封存车辆特殊用车审批”批准后方可派用',
      en: 'The vehicle is sealed: under the vehicle sealing rule it may be dispatched only with an approved "use of a sealed vehicle" matter',
    });
  }
  return true;
}

/** Flags a dispatch of a sealed vehicle (三色预警 `sealed_dispatch`, yellow), once per trip. */
export async function flagSealedDispatch(
  tx: Tx,
  v: { id: string; plate: string; jurisdiction_id: string; unit_id: string },
  trip: { id: string; no: string },
  requestNo: string,
): Promise<void> {
  await sql`
    insert into veh_alert (kind, level, vehicle_id, trip_id, jurisdiction_id, unit_id, detail)
    values ('sealed_dispatch', 'yellow', ${v.id}::uuid, ${trip.id}::uuid, ${v.jurisdiction_id}::uuid, ${v.unit_id}::uuid,
      ${JSON.stringify({ plate: v.plate, tripNo: trip.no, requestNo })}::jsonb)
    on conflict (kind, trip_id) where trip_id is not null do nothing`.execute(tx);
}
