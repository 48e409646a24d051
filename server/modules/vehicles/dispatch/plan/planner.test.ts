import { describe, expect, it } from 'vitest';
import { StraightLineTravel } from '../travel/straight-line.ts';
import { generateCityDay } from './generate.ts';
import { insertRequest, planDay, replan } from './planner.ts';
import type { Plan, PlanDriver, PlanInput, PlanRequest, PlanVehicle } from './types.ts';

// 36 km/h, no detour, no rush hours, no expressways: 1 km = 100 s
const travel = new StraightLineTravel({ detourFactor: 1, defaultKmh: 36, bands: [], urbanKm: 1000 });
const opts = { travel, timeLimitSeconds: 30, maxIterations: 60, seed: 1 };
const MIN = 60_000;
const day = Date.UTC(2026, 10, 25, 16, 0); // 2026-11-26 00:00 in Shanghai
const at = (h: number, m = 0) => day + (h * 60 + m) * MIN;
const A = { lon: 119.95, lat: 31.78 };
const B = { lon: 120.05, lat: 31.78 }; // ~9.5 km east of A
const east = (km: number, from = A) => ({ lon: from.lon + km / 94.7, lat: from.lat });

function vehicle(id: string, o: Partial<PlanVehicle> = {}): PlanVehicle {
  return {
    id,
    pool: 'p1',
    seats: 4,
    category: 'general',
    depot: A,
    availableFrom: at(7),
    availableUntil: at(19),
    ...o,
  };
}
function driver(id: string, vehicleId: string, o: Partial<PlanDriver> = {}): PlanDriver {
  return { id, pool: 'p1', vehicleId, shiftStart: at(7), shiftEnd: at(19), maxDrivingMinutes: 480, ...o };
}
function request(id: string, o: Partial<PlanRequest> = {}): PlanRequest {
  return {
    id,
    pool: 'p1',
    passengers: 2,
    pickup: east(1),
    dropoffs: [east(5)],
    earliestPickup: at(9),
    tripType: 'one_way',
    ...o,
  };
}
const crew = (id: string, v: Partial<PlanVehicle> = {}, d: Partial<PlanDriver> = {}) => ({
  v: vehicle(`V${id}`, v),
  d: driver(`D${id}`, `V${id}`, { pool: v.pool ?? 'p1', ...d }),
});
function input(
  crews: ReturnType<typeof crew>[],
  requests: PlanRequest[],
  extra: Partial<PlanInput> = {},
): PlanInput {
  return { vehicles: crews.map((c) => c.v), drivers: crews.map((c) => c.d), requests, ...extra };
}
const routeOf = (plan: Plan, requestId: string) => plan.routes.find((r) => r.requestIds.includes(requestId));
const reasonOf = (plan: Plan, requestId: string) =>
  plan.unserved.find((u) => u.requestId === requestId)?.reason;

describe('planDay', () => {
  it('serves a one-way request in its window: depot → pickup → drop-off → depot, with figures', async () => {
    const plan = await planDay(input([crew('1')], [request('r1')]), opts);
    expect(plan.unserved).toEqual([]);
    const r = plan.routes[0]!;
    expect(r).toMatchObject({ vehicleId: 'V1', driverId: 'D1', pool: 'p1', requestIds: ['r1'] });
    expect(r.stops.map((s) => s.kind)).toEqual(['start', 'pickup', 'dropoff', 'end']);
    const [start, pickup, drop, end] = r.stops;
    expect(pickup!.start).toBe(at(9)); // on time: leaves the depot 100 s before
    expect(Math.abs(start!.depart - (at(9) - 100_000))).toBeLessThan(1000);
    expect(Math.abs(drop!.arrive - (at(9, 2) + 400_000))).toBeLessThan(1000); // 2 min boarding + 4 km
    expect(end!.arrive).toBeGreaterThan(drop!.depart);
    expect(r.km).toBeCloseTo(1 + 4 + 5, 1);
    expect(r.emptyKm).toBeCloseTo(6, 1);
    expect(plan.figures).toMatchObject({ vehiclesUsed: 1, requests: 1, served: 1, loans: 0, lateMinutes: 0 });
  });

  it('chains requests that fit one after another on one vehicle (fewer vehicles)', async () => {
    const plan = await planDay(
      input([crew('1'), crew('2')], [request('r1'), request('r2', { earliestPickup: at(11) })]),
      opts,
    );
    expect(plan.figures.vehiclesUsed).toBe(1);
    expect(plan.routes[0]!.requestIds).toEqual(['r1', 'r2']);
  });

  it('uses a second vehicle for overlapping requests, and leaves one out when there is none', async () => {
    const both = [request('r1'), request('r2', { pickup: east(2) })];
    const two = await planDay(input([crew('1'), crew('2')], both), opts);
    expect(two.figures).toMatchObject({ vehiclesUsed: 2, served: 2 });
    const one = await planDay(input([crew('1')], both), opts);
    expect(one.figures.served).toBe(1);
    expect(one.unserved).toHaveLength(1);
    expect(one.unserved[0]!.reason).toBe('no_capacity_left');
  });

  it('respects seats: the larger vehicle takes the large party, too large a party is refused', async () => {
    const plan = await planDay(
      input(
        [crew('1'), crew('2', { seats: 7 })],
        [request('big', { passengers: 6 }), request('huge', { passengers: 9, earliestPickup: at(14) })],
      ),
      opts,
    );
    expect(routeOf(plan, 'big')!.vehicleId).toBe('V2');
    expect(reasonOf(plan, 'huge')).toBe('no_vehicle_with_seats');
  });

  it('respects the required category', async () => {
    const plan = await planDay(
      input(
        [crew('1'), crew('2', { category: 'law_enforcement' })],
        [
          request('law', { category: 'law_enforcement' }),
          request('emg', { category: 'emergency', earliestPickup: at(14) }),
        ],
      ),
      opts,
    );
    expect(routeOf(plan, 'law')!.vehicleId).toBe('V2');
    expect(reasonOf(plan, 'emg')).toBe('no_vehicle_of_category');
  });

  it('excludes sealed vehicles unless the request has a special approval', async () => {
    const sealed = [crew('1', { sealed: true })];
    const refused = await planDay(input(sealed, [request('r1')]), opts);
    expect(reasonOf(refused, 'r1')).toBe('vehicle_sealed');
    const approved = await planDay(input(sealed, [request('r1', { sealedApproved: true })]), opts);
    expect(approved.figures.served).toBe(1);
  });

  it('respects time windows and availability', async () => {
    const plan = await planDay(
      input([crew('1')], [request('early', { earliestPickup: at(6), latestPickup: at(6, 30) })]),
      opts,
    );
    expect(reasonOf(plan, 'early')).toBe('time_window');
    // a pickup that cannot be reached before latestPickup from the depot 30 km away
    const far = await planDay(
      input(
        [crew('1', { depot: east(-30) })],
        [request('r', { earliestPickup: at(7), latestPickup: at(7, 10) })],
      ),
      opts,
    );
    expect(reasonOf(far, 'r')).toBe('time_window');
  });

  it('respects the driver’s daily driving limit and continuous driving rule', async () => {
    const short = await planDay(input([crew('1', {}, { maxDrivingMinutes: 10 })], [request('r1')]), opts);
    expect(reasonOf(short, 'r1')).toBe('driver_hours');
    // 3 back-to-back 45 km trips: more than 150 minutes without a 20-minute rest is refused
    const trips = [0, 1, 2].map((k) =>
      request(`t${k}`, {
        pickup: k % 2 ? east(45) : A,
        dropoffs: [k % 2 ? A : east(45)],
        earliestPickup: at(8) + k * 80 * MIN,
        latestPickup: at(8) + k * 80 * MIN + 5 * MIN,
      }),
    );
    const tired = await planDay(input([crew('1', {}, { maxContinuousDrivingMinutes: 150 })], trips), opts);
    expect(tired.figures.served).toBe(2);
    expect(tired.unserved[0]!.reason).toBe('driver_hours');
    const fresh = await planDay(input([crew('1', {}, { maxContinuousDrivingMinutes: 300 })], trips), opts);
    expect(fresh.figures.served).toBe(3);
  });

  it('serves a long trip out of town: the driver rests while waiting at the pickup', async () => {
    // ~100 km each way: ~333 minutes of driving in all, above a 240-minute continuous limit
    const far = request('far', { pickup: east(100), dropoffs: [A], earliestPickup: at(12) });
    const d = { maxContinuousDrivingMinutes: 240, maxDrivingMinutes: 600 };
    const plan = await planDay(input([crew('1', {}, d)], [far]), opts);
    expect(plan.unserved).toEqual([]);
    expect(plan.routes[0]!.drivingMinutes).toBeGreaterThan(320);
    // with no time to rest before the pickup (the vehicle is only available just in time) it is refused
    const rushed = await planDay(
      input([crew('1', { availableFrom: at(12) - 10_000 * 1000 - 60_000 }, d)], [far]),
      opts,
    );
    expect(reasonOf(rushed, 'far')).toBe('driver_hours');
  });

  describe('pooling', () => {
    const lender = crew('1', { pool: 'p1', depot: B });
    const r = request('r', { pool: 'p2', pickup: east(1, B), dropoffs: [east(3, B)] });
    it('never: another pool’s vehicle is not used', async () => {
      const plan = await planDay(input([lender], [r], { pooling: { p1: { p2: 'never' } } }), opts);
      expect(reasonOf(plan, 'r')).toBe('no_pool_allowed');
      const none = await planDay(input([lender], [r]), opts); // missing pairs mean never
      expect(reasonOf(none, 'r')).toBe('no_pool_allowed');
    });
    it('approval: used and listed as a loan that needs approval', async () => {
      const plan = await planDay(input([lender], [r], { pooling: { p1: { p2: 'approval' } } }), opts);
      expect(plan.loans).toEqual([
        expect.objectContaining({
          requestId: 'r',
          vehicleId: 'V1',
          fromPool: 'p1',
          toPool: 'p2',
          needsApproval: true,
        }),
      ]);
      expect(plan.figures.loansNeedingApproval).toBe(1);
    });
    it('automatic: used without approval, but the own pool is preferred at similar cost', async () => {
      const auto = await planDay(input([lender], [r], { pooling: { p1: { p2: 'automatic' } } }), opts);
      expect(auto.loans[0]).toMatchObject({ needsApproval: false, fromPool: 'p1', toPool: 'p2' });
      const own = crew('2', { pool: 'p2', depot: east(0.5, B) });
      const plan = await planDay(input([lender, own], [r], { pooling: { p1: { p2: 'automatic' } } }), opts);
      expect(routeOf(plan, 'r')!.vehicleId).toBe('V2');
      expect(plan.loans).toEqual([]);
    });
  });

  it('plans round trips as two legs and waiting trips as one busy block', async () => {
    const plan = await planDay(
      input(
        [crew('1'), crew('2')],
        [
          request('rt', { tripType: 'round_trip', earliestPickup: at(9, 45), returnAt: at(12) }),
          request('wait', {
            tripType: 'waiting',
            earliestPickup: at(9, 30),
            returnAt: at(11),
            pickup: east(2),
          }),
        ],
      ),
      opts,
    );
    expect(plan.figures.served).toBe(2);
    const legs = plan.routes.flatMap((r) =>
      r.stops.filter((s) => s.requestId === 'rt' && s.kind === 'pickup'),
    );
    expect(legs.map((s) => s.leg).sort()).toEqual(['outbound', 'return']);
    expect(legs.find((s) => s.leg === 'return')!.start).toBe(at(12));
    const w = routeOf(plan, 'wait')!;
    const waitStops = w.stops.filter((s) => s.requestId === 'wait');
    expect(waitStops.map((s) => [s.kind, s.leg])).toEqual([
      ['pickup', 'outbound'],
      ['dropoff', 'outbound'],
      ['dropoff', 'return'],
    ]);
    expect(waitStops[1]!.depart).toBe(at(11));
    // nothing else happens on the waiting vehicle between its pickup and its return
    const first = w.stops.indexOf(waitStops[0]!);
    const last = w.stops.indexOf(waitStops[2]!);
    expect(last - first).toBe(2);
    // so the round trip's outbound leg (09:45, inside the wait) went to the other vehicle
    const outbound = plan.routes.find((r) =>
      r.stops.some((s) => s.requestId === 'rt' && s.leg === 'outbound'),
    )!;
    expect(outbound.vehicleId).not.toBe(w.vehicleId);
  });

  it('gives the same plan for the same seed and iteration budget', async () => {
    const day1 = generateCityDay({ requests: 60, vehicles: 30, seed: 3 });
    const a = await planDay(day1, { ...opts, maxIterations: 30 });
    const b = await planDay(day1, { ...opts, maxIterations: 30 });
    expect({ ...b.figures, seconds: 0 }).toEqual({ ...a.figures, seconds: 0 });
    expect(b.routes).toEqual(a.routes);
  });
});

describe('insertRequest', () => {
  it('adds a request at its cheapest feasible place and moves nothing else', async () => {
    const base = input([crew('1'), crew('2')], [request('r1'), request('r2', { earliestPickup: at(13) })]);
    const plan = await planDay(base, opts);
    const res = await insertRequest(plan, base, request('new', { earliestPickup: at(11) }), opts);
    expect(res.inserted).toBe(true);
    expect(res.deltaCost).toBeGreaterThan(0);
    const route = routeOf(res.plan, 'new')!;
    expect(route.requestIds).toEqual(['r1', 'new', 'r2']); // chained between the two, no extra vehicle
    expect(res.plan.figures.vehiclesUsed).toBe(1);
  });

  it('reports a request that fits nowhere', async () => {
    const base = input([crew('1')], [request('r1')]);
    const plan = await planDay(base, opts);
    const res = await insertRequest(plan, base, request('clash', { pickup: east(2) }), opts);
    expect(res.inserted).toBe(false);
    expect(reasonOf(res.plan, 'clash')).toBe('no_capacity_left');
    expect(routeOf(res.plan, 'r1')!.vehicleId).toBe('V1');
  });
});

describe('replan', () => {
  it('keeps locked trips on their vehicle and driver, drops cancelled ones, adds new ones', async () => {
    const crews = [crew('1'), crew('2', { depot: east(1) })];
    const base = input(crews, [request('r1'), request('r2', { earliestPickup: at(14) })]);
    const plan = await planDay(base, opts);
    // lock r1 on the vehicle that is NOT the cheapest for it, as if the dispatcher had chosen it
    const other = routeOf(plan, 'r1')!.vehicleId === 'V1' ? crews[1]! : crews[0]!;
    const next = await replan(
      plan,
      {
        ...base,
        requests: [request('r1'), request('r3', { earliestPickup: at(16) })], // r2 cancelled, r3 new
        locked: [
          { requestId: 'r1', vehicleId: other.v.id, driverId: other.d.id, started: true, pickupAt: at(9, 5) },
        ],
      },
      opts,
    );
    const r1 = routeOf(next, 'r1')!;
    expect(r1).toMatchObject({ vehicleId: other.v.id, driverId: other.d.id });
    expect(r1.stops.find((s) => s.requestId === 'r1' && s.kind === 'pickup')!.start).toBe(at(9, 5));
    expect(routeOf(next, 'r2')).toBeUndefined();
    expect(routeOf(next, 'r3')).toBeDefined();
    expect(next.unserved).toEqual([]);
  });

  it('reports a lock on a vehicle that is not in the input', async () => {
    const base = input([crew('1')], [request('r1')]);
    const plan = await planDay(base, opts);
    const next = await replan(
      plan,
      { ...base, locked: [{ requestId: 'r1', vehicleId: 'gone', driverId: 'D1' }] },
      opts,
    );
    expect(reasonOf(next, 'r1')).toBe('locked_vehicle_unknown');
  });
});
