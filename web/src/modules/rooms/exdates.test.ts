import { describe, expect, it } from 'vitest';
import { exdatesFor } from './exdates.ts';

describe('exdatesFor', () => {
  it("puts the series' start time and offset on each skipped day, sorted and once", () => {
    expect(exdatesFor('2026-12-01T15:30:00+08:00', ['2026-12-15', '2026-12-08', '2026-12-15'])).toEqual([
      '2026-12-08T15:30:00+08:00',
      '2026-12-15T15:30:00+08:00',
    ]);
  });

  it('leaves out the first day itself, earlier days and malformed ones', () => {
    expect(
      exdatesFor('2026-12-01T09:00:00+08:00', ['2026-12-01', '2026-11-30', '12/08', '2026-12-02']),
    ).toEqual(['2026-12-02T09:00:00+08:00']);
  });

  it('keeps each exclusion the same instant as the occurrence it drops', () => {
    const [x] = exdatesFor('2026-12-01T15:30:00+08:00', ['2026-12-08']);
    expect(new Date(x!).toISOString()).toBe('2026-12-08T07:30:00.000Z');
  });
});
