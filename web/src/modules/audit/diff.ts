/** One field of an audit record's before/after values. */
export interface DiffRow {
  field: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Lines up the fields of `before` and `after` (objects, or whole values when they are not objects).
 * Changed fields come first, then unchanged ones, each group in field order.
 */
export function diffRows(before: unknown, after: unknown): DiffRow[] {
  if (before == null && after == null) return [];
  if (!isPlainObject(before ?? {}) || !isPlainObject(after ?? {})) {
    return [{ field: '', before: before ?? null, after: after ?? null, changed: !same(before, after) }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  const rows = fields.map((field) => ({
    field,
    before: field in b ? b[field] : undefined,
    after: field in a ? a[field] : undefined,
    changed: !same(b[field], a[field]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** A value as shown in the diff table. */
export function showValue(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '∅';
  if (typeof v === 'string') return v;
  return JSON.stringify(v, null, 1);
}
