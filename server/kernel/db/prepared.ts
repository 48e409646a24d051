import crypto from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import type { CompiledQuery, PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { COPY_MARK } from './copy.ts';

/**
 * Prepared statements for hot paths. A statement marked here is sent as a named statement: each
 * connection parses and analyses it once and later calls only bind and execute, where an unnamed
 * statement is parsed, analysed and planned on every call — which, for a large statement on the
 * single-threaded embedded engine, costs more than executing it. Only fixed texts belong here (one
 * compiled query per call site, its values as parameters): every marked text stays prepared on
 * every connection for the life of the process.
 */
const names = new Map<string, string>();
const MAX = 64;

/** Marks a compiled query's text as prepared and returns the query, to execute as usual. */
export function prepared<T>(query: CompiledQuery<T>): CompiledQuery<T> {
  if (!names.has(query.sql)) {
    if (names.size >= MAX)
      throw new Error(`More than ${MAX} prepared statements: only fixed texts belong here`);
    names.set(query.sql, `goa_${crypto.createHash('sha1').update(query.sql).digest('hex').slice(0, 20)}`);
  }
  return query;
}

/** The name a text is sent under, when it is marked. */
export const preparedName = (text: string): string | undefined => names.get(text);

let pools = 0;

/**
 * A pool for Kysely's PostgresDialect whose clients send marked texts as named statements, and texts
 * marked by copy.ts as COPY FROM STDIN (over `engine`'s /dev/blob when the pool is an embedded
 * engine's). Each pool names its statements apart: pg remembers what it prepared per client, and two
 * pools over the one session of an embedded engine (a test's second app instance) must not prepare
 * the same name twice.
 */
export function preparingPool(pool: pg.Pool, engine?: PGlite): PostgresPool {
  const suffix = `_${(pools++).toString(36)}`;
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      return {
        query: ((textOrCursor: unknown, values?: readonly unknown[]) => {
          if (typeof textOrCursor !== 'string') return client.query(textOrCursor as pg.Submittable);
          if (textOrCursor.startsWith(COPY_MARK))
            return copyIn(client, engine, textOrCursor.slice(COPY_MARK.length), values?.[0] as CopyData);
          const name = names.get(textOrCursor);
          return name
            ? client.query({ name: name + suffix, text: textOrCursor, values: values as unknown[] })
            : client.query(textOrCursor, values as unknown[]);
        }) as unknown as PostgresPoolClient['query'],
        release: (destroy?: boolean) => client.release(destroy),
      };
    },
    end: () => pool.end(),
  };
}

type CopyData = string | Iterable<string>;

/** Runs `copy … from stdin` with `data` on this client's session; answers like a query, its count as a row. */
async function copyIn(client: pg.PoolClient, engine: PGlite | undefined, text: string, data: CopyData) {
  const chunks = typeof data === 'string' ? [data] : data;
  let count: number;
  if (engine) {
    // the engine has one session, so this runs inside the transaction the client has open
    const res = await engine.query(text.replace(/from stdin$/, "from '/dev/blob'"), [], {
      blob: new Blob([...chunks]),
    });
    count = res.affectedRows ?? 0;
  } else {
    const stream = client.query(copyFrom(text));
    await pipeline(Readable.from(chunks), stream);
    count = stream.rowCount;
  }
  return { command: 'COPY', rowCount: count, rows: [{ count }], fields: [] };
}
