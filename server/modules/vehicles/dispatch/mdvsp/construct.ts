import { errors } from '../../../../kernel/errors.ts';
import type { Block } from './mip.ts';
import { maximumMatching, type Network } from './network.ts';

/**
 * A feasible schedule with the minimum fleet, fast and rough: the chains of a maximum matching of the
 * compatibility graph (cheap links first), each given to a depot with room by largest regret. It seeds
 * the LP's columns and the MIP's incumbent, and is the answer of last resort.
 */
export function constructBlocks(net: Network): Block[] {
  const { depots: m, trips: n } = net;
  const { next } = maximumMatching(net);
  const hasPred = new Uint8Array(n);
  for (let i = 0; i < n; i++) if ((next[i] as number) >= 0) hasPred[next[i] as number] = 1;
  const chains: number[][] = [];
  for (let i = 0; i < n; i++) {
    if (hasPred[i]) continue;
    const chain = [i];
    for (let t = next[i] as number; t >= 0; t = next[t] as number) chain.push(t);
    chains.push(chain);
  }
  const room = net.capacity.slice();
  if (room.reduce((a, b) => a + b, 0) < chains.length) {
    throw errors.field('file', 'mdvsp_infeasible', {
      'zh-CN': `车场车辆总数不足：至少需要 ${chains.length} 辆`,
      en: `the depots hold too few vehicles: at least ${chains.length} are needed`,
    });
  }
  const costAt = (chain: number[], k: number): number => {
    const out = net.pullOut[k * n + (chain[0] as number)] as number;
    const back = net.pullIn[k * n + (chain[chain.length - 1] as number)] as number;
    return out < 0 || back < 0 ? Infinity : out + back;
  };
  const blocks: Block[] = [];
  const open = new Set(chains.keys());
  while (open.size > 0) {
    let pick = -1;
    let pickDepot = -1;
    let pickRegret = -Infinity;
    for (const c of open) {
      let best = Infinity;
      let second = Infinity;
      let bestDepot = -1;
      for (let k = 0; k < m; k++) {
        if ((room[k] as number) <= 0) continue;
        const v = costAt(chains[c] as number[], k);
        if (v < best) {
          second = best;
          best = v;
          bestDepot = k;
        } else if (v < second) second = v;
      }
      const regret = second === Infinity ? Number.MAX_VALUE : second - best;
      if (bestDepot >= 0 && regret > pickRegret) {
        pick = c;
        pickDepot = bestDepot;
        pickRegret = regret;
      }
    }
    if (pick < 0) {
      throw errors.field('file', 'mdvsp_infeasible', {
        'zh-CN': '找不到可行的车场分配',
        en: 'no depot can take one of the vehicle blocks',
      });
    }
    open.delete(pick);
    room[pickDepot] = (room[pickDepot] as number) - 1;
    blocks.push({ depot: pickDepot, trips: chains[pick] as number[] });
  }
  return blocks;
}
