import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dbKinds } from '../testing/harness.ts';
import type { Database } from './connect.ts';
import { copyInto, copyLine } from './copy.ts';
import { inTransaction } from './tx.ts';

describe('copyLine', () => {
  it('writes COPY text: nulls, booleans, numbers and escaped strings', () => {
    expect(copyLine([null, true, false, 1.5, 'a\tb\nc\\d\re'])).toBe('\\N\tt\tf\t1.5\ta\\tb\\nc\\\\d\\re\n');
    expect(() => copyLine([Number.NaN])).toThrow(/finite/);
  });
});

describe.each(dbKinds)('copyInto on %s', (kind) => {
  let database: Database;
  const count = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(database.db)).rows[0]!.n;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    await sql`create table copy_probe (id int primary key, label text, at timestamptz, ok boolean)`.execute(
      database.db,
    );
  });
  afterAll(() => database.close());

  it('copies rows inside the transaction, exactly as written, and counts them', async () => {
    const rows = [
      [1, 'tab\there', '2026-01-01T00:00:00Z', true],
      [2, 'line\nbreak \\ slash', null, false],
      [3, null, '2026-06-30 12:00:00+08', null],
    ];
    await inTransaction(database.db, async (tx) => {
      expect(await copyInto(tx, 'copy_probe', ['id', 'label', 'at', 'ok'], rows.map(copyLine).join(''))).toBe(
        3,
      );
      // visible to the same transaction's next statement
      const inside = await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(tx);
      expect(inside.rows[0]!.n).toBe(3);
    });
    const back = await sql<{ id: number; label: string | null; at: string | null; ok: boolean | null }>`
      select id, label, to_char(at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as at, ok from copy_probe order by id`.execute(
      database.db,
    );
    expect(back.rows).toEqual([
      { id: 1, label: 'tab\there', at: '2026-01-01 00:00', ok: true },
      { id: 2, label: 'line\nbreak \\ slash', at: null, ok: false },
      { id: 3, label: null, at: '2026-06-30 04:00', ok: null },
    ]);
  });

  it('rolls back with its transaction, and a failing copy fails the transaction', async () => {
    const before = await count();
    await expect(
      inTransaction(database.db, async (tx) => {
        await copyInto(tx, 'copy_probe', ['id'], copyLine([10]) + copyLine([11]));
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    await expect(
      inTransaction(database.db, async (tx) => {
        await copyInto(tx, 'copy_probe', ['id'], copyLine([12]) + copyLine([1])); // 1 exists
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await count()).toBe(before);
    // the connection is usable afterwards
    await inTransaction(database.db, (tx) => copyInto(tx, 'copy_probe', ['id'], copyLine([13])));
    expect(await count()).toBe(before + 1);
  });

  it('refuses names that are not plain identifiers', async () => {
    await expect(copyInto(database.db, 'copy_probe; drop table x', ['id'], '1\n')).rejects.toThrow(
      /bad table/,
    );
  });
});
