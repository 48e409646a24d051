import type pg from 'pg';
import { CompiledQuery } from 'kysely';
import { describe, expect, it } from 'vitest';
import { prepared, preparedName, preparingPool } from './prepared.ts';

/** A pg pool whose one client records what it is asked. */
function fakePool() {
  const calls: unknown[][] = [];
  let released: unknown[] = [];
  const client = {
    query: (...args: unknown[]) => {
      calls.push(args);
      return Promise.resolve({ command: 'SELECT', rowCount: 0, rows: [] });
    },
    release: (...args: unknown[]) => {
      released = args;
    },
  };
  const pool = { connect: () => Promise.resolve(client), end: () => Promise.resolve() };
  return { pool: pool as unknown as pg.Pool, calls, released: () => released };
}

describe('prepared statements', () => {
  it('sends a marked text as a named statement and every other text unnamed', async () => {
    const hot = prepared(CompiledQuery.raw('select $1::int as hot_path', [1]));
    const name = preparedName(hot.sql);
    expect(name).toMatch(/^goa_[0-9a-f]{20}$/);
    const { pool, calls, released } = fakePool();
    const client = await preparingPool(pool).connect();
    await client.query(hot.sql, [7]);
    await client.query('select 2', []);
    expect(calls).toEqual([
      [{ name: expect.stringMatching(new RegExp(`^${name}_[0-9a-z]+$`)), text: hot.sql, values: [7] }],
      ['select 2', []],
    ]);
    // a second pool (over the same embedded session, say) prepares the text under another name
    const other = fakePool();
    await (await preparingPool(other.pool).connect()).query(hot.sql, [8]);
    const [first] = calls[0] as [{ name: string }];
    const [second] = other.calls[0] as [{ name: string }];
    expect(second.name).not.toBe(first.name);
    client.release(true);
    expect(released()).toEqual([true]);
  });

  it('names a text the same way every time and different texts differently', () => {
    const a = prepared(CompiledQuery.raw('select 1 as a', []));
    prepared(CompiledQuery.raw('select 1 as a', []));
    const b = prepared(CompiledQuery.raw('select 1 as b', []));
    expect(preparedName(a.sql)).toBe(preparedName('select 1 as a'));
    expect(preparedName(a.sql)).not.toBe(preparedName(b.sql));
    expect(preparedName('select never marked')).toBeUndefined();
  });

  it('refuses to grow without bound: only fixed texts belong there', () => {
    expect(() => {
      for (let i = 0; i < 100; i++) prepared(CompiledQuery.raw(`select ${i} as generated_text`, []));
    }).toThrow(/only fixed texts/);
  });
});
