import { DomainError, type Messages } from '../errors.ts';

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
    if (!sameValue(before[key], next)) {
      b[key] = before[key];
      a[key] = next;
      any = true;
    }
  }
  return any ? { before: b, after: a } : null;
}

function sameValue(x: unknown, y: unknown): boolean {
  if (x instanceof Date && y instanceof Date) return x.getTime() === y.getTime();
  return x === y;
}

/** A refusal tied to one input field, with a given kind (400 invalid, 409 conflict, 403 forbidden). */
export function fieldError(
  kind: 'invalid' | 'conflict' | 'forbidden',
  field: string,
  code: string,
  messages: Messages,
): DomainError {
  return new DomainError(code, kind, messages, [{ field, code, message: messages.en }]);
}

/** Turns a foreign-key violation on delete (a row of another component still refers to ours) into 409. */
export async function refuseIfReferenced<T>(run: () => Promise<T>, messages: Messages): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if ((e as { code?: string }).code === '23503') {
      throw new DomainError('still_referenced', 'conflict', messages, [
        { constraint: (e as { constraint?: string }).constraint },
      ]);
    }
    throw e;
  }
}
