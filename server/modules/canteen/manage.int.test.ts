import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../../kernel/testing/factories.ts';
import { countRows, dbKinds, signIn, type TestApp, type TestClient } from '../../kernel/testing/harness.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { cancelOrder, placeOrder } from './orders.ts';
import { updateSlot } from './slots.ts';
import { canteenFixture, canteenOffice, dineInLunch, type CanteenFixture } from './test-fixture.ts';

const TABLES = ['canteen_point', 'canteen_slot', 'canteen_slot_day', 'canteen_order', 'audit_log'];

describe.each(dbKinds)('canteen management on %s', (kind) => {
  const suite = canteenOffice(kind, 30);
  const { today, tomorrow, cfg, order } = suite;
  let t: TestApp;
  let f: CanteenFixture;
  let office: TestClient;
  let diners: string[];
  beforeAll(() => void ({ t, f, office, diners } = suite));
  const slotRow = (id: string) =>
    t.ctx.db.selectFrom('canteen_slot').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  it('edits a canteen: name, location, address, cut-off and delivery, audited', async () => {
    const audits = (await countRows(t.ctx, ['audit_log'])).audit_log!;
    const res = await office.patch(`/api/canteen/points/${f.point.id}`, {
      name: `${f.point.name}（东区）`,
      location: '1号楼一楼东侧',
      address: '龙城大道1280号',
      cutoff: '10:30',
      delivery: true,
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ id: f.point.id, upcomingOrders: 0 });
    const list = await office.get('/api/canteen/points');
    expect(list.body.find((p: { id: string }) => p.id === f.point.id)).toMatchObject({
      name: `${f.point.name}（东区）`,
      location: '1号楼一楼东侧',
      address: '龙城大道1280号',
      cutoff: '10:30',
      delivery: true,
      active: true,
    });
    expect((await countRows(t.ctx, ['audit_log'])).audit_log).toBe(audits + 1);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'canteen.point')
      .where('entity_id', '=', f.point.id)
      .where('action', '=', 'update')
      .executeTakeFirstOrThrow();
    expect(log.before).toMatchObject({ cutoff: null, location: null });
    expect(log.after).toMatchObject({ cutoff: '10:30', location: '1号楼一楼东侧' });
    // clearing the cut-off goes back to the deployment's default
    const cleared = await office.patch(`/api/canteen/points/${f.point.id}`, { cutoff: null });
    expect(cleared.status).toBe(200);
    const again = await office.get('/api/canteen/points');
    expect(again.body.find((p: { id: string }) => p.id === f.point.id).cutoff).toBeNull();
  });

  it('refuses bad point and slot edits in the kernel error shape, writing nothing', async () => {
    const other = await canteenFixture(t.ctx.db, tomorrow);
    const before = await countRows(t.ctx, TABLES);
    const late = await office.patch(`/api/canteen/points/${f.point.id}`, { cutoff: '11:45' });
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({
      code: 'canteen_cutoff_after_slot',
      details: [expect.objectContaining({ field: 'cutoff' })],
    });
    expect(late.body.error.message).toContain('11:30');
    const taken = await office.patch(`/api/canteen/points/${f.point.id}`, { name: other.point.name });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'canteen_point_name_taken',
      details: [expect.objectContaining({ field: 'name' })],
    });
    const format = await office.patch(`/api/canteen/points/${f.point.id}`, { cutoff: '9:5' });
    expect(format.status).toBe(400);
    expect(format.body.error.details[0].field).toBe('cutoff');
    const moved = await office.patch(`/api/canteen/points/${f.point.id}`, { unitId: other.unit.id });
    expect(moved.status).toBe(400);

    const slots = `/api/canteen/points/${f.point.id}/slots`;
    const backwards = await office.post(slots, { starts: '13:00', ends: '12:30', capacity: 50 });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      code: 'canteen_slot_order',
      details: [expect.objectContaining({ field: 'ends' })],
    });
    const overlap = await office.post(slots, { starts: '11:45', ends: '12:15', capacity: 50 });
    expect(overlap.status).toBe(409);
    expect(overlap.body.error).toMatchObject({
      code: 'canteen_slot_overlap',
      details: [expect.objectContaining({ field: 'starts' })],
    });
    expect(overlap.body.error.message).toMatch(/11:30–12:00|12:00–12:30/);
    const early = await office.post(slots, { starts: '09:00', ends: '09:30', capacity: 50 });
    expect(early.status).toBe(400);
    expect(early.body.error).toMatchObject({
      code: 'canteen_cutoff_after_slot',
      details: [expect.objectContaining({ field: 'starts' })],
    });
    const stretch = await office.patch(`/api/canteen/slots/${f.slots[0]!.id}`, { ends: '12:10' });
    expect(stretch.status).toBe(409);
    expect(stretch.body.error.code).toBe('canteen_slot_overlap');
    const zero = await office.patch(`/api/canteen/slots/${f.slots[0]!.id}`, { capacity: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.error.details[0].field).toBe('capacity');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('never lowers a capacity below the seats booked for an upcoming day, nor moves a booked slot', async () => {
    const slot = f.slots[0]!;
    for (const p of diners.slice(0, 6)) await order(p);
    const seen = await office.get(`/api/canteen/points/${f.point.id}/slots?day=${today}`);
    expect(seen.body[0]).toMatchObject({ booked: 0, maxBooked: 6, capacity: 10 });
    const before = await countRows(t.ctx, TABLES);
    const low = await office.patch(`/api/canteen/slots/${slot.id}`, { capacity: 5 });
    expect(low.status).toBe(400);
    expect(low.body.error).toMatchObject({
      code: 'canteen_capacity_below_booked',
      details: [expect.objectContaining({ field: 'capacity' })],
    });
    expect(low.body.error.message).toContain(tomorrow);
    const moved = await office.patch(`/api/canteen/slots/${slot.id}`, { starts: '11:20' });
    expect(moved.status).toBe(400);
    expect(moved.body.error).toMatchObject({
      code: 'canteen_slot_has_bookings',
      details: [expect.objectContaining({ field: 'starts' })],
    });
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    expect(await slotRow(slot.id)).toMatchObject({ capacity: 10 });

    // down to exactly the seats booked: allowed, and the day's counter follows
    expect((await office.patch(`/api/canteen/slots/${slot.id}`, { capacity: 6 })).status).toBe(204);
    const day = await office.get(`/api/canteen/points/${f.point.id}/slots?day=${tomorrow}`);
    expect(day.body[0]).toMatchObject({ capacity: 6, booked: 6 });
    await expect(order(diners[6]!)).rejects.toMatchObject({ code: 'canteen_slot_full' });
    // the database itself refuses a counter below its bookings
    await expect(
      sql`update canteen_slot_day set capacity = 3 where slot_id = ${slot.id}`.execute(t.ctx.db),
    ).rejects.toMatchObject({ constraint: 'canteen_slot_not_overbooked' });
    expect((await office.patch(`/api/canteen/slots/${slot.id}`, { capacity: 12 })).status).toBe(204);
    expect(
      (await office.get(`/api/canteen/points/${f.point.id}/slots?day=${tomorrow}`)).body[0],
    ).toMatchObject({ capacity: 12, booked: 6 });
  });

  it('keeps active slots from overlapping in the database, and lets a retired slot be replaced', async () => {
    await expect(
      t.ctx.db
        .insertInto('canteen_slot')
        .values({ point_id: f.point.id, starts: '12:15', ends: '12:45', capacity: 5 })
        .execute(),
    ).rejects.toMatchObject({ constraint: 'canteen_slot_no_overlap' });
    const second = f.slots[1]!;
    expect((await office.patch(`/api/canteen/slots/${second.id}`, { active: false })).status).toBe(204);
    await expect(order(diners[7]!, { slotId: second.id })).rejects.toMatchObject({
      code: 'canteen_slot_unknown',
    });
    const replaced = await office.post(`/api/canteen/points/${f.point.id}/slots`, {
      starts: '12:00',
      ends: '12:45',
      capacity: 40,
    });
    expect(replaced.status).toBe(201);
    // the retired slot cannot come back while its successor holds its times
    const back = await office.patch(`/api/canteen/slots/${second.id}`, { active: true });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('canteen_slot_overlap');
    const times = await office.patch(`/api/canteen/slots/${replaced.body.id}`, {
      starts: '12:00',
      ends: '12:30',
    });
    expect(times.status).toBe(204);
    expect(await slotRow(replaced.body.id)).toMatchObject({ starts: '12:00:00', ends: '12:30:00' });
  });

  it('turns delivery off and deactivates a point: new orders refused, placed ones stand and can be cancelled', async () => {
    const off = await office.patch(`/api/canteen/points/${f.point.id}`, { delivery: false });
    expect(off.status).toBe(200);
    const options = await office.get(`/api/canteen/points`);
    expect(options.body.find((p: { id: string }) => p.id === f.point.id).delivery).toBe(false);
    await expect(
      order(diners[8]!, { mode: 'delivery', slotId: null, building: '1号楼', floor: 3 }),
    ).rejects.toMatchObject({ code: 'canteen_no_delivery', details: [{ field: 'mode' }] });
    const placed = await order(diners[8]!);
    const closed = await office.patch(`/api/canteen/points/${f.point.id}`, { active: false });
    expect(closed.status).toBe(200);
    expect(closed.body.upcomingOrders).toBe(7);
    await expect(order(diners[9]!)).rejects.toMatchObject({ code: 'not_found' });
    const cancelled = await cancelOrder(t.ctx.db, cfg(), SYSTEM_ACTOR, diners[8]!, placed.id, new Date());
    expect(cancelled.refunded).toBe(placed.total);
    expect((await office.patch(`/api/canteen/points/${f.point.id}`, { active: true })).status).toBe(200);
  });

  it('keeps edits to the canteen office of the running unit', async () => {
    const other = await canteenFixture(t.ctx.db, tomorrow);
    const acc = await buildAccount(t.ctx.db, {
      personId: null,
      grants: [{ role: 'canteen_staff', scope: 'unit', unitId: other.unit.id }],
    });
    const c = await signIn(t.app, acc.username, acc.password);
    const before = await countRows(t.ctx, TABLES);
    expect((await c.patch(`/api/canteen/points/${f.point.id}`, { name: '越权' })).status).toBe(403);
    expect((await c.patch(`/api/canteen/slots/${f.slots[0]!.id}`, { capacity: 99 })).status).toBe(403);
    expect(
      (
        await c.post(`/api/canteen/points/${f.point.id}/slots`, {
          starts: '13:00',
          ends: '13:30',
          capacity: 5,
        })
      ).status,
    ).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('never over-books while a capacity is lowered during a rush of orders', async () => {
    const g = await canteenFixture(t.ctx.db, tomorrow, 40);
    const people = await g.people(60, 10_000);
    const input = dineInLunch(g, tomorrow, 2);
    const now = new Date();
    const rush = people.map((p) => placeOrder(t.ctx.db, cfg(), SYSTEM_ACTOR, p, input, now));
    const cut = updateSlot(t.ctx.db, SYSTEM_ACTOR, '10:00', g.slots[0]!.id, { capacity: 20 }, today);
    const [cutResult, ...orders] = await Promise.allSettled([cut, ...rush]);
    const ok = orders.filter((r) => r.status === 'fulfilled').length;
    const counter = await t.ctx.db
      .selectFrom('canteen_slot_day')
      .selectAll()
      .where('slot_id', '=', g.slots[0]!.id)
      .executeTakeFirstOrThrow();
    const base = await slotRow(g.slots[0]!.id);
    expect(counter.booked).toBe(ok);
    expect(counter.capacity).toBe(base.capacity);
    expect(counter.booked).toBeLessThanOrEqual(counter.capacity);
    if (cutResult.status === 'fulfilled') {
      expect(base.capacity).toBe(20);
      expect(ok).toBeLessThanOrEqual(20);
    } else {
      expect(cutResult.reason).toMatchObject({ code: 'canteen_capacity_below_booked' });
      expect(base.capacity).toBe(40);
      expect(ok).toBe(40);
    }
  });
});
