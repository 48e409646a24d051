import { describe, expect, it } from 'vitest';
import { diffRows, showValue } from './diff.ts';

describe('audit diff', () => {
  it('puts changed fields first and marks added and removed ones', () => {
    const rows = diffRows({ name: 'A', code: 'x', gone: 1 }, { name: 'B', code: 'x', added: true });
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['added', true],
      ['gone', true],
      ['name', true],
      ['code', false],
    ]);
    expect(rows.find((r) => r.field === 'gone')?.after).toBeUndefined();
  });

  it('treats a create (no before) and a delete (no after) as all fields changed', () => {
    expect(diffRows(null, { a: 1 })).toEqual([{ field: 'a', before: undefined, after: 1, changed: true }]);
    expect(diffRows({ a: 1 }, null)).toEqual([{ field: 'a', before: 1, after: undefined, changed: true }]);
    expect(diffRows(null, null)).toEqual([]);
  });

  it('compares nested values by content and whole non-object values as one row', () => {
    expect(diffRows({ r: [1, 2] }, { r: [1, 2] })[0]?.changed).toBe(false);
    expect(diffRows('on', 'off')).toEqual([{ field: '', before: 'on', after: 'off', changed: true }]);
  });

  it('shows null and missing values distinctly', () => {
    expect(showValue(null)).toBe('∅');
    expect(showValue(undefined)).toBe('');
    expect(showValue({ a: 1 })).toBe('{\n "a": 1\n}');
  });
});
