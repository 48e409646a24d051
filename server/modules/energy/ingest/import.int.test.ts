import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { importCsvFile } from './import-file.ts';
import { buildMeteredInstitution, rollupsOf } from './test-fixture.ts';

describe.each(dbKinds)('historical CSV import (CLI) on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const fileOf = (code: string) => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'goa-imp-')), 'history.csv');
    const lines = ['point,ts,value'];
    for (let i = 0; i <= 96; i++)
      lines.push(`${code},${new Date(Date.UTC(2026, 9, 31, 16) + i * 900_000).toISOString()},${100 + i}`);
    lines.push(`${code},2026-11-01T00:00:00Z,oops`);
    fs.writeFileSync(file, lines.join('\n'));
    return file;
  };
  const latestImport = () =>
    t.ctx.db.selectFrom('energy_import').selectAll().orderBy('started_at', 'desc').executeTakeFirstOrThrow();

  it('imports in bulk batches by default (one batch for a small file)', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const progress: number[] = [];
    const r = await importCsvFile(t.ctx.db, fileOf(points[0]!.code), {
      timeZone: 'Asia/Shanghai',
      onProgress: (x) => progress.push(x.rows),
    });
    expect(r).toMatchObject({ rows: 98, stored: 97, quarantined: 1 });
    expect(progress).toEqual([98]);
  });

  it('streams a file in batches, records progress and can be re-run without double counting', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const file = fileOf(p.code);
    const progress: number[] = [];
    const r = await importCsvFile(t.ctx.db, file, {
      timeZone: 'Asia/Shanghai',
      batchRows: 25,
      onProgress: (x) => progress.push(x.rows),
    });
    expect(r).toMatchObject({
      rows: 98,
      stored: 97,
      duplicates: 0,
      quarantined: 1,
      bytes: fs.statSync(file).size,
    });
    expect(progress).toEqual([25, 50, 75, 98]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-10-31', consumption: 0, samples: 1 },
      { day: '2026-11-01', consumption: 96, samples: 96 },
    ]);
    const job = await latestImport();
    expect([job.status, Number(job.rows_stored), Number(job.processed_bytes)]).toEqual([
      'done',
      97,
      fs.statSync(file).size,
    ]);
    const again = await importCsvFile(t.ctx.db, file, { timeZone: 'Asia/Shanghai' });
    expect(again).toMatchObject({ stored: 0, duplicates: 97, quarantined: 1 });
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-10-31', consumption: 0, samples: 1 },
      { day: '2026-11-01', consumption: 96, samples: 96 },
    ]);
  });

  it('marks an import that stops mid-file failed, keeping its committed batches', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const file = fileOf(points[0]!.code);
    await expect(
      importCsvFile(t.ctx.db, file, {
        timeZone: 'Asia/Shanghai',
        batchRows: 25,
        afterBatch: (n) => {
          if (n === 2) throw new Error('disk on fire');
        },
      }),
    ).rejects.toThrow('disk on fire');
    const x = await latestImport();
    expect([x.status, Number(x.rows_read), Number(x.rows_stored), x.error]).toEqual([
      'failed',
      50,
      50,
      'disk on fire',
    ]);
    expect((await rollupsOf(t.ctx.db, points[0]!.id)).hours.reduce((a, h) => a + h.samples, 0)).toBe(50);
  });
});
