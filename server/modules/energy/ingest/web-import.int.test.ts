import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../../kernel/testing/harness.ts';
import { buildAccount } from '../../../kernel/testing/factories.ts';
import { upload } from '../../../kernel/org/test-fixture.ts';
import { importsSettled } from './import-routes.ts';
import { buildMeteredInstitution, rollupsOf } from './test-fixture.ts';

interface ImportStatus {
  status: string;
  rows: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  processedBytes: number;
  totalBytes: number;
  createdBy: string;
  quarantine: { pointCode: string; reason: string; value: string }[];
}

describe.each(dbKinds)('web import of historical readings on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    admin = await signIn(t.app, a.username, a.password);
  });
  afterAll(() => t.close());

  const finished = async (id: string) => {
    await importsSettled(); // the upload answers at once; the import runs on
    const r = await admin.get<ImportStatus>(`/api/energy/imports/${id}`);
    expect(r.status).toBe(200);
    return r.body;
  };

  it('streams a CSV upload, shows progress and the quarantined rows, and audits every batch', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const lines = ['point,ts,value'];
    for (let i = 0; i <= 96; i++)
      lines.push(`${p.code},${new Date(Date.UTC(2026, 9, 31, 16) + i * 900_000).toISOString()},${100 + i}`);
    lines.push(`${p.code},2026-11-01T00:00:00Z,oops`, `NOPE,2026-11-01T00:00:00Z,1`);
    const csv = Buffer.from(lines.join('\n'));
    const res = await upload(admin, '/api/energy/imports', csv, 'file', 'history.csv');
    expect(res.status).toBe(202);
    const s = await finished(res.body.id);
    expect(s).toMatchObject({
      status: 'done',
      rows: 99,
      stored: 97,
      duplicates: 0,
      quarantined: 2,
      processedBytes: csv.length,
      totalBytes: csv.length,
    });
    expect(s.quarantine.map((q) => [q.pointCode, q.reason]).sort()).toEqual([
      ['NOPE', 'unknown_point'],
      [p.code, 'non_numeric'],
    ]);
    expect((await rollupsOf(t.ctx.db, p.id)).days).toEqual([
      { day: '2026-10-31', consumption: 0, samples: 1 },
      { day: '2026-11-01', consumption: 96, samples: 96 },
    ]);
    // who, which file, what was accepted and quarantined: in the audit trail
    const audits = await sql<{
      action: string;
      after: { file: string; stored?: number; quarantined?: number };
    }>`
      select action, after from audit_log where entity = 'energy.import' and entity_id = ${res.body.id}
      order by at, id`.execute(t.ctx.db);
    expect(audits.rows.map((a) => a.action)).toEqual(['start', 'import', 'complete']);
    expect(audits.rows[1]!.after).toMatchObject({ file: 'history.csv', stored: 97, quarantined: 2 });
    const who = await sql<{ n: number }>`
      select count(*)::int as n from audit_log
      where entity = 'energy.import' and entity_id = ${res.body.id} and actor_account_id is not null`.execute(
      t.ctx.db,
    );
    expect(who.rows[0]!.n).toBe(3);

    // the same file again: nothing counted twice
    const again = await upload(admin, '/api/energy/imports', csv, 'file', 'history.csv');
    expect(await finished(again.body.id)).toMatchObject({ stored: 0, duplicates: 97, quarantined: 2 });
  });

  it('imports the first worksheet of an Excel file', async () => {
    const { points } = await buildMeteredInstitution(t.ctx.db);
    const p = points[0]!;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('读数');
    ws.addRow(['计量点编码', '时间', '读数']);
    for (let i = 0; i <= 4; i++)
      ws.addRow([p.code, new Date(Date.UTC(2026, 10, 2, 1) + i * 900_000), 50 + 2 * i]);
    const data = Buffer.from(await wb.xlsx.writeBuffer());
    const res = await upload(admin, '/api/energy/imports', data, 'file', 'history.xlsx');
    expect(res.status).toBe(202);
    const s = await finished(res.body.id);
    expect(s.quarantine).toEqual([]);
    expect(s).toMatchObject({ status: 'done', rows: 5, stored: 5, quarantined: 0 });
    // Excel dates carry no zone: the deployment's local time (Asia/Shanghai in tests' config or UTC)
    expect((await rollupsOf(t.ctx.db, p.id)).hours.reduce((a, h) => a + h.consumption, 0)).toBe(8);
  });

  it('refuses a request without a file or of another type, writing nothing', async () => {
    const before = await countRows(t.ctx, ['energy_import', 'audit_log']);
    const wrong = await upload(admin, '/api/energy/imports', Buffer.from('x'), 'file', 'notes.pdf');
    expect([wrong.status, JSON.stringify(wrong.body)]).toEqual([
      400,
      expect.stringContaining('unsupported_file'),
    ]);
    const none = await admin.post('/api/energy/imports', {});
    expect(none.status).toBe(400);
    expect(await countRows(t.ctx, ['energy_import', 'audit_log'])).toEqual(before);
  });

  it('is refused to accounts without energy.import', async () => {
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'inspector', scope: 'city' }] });
    const staff = await signIn(t.app, a.username, a.password);
    const r = await upload(staff, '/api/energy/imports', Buffer.from('point,ts,value\n'), 'file', 'a.csv');
    expect(r.status).toBe(403);
  });
});
