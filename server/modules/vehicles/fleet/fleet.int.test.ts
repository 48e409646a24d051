import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRows, createTestApp, dbKinds, type TestApp } from '../../../kernel/testing/harness.ts';
import { download, upload } from '../../../kernel/org/test-fixture.ts';
import { sendReminders } from './reminders.ts';
import { driverBody, vehicleBody, vehWorld, VEHICLE_TABLES, type VehWorld } from '../test-world.ts';

/** a calendar day relative to today in the deployment's zone (the reminders count from the real today) */
const dayFromNow = (days: number) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() + days * 86_400_000));

describe.each(dbKinds)('vehicle fleet register on %s', (kind) => {
  let t: TestApp;
  let w: VehWorld;
  beforeAll(async () => {
    t = await createTestApp(kind);
    w = await vehWorld(t.app, t.ctx.db);
  });
  afterAll(() => t.close());

  it('registers a vehicle and shows an over-standard one as a violation naming the rule', async () => {
    const ok = await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA));
    expect(ok.status).toBe(201);
    expect(ok.body.violations).toEqual([]);
    expect(ok.body.jurisdictionId).toBe(w.a);

    const over = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { category: 'confidential_comms', priceFen: 13_000_000, displacementL: 2.0 }),
    );
    expect(over.status).toBe(201);
    expect(over.body.violations.map((v: { kind: string }) => v.kind)).toEqual(['price', 'displacement']);
    expect(over.body.violations[0].message).toContain('中办发〔2017〕71号');
    expect(over.body.violations[0].message).toContain('机要通信用车');

    // editing the price back under the limit clears the price violation
    const fixed = await w.adminA.client.patch(`/api/vehicles/vehicles/${over.body.id}`, {
      priceFen: 11_000_000,
    });
    expect(fixed.status).toBe(200);
    expect(fixed.body.violations.map((v: { kind: string }) => v.kind)).toEqual(['displacement']);

    const listed = await w.adminA.client.get('/api/vehicles/vehicles?violating=true');
    expect(listed.body.items.map((v: { id: string }) => v.id)).toEqual([over.body.id]);
  });

  it('refuses bad vehicles and writes nothing', async () => {
    const before = await countRows(t.ctx, VEHICLE_TABLES);
    const cases: [Record<string, unknown>, string][] = [
      [{ plate: 'ABC' }, 'plate'],
      [{ seats: 0 }, 'seats'],
      [{ energyType: 'electric', displacementL: 1.5 }, 'displacementL'],
      [{ purchaseDate: '2022-13-45' }, 'purchaseDate'],
    ];
    for (const [over, field] of cases) {
      const res = await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA, over));
      expect(res.status, JSON.stringify(over)).toBe(400);
      expect(JSON.stringify(res.body.error.details)).toContain(field);
    }
    const dup = vehicleBody(w.unitA);
    expect((await w.adminA.client.post('/api/vehicles/vehicles', dup)).status).toBe(201);
    const after1 = await countRows(t.ctx, VEHICLE_TABLES);
    const again = await w.adminA.client.post('/api/vehicles/vehicles', dup);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('plate_taken');
    expect(await countRows(t.ctx, VEHICLE_TABLES)).toEqual(after1);
    expect(after1.veh_vehicle).toBe((before.veh_vehicle ?? 0) + 1);
  });

  it('keeps each district to its own fleet (403 outside, 404 unknown)', async () => {
    const before = await countRows(t.ctx, VEHICLE_TABLES);
    const other = await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitB));
    expect(other.status).toBe(403);
    expect(await countRows(t.ctx, VEHICLE_TABLES)).toEqual(before);
    const vb = await w.adminB.client.post('/api/vehicles/vehicles', vehicleBody(w.unitB));
    expect((await w.adminA.client.get(`/api/vehicles/vehicles/${vb.body.id}`)).status).toBe(403);
    expect((await w.adminA.client.patch(`/api/vehicles/vehicles/${vb.body.id}`, { seats: 7 })).status).toBe(
      403,
    );
    expect((await w.adminA.client.get(`/api/vehicles/vehicles/${crypto.randomUUID()}`)).status).toBe(404);
    const listA = await w.adminA.client.get('/api/vehicles/vehicles?pageSize=500');
    expect(listA.body.items.every((v: { jurisdictionId: string }) => v.jurisdictionId === w.a)).toBe(true);
    const all = await w.bureau.client.get('/api/vehicles/vehicles?pageSize=500');
    expect(all.body.items.some((v: { id: string }) => v.id === vb.body.id)).toBe(true);
    // the auditor reads, never writes; staff see no fleet
    expect((await w.auditor.client.get('/api/vehicles/vehicles')).status).toBe(200);
    expect((await w.auditor.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA))).status).toBe(403);
    expect((await w.staffA.client.get('/api/vehicles/vehicles')).status).toBe(403);
  });

  it('refuses an odometer lower than the last reading', async () => {
    const v = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { odometerKm: 5000 }),
    );
    const before = await countRows(t.ctx, VEHICLE_TABLES);
    const res = await w.adminA.client.patch(`/api/vehicles/vehicles/${v.body.id}`, { odometerKm: 4999 });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('odometer_backwards');
    expect(await countRows(t.ctx, VEHICLE_TABLES)).toEqual(before);
  });

  it('flags replacement eligibility by age and by mileage', async () => {
    const old = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { purchaseDate: '2012-01-01' }),
    );
    const far = await w.adminA.client.post(
      '/api/vehicles/vehicles',
      vehicleBody(w.unitA, { odometerKm: 260_000 }),
    );
    expect(old.body.replacement).toEqual({ eligible: true, reason: 'age' });
    expect(far.body.replacement).toEqual({ eligible: true, reason: 'mileage' });
    const listed = await w.adminA.client.get('/api/vehicles/vehicles?replaceable=true&pageSize=500');
    const ids = listed.body.items.map((v: { id: string }) => v.id);
    expect(ids).toContain(old.body.id);
    expect(ids).toContain(far.body.id);
  });

  it('keeps records and reminds the fleet admins once of what falls due', async () => {
    const v = await w.adminA.client.post('/api/vehicles/vehicles', vehicleBody(w.unitA));
    const bad = await w.adminA.client.post(`/api/vehicles/vehicles/${v.body.id}/records`, {
      kind: 'insurance',
      doneOn: '2026-01-10',
      dueOn: '2025-01-09',
    });
    expect(bad.status).toBe(400);
    const rec = await w.adminA.client.post(`/api/vehicles/vehicles/${v.body.id}/records`, {
      kind: 'insurance',
      doneOn: dayFromNow(-351),
      dueOn: dayFromNow(14),
      costFen: 450_000,
      vendor: '人保财险',
    });
    expect(rec.status).toBe(201);
    const due = await w.adminA.client.get('/api/vehicles/reminders');
    expect(
      due.body.some(
        (r: { subjectId: string; kind: string }) => r.subjectId === v.body.id && r.kind === 'insurance',
      ),
    ).toBe(true);
    const notes = async () =>
      (await w.adminA.client.get('/api/notifications?pageSize=100')).body.items.filter(
        (n: { title: string }) => n.title.includes(v.body.plate),
      ).length;
    expect(await notes()).toBe(0);
    await sendReminders(t.ctx.db, dayFromNow(0), 30);
    expect(await notes()).toBe(1);
    await sendReminders(t.ctx.db, dayFromNow(1), 30);
    expect(await notes()).toBe(1);
  });

  it('exports the register to Excel and imports it back (all rows or none)', async () => {
    const exp = await download(w.adminA.client, '/api/vehicles/vehicles/export.xlsx');
    expect(exp.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exp.data as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('车牌号');

    const unitCode = (
      await t.ctx.db.selectFrom('org_unit').select('code').where('id', '=', w.unitA).executeTakeFirstOrThrow()
    ).code;
    const send = async (rows: (string | number)[][]) => {
      const book = new ExcelJS.Workbook();
      const s = book.addWorksheet('车辆');
      s.addRow([
        '车牌号',
        '车辆类别',
        '车型',
        '品牌',
        '型号',
        '能源类型',
        '排气量(升)',
        '购置价格(元)',
        '座位数',
        '购置日期',
        '里程表(公里)',
        '使用单位编码',
      ]);
      for (const r of rows) s.addRow(r);
      return upload(
        w.adminA.client,
        '/api/vehicles/vehicles/import',
        Buffer.from(await book.xlsx.writeBuffer()),
      );
    };
    const before = await countRows(t.ctx, VEHICLE_TABLES);
    const bad = await send([
      [
        '苏D9A001',
        '其他公务用车',
        '轿车',
        '比亚迪',
        '汉',
        '纯电动',
        '',
        '170000',
        5,
        '2024-05-01',
        100,
        unitCode,
      ],
      ['苏D9A002', '飞行器', '轿车', '比亚迪', '汉', '纯电动', '', '170000', 5, '2024-05-01', 100, unitCode],
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('import_invalid');
    expect(await countRows(t.ctx, VEHICLE_TABLES)).toEqual(before);
    const ok = await send([
      [
        '苏D9A001',
        '其他公务用车',
        '轿车',
        '比亚迪',
        '汉',
        '纯电动',
        '',
        '190000',
        5,
        '2024-05-01',
        100,
        unitCode,
      ],
    ]);
    expect(ok.status).toBe(200);
    expect(ok.body.created).toBe(1);
    const v = await w.adminA.client.get('/api/vehicles/vehicles?q=9A001');
    expect(v.body.items[0].violations[0].rule).toBe('new_energy_car');
  });

  it('registers drivers with trainings and checks contract dates', async () => {
    const before = await countRows(t.ctx, VEHICLE_TABLES);
    const bad = await w.adminA.client.post(
      '/api/vehicles/drivers',
      driverBody(w.unitA, { contractEndsOn: '2023-01-01' }),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('contract_order');
    expect((await w.adminA.client.post('/api/vehicles/drivers', driverBody(w.unitB))).status).toBe(403);
    expect(await countRows(t.ctx, VEHICLE_TABLES)).toEqual(before);
    const d = await w.adminA.client.post(
      '/api/vehicles/drivers',
      driverBody(w.unitA, { accountId: w.driverAccount.id }),
    );
    expect(d.status).toBe(201);
    const tr = await w.adminA.client.post(`/api/vehicles/drivers/${d.body.id}/trainings`, {
      heldOn: '2026-10-10',
      topic: '安全驾驶',
      hours: 4,
    });
    expect(tr.status).toBe(201);
    expect((await w.adminA.client.get(`/api/vehicles/drivers/${d.body.id}/trainings`)).body).toHaveLength(1);
    const dup = await w.adminA.client.post(
      '/api/vehicles/drivers',
      driverBody(w.unitA, { accountId: w.driverAccount.id }),
    );
    expect(dup.status).toBe(409);
  });

  it('keeps a registry of places', async () => {
    const p = await w.bureau.client.post('/api/vehicles/places', {
      name: '测试地点甲',
      kind: 'government',
      lon: 119.97,
      lat: 31.81,
    });
    expect(p.status).toBe(201);
    expect(
      (await w.bureau.client.post('/api/vehicles/places', { name: '测试地点甲', lon: 119.9, lat: 31.8 }))
        .status,
    ).toBe(409);
    expect(
      (await w.bureau.client.post('/api/vehicles/places', { name: '越界', lon: 200, lat: 31.8 })).status,
    ).toBe(400);
    expect(
      (await w.staffA.client.post('/api/vehicles/places', { name: '员工地点', lon: 119.9, lat: 31.8 }))
        .status,
    ).toBe(403);
    const list = await w.staffA.client.get('/api/vehicles/places?q=测试地点');
    expect(list.body.map((x: { name: string }) => x.name)).toContain('测试地点甲');
  });
});
