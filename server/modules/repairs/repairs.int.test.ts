import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../kernel/testing/harness.ts';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { alertOverdue } from './service.ts';

const WRITES = ['repair_request', 'repair_event', 'audit_log', 'notification'];

describe.each(dbKinds)('repairs on %s', (kind) => {
  let t: TestApp;
  let requester: TestClient;
  let admin: TestClient;
  let otherAdmin: TestClient;
  let worker: TestClient;
  let stranger: TestClient;
  let anon: TestClient;
  let buildingId: string;
  let workerAccountId: string;
  let categoryId: string;
  let elevatorId: string;
  let unitId: string;

  beforeAll(async () => {
    t = await createTestApp(kind, { GOA_REPAIRS_PUBLIC_PER_MINUTE: '1000' });
    const db = t.ctx.db;
    const unit = await buildUnit(db);
    unitId = unit.id;
    const elsewhere = await buildUnit(db);
    const b = await db
      .insertInto('office_building')
      .values({
        code: `B${Date.now()}`,
        name: '市行政中心1号楼',
        jurisdiction_id: unit.jurisdiction_id,
        unit_id: unit.id,
        floors: 12,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    buildingId = b.id;
    const req = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: elsewhere.id, name: '钱敏' })).id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const adm = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: unit.id })).id,
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
    });
    const oth = await buildAccount(db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: elsewhere.id }],
    });
    const wrk = await buildAccount(db, {
      personId: (await buildPerson(db, { unitId: unit.id, name: '孙师傅' })).id,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    const str = await buildAccount(db, { grants: [{ role: 'staff', scope: 'self' }] });
    workerAccountId = wrk.id;
    requester = await signIn(t.app, req.username, req.password);
    admin = await signIn(t.app, adm.username, adm.password);
    otherAdmin = await signIn(t.app, oth.username, oth.password);
    worker = await signIn(t.app, wrk.username, wrk.password);
    stranger = await signIn(t.app, str.username, str.password);
    anon = new TestClient(t.app);
    const cats = (await requester.get('/api/repairs/categories')).body as { id: string; code: string }[];
    categoryId = cats.find((c) => c.code === 'hvac')!.id;
    elevatorId = cats.find((c) => c.code === 'elevator')!.id;
  });
  afterAll(() => t.close());

  const count = () => countRows(t.ctx, WRITES);

  it('goes from report to rating: triage, the worker on the phone, the requester confirms', async () => {
    const upload = await requester.request({
      method: 'POST',
      url: '/api/files',
      payload: Buffer.concat([
        Buffer.from(
          '--X\r\nContent-Disposition: form-data; name="file"; filename="fault.png"\r\nContent-Type: image/png\r\n\r\n',
        ),
        Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'),
        Buffer.from('\r\n--X--\r\n'),
      ]),
      headers: { 'content-type': 'multipart/form-data; boundary=X' },
    });
    expect(upload.status).toBe(201);
    const made = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '空调不制热',
      buildingId,
      floor: '5F',
      room: '503室',
      fileIds: [upload.body.id],
    });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      status: 'reported',
      buildingName: '市行政中心1号楼',
      requesterName: '钱敏',
      slaDays: 2,
    });
    expect(made.body.no).toMatch(/^BX\d{8}-\d{5}$/);
    expect(made.body.photos).toHaveLength(1);
    const id = made.body.id as string;

    // the office of the building's unit sees it; the requester's own unit admin does not
    expect(
      (await admin.get('/api/repairs/requests?status=open')).body.items.map((r: { id: string }) => r.id),
    ).toContain(id);
    expect((await otherAdmin.get(`/api/repairs/requests/${id}`)).status).toBe(403);
    expect(
      (await otherAdmin.post(`/api/repairs/requests/${id}/assign`, { assigneeAccountId: workerAccountId }))
        .status,
    ).toBe(403);
    expect((await stranger.get(`/api/repairs/requests/${id}`)).status).toBe(403);
    // the worker's photo access comes with the assignment
    expect((await worker.get(`/api/files/${upload.body.id}`)).status).toBe(403);

    const before = await count();
    const early = await worker.post(`/api/repairs/requests/${id}/steps`, { status: 'accepted' });
    expect(early.status).toBe(403);
    expect(await count()).toEqual(before);

    const assigned = await admin.post(`/api/repairs/requests/${id}/assign`, {
      assigneeAccountId: workerAccountId,
      note: '请今天处理',
    });
    expect([assigned.status, assigned.body.status, assigned.body.assigneeAccountId]).toEqual([
      200,
      'assigned',
      workerAccountId,
    ]);
    expect((await worker.get(`/api/files/${upload.body.id}`)).status).toBe(200);
    const tasks = await worker.get('/api/repairs/tasks');
    expect(tasks.body.map((r: { id: string }) => r.id)).toEqual([id]);

    const skip = await worker.post(`/api/repairs/requests/${id}/steps`, { status: 'done' });
    expect([skip.status, skip.body.error.code]).toEqual([409, 'repair_status_conflict']);
    for (const status of ['accepted', 'on_site', 'waiting_parts', 'on_site', 'done']) {
      const step = await worker.post(`/api/repairs/requests/${id}/steps`, {
        status,
        note: status === 'waiting_parts' ? '等待压缩机配件' : undefined,
      });
      expect([step.status, step.body.status]).toEqual([200, status]);
    }
    const noRating = await requester.post(`/api/repairs/requests/${id}/confirm`, { fixed: true });
    expect([noRating.status, noRating.body.error.code]).toEqual([400, 'rating_required']);
    expect(
      (await worker.post(`/api/repairs/requests/${id}/confirm`, { fixed: true, rating: 5 })).status,
    ).toBe(403);
    const rated = await requester.post(`/api/repairs/requests/${id}/confirm`, {
      fixed: true,
      rating: 5,
      comment: '修得很快',
    });
    expect([rated.status, rated.body.status, rated.body.rating]).toEqual([200, 'confirmed', 5]);
    expect(rated.body.events.map((e: { status: string }) => e.status)).toEqual([
      'reported',
      'assigned',
      'accepted',
      'on_site',
      'waiting_parts',
      'on_site',
      'done',
      'confirmed',
    ]);
    // each step is signed with the account's display name (the factory's), not its user name
    expect(new Set(rated.body.events.map((e: { actor: string }) => e.actor))).toEqual(new Set(['测试用户']));
    const mine = await requester.get('/api/repairs/mine');
    expect(mine.body[0]).toMatchObject({ id, status: 'confirmed' });
    const again = await requester.post(`/api/repairs/requests/${id}/confirm`, { fixed: true, rating: 1 });
    expect([again.status, again.body.error.code]).toEqual([409, 'repair_status_conflict']);
  });

  it('reopens a repair the requester says is not fixed', async () => {
    const made = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '空调漏水',
      buildingId,
      room: '201',
    });
    const id = made.body.id;
    await admin.post(`/api/repairs/requests/${id}/assign`, { assigneeAccountId: workerAccountId });
    for (const status of ['accepted', 'done'])
      await worker.post(`/api/repairs/requests/${id}/steps`, { status });
    const back = await requester.post(`/api/repairs/requests/${id}/confirm`, {
      fixed: false,
      comment: '还在漏',
    });
    expect([back.status, back.body.status, back.body.doneAt]).toEqual([200, 'assigned', null]);
  });

  it.each([
    ['categoryId', { categoryId: '00000000-0000-4000-8000-000000000000' }, 400, 'repair_category_unknown'],
    ['buildingId', { buildingId: '00000000-0000-4000-8000-000000000000' }, 400, 'building_unknown'],
    ['room', { buildingId: null, room: '' }, 400, 'location_required'],
    ['description', { description: '' }, 400, 'validation_failed'],
  ])('refuses a bad %s and writes nothing', async (_field, over, status, code) => {
    const before = await count();
    const res = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '灯不亮',
      buildingId,
      room: '101',
      ...over,
    });
    expect(res.status).toBe(status);
    if (code !== 'validation_failed') expect(res.body.error.code).toBe(code);
    expect(await count()).toEqual(before);
  });

  it('takes reports through a public QR code where enabled, with a valid mobile', async () => {
    const qr = await admin.post('/api/repairs/qr', {
      buildingId,
      label: '1号楼3楼第一会议室',
      floor: '3F',
      room: '第一会议室',
    });
    expect(qr.status).toBe(201);
    const info = await anon.get(`/api/public/repairs/qr/${qr.body.token}`);
    expect([info.status, info.body.buildingName, info.body.categories.length > 5]).toEqual([
      200,
      '市行政中心1号楼',
      true,
    ]);
    const before = await count();
    const bad = await anon.post(`/api/public/repairs/qr/${qr.body.token}/reports`, {
      name: '访客甲',
      phone: '1234',
      categoryId,
      description: '投影仪不亮',
    });
    expect([bad.status, bad.body.error.code, bad.body.error.details[0].field]).toEqual([
      400,
      'mobile_invalid',
      'phone',
    ]);
    expect(await count()).toEqual(before);
    const ok = await anon.post(`/api/public/repairs/qr/${qr.body.token}/reports`, {
      name: '访客甲',
      phone: '13800001234',
      categoryId,
      description: '投影仪不亮',
    });
    expect(ok.status).toBe(201);
    const list = await admin.get(`/api/repairs/requests?q=${ok.body.no}`);
    expect(list.body.items[0]).toMatchObject({
      source: 'qr',
      room: '第一会议室',
      floor: '3F',
      requesterAccountId: null,
    });
    const closed = await admin.post('/api/repairs/qr', { buildingId, label: '机房', publicEnabled: false });
    const refused = await anon.post(`/api/public/repairs/qr/${closed.body.token}/reports`, {
      name: '甲',
      phone: '13800001234',
      categoryId,
      description: 'x',
    });
    expect(refused.status).toBe(403);
    expect((await otherAdmin.post('/api/repairs/qr', { buildingId, label: '越权' })).status).toBe(403);
  });

  it('alerts overdue requests once, to the office and the worker', async () => {
    const made = await requester.post('/api/repairs/requests', {
      categoryId: elevatorId,
      description: '电梯困人',
      buildingId,
      room: '电梯厅',
    });
    await admin.post(`/api/repairs/requests/${made.body.id}/assign`, { assigneeAccountId: workerAccountId });
    await t.ctx.db
      .updateTable('repair_request')
      .set({ due_at: new Date(Date.now() - 60_000) })
      .where('id', '=', made.body.id)
      .execute();
    const before = await count();
    expect(await alertOverdue(t.ctx.db, SYSTEM_ACTOR)).toBe(1);
    const after = await count();
    expect(after.notification).toBe(before.notification! + 2);
    expect(await alertOverdue(t.ctx.db, SYSTEM_ACTOR)).toBe(0);
    const overdue = await admin.get('/api/repairs/requests?overdue=true');
    expect(overdue.body.items.map((r: { id: string }) => r.id)).toContain(made.body.id);
  });

  it('counts per building, category and contractor in scope', async () => {
    const c = await admin.post('/api/repairs/contractors', {
      unitId,
      name: '龙城物业',
      phone: '0519-88886666',
    });
    expect(c.status).toBe(201);
    const made = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '空调异响',
      buildingId,
      room: '808',
    });
    await admin.post(`/api/repairs/requests/${made.body.id}/assign`, { contractorId: c.body.id });
    const stats = await admin.get('/api/repairs/stats');
    expect(stats.status).toBe(200);
    const b = stats.body.byBuilding.find((x: { name: string }) => x.name === '市行政中心1号楼');
    expect(b.total).toBeGreaterThanOrEqual(5);
    expect(b.avg_rating).toBe(5);
    expect(
      stats.body.byCategory.find((x: { name: string }) => x.name === '空调暖通').total,
    ).toBeGreaterThanOrEqual(3);
    expect(stats.body.byContractor.map((x: { name: string }) => x.name)).toContain('龙城物业');
    const none = await otherAdmin.get('/api/repairs/stats');
    expect(none.body.byBuilding).toEqual([]);
  });

  it('lets the requester withdraw only before assignment', async () => {
    const made = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '报错了',
      buildingId,
      room: '1',
    });
    const w = await requester.post(`/api/repairs/requests/${made.body.id}/cancel`, {});
    expect([w.status, w.body.status]).toEqual([200, 'cancelled']);
    expect((await stranger.post(`/api/repairs/requests/${made.body.id}/cancel`, {})).status).toBe(403);
  });

  it('lets the office cancel an assigned request with a reason, telling the requester and the worker', async () => {
    const made = await requester.post('/api/repairs/requests', {
      categoryId,
      description: '重复报修',
      buildingId,
      room: '2',
    });
    await admin.post(`/api/repairs/requests/${made.body.id}/assign`, { assigneeAccountId: workerAccountId });
    // the requester may no longer withdraw it, and that writes nothing
    const before = await count();
    const late = await requester.post(`/api/repairs/requests/${made.body.id}/cancel`, {});
    expect(late.status).toBe(409);
    expect(await count()).toEqual(before);
    const c = await admin.post(`/api/repairs/requests/${made.body.id}/cancel`, { reason: '与 R-1 重复' });
    expect([c.status, c.body.status]).toEqual([200, 'cancelled']);
    expect(c.body.events.at(-1)).toMatchObject({ status: 'cancelled', note: '与 R-1 重复' });
    const after = await count();
    expect(after.notification).toBe(before.notification! + 2);
    const told = await t.ctx.db
      .selectFrom('notification')
      .select('account_id')
      .where('kind', '=', 'repairs.cancelled')
      .where('link', '=', `/repairs/requests/${made.body.id}`)
      .execute();
    expect(told.map((n) => n.account_id).sort()).toEqual(
      [workerAccountId, (await requester.get('/api/auth/me')).body.accountId].sort(),
    );
  });

  it('counts per contractor only the requests someone took on (not those withdrawn before triage)', async () => {
    const stats = await admin.get('/api/repairs/stats');
    const taken = await t.ctx.db
      .selectFrom('repair_request')
      .select((eb) => [
        eb.fn.countAll<number>().as('all'),
        eb.fn.count<number>('contractor_id').as('contracted'),
      ])
      .where('unit_id', '=', unitId)
      .where((eb) => eb.or([eb('contractor_id', 'is not', null), eb('assignee_account_id', 'is not', null)]))
      .executeTakeFirstOrThrow();
    const rows = stats.body.byContractor as { name: string; total: number }[];
    expect(rows.reduce((n, r) => n + r.total, 0)).toBe(Number(taken.all));
    expect(rows.find((r) => r.name === '内部维修人员')?.total).toBe(
      Number(taken.all) - Number(taken.contracted),
    );
    // a withdrawn request (the test above) is not counted as the in-house workers' job
    const withdrawn = await t.ctx.db
      .selectFrom('repair_request')
      .select('id')
      .where('unit_id', '=', unitId)
      .where('status', '=', 'cancelled')
      .where('assignee_account_id', 'is', null)
      .where('contractor_id', 'is', null)
      .execute();
    expect(withdrawn.length).toBeGreaterThan(0);
  });
});
