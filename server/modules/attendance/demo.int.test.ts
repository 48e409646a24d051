import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dbKinds, signIn, type TestApp } from '../../kernel/testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../../kernel/demo/index.ts';
import { attendance } from './index.ts';

describe.each(dbKinds)('attendance demo on %s', (kind) => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.ctx, (l) => lines.push(l), [attendance]);
  }, 120_000);
  afterAll(() => t.close());

  it('seeds a month of punches and results with realistic lateness, leave and trips', async () => {
    const { rows } = await sql<Record<string, number>>`
      select count(*)::int as days,
        count(*) filter (where status = 'normal')::int as normal,
        count(*) filter (where status in ('late', 'late_early'))::int as late,
        count(*) filter (where status = 'absent')::int as absent,
        count(*) filter (where status = 'missing_punch')::int as missing,
        count(*) filter (where status = 'leave')::int as leave,
        count(*) filter (where status = 'trip')::int as trip
      from attendance_day`.execute(t.ctx.db);
    const r = rows[0]!;
    expect(r.normal! / r.days!).toBeGreaterThan(0.6);
    for (const k of ['late', 'absent', 'missing', 'leave', 'trip']) expect(r[k]).toBeGreaterThan(0);
    expect(r.late! / r.days!).toBeLessThan(0.15);
    expect(lines.find((l) => l.startsWith('attendance:'))).toMatch(/punches over 22 working days/);
  });

  it("shows the demo staff member's month with the approved leave and trip", async () => {
    const staff = await signIn(t.app, 'staff', DEMO_PASSWORD);
    const month = await staff.get('/api/attendance/me/today');
    expect(month.status).toBe(200);
    expect(month.body.rule).not.toBeNull();
    const leaves = await t.ctx.db
      .selectFrom('attendance_leave as l')
      .innerJoin('auth_account as a', 'a.person_id', 'l.person_id')
      .innerJoin('approval_matter as m', 'm.id', 'l.matter_id')
      .select(['l.kind', 'l.status', 'm.status as matter'])
      .where('a.username', '=', 'staff')
      .orderBy('l.kind')
      .execute();
    expect(leaves).toEqual([
      { kind: 'leave', status: 'approved', matter: 'approved' },
      { kind: 'trip', status: 'approved', matter: 'approved' },
    ]);
    const admin = await signIn(t.app, 'unit_admin', DEMO_PASSWORD);
    const board = await admin.get('/api/attendance/board');
    expect(board.body.rows.length).toBeGreaterThan(10);
  });
});
