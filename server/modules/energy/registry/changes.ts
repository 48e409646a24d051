/** The fields whose values differ between two versions of a record, for audit before/after. */
export function changedFields<T extends object>(
  before: T,
  after: Partial<T>,
): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  let any = false;
  for (const key of Object.keys(after) as (keyof T)[]) {
    const next = after[key];
    if (next === undefined) continue;
    const prev = before[key];
    const same =
      prev instanceof Date && next instanceof Date
        ? prev.getTime() === next.getTime()
        : typeof next === 'number' && typeof prev === 'string'
          ? Number(prev) === next
          : prev === next;
    if (!same) {
      b[key] = prev;
      a[key] = next;
      any = true;
    }
  }
  return any ? { before: b, after: a } : null;
}
