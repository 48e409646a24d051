import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, dbKinds, signIn, type TestApp } from '../../kernel/testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../../kernel/demo/index.ts';
import { rooms } from './index.ts';

describe.each(dbKinds)('rooms demo on %s', (kind) => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp(kind);
    await seedDemo(t.ctx, (l) => lines.push(l), [rooms]);
  });
  afterAll(() => t.close());

  it("seeds the city's buildings and rooms with a week of bookings", async () => {
    const names = await t.ctx.db.selectFrom('office_building').select('name').orderBy('code').execute();
    expect(names.map((n) => n.name)).toEqual(
      expect.arrayContaining(['市行政中心', '武进区政府大楼', '经开区政府大楼']),
    );
    const { rows } = await sql<{ rooms: number; bookings: number; days: number; pending: number }>`
      select (select count(*)::int from meeting_room) as rooms, count(*)::int as bookings,
        count(distinct (starts_at at time zone 'Asia/Shanghai')::date)::int as days,
        count(*) filter (where status = 'pending')::int as pending
      from room_booking`.execute(t.ctx.db);
    expect(rows[0]!.rooms).toBeGreaterThan(40);
    expect(rows[0]!.bookings).toBeGreaterThan(300);
    expect(rows[0]!.days).toBeGreaterThanOrEqual(5);
    expect(rows[0]!.pending).toBeGreaterThan(0);
    expect(lines.some((l) => l.includes('rooms:'))).toBe(true);
  });

  it('seeds pending bookings only with an approval matter someone can decide', async () => {
    const { rows } = await sql<{ pending: number; orphans: number; undecidable: number }>`
      select count(*)::int as pending,
        count(*) filter (where k.approval_matter_id is null)::int as orphans,
        count(*) filter (where m.status <> 'submitted' or not exists (
          select 1 from approval_task t where t.matter_id = m.id and t.status = 'pending'))::int as undecidable
      from room_booking k left join approval_matter m on m.id = k.approval_matter_id
      where k.status = 'pending'`.execute(t.ctx.db);
    expect(rows[0]!.pending).toBeGreaterThan(0);
    expect(rows[0]!.orphans).toBe(0);
    expect(rows[0]!.undecidable).toBe(0);
    // nothing was booked (or changed) in the future: the invitations' DTSTAMP and CREATED come from these
    const future = await sql<{ n: number }>`select count(*)::int as n from room_booking
      where created_at > now() or updated_at > now()`.execute(t.ctx.db);
    expect(future.rows[0]!.n).toBe(0);
  });

  it('gives the demo staff member bookings of their own', async () => {
    const staff = await signIn(t.app, 'staff', DEMO_PASSWORD);
    const mine = await staff.get('/api/rooms/mine');
    expect(mine.status).toBe(200);
    expect(mine.body.length).toBeGreaterThan(0);
    expect(mine.body[0].buildingName).toBe('市行政中心');
  });
});
