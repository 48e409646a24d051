import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit } from './audit.ts';
import { SYSTEM_ACTOR } from '../http/access.ts';
import { buildAccount, buildJurisdiction, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, signIn, type TestApp, TestClient } from '../testing/harness.ts';

describe.each(dbKinds)('audit log on %s', (kind) => {
  let t: TestApp;
  let bureau: TestClient;
  let district: TestClient;
  let auditor: TestClient;
  let inspector: TestClient;
  let staff: TestClient;
  let clerkId: string;
  const ids = { j1: '', j2: '', u1: '', u3: '' };
  const T0 = '2026-03-01T00:00:00.000Z';

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.ctx.db;
    ids.j1 = (await buildJurisdiction(db)).id;
    ids.j2 = (await buildJurisdiction(db)).id;
    ids.u1 = (await buildUnit(db, { jurisdictionId: ids.j1 })).id;
    ids.u3 = (await buildUnit(db, { jurisdictionId: ids.j2 })).id;
    const make = async (grant: Parameters<typeof buildAccount>[1]) => {
      const a = await buildAccount(db, grant);
      return signIn(t.app, a.username, a.password);
    };
    bureau = await make({ personId: null, grants: [{ role: 'bureau_admin', scope: 'city' }] });
    district = await make({
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: ids.j1 }],
    });
    auditor = await make({ personId: null, grants: [{ role: 'auditor', scope: 'city' }] });
    inspector = await make({
      grants: [{ role: 'inspector', scope: 'jurisdiction', jurisdictionId: ids.j2 }],
    });
    staff = await make({ grants: [{ role: 'staff', scope: 'self' }] });
    clerkId = (await buildAccount(db)).id;
    // a fixed history at known times, owned by J1, J2 and nobody
    const clerk = { accountId: clerkId, label: 'clerk.zhang', ip: '10.0.0.8' };
    await db.transaction().execute(async (tx) => {
      await audit(tx, clerk, {
        entity: 'test.thing',
        entityId: 'A-1',
        action: 'create',
        after: { name: '会议室甲' },
        jurisdictionId: ids.j1,
        unitId: ids.u1,
      });
      await audit(tx, clerk, {
        entity: 'test.thing',
        entityId: 'A-1',
        action: 'update',
        before: { name: '会议室甲' },
        after: { name: '会议室乙' },
        jurisdictionId: ids.j1,
      });
      await audit(tx, SYSTEM_ACTOR, {
        entity: 'test.thing',
        entityId: 'B-2',
        action: 'create',
        jurisdictionId: ids.j2,
        unitId: ids.u3,
      });
      await audit(tx, SYSTEM_ACTOR, { entity: 'test.thing', entityId: 'C-3', action: 'purge' });
    });
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE and TRUNCATE at the database level', async () => {
    const before = await countRows(t.ctx, ['audit_log']);
    const attempts = [
      sql`update audit_log set action = 'forged'`,
      sql`delete from audit_log`,
      sql`delete from audit_log where entity = 'test.thing'`,
      sql`truncate audit_log`,
    ];
    for (const stmt of attempts) {
      await expect(stmt.execute(t.ctx.db)).rejects.toThrow(/append-only/);
    }
    expect(await countRows(t.ctx, ['audit_log'])).toEqual(before);
    const forged = await t.ctx.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'forged')
      .execute();
    expect(forged).toEqual([]);
  });

  const things = async (c: TestClient, query = '') => {
    const res = await c.get(`/api/audit?entity=test.thing&pageSize=100${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.items as { entityId: string; action: string }[]).map((r) => `${r.entityId}:${r.action}`);
  };

  it('lists records newest first within the caller’s scope; ownerless ones only city-wide', async () => {
    expect(await things(bureau)).toEqual(['C-3:purge', 'B-2:create', 'A-1:update', 'A-1:create']);
    expect(await things(auditor)).toEqual(['C-3:purge', 'B-2:create', 'A-1:update', 'A-1:create']);
    expect(await things(district)).toEqual(['A-1:update', 'A-1:create']);
    expect(await things(inspector)).toEqual(['B-2:create']);
    const res = await staff.get('/api/audit');
    expect([res.status, res.body.error.code]).toEqual([403, 'forbidden']);
    expect((await new TestClient(t.app).get('/api/audit')).status).toBe(401);
    const page = await bureau.get('/api/audit?entity=test.thing&pageSize=1&page=2');
    expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 1 });
    expect(page.body.items[0]).toMatchObject({
      id: expect.any(Number),
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      actorAccountId: null,
      actorLabel: 'system',
      ip: null,
      entity: 'test.thing',
      entityId: 'B-2',
      action: 'create',
      before: null,
      after: null,
    });
  });

  it('filters by entity id, action, actor (label or account id), time and text', async () => {
    expect(await things(bureau, '&entityId=A-1')).toEqual(['A-1:update', 'A-1:create']);
    expect(await things(bureau, '&action=purge')).toEqual(['C-3:purge']);
    expect(await things(bureau, '&actor=CLERK.zhang')).toEqual(['A-1:update', 'A-1:create']);
    expect(await things(bureau, `&actor=${clerkId}`)).toEqual(['A-1:update', 'A-1:create']);
    expect(await things(bureau, '&q=会议室乙')).toEqual(['A-1:update']);
    const now = new Date();
    const later = new Date(now.getTime() + 3600_000).toISOString();
    expect(await things(bureau, `&from=${encodeURIComponent(later)}`)).toEqual([]);
    expect(await things(bureau, `&from=${T0}&to=${encodeURIComponent(later)}`)).toHaveLength(4);
    expect(await things(bureau, `&to=${T0}`)).toEqual([]);
    expect(await things(bureau, '&from=2026-03-01T08:00:00%2B08:00&action=update')).toEqual(['A-1:update']);
  });

  it('refuses malformed filters with 400', async () => {
    for (const query of [
      'from=yesterday',
      'to=2026-13-01T00:00:00Z',
      `from=${later()}&to=${T0}`,
      'pageSize=501',
      `actor=${'x'.repeat(101)}`,
    ]) {
      const res = await bureau.get(`/api/audit?${query}`);
      expect(res.status, query).toBe(400);
    }
    const reversed = await bureau.get(`/api/audit?from=${later()}&to=${T0}`);
    expect(reversed.body.error).toMatchObject({ code: 'range_reversed', details: [{ field: 'to' }] });
  });

  it("exports the matching records in scope as an .xlsx with headers in the reader's language", async () => {
    let sheetName = '';
    let disposition = '';
    const read = async (c: TestClient, query: string, locale = 'zh-CN') => {
      const raw = await t.app.inject({
        method: 'GET',
        url: `/api/audit/export.xlsx?${query}`,
        headers: { authorization: `Bearer ${c.token}`, 'accept-language': locale },
      });
      expect(raw.statusCode).toBe(200);
      expect(raw.headers['content-type']).toContain('spreadsheetml');
      disposition = String(raw.headers['content-disposition']);
      expect(disposition).toMatch(/attachment; filename="audit-/);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(raw.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      sheetName = sheet.name;
      const rows: string[][] = [];
      sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      return rows;
    };
    const all = await read(bureau, 'entity=test.thing');
    expect(all[0]).toEqual([
      '编号',
      '时间(Asia/Shanghai)',
      '操作人',
      '操作人账号ID',
      'IP',
      '对象类型',
      '对象ID',
      '操作',
      '变更前',
      '变更后',
    ]);
    expect(all.slice(1).map((r) => `${r[6]}:${r[7]}`)).toEqual([
      'C-3:purge',
      'B-2:create',
      'A-1:update',
      'A-1:create',
    ]);
    const update = all.find((r) => r[7] === 'update')!;
    expect(update[2]).toBe('clerk.zhang');
    expect(update[1]).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    expect(JSON.parse(update[9]!)).toEqual({ name: '会议室乙' });
    expect((await read(district, 'entity=test.thing')).slice(1).map((r) => r[6])).toEqual(['A-1', 'A-1']);
    expect(sheetName).toBe('审计日志');
    expect(decodeURIComponent(disposition)).toMatch(/filename\*=UTF-8''审计日志-\d{4}-\d\d-\d\d\.xlsx$/);
    // an English reader gets English headers, sheet and file name around the same rows
    const english = await read(bureau, 'entity=test.thing', 'en');
    expect(english[0]).toEqual([
      'No.',
      'Time (Asia/Shanghai)',
      'Actor',
      'Actor account id',
      'IP',
      'Entity',
      'Record id',
      'Action',
      'Before',
      'After',
    ]);
    expect(english.slice(1)).toEqual(all.slice(1));
    expect(sheetName).toBe('Audit log');
    expect(decodeURIComponent(disposition)).toMatch(/filename\*=UTF-8''audit-log-\d{4}-\d\d-\d\d\.xlsx$/);
    expect((await staff.get('/api/audit/export.xlsx')).status).toBe(403);
  });

  it('streams exports larger than one batch, and refuses more than 100,000 rows', async () => {
    await sql`insert into audit_log (actor_label, entity, entity_id, action)
      select 'bulk', 'test.bulk', g::text, 'create' from generate_series(1, 4500) g`.execute(t.ctx.db);
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/audit/export.xlsx?entity=test.bulk',
      headers: { authorization: `Bearer ${auditor.token}` },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ids = new Set<string>();
    book.worksheets[0]!.eachRow((row, n) => {
      if (n > 1) ids.add(String(row.getCell(7).value));
    });
    expect(ids.size).toBe(4500);
    await sql`insert into audit_log (actor_label, entity, action)
      select 'bulk', 'test.bulk', 'create' from generate_series(1, 95501) g`.execute(t.ctx.db);
    const big = await bureau.get('/api/audit/export.xlsx?entity=test.bulk');
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({
      code: 'export_too_large',
      details: [{ total: 100_001, max: 100_000 }],
    });
  });
});

function later() {
  return encodeURIComponent(new Date(Date.now() + 3600_000).toISOString());
}
