/**
 * City-scale planning: a generated day (600 requests, 6 pools, 300 vehicles with drivers,
 * Changzhou-like coordinates) planned by planDay, then single insertions into the accepted plan.
 * Env: CITY_SECONDS (planDay's budget, default 8), CITY_REQUESTS (600), CITY_VEHICLES (300).
 */
import { generateCityDay } from '../server/modules/vehicles/dispatch/plan/generate.ts';
import {
  insertRequest,
  planDay,
  StraightLineTravel,
} from '../server/modules/vehicles/dispatch/plan/index.ts';

export default async function run(): Promise<void> {
  const seconds = Number(process.env.CITY_SECONDS ?? 8);
  const requests = Number(process.env.CITY_REQUESTS ?? 600);
  const vehicles = Number(process.env.CITY_VEHICLES ?? 300);
  const input = generateCityDay({ requests, vehicles, pools: 6, seed: 1 });
  const travel = new StraightLineTravel();
  const jobs = input.requests.filter((r) => r.tripType === 'round_trip').length + input.requests.length;

  const t0 = performance.now();
  const quick = await planDay(input, { travel, timeLimitSeconds: 0.001 });
  const constructSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const plan = await planDay(input, { travel, timeLimitSeconds: seconds });
  const planSeconds = (performance.now() - t1) / 1000;

  // insert new requests one at a time into the accepted plan (each from the same plan)
  const extra = generateCityDay({ requests: 20, vehicles: 0, pools: 6, seed: 99 }).requests;
  const ms: number[] = [];
  let inserted = 0;
  for (const [k, r] of extra.entries()) {
    const request = { ...r, id: `NEW${k}` };
    const t = performance.now();
    const res = await insertRequest(plan, input, request, { travel });
    ms.push(performance.now() - t);
    if (res.inserted) inserted++;
  }
  ms.sort((a, b) => a - b);
  const f = (p: typeof plan) =>
    `${p.figures.served}/${p.figures.requests} | ${p.figures.vehiclesUsed} | ${p.figures.km.toFixed(0)} | ${p.figures.emptyKm.toFixed(0)} | ${p.figures.lateMinutes.toFixed(0)} | ${p.figures.loans} (${p.figures.loansNeedingApproval}) |`;
  const reasons = new Map<string, number>();
  for (const u of plan.unserved) reasons.set(u.reason, (reasons.get(u.reason) ?? 0) + 1);
  const out = [
    `City day: ${requests} requests (${jobs} jobs with round-trip return legs), 6 pools, ${vehicles} vehicles + drivers, straight-line travel ×1.3 with rush hours`,
    '',
    '| run | seconds | served | vehicles | km | empty km | late min | loans (need approval) |',
    '|---|---|---|---|---|---|---|---|',
    `| construction only | ${constructSeconds.toFixed(2)} | ${f(quick)}`,
    `| planDay, ${seconds} s budget | ${planSeconds.toFixed(2)} | ${f(plan)}`,
    '',
    `unserved: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
    '',
    '| insertRequest into the accepted plan | runs | inserted | median ms | p90 ms | max ms |',
    '|---|---|---|---|---|---|',
    `| one new request | ${ms.length} | ${inserted} | ${ms[Math.floor(ms.length / 2)]!.toFixed(0)} | ${ms[Math.floor(ms.length * 0.9)]!.toFixed(0)} | ${ms.at(-1)!.toFixed(0)} |`,
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
