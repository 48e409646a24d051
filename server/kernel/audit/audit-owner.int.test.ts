import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/tx.ts';
import { buildUnit } from '../testing/factories.ts';
import { createTestDatabase, dbKinds } from '../testing/harness.ts';
import type { Database } from '../db/connect.ts';
import { audit } from './audit.ts';

describe.each(dbKinds)('audit owner on %s', (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database.close());

  it("files a record given only a unit under that unit's jurisdiction too", async () => {
    const unit = await buildUnit(database.db);
    await inTransaction(database.db, (tx) =>
      audit(
        tx,
        { accountId: null, label: 'test', ip: null },
        { entity: 'probe', entityId: 'u-only', action: 'touch', unitId: unit.id },
      ),
    );
    const row = await database.db
      .selectFrom('audit_log')
      .select(['jurisdiction_id', 'unit_id'])
      .where('entity_id', '=', 'u-only')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ jurisdiction_id: unit.jurisdiction_id, unit_id: unit.id });
  });

  it('rolls back with the transaction it belongs to', async () => {
    await expect(
      inTransaction(database.db, async (tx) => {
        await audit(
          tx,
          { accountId: null, label: 'test', ip: null },
          { entity: 'probe', entityId: 'rolled', action: 'touch' },
        );
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await database.db
      .selectFrom('audit_log')
      .select('id')
      .where('entity_id', '=', 'rolled')
      .execute();
    expect(rows).toEqual([]);
  });
});
