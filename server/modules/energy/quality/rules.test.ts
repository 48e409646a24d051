import { describe, expect, it } from 'vitest';
import {
  baseLoadRule,
  findGaps,
  imbalanceRule,
  interpolateRegister,
  median,
  offlineRule,
  spikeRule,
} from './rules.ts';

describe('anomaly rules', () => {
  it('flags offline meters after N intervals, red after a day', () => {
    expect(offlineRule(7, 8, 96)).toBeNull();
    expect(offlineRule(8, 8, 96)?.level).toBe('yellow');
    expect(offlineRule(96, 8, 96)?.level).toBe('red');
  });

  it('compares a main meter with the sum of its sub-meters', () => {
    expect(imbalanceRule(100, 95, 0.1)).toBeNull();
    expect(imbalanceRule(100, 85, 0.1)).toMatchObject({ level: 'yellow', value: 0.15 });
    expect(imbalanceRule(100, 70, 0.1)?.level).toBe('red');
    expect(imbalanceRule(0, 0, 0.1)).toBeNull();
    expect(imbalanceRule(0, 5, 0.1)?.level).toBe('red');
  });

  it('finds spikes against the median hour, ignoring tiny loads', () => {
    expect(spikeRule(30, 10, 4)).toBeNull();
    expect(spikeRule(50, 10, 4)).toMatchObject({ level: 'yellow', value: 5 });
    expect(spikeRule(90, 10, 4)?.level).toBe('red');
    expect(spikeRule(0.5, 0.1, 4)).toBeNull();
    expect(spikeRule(50, 0, 4)).toBeNull();
  });

  it('flags night and weekend base load above the ratio', () => {
    expect(baseLoadRule(30, 100, 0.6)).toBeNull();
    expect(baseLoadRule(70, 100, 0.6)?.level).toBe('yellow');
    expect(baseLoadRule(95, 100, 0.6)?.level).toBe('red');
    expect(baseLoadRule(10, 0, 0.6)).toBeNull();
  });

  it('finds gaps between readings up to the fill limit', () => {
    const m = 15 * 60_000;
    expect(findGaps([0, m, 4 * m, 5 * m, 30 * m], m, 6)).toEqual([{ from: m, to: 4 * m, missing: 2 }]);
  });

  it('interpolates a register linearly inside a gap, keeping the total', () => {
    const est = interpolateRegister({ t: 0, register: 100 }, { t: 4, register: 140 }, 1);
    expect(est).toEqual([
      { t: 1, register: 110 },
      { t: 2, register: 120 },
      { t: 3, register: 130 },
    ]);
    expect(interpolateRegister({ t: 0, register: 100 }, { t: 4, register: 90 }, 1)).toEqual([]);
  });

  it('takes medians', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
