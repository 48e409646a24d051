import { z } from 'zod';

/**
 * The list convention of every API: `?page=1&pageSize=20&sort=name,-createdAt&q=text`, answered by
 * `{ items, total, page, pageSize }`. Filters are plain query fields declared by each route.
 */
export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(20),
  sort: z
    .string()
    .regex(/^-?[a-zA-Z]+(,-?[a-zA-Z]+)*$/)
    .max(200)
    .optional(),
  q: z.string().trim().max(100).optional(),
});
export type PageQuery = z.infer<typeof pageQuery>;

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

export interface SortSpec<K extends string> {
  column: K;
  direction: 'asc' | 'desc';
}

/**
 * Parses `sort` against the columns a route allows (API name → SQL column). Unknown names are
 * refused by the caller's schema or ignored here; the default applies when none is given.
 */
export function parseSort<K extends string>(
  sort: string | undefined,
  allowed: Record<string, K>,
  fallback: SortSpec<K>[],
): SortSpec<K>[] {
  if (!sort) return fallback;
  const specs: SortSpec<K>[] = [];
  for (const part of sort.split(',')) {
    const desc = part.startsWith('-');
    const column = allowed[desc ? part.slice(1) : part];
    if (column) specs.push({ column, direction: desc ? 'desc' : 'asc' });
  }
  return specs.length > 0 ? specs : fallback;
}

/** Escapes a user's search text for LIKE/ILIKE. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
