import type { FastifyInstance } from 'fastify';
import type { Executor } from '../../kernel/db/schema.ts';
import { buildJurisdiction, buildUnit } from '../../kernel/testing/factories.ts';
import { person, type Person } from '../../kernel/approvals/test-world.ts';
import type { GrantSpec } from '../../kernel/testing/factories.ts';

/**
 * Test set-up shared by the vehicle suites: the city and two districts (A, B), a unit in each with a
 * unit admin and a staff member, a dispatcher and a district admin per district, a city dispatcher,
 * the bureau admin, a driver account and an auditor.
 */
export interface VehWorld {
  city: string;
  a: string;
  b: string;
  unitA: string;
  unitB: string;
  cityUnit: string;
  bureau: Person;
  adminA: Person;
  adminB: Person;
  unitAdminA: Person;
  staffA: Person;
  staffA2: Person;
  staffB: Person;
  unitAdminB: Person;
  dispatcherA: Person;
  dispatcherA2: Person;
  dispatcherB: Person;
  cityDispatcher: Person;
  driverAccount: Person;
  auditor: Person;
}

export async function vehWorld(app: FastifyInstance, db: Executor): Promise<VehWorld> {
  const city = (await buildJurisdiction(db, { kind: 'city' })).id;
  const a = (await buildJurisdiction(db)).id;
  const b = (await buildJurisdiction(db)).id;
  const cityUnit = (await buildUnit(db, { jurisdictionId: city })).id;
  const unitA = (await buildUnit(db, { jurisdictionId: a })).id;
  const unitB = (await buildUnit(db, { jurisdictionId: b })).id;
  const at = (unitId: string, grants: GrantSpec[]) => person(app, db, { unitId, grants });
  return {
    city,
    a,
    b,
    unitA,
    unitB,
    cityUnit,
    bureau: await at(cityUnit, [{ role: 'bureau_admin', scope: 'city' }]),
    adminA: await at(unitA, [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: a }]),
    adminB: await at(unitB, [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: b }]),
    unitAdminA: await at(unitA, [{ role: 'unit_admin', scope: 'unit', unitId: unitA }]),
    staffA: await at(unitA, [{ role: 'staff', scope: 'self' }]),
    staffA2: await at(unitA, [{ role: 'staff', scope: 'self' }]),
    staffB: await at(unitB, [{ role: 'staff', scope: 'self' }]),
    unitAdminB: await at(unitB, [{ role: 'unit_admin', scope: 'unit', unitId: unitB }]),
    dispatcherA: await at(unitA, [{ role: 'dispatcher', scope: 'jurisdiction', jurisdictionId: a }]),
    dispatcherA2: await at(unitA, [{ role: 'dispatcher', scope: 'jurisdiction', jurisdictionId: a }]),
    dispatcherB: await at(unitB, [{ role: 'dispatcher', scope: 'jurisdiction', jurisdictionId: b }]),
    cityDispatcher: await at(cityUnit, [{ role: 'dispatcher', scope: 'city' }]),
    driverAccount: await at(unitA, [{ role: 'driver', scope: 'self' }]),
    auditor: await at(cityUnit, [{ role: 'auditor', scope: 'city' }]),
  };
}

export const vehicleBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  plate: `苏D${Math.random()
    .toString(36)
    .slice(2, 7)
    .toUpperCase()
    .replace(/[^A-Z0-9]/g, '7')
    .padEnd(5, '8')}`,
  category: 'general',
  bodyType: 'sedan',
  brand: '红旗',
  model: 'H5 1.8T',
  energyType: 'petrol',
  displacementL: 1.5,
  priceFen: 15_000_000,
  seats: 5,
  purchaseDate: '2022-03-01',
  odometerKm: 30_000,
  unitId,
  ...over,
});

export const driverBody = (unitId: string, over: Record<string, unknown> = {}) => ({
  name: '王师傅',
  phone: '13800000000',
  licenceClass: 'B1',
  licenceExpiresOn: '2030-01-01',
  contractStartsOn: '2024-01-01',
  contractEndsOn: '2027-12-31',
  unitId,
  ...over,
});

export const VEHICLE_TABLES = [
  'veh_vehicle',
  'veh_vehicle_record',
  'veh_driver',
  'veh_place',
  'audit_log',
] as const;

/** The date `plus` days from now (YYYY-MM-DD), for a request's day. */
export const dayFromNow = (plus: number) =>
  new Date(Date.now() + plus * 86_400_000).toISOString().slice(0, 10);
/** An hour of a day on the Shanghai wall clock, as an instant. */
export const atLocal = (day: string, hour: number) =>
  new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`).toISOString();

/** A one-way request of an hour submitted by `by` (a staff member of unit A) and approved by unit A's admin. */
export async function approvedRequest(
  w: VehWorld,
  by: Person,
  o: { originId: string; destinationId: string; day: string; hour: number; passengers?: number },
): Promise<{ id: string; no: string }> {
  const r = await by.client.post('/api/vehicles/requests', {
    passengers: o.passengers ?? 2,
    originId: o.originId,
    destinationIds: [o.destinationId],
    departsAt: atLocal(o.day, o.hour),
    returnsAt: atLocal(o.day, o.hour + 1),
    kind: 'one_way',
    purpose: '公务',
  });
  if (r.status !== 201) throw new Error(`request refused: ${JSON.stringify(r.body)}`);
  const a = await w.unitAdminA.client.post(`/api/approvals/matters/${r.body.matterId}/decide`, {
    decision: 'approve',
  });
  if (a.status !== 200) throw new Error(`approval refused: ${JSON.stringify(a.body)}`);
  return { id: r.body.id as string, no: r.body.no as string };
}
