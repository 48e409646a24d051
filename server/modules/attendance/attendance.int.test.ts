import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../kernel/testing/harness.ts';
import { download, readXlsx, upload } from '../../kernel/org/test-fixture.ts';
import { RULE } from './test-fixtures.ts';

const WRITES = [
  'attendance_punch',
  'attendance_import',
  'attendance_leave',
  'attendance_correction',
  'attendance_rule',
  'attendance_site',
  'approval_matter',
  'audit_log',
];

const SITE = { lat: 31.8106, lng: 119.9741 };

describe.each(dbKinds)('attendance on %s', (kind) => {
  let t: TestApp;
  let unit: { id: string; jurisdiction_id: string };
  let other: { id: string };
  let a: { id: string; employee_no: string };
  let b: { id: string; employee_no: string };
  let admin: TestClient;
  let outsider: TestClient;
  let bureau: TestClient;
  let staffA: TestClient;
  let staffB: TestClient;

  beforeAll(async () => {
    t = await createTestApp(kind, {
      GOA_ATTENDANCE_CORRECTIONS_PER_MONTH: '1',
      GOA_ATTENDANCE_CORRECTION_DAYS: '62',
      GOA_ATTENDANCE_BACKDATE_DAYS: '120',
    });
    const db = t.ctx.db;
    unit = await buildUnit(db);
    other = await buildUnit(db);
    a = await buildPerson(db, { unitId: unit.id, name: '考勤甲' });
    b = await buildPerson(db, { unitId: unit.id, name: '考勤乙' });
    const [ad, out, bu, sa, sb] = await Promise.all([
      buildAccount(db, {
        grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
        personId: (await buildPerson(db, { unitId: unit.id })).id,
      }),
      buildAccount(db, { grants: [{ role: 'unit_admin', scope: 'unit', unitId: other.id }] }),
      buildAccount(db, { grants: [{ role: 'bureau_admin', scope: 'city' }] }),
      buildAccount(db, { personId: a.id, grants: [{ role: 'staff', scope: 'self' }] }),
      buildAccount(db, { personId: b.id, grants: [{ role: 'staff', scope: 'self' }] }),
    ]);
    [admin, outsider, bureau, staffA, staffB] = (await Promise.all(
      [ad, out, bu, sa, sb].map((x) => signIn(t.app, x.username, x.password)),
    )) as [TestClient, TestClient, TestClient, TestClient, TestClient];
  });
  afterAll(() => t.close());

  const count = () => countRows(t.ctx, WRITES);
  const day = async (personId: string, date: string) =>
    t.ctx.db
      .selectFrom('attendance_day')
      .select(['status', 'late_min', 'early_min', 'overtime_min', 'due', 'leave_type'])
      .where('person_id', '=', personId)
      .where('work_date', '=', date)
      .executeTakeFirst();
  const csv = (rows: string[][]) =>
    Buffer.from(['工号,时间,设备', ...rows.map((r) => r.join(','))].join('\n'));
  const approveAll = async (approver: TestClient) => {
    const inbox = await approver.get('/api/approvals/inbox?pageSize=100');
    expect(inbox.status).toBe(200);
    for (const item of inbox.body.items as { id: string }[]) {
      const res = await approver.post(`/api/approvals/matters/${item.id}/decide`, { decision: 'approve' });
      expect(res.status).toBe(200);
    }
    return inbox.body.items.length as number;
  };

  it('refuses bad rules and other units, then sets a unit rule once', async () => {
    const before = await count();
    const bad = await admin.post('/api/attendance/rules', { ...RULE, unitId: unit.id, endMin: 500 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('endMin');
    const lunch = await admin.post('/api/attendance/rules', { ...RULE, unitId: unit.id, lunchEndMin: null });
    expect(lunch.body.error.code).toBe('attendance_rule_lunch');
    expect((await outsider.post('/api/attendance/rules', { ...RULE, unitId: unit.id })).status).toBe(403);
    expect((await staffA.post('/api/attendance/rules', { ...RULE, unitId: unit.id })).status).toBe(403);
    expect(await count()).toEqual(before);

    const ok = await admin.post('/api/attendance/rules', { ...RULE, unitId: unit.id });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ unitId: unit.id, departmentId: null, flexMin: 30 });
    const again = await admin.post('/api/attendance/rules', { ...RULE, unitId: unit.id });
    expect([again.status, again.body.error.code]).toEqual([409, 'attendance_rule_taken']);
    expect((await outsider.get('/api/attendance/rules')).body).toEqual([]);
  });

  it('imports device records all or nothing: every bad row reported, nothing written', async () => {
    const before = await count();
    const res = await upload(
      admin,
      '/api/attendance/imports',
      csv([
        [a.employee_no, '2026-10-09 09:10', '1号门'],
        ['NOPE-1', '2026-10-09 09:10', '1号门'],
        [a.employee_no, '2026-13-09 09:10', '1号门'],
        [a.employee_no, '2026-10-09 09:10:00', '2号门'],
      ]),
      'file',
      'records.csv',
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('attendance_import_invalid');
    expect(res.body.error.details.map((d: { row: number; code: string }) => [d.row, d.code])).toEqual([
      [3, 'unknown'],
      [4, 'invalid'],
      [5, 'duplicate_in_file'],
    ]);
    // what the page needs to say it in the user's language (it showed '未知工号 NOPE-1 / unknown staff number')
    expect(res.body.error.details).toMatchObject([
      { field: 'code', value: 'NOPE-1' },
      { field: 'time', value: '2026-13-09 09:10' },
      { field: 'time', duplicateOf: 2 },
    ]);
    // a person of a unit outside the importer's scope
    const scoped = await upload(
      outsider,
      '/api/attendance/imports',
      csv([[a.employee_no, '2026-10-09 09:10', 'x']]),
      'file',
      'r.csv',
    );
    expect(scoped.body.error.details[0].code).toBe('out_of_scope');
    expect(await count()).toEqual(before);
  });

  const RECORDS = () =>
    csv([
      // Fri 9 Oct: on time inside the flexible window
      [a.employee_no, '2026-10-09 09:10', '1号门'],
      [a.employee_no, '2026-10-09 17:45', '1号门'],
      // Sat 10 Oct: a 调休 make-up working day, 25 minutes late
      [a.employee_no, '2026-10-10 09:55', '1号门'],
      [a.employee_no, '2026-10-10 18:00', '1号门'],
      // Mon 12 Oct: in, but no out
      [a.employee_no, '2026-10-12 08:55', '1号门'],
      // Mon 5 Oct: National Day holiday, came in for the morning
      [a.employee_no, '2026-10-05 09:00', '1号门'],
      [a.employee_no, '2026-10-05 12:00', '1号门'],
      // Tue 13 Oct: left an hour early, stayed late the day after
      [a.employee_no, '2026-10-13 09:00', '1号门'],
      [a.employee_no, '2026-10-13 16:00', '1号门'],
      [a.employee_no, '2026-10-14 09:00', '1号门'],
      [a.employee_no, '2026-10-14 19:00', '1号门'],
    ]);

  it('imports valid records, skips stored duplicates, and computes the days over the calendar', async () => {
    const res = await upload(admin, '/api/attendance/imports', RECORDS(), 'file', 'records.csv');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ rows: 11, inserted: 11, duplicates: 0 });
    const again = await upload(admin, '/api/attendance/imports', RECORDS(), 'file', 'records.csv');
    expect(again.body).toMatchObject({ rows: 11, inserted: 0, duplicates: 11 });

    // the rest of the month for everyone (B never came)
    const re = await admin.post('/api/attendance/recompute', {
      unitId: unit.id,
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(re.status).toBe(200);
    expect(await day(a.id, '2026-10-09')).toMatchObject({ status: 'normal', late_min: 0, due: true });
    expect(await day(a.id, '2026-10-10')).toMatchObject({ status: 'late', late_min: 25, due: true });
    expect(await day(a.id, '2026-10-12')).toMatchObject({ status: 'missing_punch' });
    expect(await day(a.id, '2026-10-05')).toMatchObject({ status: 'rest', due: false, overtime_min: 180 });
    expect(await day(a.id, '2026-10-13')).toMatchObject({ status: 'early_leave', early_min: 60 });
    expect(await day(a.id, '2026-10-14')).toMatchObject({ status: 'normal', overtime_min: 120 });
    expect(await day(b.id, '2026-10-09')).toMatchObject({ status: 'absent' });
    expect(await day(b.id, '2026-10-10')).toMatchObject({ status: 'absent' });
    expect(await day(b.id, '2026-10-11')).toMatchObject({ status: 'rest', due: false });
    expect(await day(b.id, '2026-10-06')).toMatchObject({ status: 'rest' });
  });

  it('keeps raw punches append-only in the database', async () => {
    await expect(sql`update attendance_punch set device = 'x'`.execute(t.ctx.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from attendance_punch`.execute(t.ctx.db)).rejects.toThrow(/append-only/);
  });

  it('marks approved leave on working days, the 调休 day included, and refuses overlaps and overdrafts', async () => {
    const bad = await staffB.post('/api/attendance/me/leaves', {
      kind: 'leave',
      leaveType: 'sick',
      startDate: '2026-10-12',
      endDate: '2026-10-09',
      reason: '发烧',
    });
    expect([bad.status, bad.body.error.details[0].field]).toEqual([400, 'endDate']);
    const res = await staffB.post('/api/attendance/me/leaves', {
      kind: 'leave',
      leaveType: 'sick',
      startDate: '2026-10-09',
      endDate: '2026-10-12',
      reason: '发烧',
    });
    expect(res.status).toBe(201);
    // Fri 9, Sat 10 (make-up day) and Mon 12 are working days; Sun 11 is not
    expect(res.body).toMatchObject({ days: 3, status: 'pending' });
    const before = await count();
    const overlap = await staffB.post('/api/attendance/me/leaves', {
      kind: 'trip',
      destination: '南京',
      startDate: '2026-10-12',
      endDate: '2026-10-13',
      reason: '培训',
    });
    expect([overlap.status, overlap.body.error.code]).toEqual([409, 'attendance_leave_overlap']);
    const overdraft = await staffB.post('/api/attendance/me/leaves', {
      kind: 'leave',
      leaveType: 'annual',
      startDate: '2026-12-01',
      endDate: '2026-12-08',
      reason: '休假',
    });
    expect([overdraft.status, overdraft.body.error.code]).toEqual([400, 'attendance_annual_balance']);
    // annual leave over new year: said so (it was answered 'the end date is before the start date')
    const crossYear = await staffB.post('/api/attendance/me/leaves', {
      kind: 'leave',
      leaveType: 'annual',
      startDate: '2026-12-31',
      endDate: '2027-01-04',
      reason: '休假',
    });
    expect([crossYear.status, crossYear.body.error.code]).toEqual([400, 'attendance_annual_cross_year']);
    expect(crossYear.body.error.details[0]).toMatchObject({ field: 'endDate' });
    expect(crossYear.body.error.message).toContain('跨年');
    expect(await count()).toEqual(before);
    // the pending leave changes nothing yet
    expect(await day(b.id, '2026-10-09')).toMatchObject({ status: 'absent' });
    expect(await outsider.get('/api/approvals/inbox').then((r) => r.body.items.length)).toBe(0);
    expect(await approveAll(admin)).toBe(1);
    expect(await day(b.id, '2026-10-09')).toMatchObject({ status: 'leave', leave_type: 'sick' });
    expect(await day(b.id, '2026-10-10')).toMatchObject({ status: 'leave' });
    expect(await day(b.id, '2026-10-11')).toMatchObject({ status: 'rest' });
    expect(await day(b.id, '2026-10-13')).toMatchObject({ status: 'absent' });
    const month = await staffB.get('/api/attendance/me/month?month=2026-10');
    expect(month.body.leaves[0]).toMatchObject({ status: 'approved', leaveType: 'sick', days: 3 });
    expect(month.body.balance).toMatchObject({ entitled: 5, used: 0, left: 5 });
  });

  it('marks an approved business trip', async () => {
    const res = await staffA.post('/api/attendance/me/leaves', {
      kind: 'trip',
      destination: '南京市',
      startDate: '2026-10-15',
      endDate: '2026-10-16',
      reason: '省厅会议',
    });
    expect(res.status).toBe(201);
    await approveAll(admin);
    expect(await day(a.id, '2026-10-15')).toMatchObject({ status: 'trip' });
    expect(await day(a.id, '2026-10-16')).toMatchObject({ status: 'trip' });
  });

  it('corrects a missing punch through approval, limited per month', async () => {
    const res = await staffA.post('/api/attendance/me/corrections', {
      workDate: '2026-10-12',
      time: '17:30',
      reason: '忘记打卡',
    });
    expect(res.status).toBe(201);
    const before = await count();
    const second = await staffA.post('/api/attendance/me/corrections', {
      workDate: '2026-10-13',
      time: '17:30',
      reason: '又忘了',
    });
    expect([second.status, second.body.error.code]).toEqual([400, 'attendance_correction_limit']);
    const holiday = await staffA.post('/api/attendance/me/corrections', {
      workDate: '2026-11-01',
      time: '17:30',
      reason: 'x',
    });
    expect(holiday.body.error.code).toBe('attendance_correction_date');
    expect(await count()).toEqual(before);
    await approveAll(admin);
    expect(await day(a.id, '2026-10-12')).toMatchObject({ status: 'normal' });
    const punch = await t.ctx.db
      .selectFrom('attendance_punch')
      .select('source')
      .where('person_id', '=', a.id)
      .where('work_date', '=', '2026-10-12')
      .orderBy('at', 'desc')
      .executeTakeFirstOrThrow();
    expect(punch.source).toBe('correction');
  });

  it('reports the month per person and per unit within scope, and exports Excel', async () => {
    const rep = await admin.get('/api/attendance/reports/monthly?month=2026-10&by=person');
    expect(rep.status).toBe(200);
    const rowA = rep.body.rows.find((r: { name: string }) => r.name === '考勤甲');
    const rowB = rep.body.rows.find((r: { name: string }) => r.name === '考勤乙');
    // October 2026: 22 working days less the National Day holidays (1, 2, 5–7), plus the make-up Saturday 10th
    expect(rowA).toMatchObject({
      daysDue: 18,
      lateCount: 1,
      lateMinutes: 25,
      earlyCount: 1,
      tripDays: 2,
      missingPunches: 0,
    });
    // 3 h on the holiday, 2 h on the 14th, and 35 + 30 + 35 minutes past the required leave on the 9th, 10th, 12th
    expect(rowA.overtimeHours).toBe(6.7);
    expect(rowB).toMatchObject({ leaveDays: 3, leaveByType: { sick: 3 }, absentDays: 15 });
    const byUnit = await admin.get('/api/attendance/reports/monthly?month=2026-10&by=unit');
    expect(byUnit.body.rows).toHaveLength(1);
    expect(byUnit.body.rows[0]).toMatchObject({ people: 3, leaveDays: 3, tripDays: 2 });
    // scope: another unit's admin sees nothing, staff see only themselves
    expect((await outsider.get('/api/attendance/reports/monthly?month=2026-10')).body.rows).toEqual([]);
    const own = await staffA.get('/api/attendance/reports/monthly?month=2026-10');
    expect(own.body.rows.map((r: { name: string }) => r.name)).toEqual(['考勤甲']);
    expect((await staffA.get('/api/attendance/board')).status).toBe(403);

    const file = await download(admin, '/api/attendance/reports/monthly.xlsx?month=2026-10&by=person');
    expect(file.status).toBe(200);
    const sheet = await readXlsx(file.data);
    expect(sheet.headers.slice(0, 3)).toEqual(['姓名', '工号', '部门']);
    expect(sheet.rows.some((r) => r[0] === '考勤乙' && r.includes('3'))).toBe(true);
  });

  it('clocks in on a phone inside a site only, and at the kiosk with a machine token', async () => {
    const site = await admin.post('/api/attendance/sites', {
      unitId: unit.id,
      name: '机关大院',
      ...SITE,
      radiusM: 200,
    });
    expect(site.status).toBe(201);
    const before = await count();
    const far = await staffA.post('/api/attendance/me/punches', { lat: 31.83, lng: 119.97 });
    expect([far.status, far.body.error.code]).toEqual([400, 'attendance_out_of_range']);
    expect(await count()).toEqual(before);
    const near = await staffA.post('/api/attendance/me/punches', {
      lat: 31.811,
      lng: 119.9742,
      accuracyM: 15,
    });
    expect(near.status).toBe(201);
    expect(near.body).toMatchObject({ source: 'phone', inRange: true, siteName: '机关大院' });
    const twice = await staffA.post('/api/attendance/me/punches', { lat: 31.811, lng: 119.9742 });
    expect([twice.status, twice.body.error.code]).toEqual([409, 'attendance_punch_too_soon']);
    const today = await staffA.get('/api/attendance/me/today');
    expect(today.body.punches).toHaveLength(1);
    expect(today.body.sites[0].name).toBe('机关大院');

    const token = await bureau.post('/api/machine-tokens', {
      name: '大院东门考勤机',
      purpose: 'attendance.kiosk',
    });
    expect(token.status).toBe(201);
    const kiosk = new TestClient(t.app, token.body.token);
    const unknown = await kiosk.post('/api/attendance/kiosk/punches', { code: 'NOPE' });
    expect([unknown.status, unknown.body.error.code]).toEqual([400, 'attendance_unknown_code']);
    const ok = await kiosk.post('/api/attendance/kiosk/punches', { code: b.employee_no });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ name: '考勤乙', source: 'kiosk', punchesToday: [expect.any(String)] });
    const row = await t.ctx.db
      .selectFrom('attendance_punch')
      .select('device')
      .where('id', '=', ok.body.id)
      .executeTakeFirstOrThrow();
    expect(row.device).toBe('大院东门考勤机');
    // a one-card swiped at the kiosk names its holder (here too soon after the punch above); a card
    // reported lost names no one
    const card = await bureau.post('/api/cards/accounts', { personId: b.id, topUp: 0 });
    expect(card.status).toBe(201);
    const swiped = await kiosk.post('/api/attendance/kiosk/punches', { code: card.body.cardNo });
    expect([swiped.status, swiped.body.error.code]).toEqual([409, 'attendance_punch_too_soon']);
    expect((await bureau.post(`/api/cards/accounts/${card.body.id}/loss`, {})).status).toBe(200);
    const lost = await kiosk.post('/api/attendance/kiosk/punches', { code: card.body.cardNo });
    expect([lost.status, lost.body.error.code]).toEqual([400, 'attendance_unknown_code']);
    // a signed-in person is not a kiosk
    expect((await staffA.post('/api/attendance/kiosk/punches', { code: b.employee_no })).status).toBe(403);

    const board = await admin.get('/api/attendance/board');
    expect(board.status).toBe(200);
    expect(board.body.rows.map((r: { name: string }) => r.name).sort()).toEqual(
      expect.arrayContaining(['考勤甲', '考勤乙']),
    );
    expect((await outsider.get(`/api/attendance/board?unitId=${unit.id}`)).body.rows).toEqual([]);
  });
});
