import { sql } from 'kysely';
import type { Executor } from '../../../kernel/db/schema.ts';
import type { DataScope } from '../../../kernel/access/scope.ts';
import { likePattern } from '../../../kernel/http/paging.ts';
import { errors } from '../../../kernel/errors.ts';
import { iso } from '../shared.ts';
import { sealedUseStates } from '../supervision/sealed-use.ts';
import { placesById } from '../places/lookup.ts';
import type { RequestQuery, TripRequestView } from './schemas.ts';

/** Reading trip requests with their places, requester and trips. */

function requestSelect(ex: Executor) {
  return ex
    .selectFrom('veh_request as r')
    .innerJoin('org_person as p', 'p.id', 'r.requester_person_id')
    .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
    .innerJoin('org_jurisdiction as j', 'j.id', 'r.jurisdiction_id')
    .selectAll('r')
    .select(['p.name as requester_name', 'u.name as unit_name', 'j.name as jurisdiction_name']);
}
type Row = Awaited<ReturnType<ReturnType<typeof requestSelect>['executeTakeFirstOrThrow']>>;

async function hydrate(ex: Executor, rows: Row[]): Promise<TripRequestView[]> {
  if (rows.length === 0) return [];
  const places = await placesById(
    ex,
    rows.flatMap((r) => [r.origin_id, ...r.destination_ids]),
  );
  const trips = await ex
    .selectFrom('veh_trip as t')
    .innerJoin('veh_vehicle as v', 'v.id', 't.vehicle_id')
    .innerJoin('veh_driver as d', 'd.id', 't.driver_id')
    .select([
      't.id',
      't.no',
      't.request_id',
      't.leg',
      't.status',
      'v.plate',
      'd.name as driver_name',
      'd.phone as driver_phone',
      sql<Date>`lower(t.period)`.as('starts_at'),
      sql<Date>`upper(t.period)`.as('ends_at'),
      't.km',
    ])
    .where(
      't.request_id',
      'in',
      rows.map((r) => r.id),
    )
    .where('t.status', '<>', 'cancelled')
    .orderBy(sql`lower(t.period)`)
    .execute();
  const sealedUse = await sealedUseStates(
    ex,
    rows.filter((r) => r.status === 'approved' || r.status === 'assigned').map((r) => r.id),
  );
  const missing = (id: string) => ({ id, name: '?', lon: 0, lat: 0 });
  return rows.map((r) => ({
    id: r.id,
    no: r.no,
    requesterName: r.requester_name,
    requesterAccountId: r.requester_account_id,
    unitId: r.unit_id,
    unitName: r.unit_name,
    jurisdictionId: r.jurisdiction_id,
    jurisdictionName: r.jurisdiction_name,
    matterId: r.matter_id,
    passengers: r.passengers,
    passengerNames: r.passenger_names,
    contactPhone: r.contact_phone,
    origin: places.get(r.origin_id) ?? missing(r.origin_id),
    destinations: r.destination_ids.map((id) => places.get(id) ?? missing(id)),
    departsAt: iso(r.departs_at)!,
    returnsAt: iso(r.returns_at)!,
    kind: r.kind as TripRequestView['kind'],
    purpose: r.purpose,
    needCategory: r.need_category,
    specialWork: r.special_work,
    sealedUse: sealedUse.get(r.id) ?? null,
    plannedKm: r.planned_km,
    status: r.status,
    cancelReason: r.cancel_reason,
    rating: r.rating,
    confirmedAt: iso(r.confirmed_at),
    trips: trips
      .filter((t) => t.request_id === r.id)
      .map((t) => ({
        id: t.id,
        no: t.no,
        leg: t.leg,
        status: t.status,
        plate: t.plate,
        driverName: t.driver_name,
        driverPhone: t.driver_phone,
        startsAt: iso(t.starts_at)!,
        endsAt: iso(t.ends_at)!,
        km: t.km,
      })),
    version: r.version,
    createdAt: iso(r.created_at)!,
  }));
}

export async function getRequest(ex: Executor, id: string): Promise<TripRequestView> {
  const row = await requestSelect(ex).where('r.id', '=', id).executeTakeFirst();
  if (!row) throw errors.notFound('vehicles.request', id);
  return (await hydrate(ex, [row]))[0]!;
}

export async function listRequests(ex: Executor, scope: DataScope, accountId: string, f: RequestQuery) {
  let q = requestSelect(ex);
  q =
    f.mine === 'true'
      ? q.where('r.requester_account_id', '=', accountId)
      : q.where(
          scope.where({
            jurisdiction: 'r.jurisdiction_id',
            unit: 'r.unit_id',
            person: 'r.requester_person_id',
          }),
        );
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.jurisdictionId) q = q.where('r.jurisdiction_id', '=', f.jurisdictionId);
  if (f.unitId) q = q.where('r.unit_id', '=', f.unitId);
  if (f.from) q = q.where('r.departs_at', '>=', new Date(f.from));
  if (f.to) q = q.where('r.departs_at', '<', new Date(f.to));
  if (f.q) {
    const p = likePattern(f.q);
    q = q.where((eb) =>
      eb.or([eb('r.no', 'ilike', p), eb('r.purpose', 'ilike', p), eb('p.name', 'ilike', p)]),
    );
  }
  const [rows, total] = await Promise.all([
    q
      .orderBy('r.departs_at', 'desc')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await hydrate(ex, rows), total: Number(total.n), page: f.page, pageSize: f.pageSize };
}
