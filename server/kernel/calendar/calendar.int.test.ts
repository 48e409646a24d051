import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../testing/harness.ts';
import { weekday } from './businessDays.ts';
import { calendarService } from './service.ts';

describe.each(dbKinds)('calendar on %s', (kind) => {
  let t: TestApp;
  let admin: TestClient;
  let staff: TestClient;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const a = await buildAccount(t.ctx.db, { grants: [{ role: 'bureau_admin', scope: 'city' }] });
    const s = await buildAccount(t.ctx.db, { grants: [{ role: 'staff', scope: 'self' }] });
    admin = await signIn(t.app, a.username, a.password);
    staff = await signIn(t.app, s.username, s.password);
  });
  afterAll(() => t.close());

  it('seeds the official holidays and make-up workdays of 2020–2026', async () => {
    const res = await staff.get('/api/calendar/days?year=2026');
    expect(res.status).toBe(200);
    const byDate = new Map(res.body.map((d: { date: string }) => [d.date, d]));
    expect(byDate.get('2026-02-15')).toEqual({
      date: '2026-02-15',
      kind: 'holiday',
      name: '春节',
      nameEn: 'Spring Festival',
      note: null,
    });
    expect(byDate.get('2026-02-28')).toMatchObject({ kind: 'workday' });
    expect(byDate.get('2026-10-07')).toMatchObject({ kind: 'holiday', name: '国庆节' });
    expect(byDate.has('2026-10-08')).toBe(false);
    const holidays = res.body.filter((d: { kind: string }) => d.kind === 'holiday').length;
    // 元旦 3 + 春节 9 + 清明 3 + 劳动节 5 + 端午 3 + 中秋 3 + 国庆 7
    expect(holidays).toBe(33);
    const y2020 = await staff.get('/api/calendar/days?year=2020');
    const d2020 = new Map(y2020.body.map((d: { date: string; kind: string }) => [d.date, d.kind]));
    expect(d2020.get('2020-02-01')).toBe('holiday'); // the cancelled make-up Saturday
    expect(d2020.get('2020-02-02')).toBe('holiday');
    expect(d2020.get('2020-01-19')).toBe('workday');
  });

  it('has every seeded make-up workday on a weekend and every year loaded', async () => {
    const rows = await t.ctx.db.selectFrom('calendar_day').select(['date', 'kind']).execute();
    for (const r of rows.filter((r) => r.kind === 'workday')) {
      expect([0, 6], r.date).toContain(weekday(r.date));
    }
    for (const year of [2020, 2021, 2022, 2023, 2024, 2025, 2026]) {
      const n = rows.filter((r) => r.date.startsWith(`${year}-`) && r.kind === 'holiday').length;
      expect(n, String(year)).toBeGreaterThanOrEqual(27);
    }
  });

  it('does business-day arithmetic over the seeded calendar', async () => {
    const add = await staff.get('/api/calendar/add-business-days?date=2026-09-30&days=3');
    expect(add.body).toEqual({ date: '2026-10-10' });
    const back = await staff.get('/api/calendar/add-business-days?date=2026-02-24&days=-1');
    expect(back.body).toEqual({ date: '2026-02-14' });
    const count = await staff.get('/api/calendar/business-days?from=2025-12-31&to=2026-03-31');
    expect(count.body).toEqual({ count: 59 });
  });

  it('lets a bureau admin add, change and remove a day, audited, and reloads the cache', async () => {
    const service = calendarService(t.ctx);
    expect((await service.get()).days.has('2026-12-28')).toBe(false);
    const created = await admin.put('/api/calendar/days/2026-12-28', { kind: 'holiday', name: '测试假日' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      date: '2026-12-28',
      kind: 'holiday',
      name: '测试假日',
      nameEn: null,
      note: null,
    });
    expect((await service.get()).days.get('2026-12-28')).toBe('holiday');
    const next = await staff.get('/api/calendar/add-business-days?date=2026-12-25&days=1');
    expect(next.body).toEqual({ date: '2026-12-29' });

    const updated = await admin.put('/api/calendar/days/2026-12-28', {
      kind: 'holiday',
      name: '测试假日',
      nameEn: 'Test holiday',
      note: '临时安排',
    });
    expect(updated.status).toBe(200);
    expect(updated.body.nameEn).toBe('Test holiday');

    expect((await admin.delete('/api/calendar/days/2026-12-28')).status).toBe(204);
    expect((await service.get()).days.has('2026-12-28')).toBe(false);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'before', 'after'])
      .where('entity', '=', 'calendar.day')
      .where('entity_id', '=', '2026-12-28')
      .orderBy('id')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['create', 'update', 'delete']);
    expect(log[1]?.before).toMatchObject({ nameEn: null });
    expect(log[1]?.after).toMatchObject({ nameEn: 'Test holiday' });
  });

  it('refuses edits by users without calendar.write, and bad input, writing nothing', async () => {
    const tables = ['calendar_day', 'audit_log'];
    const before = await countRows(t.ctx, tables);
    const denied = await staff.put('/api/calendar/days/2026-12-29', { kind: 'holiday', name: '假' });
    expect(denied.status).toBe(403);
    expect((await staff.delete('/api/calendar/days/2026-10-01')).status).toBe(403);

    const weekdayWork = await admin.put('/api/calendar/days/2026-12-29', { kind: 'workday', name: '上班' });
    expect(weekdayWork.status).toBe(400);
    expect(weekdayWork.body.error.code).toBe('workday_not_weekend');
    expect(weekdayWork.body.error.details[0].field).toBe('kind');

    const badDate = await admin.put('/api/calendar/days/2026-02-30', { kind: 'holiday', name: '假' });
    expect(badDate.status).toBe(400);
    expect(badDate.body.error.details[0].field).toBe('params.date');

    const badBody = await admin.put('/api/calendar/days/2026-12-29', { kind: 'rest', name: 'x'.repeat(51) });
    expect(badBody.status).toBe(400);
    expect(badBody.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'kind',
      'name',
    ]);

    const unknown = await admin.delete('/api/calendar/days/2026-12-30');
    expect(unknown.status).toBe(404);
    expect(await countRows(t.ctx, tables)).toEqual(before);
  });

  it('validates the arithmetic queries', async () => {
    const missing = await staff.get('/api/calendar/business-days?from=2026-01-01');
    expect(missing.status).toBe(400);
    expect(missing.body.error.details[0].field).toBe('querystring.to');
    const far = await staff.get('/api/calendar/business-days?from=2000-01-01&to=2026-01-01');
    expect(far.status).toBe(400);
    expect(far.body.error.code).toBe('span_too_large');
    const frac = await staff.get('/api/calendar/add-business-days?date=2026-01-01&days=1.5');
    expect(frac.status).toBe(400);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/calendar/days?year=2026' });
    expect(anonymous.statusCode).toBe(401);
  });
});
