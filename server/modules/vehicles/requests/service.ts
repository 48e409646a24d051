import { sql } from 'kysely';
import type { Db, Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import { DomainError, errors } from '../../../kernel/errors.ts';
import type { Actor, UserPrincipal } from '../../../kernel/http/access.ts';
import { createMatter, withdrawMatter } from '../../../kernel/approvals/index.ts';
import { notify } from '../../../kernel/notify/index.ts';
import { queueReplan } from '../planning/replan.ts';
import { conflict, fieldError, humanNo } from '../shared.ts';
import { haversineKm } from '../geo.ts';
import { TRIP_MATTER, type TripMatterPayload } from './matter.ts';
import { getRequest } from './views.ts';
import type { RequestBody, TripRequestView } from './schemas.ts';

/**
 * Trip requests (用车申请): checked, stored and sent for the unit's approval in one transaction.
 * Rules: the return after the departure, the departure not in the past, known active places, passengers
 * that some vehicle of the city can seat (driver excluded). A change before dispatch goes through
 * approval again; a dispatched request is changed by cancelling it (until the trip starts).
 */

function requesterOf(p: UserPrincipal) {
  if (!p.personId || !p.unitId || !p.jurisdictionId) {
    throw new DomainError('no_person', 'forbidden', {
      'zh-CN': '只有关联了人员档案的账号才能申请用车',
      en: 'Only an account linked to a person can request a vehicle',
    });
  }
  return { personId: p.personId, unitId: p.unitId, jurisdictionId: p.jurisdictionId };
}

interface Checked {
  route: string;
  plannedKm: number;
}

async function check(tx: Tx, input: RequestBody, now: Date): Promise<Checked> {
  const departs = new Date(input.departsAt);
  const returns = new Date(input.returnsAt);
  if (returns.getTime() <= departs.getTime()) {
    throw fieldError('returnsAt', 'return_before_departure', {
      'zh-CN': '预计返回时间必须晚于出发时间',
      en: 'The expected return must be after the departure',
    });
  }
  if (departs.getTime() < now.getTime() - 60_000) {
    throw fieldError('departsAt', 'departure_in_past', {
      'zh-CN': '出发时间不能早于当前时间',
      en: 'The departure cannot be in the past',
    });
  }
  const ids = [input.originId, ...input.destinationIds];
  const places = await tx
    .selectFrom('veh_place')
    .select(['id', 'name', 'lon', 'lat'])
    .where('id', 'in', ids)
    .where('active', '=', true)
    .execute();
  const byId = new Map(places.map((p) => [p.id, p]));
  ids.forEach((id, i) => {
    if (!byId.has(id)) {
      throw fieldError(i === 0 ? 'originId' : `destinationIds.${i - 1}`, 'unknown_place', {
        'zh-CN': '地点不存在或已停用',
        en: 'Unknown or inactive place',
      });
    }
  });
  const seats = await tx
    .selectFrom('veh_vehicle')
    .select((eb) => eb.fn.max('seats').as('max'))
    .where('status', '<>', 'retired')
    .executeTakeFirst();
  const capacity = Math.max(0, Number(seats?.max ?? 0) - 1);
  if (input.passengers > capacity) {
    throw fieldError('passengers', 'too_many_passengers', {
      'zh-CN': `乘车人数超过任何一辆车的座位数（最多 ${capacity} 人）`,
      en: `More passengers than any vehicle seats (at most ${capacity})`,
    });
  }
  const stops = ids.map((id) => byId.get(id)!);
  let km = 0;
  for (let i = 1; i < stops.length; i++) km += haversineKm(stops[i - 1]!, stops[i]!) * 1.3;
  if (input.kind !== 'one_way') km *= 2;
  return { route: stops.map((s) => s.name).join(' → '), plannedKm: Math.round(km) };
}

function title(input: RequestBody, route: string, timeZone: string): string {
  const when = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(input.departsAt));
  return `用车：${when} ${route}`.slice(0, 200);
}

async function raiseMatter(
  tx: Tx,
  p: UserPrincipal,
  id: string,
  input: RequestBody,
  c: Checked,
  tz: string,
  actor: Actor,
) {
  const payload: TripMatterPayload = {
    requestId: id,
    departsAt: input.departsAt,
    returnsAt: input.returnsAt,
    passengers: input.passengers,
    route: c.route.slice(0, 400),
    purpose: input.purpose,
  };
  const matterId = await createMatter(
    tx as unknown as Db,
    p,
    { type: TRIP_MATTER, title: title(input, c.route, tz), payload, submit: true },
    actor,
  );
  await tx.updateTable('veh_request').set({ matter_id: matterId }).where('id', '=', id).execute();
}

export async function submitRequest(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  timeZone: string,
  input: RequestBody,
): Promise<TripRequestView> {
  const who = requesterOf(p);
  return inTransaction(db, async (tx) => {
    const c = await check(tx, input, new Date());
    const row = await tx
      .insertInto('veh_request')
      .values({
        no: humanNo('YC', new Date(), timeZone),
        requester_account_id: p.accountId,
        requester_person_id: who.personId,
        jurisdiction_id: who.jurisdictionId,
        unit_id: who.unitId,
        passengers: input.passengers,
        passenger_names: input.passengerNames,
        contact_phone: input.contactPhone,
        origin_id: input.originId,
        destination_ids: input.destinationIds,
        departs_at: input.departsAt,
        returns_at: input.returnsAt,
        kind: input.kind,
        purpose: input.purpose,
        need_category: input.needCategory ?? null,
        special_work: input.specialWork,
        planned_km: c.plannedKm,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: row.id,
      action: 'create',
      after: input,
      jurisdictionId: who.jurisdictionId,
      unitId: who.unitId,
    });
    await raiseMatter(tx, p, row.id, input, c, timeZone, actor);
    return getRequest(tx, row.id);
  });
}

async function lockOwn(tx: Tx, p: UserPrincipal, id: string) {
  const r = await tx
    .selectFrom('veh_request')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!r) throw errors.notFound('vehicles.request', id);
  if (r.requester_account_id !== p.accountId) {
    throw errors.forbidden({ 'zh-CN': '只有申请人可以执行此操作', en: 'Only the requester can do this' });
  }
  return r;
}

const notChangeable = () =>
  conflict('status', 'request_not_changeable', {
    'zh-CN': '已派车或已结束的申请不能修改，请取消后重新申请',
    en: 'A dispatched or closed request cannot be changed; cancel it and request again',
  });

/** A change before dispatch: the request goes back to the unit for approval. */
export async function changeRequest(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  timeZone: string,
  id: string,
  input: RequestBody,
): Promise<TripRequestView> {
  return inTransaction(db, async (tx) => {
    const before = await lockOwn(tx, p, id);
    if (before.status !== 'submitted' && before.status !== 'approved') throw notChangeable();
    const c = await check(tx, input, new Date());
    if (before.status === 'submitted' && before.matter_id) {
      await withdrawMatter(tx as unknown as Db, p, before.matter_id, '申请人修改了用车申请', actor);
    }
    await tx
      .updateTable('veh_request')
      .set({
        passengers: input.passengers,
        passenger_names: input.passengerNames,
        contact_phone: input.contactPhone,
        origin_id: input.originId,
        destination_ids: input.destinationIds,
        departs_at: input.departsAt,
        returns_at: input.returnsAt,
        kind: input.kind,
        purpose: input.purpose,
        need_category: input.needCategory ?? null,
        special_work: input.specialWork,
        planned_km: c.plannedKm,
        status: 'submitted',
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: id,
      action: 'change',
      before: {
        departsAt: before.departs_at,
        returnsAt: before.returns_at,
        passengers: before.passengers,
        status: before.status,
      },
      after: input,
      jurisdictionId: before.jurisdiction_id,
      unitId: before.unit_id,
    });
    await raiseMatter(tx, p, id, input, c, timeZone, actor);
    return getRequest(tx, id);
  });
}

/**
 * Cancels a request before its trip starts: a pending approval is withdrawn, assigned trips are
 * cancelled and their drivers told.
 */
export async function cancelRequest(db: Db, p: UserPrincipal, actor: Actor, id: string, reason: string) {
  return inTransaction(db, async (tx) => {
    const r = await lockOwn(tx, p, id);
    if (!['submitted', 'approved', 'assigned'].includes(r.status)) {
      throw conflict('status', 'request_not_cancellable', {
        'zh-CN': '车辆已出发或申请已结束，不能取消',
        en: 'The trip has started or the request is closed; it cannot be cancelled',
      });
    }
    if (r.status === 'submitted' && r.matter_id)
      await withdrawMatter(tx as unknown as Db, p, r.matter_id, reason, actor);
    const trips = await tx
      .updateTable('veh_trip')
      .set({ status: 'cancelled', version: sql`version + 1`, updated_at: sql`now()` })
      .where('request_id', '=', id)
      .where('status', 'in', ['assigned', 'accepted'])
      .returning(['id', 'driver_id'])
      .execute();
    const started = await tx
      .selectFrom('veh_trip')
      .select('id')
      .where('request_id', '=', id)
      .where('status', 'in', ['started', 'arrived'])
      .executeTakeFirst();
    if (started) {
      throw conflict('status', 'request_not_cancellable', {
        'zh-CN': '车辆已出发，不能取消',
        en: 'The trip has started; it cannot be cancelled',
      });
    }
    await tx
      .updateTable('veh_request')
      .set({
        status: 'cancelled',
        cancel_reason: reason,
        trip_id: null,
        version: sql`version + 1`,
        updated_at: sql`now()`,
      })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: id,
      action: 'cancel',
      before: { status: r.status },
      after: { status: 'cancelled', reason, cancelledTrips: trips.map((t) => t.id) },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
    if (r.status === 'approved' || r.status === 'assigned') await queueReplan(tx, id, 'cancelled');
    if (trips.length > 0) {
      const drivers = await tx
        .selectFrom('veh_driver')
        .select('account_id')
        .where(
          'id',
          'in',
          trips.map((t) => t.driver_id),
        )
        .execute();
      await notify(
        tx,
        drivers.flatMap((d) => (d.account_id ? [d.account_id] : [])),
        {
          kind: 'vehicles.trip_cancelled',
          title: { 'zh-CN': `出车任务已取消：${r.no}`, en: `Trip cancelled: ${r.no}` },
          body: reason,
          link: '/vehicles/driver',
        },
      );
    }
    return getRequest(tx, id);
  });
}

/** The passenger confirms a finished trip and rates the driver (once). */
export async function confirmRequest(
  db: Db,
  p: UserPrincipal,
  actor: Actor,
  id: string,
  rating: number,
  comment: string | null,
) {
  return inTransaction(db, async (tx) => {
    const r = await lockOwn(tx, p, id);
    if (r.status !== 'completed' || r.confirmed_at) {
      throw conflict('status', 'not_confirmable', {
        'zh-CN': '只有已完成且未确认的行程可以确认评价',
        en: 'Only a completed, unconfirmed trip can be confirmed and rated',
      });
    }
    await tx
      .updateTable('veh_request')
      .set({ rating, rating_comment: comment, confirmed_at: sql`now()`, version: sql`version + 1` })
      .where('id', '=', id)
      .execute();
    const drivers = await tx
      .selectFrom('veh_trip')
      .select('driver_id')
      .where('request_id', '=', id)
      .where('status', '=', 'finished')
      .execute();
    for (const d of new Set(drivers.map((x) => x.driver_id))) {
      await tx
        .updateTable('veh_driver')
        .set({ rating_sum: sql`rating_sum + ${rating}`, rating_count: sql`rating_count + 1` })
        .where('id', '=', d)
        .execute();
    }
    await audit(tx, actor, {
      entity: 'vehicles.request',
      entityId: id,
      action: 'confirm',
      after: { rating, comment },
      jurisdictionId: r.jurisdiction_id,
      unitId: r.unit_id,
    });
    return getRequest(tx, id);
  });
}
