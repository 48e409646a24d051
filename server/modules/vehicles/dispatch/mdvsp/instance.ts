import { errors } from '../../../../kernel/errors.ts';

/**
 * A multi-depot vehicle scheduling instance in the Pepin / Carpaneto ".inp" form
 * (../shared/benchmarks/mdvsp-pepin/README.md): line 1 `m n v_1 … v_m`, then an (m+n)×(m+n) cost
 * matrix, depots first (0..m-1), then trips (m..m+n-1); -1 marks a forbidden arc. Pull-out and
 * pull-in arcs each carry half of the 10,000 fixed cost of a vehicle.
 */
export interface MdvspInstance {
  depots: number;
  trips: number;
  /** vehicles available at each depot */
  capacity: number[];
  /** row-major (m+n)×(m+n) arc costs, -1 = forbidden */
  cost: Int32Array;
}

/** The fixed cost of one vehicle contained in its pull-out + pull-in arcs. */
export const VEHICLE_FIXED_COST = 10_000;

function bad(en: string, zh: string) {
  return errors.field('file', 'mdvsp_bad_instance', {
    'zh-CN': `MDVSP 实例格式错误：${zh}`,
    en: `bad MDVSP instance: ${en}`,
  });
}

/** Parses the text of an .inp file; throws a DomainError naming what is wrong. */
export function parseMdvsp(text: string): MdvspInstance {
  const tokens = text.trim().split(/\s+/);
  let at = 0;
  const next = (): number => {
    const tok = tokens[at++];
    const v = tok === undefined ? NaN : Number(tok);
    if (!Number.isInteger(v)) throw bad(`token ${at} is not an integer`, `第 ${at} 个数不是整数`);
    return v;
  };
  const depots = next();
  const trips = next();
  if (depots < 1 || trips < 1 || depots + trips > 20_000) {
    throw bad('depot and trip counts out of range', '车场数或任务数超出范围');
  }
  const capacity: number[] = [];
  for (let k = 0; k < depots; k++) {
    const v = next();
    if (v < 0) throw bad('negative depot capacity', '车场车辆数为负');
    capacity.push(v);
  }
  const size = depots + trips;
  if (tokens.length - at !== size * size) {
    throw bad(
      `expected ${size * size} matrix entries, found ${tokens.length - at}`,
      `矩阵应有 ${size * size} 个数，实有 ${tokens.length - at} 个`,
    );
  }
  const cost = new Int32Array(size * size);
  for (let i = 0; i < size * size; i++) {
    const v = next();
    if (v < -1) throw bad(`cost ${v} below -1`, `费用 ${v} 小于 -1`);
    cost[i] = v;
  }
  for (let i = 0; i < size; i++) {
    if (cost[i * size + i] !== -1) throw bad('the diagonal must be -1', '对角线必须为 -1');
  }
  return { depots, trips, capacity, cost };
}

/** Cost of the arc from node `from` to node `to` (0..m-1 depots, m.. trips), -1 if forbidden. */
export function arcCost(inst: MdvspInstance, from: number, to: number): number {
  return inst.cost[from * (inst.depots + inst.trips) + to] ?? -1;
}
