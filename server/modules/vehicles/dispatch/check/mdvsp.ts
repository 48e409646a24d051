/**
 * Independent feasibility checker for MDVSP solutions. It shares nothing with the solver except the
 * instance parser: it walks each block from its depot through its trips back to the same depot,
 * sums the arc costs straight from the matrix, and counts trips and vehicles per depot itself.
 */
import { arcCost, parseMdvsp, VEHICLE_FIXED_COST, type MdvspInstance } from '../mdvsp/instance.ts';

export interface MdvspSolution {
  vehicles?: number;
  cost?: number;
  /** 0-based depot and trip indices as in the file (trip t is matrix node depots + t) */
  blocks: { depot: number; trips: number[] }[];
}

export interface MdvspCheck {
  feasible: boolean;
  /** every violation found, in words (empty when feasible) */
  violations: string[];
  /** recomputed from the instance */
  vehicles: number;
  cost: number;
  /** cost − 10,000 × vehicles */
  operationalCost: number;
  /** vehicles leaving each depot */
  perDepot: number[];
}

export function checkMdvsp(inst: MdvspInstance, solution: MdvspSolution): MdvspCheck {
  const violations: string[] = [];
  const m = inst.depots;
  const seen = new Array<number>(inst.trips).fill(0);
  const perDepot = new Array<number>(m).fill(0);
  let cost = 0;
  let vehicles = 0;
  const blocks = Array.isArray(solution.blocks) ? solution.blocks : [];
  if (!Array.isArray(solution.blocks)) violations.push('blocks is not a list');

  blocks.forEach((block, b) => {
    const d = block.depot;
    if (!Number.isInteger(d) || d < 0 || d >= m) {
      violations.push(`block ${b}: depot ${String(d)} does not exist`);
      return;
    }
    const trips = Array.isArray(block.trips) ? block.trips : [];
    if (trips.length === 0) {
      violations.push(`block ${b}: no trips`);
      return;
    }
    if (trips.some((t) => !Number.isInteger(t) || t < 0 || t >= inst.trips)) {
      violations.push(`block ${b}: a trip index outside 0..${inst.trips - 1}`);
      return;
    }
    vehicles++;
    perDepot[d] = (perDepot[d] ?? 0) + 1;
    // depot → first trip → … → last trip → the same depot
    const path = [d, ...trips.map((t) => m + t), d];
    for (let i = 0; i + 1 < path.length; i++) {
      const from = path[i] as number;
      const to = path[i + 1] as number;
      const c = arcCost(inst, from, to);
      if (c < 0) {
        violations.push(`block ${b}: ${nodeName(inst, from)} → ${nodeName(inst, to)} is not allowed`);
      } else {
        cost += c;
      }
    }
    for (const t of trips) seen[t] = (seen[t] ?? 0) + 1;
  });

  seen.forEach((count, t) => {
    if (count === 0) violations.push(`trip ${t} is not covered`);
    else if (count > 1) violations.push(`trip ${t} is covered ${count} times`);
  });
  perDepot.forEach((used, k) => {
    const cap = inst.capacity[k] ?? 0;
    if (used > cap) violations.push(`depot ${k} sends ${used} vehicles, it has ${cap}`);
  });
  if (solution.vehicles !== undefined && solution.vehicles !== vehicles) {
    violations.push(`claims ${solution.vehicles} vehicles, the blocks use ${vehicles}`);
  }
  if (solution.cost !== undefined && solution.cost !== cost) {
    violations.push(`claims cost ${solution.cost}, the blocks cost ${cost}`);
  }
  return {
    feasible: violations.length === 0,
    violations,
    vehicles,
    cost,
    operationalCost: cost - VEHICLE_FIXED_COST * vehicles,
    perDepot,
  };
}

/** The same check from the text of an .inp file. */
export function checkMdvspText(text: string, solution: MdvspSolution): MdvspCheck {
  return checkMdvsp(parseMdvsp(text), solution);
}

function nodeName(inst: MdvspInstance, node: number): string {
  return node < inst.depots ? `depot ${node}` : `trip ${node - inst.depots}`;
}
