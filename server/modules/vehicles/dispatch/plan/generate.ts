/**
 * A generated working day for a Changzhou-like city (around 119.97E 31.78N): pools, vehicles with
 * their drivers, pooling policies and requests. For the city-scale benchmark and the planner's tests.
 */
import { seededRandom } from '../random.ts';
import type {
  PlanDriver,
  PlanInput,
  PlanRequest,
  PlanVehicle,
  Point,
  PoolingPolicy,
  TripType,
  VehicleCategory,
} from './types.ts';

export interface CityDayOptions {
  requests: number;
  vehicles: number;
  /** at most 6 */
  pools?: number;
  seed?: number;
  /** local midnight of the day (epoch ms); default 2026-11-26 00:00 Asia/Shanghai */
  day?: number;
}

export const cityPools: { id: string; centre: Point }[] = [
  { id: 'city', centre: { lon: 119.974, lat: 31.811 } },
  { id: 'wujin', centre: { lon: 119.942, lat: 31.701 } },
  { id: 'xinbei', centre: { lon: 119.971, lat: 31.83 } },
  { id: 'tianning', centre: { lon: 119.999, lat: 31.779 } },
  { id: 'zhonglou', centre: { lon: 119.934, lat: 31.782 } },
  { id: 'jingkai', centre: { lon: 120.06, lat: 31.752 } },
];

const MIN = 60_000;

export function generateCityDay(o: CityDayOptions): PlanInput {
  const rnd = seededRandom(o.seed ?? 1);
  const day = o.day ?? Date.UTC(2026, 10, 25, 16, 0); // 2026-11-26 00:00 at UTC+8
  const pools = cityPools.slice(0, Math.max(1, Math.min(6, o.pools ?? 6)));
  const gauss = () => {
    let s = 0;
    for (let k = 0; k < 6; k++) s += rnd.next();
    return s - 3;
  };
  /** a point within about `km` of a centre */
  const near = (c: Point, km: number): Point => ({
    lon: +(c.lon + (gauss() * km) / 95).toFixed(6),
    lat: +(c.lat + (gauss() * km) / 111).toFixed(6),
  });
  const pick = <T>(items: [T, number][]): T => {
    let x = rnd.next();
    for (const [v, p] of items) {
      x -= p;
      if (x < 0) return v;
    }
    return items[items.length - 1]![0];
  };
  const vehicles: PlanVehicle[] = [];
  const drivers: PlanDriver[] = [];
  for (let k = 0; k < o.vehicles; k++) {
    const pool = pools[k % pools.length]!;
    const category = pick<VehicleCategory>([
      ['general', 0.8],
      ['law_enforcement', 0.1],
      ['emergency', 0.05],
      ['special_technical', 0.03],
      ['confidential_comms', 0.02],
    ]);
    const seats = pick([
      [4, 0.8],
      [6, 0.15],
      [13, 0.05],
    ]);
    const id = `V${String(k + 1).padStart(3, '0')}`;
    vehicles.push({
      id,
      pool: pool.id,
      seats,
      category,
      depot: near(pool.centre, 0.8),
      availableFrom: day + 6 * 60 * MIN,
      availableUntil: day + 22 * 60 * MIN,
      sealed: rnd.next() < 0.02,
    });
    drivers.push({
      id: `D${String(k + 1).padStart(3, '0')}`,
      pool: pool.id,
      ...(rnd.next() < 0.8 ? { vehicleId: id } : {}),
      shiftStart: day + (6 * 60 + 30) * MIN,
      shiftEnd: day + (20 * 60 + 30) * MIN,
      maxDrivingMinutes: 480,
    });
  }
  const pooling: Record<string, Record<string, PoolingPolicy>> = {};
  for (const a of pools) {
    pooling[a.id] = {};
    for (const b of pools) {
      if (a === b) continue;
      pooling[a.id]![b.id] =
        a.id === 'city' || b.id === 'city' ? 'automatic' : rnd.next() < 0.7 ? 'approval' : 'never';
    }
  }
  const requests: PlanRequest[] = [];
  for (let k = 0; k < o.requests; k++) {
    const pool = pools[rnd.int(pools.length)]!;
    const to = pools[rnd.int(pools.length)]!;
    // departures between 07:30 and 17:30, heavier around 08:30 and 14:00
    const centreMin = rnd.next() < 0.5 ? 8.5 * 60 : 14 * 60;
    const minute = Math.round(Math.min(17.5 * 60, Math.max(7.5 * 60, centreMin + gauss() * 90)) / 5) * 5;
    const earliestPickup = day + minute * MIN;
    const tripType = pick<TripType>([
      ['one_way', 0.6],
      ['round_trip', 0.25],
      ['waiting', 0.15],
    ]);
    const passengers = rnd.next() < 0.04 ? 5 + rnd.int(4) : 1 + rnd.int(3);
    const category = pick<VehicleCategory | null>([
      [null, 0.92],
      ['law_enforcement', 0.05],
      ['emergency', 0.03],
    ]);
    const stay = (tripType === 'waiting' ? 30 + rnd.int(90) : 60 + rnd.int(180)) * MIN;
    requests.push({
      id: `R${String(k + 1).padStart(4, '0')}`,
      pool: pool.id,
      passengers,
      pickup: near(pool.centre, 2.5),
      dropoffs: [near(to.centre, 3)],
      earliestPickup,
      tripType,
      ...(tripType !== 'one_way' ? { returnAt: earliestPickup + 30 * MIN + stay } : {}),
      category,
    });
  }
  return { requests, vehicles, drivers, pooling };
}
