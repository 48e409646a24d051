import { describe, expect, it } from 'vitest';
import type { StagePoint } from './batch.ts';
import { periodLines, type HourSum } from './sums.ts';

const point = (id: string): StagePoint => ({
  code: id,
  id,
  institution_id: 'i',
  jurisdiction_id: 'j',
  multiplier: 1,
  register_max: null,
  usable: true,
});

const hour = (iso: string) => Date.parse(iso);

describe('day and month sums from hour sums', () => {
  it('cuts days and months in the deployment zone, per point, in the order the hours come', () => {
    const a = point('a');
    const b = point('b');
    const sums: HourSum[] = [
      // 2026-09-30 15:00Z is 23:00 in Shanghai; 16:00Z is already 1 October there
      { p: a, k: 0, hour: hour('2026-09-30T15:00:00Z'), d: 1, n: 4, e: 0 },
      { p: a, k: 0, hour: hour('2026-09-30T16:00:00Z'), d: 2, n: 4, e: 0.5 },
      { p: a, k: 0, hour: hour('2026-09-30T17:00:00Z'), d: 3, n: 4, e: 0 },
      { p: b, k: 1, hour: hour('2026-09-30T15:00:00Z'), d: 10, n: 1, e: 0 },
      // a's stored reading after its span, its delta changed: counted on its own day, no sample
      { p: a, k: 0, hour: hour('2026-10-05T00:00:00Z'), d: -1, n: 0, e: 0 },
    ];
    const rows = (zone: string) =>
      periodLines(sums, 2, zone)
        .trimEnd()
        .split('\n')
        .map((l) => l.split('\t').slice(1));
    expect(rows('Asia/Shanghai')).toEqual([
      ['a', '2026-09-30', 'f', '1', '4', '0'],
      ['a', '2026-10-01', 'f', '5', '8', '0.5'],
      ['b', '2026-09-30', 'f', '10', '1', '0'],
      ['a', '2026-10-05', 'f', '-1', '0', '0'],
      ['a', '2026-09-01', 't', '1', '4', '0'],
      ['a', '2026-10-01', 't', '4', '8', '0.5'],
      ['b', '2026-09-01', 't', '10', '1', '0'],
    ]);
    expect(rows('UTC').filter((r) => r[2] === 't')).toEqual([
      ['a', '2026-09-01', 't', '6', '12', '0.5'],
      ['b', '2026-09-01', 't', '10', '1', '0'],
      ['a', '2026-10-01', 't', '-1', '0', '0'],
    ]);
  });
});
