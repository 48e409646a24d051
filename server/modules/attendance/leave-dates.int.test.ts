import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDate } from '../../kernel/calendar/businessDays.ts';
import { buildAccount, buildPerson, buildUnit } from '../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  TestClient,
  type TestApp,
} from '../../kernel/testing/harness.ts';
import { RULE } from './test-fixtures.ts';

/**
 * The dates a leave or business-trip request may cover, on the default settings: it starts at most
 * 31 days back (补假), ends at most 366 days ahead and spans at most 180 calendar days. Each refusal
 * is a field error in both languages, and nothing is written.
 */
describe.each(dbKinds)('attendance leave dates on %s', (kind) => {
  let t: TestApp;
  let staff: TestClient;
  let staffEn: TestClient;
  let today: string;
  const tables = ['attendance_leave', 'approval_matter', 'approval_task', 'audit_log'];

  beforeAll(async () => {
    t = await createTestApp(kind);
    const db = t.ctx.db;
    const unit = await buildUnit(db);
    const person = await buildPerson(db, { unitId: unit.id, name: '补假员工' });
    const admin = await buildAccount(db, {
      grants: [{ role: 'unit_admin', scope: 'unit', unitId: unit.id }],
      personId: (await buildPerson(db, { unitId: unit.id })).id,
    });
    const acc = await buildAccount(db, { personId: person.id, grants: [{ role: 'staff', scope: 'self' }] });
    staff = await signIn(t.app, acc.username, acc.password);
    staffEn = new TestClient(t.app, staff.token, 'en');
    const adminClient = await signIn(t.app, admin.username, admin.password);
    expect((await adminClient.post('/api/attendance/rules', { ...RULE, unitId: unit.id })).status).toBe(201);
    today = localDate(new Date(), t.ctx.config.timeZone);
  });
  afterAll(() => t.close());

  const ask = (client: TestClient, startDate: string, endDate: string, trip = false) =>
    client.post(
      '/api/attendance/me/leaves',
      trip
        ? { kind: 'trip', destination: '南京市', startDate, endDate, reason: '培训' }
        : { kind: 'leave', leaveType: 'personal', startDate, endDate, reason: '家中有事' },
    );

  it('tells the request forms which dates they accept today', async () => {
    const month = await staff.get(`/api/attendance/me/month?month=${today.slice(0, 7)}`);
    expect(month.status).toBe(200);
    expect(month.body.requestWindow).toEqual({
      leaveEarliest: addDays(today, -31),
      leaveLatest: addDays(today, 366),
      leaveMaxDays: 180,
      correctionEarliest: addDays(today, -31),
      today,
    });
  });

  it('refuses a start more than 31 days back, in both languages, and writes nothing', async () => {
    const before = await countRows(t.ctx, tables);
    const earliest = addDays(today, -31);
    const zh = await ask(staff, addDays(earliest, -1), addDays(earliest, 6));
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({ code: 'attendance_leave_too_early' });
    expect(zh.body.error.details[0]).toMatchObject({ field: 'startDate', earliest });
    expect(zh.body.error.message).toContain(`不能早于 ${earliest}`);
    const en = await ask(staffEn, addDays(earliest, -40), addDays(earliest, -30), true);
    expect([en.status, en.body.error.code]).toEqual([400, 'attendance_leave_too_early']);
    expect(en.body.error.message).toContain(`at most 31 days back`);
    expect(await countRows(t.ctx, tables)).toEqual(before);
    // the earliest day itself is accepted
    const ok = await ask(staff, earliest, addDays(earliest, 13));
    expect(ok.status).toBe(201);
    expect(ok.body.startDate).toBe(earliest);
  });

  it('refuses an end more than 366 days ahead and writes nothing', async () => {
    const before = await countRows(t.ctx, tables);
    const latest = addDays(today, 366);
    const res = await ask(staff, addDays(latest, -5), addDays(latest, 1), true);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'attendance_leave_too_far' });
    expect(res.body.error.details[0]).toMatchObject({ field: 'endDate', latest });
    const en = await ask(staffEn, addDays(latest, 10), addDays(latest, 12));
    expect(en.body.error.code).toBe('attendance_leave_too_far');
    expect(en.body.error.message).toContain(`cannot be after ${latest}`);
    expect(await countRows(t.ctx, tables)).toEqual(before);
    const ok = await ask(staff, addDays(latest, -13), latest, true);
    expect(ok.status).toBe(201);
  });

  it('refuses one request over 180 calendar days and writes nothing; 180 days is accepted', async () => {
    const before = await countRows(t.ctx, tables);
    const start = addDays(today, 20);
    const res = await ask(staff, start, addDays(start, 180));
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'attendance_leave_too_long' });
    expect(res.body.error.details[0]).toMatchObject({ field: 'endDate', maxDays: 180 });
    expect(res.body.error.message).toContain('最长 180 天');
    const en = await ask(staffEn, start, addDays(start, 300), true);
    expect(en.body.error.code).toBe('attendance_leave_too_long');
    expect(en.body.error.message).toContain('at most 180 days');
    expect(await countRows(t.ctx, tables)).toEqual(before);
    const ok = await ask(staff, start, addDays(start, 179));
    expect(ok.status).toBe(201);
    expect(ok.body.endDate).toBe(addDays(start, 179));
  });
});
