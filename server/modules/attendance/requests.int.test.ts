import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount, buildJurisdiction, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import {
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { RULE } from './test-fixtures.ts';

/**
 * Requests of units without a unit administrator (they go up to the district, or the bureau), and
 * withdrawn or rejected requests freeing their dates at once.
 */
describe.each(dbKinds)('attendance requests on %s', (kind) => {
  let t: TestApp;
  let small: { id: string }; // a unit without unit admin, in a district with an administrator
  let remote: { id: string }; // a unit without unit admin, in a district without any
  let staffSmall: TestClient;
  let staffRemote: TestClient;
  let smallPerson: { id: string };
  let district: TestClient;
  let bureau: TestClient;

  const account = async (grants: NonNullable<Parameters<typeof buildAccount>[1]>) => {
    const acc = await buildAccount(t.ctx.db, grants);
    return signIn(t.app, acc.username, acc.password);
  };

  beforeAll(async () => {
    // the suite asks for October's dates: reach back far enough
    t = await createTestApp(kind, { GOA_ATTENDANCE_BACKDATE_DAYS: '120' });
    const db = t.ctx.db;
    const j = await buildJurisdiction(db);
    const lonelyJ = await buildJurisdiction(db);
    small = await buildUnit(db, { jurisdictionId: j.id });
    remote = await buildUnit(db, { jurisdictionId: lonelyJ.id });
    smallPerson = await buildPerson(db, { unitId: small.id, name: '小单位员工' });
    const remotePerson = await buildPerson(db, { unitId: remote.id, name: '偏远单位员工' });
    staffSmall = await account({ personId: smallPerson.id, grants: [{ role: 'staff', scope: 'self' }] });
    staffRemote = await account({ personId: remotePerson.id, grants: [{ role: 'staff', scope: 'self' }] });
    district = await account({
      grants: [{ role: 'district_admin', scope: 'jurisdiction', jurisdictionId: j.id }],
    });
    bureau = await account({ grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const rule = await district.post('/api/attendance/rules', { ...RULE, unitId: small.id });
    expect(rule.status).toBe(201);
  });
  afterAll(() => t.close());

  const leave = (client: TestClient, startDate: string, endDate: string, leaveType = 'personal') =>
    client.post('/api/attendance/me/leaves', {
      kind: 'leave',
      leaveType,
      startDate,
      endDate,
      reason: '家中有事',
    });
  const matter = (client: TestClient, id: string) => client.get(`/api/approvals/matters/${id}`);
  const inboxIds = async (client: TestClient) =>
    ((await client.get('/api/approvals/inbox?pageSize=100')).body.items as { id: string }[]).map((i) => i.id);
  const reportRow = async () => {
    const rep = await district.get('/api/attendance/reports/monthly?month=2026-10&by=person');
    expect(rep.status).toBe(200);
    return rep.body.rows.find((r: { name: string }) => r.name === '小单位员工');
  };

  it('a unit without a unit admin has its leave approved by the district administrator', async () => {
    const res = await leave(staffSmall, '2026-10-19', '2026-10-21', 'sick');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ days: 3, status: 'pending' });
    const m = await matter(staffSmall, res.body.matterId);
    expect(m.body.steps[0]).toMatchObject({
      key: 'unit',
      approverRole: 'district_admin',
      escalated: true,
      label: '单位考勤审批（辖区管理员代审）',
    });
    expect(await inboxIds(district)).toContain(res.body.matterId);
    expect(await inboxIds(bureau)).not.toContain(res.body.matterId);
    const decided = await district.post(`/api/approvals/matters/${res.body.matterId}/decide`, {
      decision: 'approve',
    });
    expect(decided.status).toBe(200);
    expect(decided.body.status).toBe('approved');
    const month = await staffSmall.get('/api/attendance/me/month?month=2026-10');
    expect(month.body.leaves).toContainEqual(
      expect.objectContaining({ id: res.body.id, status: 'approved' }),
    );
    expect(await reportRow()).toMatchObject({ leaveDays: 3, leaveByType: { sick: 3 } });
  });

  it('a unit in a district without administrators has its trip approved by the bureau', async () => {
    const res = await staffRemote.post('/api/attendance/me/leaves', {
      kind: 'trip',
      destination: '南京市',
      startDate: '2026-10-22',
      endDate: '2026-10-23',
      reason: '省厅会议',
    });
    expect(res.status).toBe(201);
    const m = await matter(staffRemote, res.body.matterId);
    expect(m.body.steps[0]).toMatchObject({ approverRole: 'bureau_admin', escalated: true });
    expect(await inboxIds(district)).not.toContain(res.body.matterId);
    const decided = await bureau.post(`/api/approvals/matters/${res.body.matterId}/decide`, {
      decision: 'approve',
    });
    expect(decided.body.status).toBe('approved');
    const month = await staffRemote.get('/api/attendance/me/month?month=2026-10');
    expect(month.body.leaves).toContainEqual(
      expect.objectContaining({ id: res.body.id, status: 'approved' }),
    );
  });

  it('withdrawing frees the dates and the annual leave at once; the report never counts them', async () => {
    const first = await leave(staffSmall, '2026-10-26', '2026-10-28', 'annual');
    expect(first.status).toBe(201);
    const asked = await staffSmall.get('/api/attendance/me/month?month=2026-10');
    expect(asked.body.balance).toMatchObject({ pending: 3 });
    const overlap = await leave(staffSmall, '2026-10-27', '2026-10-27');
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'attendance_leave_overlap']);

    const withdrawn = await staffSmall.post(`/api/approvals/matters/${first.body.matterId}/withdraw`, {
      opinion: '行程取消',
    });
    expect(withdrawn.status).toBe(200);
    // the request row left 'pending' in the withdrawing transaction, before any new request
    const row = await t.ctx.db
      .selectFrom('attendance_leave')
      .select('status')
      .where('id', '=', first.body.id)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('withdrawn');
    const audited = await t.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity', '=', 'attendance.leave')
      .where('entity_id', '=', first.body.id)
      .orderBy('at')
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['create', 'withdraw']);
    const freed = await staffSmall.get('/api/attendance/me/month?month=2026-10');
    expect(freed.body.balance).toMatchObject({ pending: 0, used: 0 });
    expect(freed.body.leaves).toContainEqual(
      expect.objectContaining({ id: first.body.id, status: 'withdrawn' }),
    );
    expect(await reportRow()).toMatchObject({ leaveDays: 3, leaveByType: { sick: 3 } });

    // the same dates again: accepted, and once approved counted once
    const again = await leave(staffSmall, '2026-10-26', '2026-10-28', 'annual');
    expect(again.status).toBe(201);
    await district.post(`/api/approvals/matters/${again.body.matterId}/decide`, { decision: 'approve' });
    expect(await reportRow()).toMatchObject({ leaveDays: 6, leaveByType: { sick: 3, annual: 3 } });
    const taken = await staffSmall.get('/api/attendance/me/month?month=2026-10');
    expect(taken.body.balance).toMatchObject({ pending: 0, used: 3 });
  });

  it('a rejected request frees its dates too', async () => {
    const res = await leave(staffSmall, '2026-10-29', '2026-10-30');
    expect(res.status).toBe(201);
    const rejected = await district.post(`/api/approvals/matters/${res.body.matterId}/decide`, {
      decision: 'reject',
      opinion: '工作安排冲突',
    });
    expect(rejected.body.status).toBe('rejected');
    const again = await leave(staffSmall, '2026-10-29', '2026-10-30');
    expect(again.status).toBe(201);
    const withdrawn = await staffSmall.post(`/api/approvals/matters/${again.body.matterId}/withdraw`, {});
    expect(withdrawn.status).toBe(200);
    expect(await reportRow()).toMatchObject({ leaveDays: 6 });
  });

  it('a withdrawn missing-punch correction frees its place in the monthly limit', async () => {
    const first = await staffSmall.post('/api/attendance/me/corrections', {
      workDate: '2026-11-02',
      time: '17:30',
      reason: '忘记打卡',
    });
    expect(first.status).toBe(201);
    await staffSmall.post(`/api/approvals/matters/${first.body.matterId}/withdraw`, {});
    const same = await staffSmall.post('/api/attendance/me/corrections', {
      workDate: '2026-11-02',
      time: '17:30',
      reason: '忘记打卡',
    });
    expect(same.status).toBe(201);
    const month = await staffSmall.get('/api/attendance/me/month?month=2026-11');
    expect(month.body.corrections.map((c: { status: string }) => c.status).sort()).toEqual([
      'pending',
      'withdrawn',
    ]);
  });
});
