import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../../kernel/testing/factories.ts';
import {
  countRows,
  createTestApp,
  dbKinds,
  signIn,
  type TestApp,
  type TestClient,
} from '../../kernel/testing/harness.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { canteenConfig } from './config.ts';
import { addDays, cutoffInstant, localDay } from './clock.ts';
import { ordersOfPerson } from './kitchen.ts';
import { placeOrder } from './orders.ts';
import { canteenFixture, dineInLunch, type CanteenFixture } from './test-fixture.ts';

const TABLES = [
  'canteen_order',
  'canteen_order_item',
  'canteen_slot_day',
  'card_txn',
  'card_entry',
  'audit_log',
];

describe.each(dbKinds)('canteen on %s', (kind) => {
  let t: TestApp;
  let f: CanteenFixture;
  let staff: TestClient;
  let kitchen: TestClient;
  let staffPerson: string;
  const cfg = () => canteenConfig(t.ctx.config);
  const tomorrow = addDays(localDay(new Date(), 'Asia/Shanghai'), 1);
  beforeAll(async () => {
    t = await createTestApp(kind);
    f = await canteenFixture(t.ctx.db, tomorrow);
    [staffPerson] = (await f.people(1, 5000)) as [string];
    const acc = await buildAccount(t.ctx.db, {
      personId: staffPerson,
      grants: [{ role: 'staff', scope: 'self' }],
    });
    staff = await signIn(t.app, acc.username, acc.password);
    const k = await buildAccount(t.ctx.db, {
      personId: null,
      grants: [{ role: 'canteen_staff', scope: 'unit', unitId: f.unit.id }],
    });
    kitchen = await signIn(t.app, k.username, k.password);
  });
  afterAll(() => t.close());

  const lunch = (over: Record<string, unknown> = {}) => ({
    pointId: f.point.id,
    day: tomorrow,
    meal: 'lunch',
    mode: 'dine_in',
    slotId: f.slots[0]!.id,
    items: [
      { dishId: f.dishes[0]!.id, qty: 1 },
      { dishId: f.dishes[2]!.id, qty: 2 },
    ],
    ...over,
  });

  it('shows what I can order: the menu, slots, routes and the cut-off', async () => {
    const res = await staff.get(`/api/canteen/options?day=${tomorrow}`);
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(1);
    const p = res.body.points[0];
    expect(p).toMatchObject({
      open: true,
      closesAt: cutoffInstant(tomorrow, '10:00', 'Asia/Shanghai').toISOString(),
    });
    expect(p.menu.dishes).toHaveLength(3);
    expect(p.slots.map((s: { booked: number }) => s.booked)).toEqual([0, 0]);
    // the day strip runs to the last day orders are taken for (it stopped 2 days short of it)
    const today = localDay(new Date(), 'Asia/Shanghai');
    expect(res.body).toMatchObject({ today, lastDay: addDays(today, 7) });
    const before = await countRows(t.ctx, TABLES);
    const far = await staff.post('/api/canteen/orders', lunch({ day: addDays(today, 8) }));
    expect([far.status, far.body.error.code]).toEqual([400, 'canteen_order_too_early']);
    expect(far.body.error.details[0]).toMatchObject({ field: 'day' });
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('orders a lunch paid by card, refuses a second one, counts it in the kitchen, and cancels with a refund', async () => {
    const res = await staff.post('/api/canteen/orders', lunch());
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ total: 1700, balanceAfter: 3300 });
    const again = await staff.post('/api/canteen/orders', lunch({ slotId: f.slots[1]!.id }));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('canteen_already_ordered');
    const k = await kitchen.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`);
    expect(k.status).toBe(200);
    expect(k.body).toMatchObject({ orders: 1, amount: 1700, dineIn: 1, delivery: 0 });
    expect(k.body.dishes.map((d: { qty: number }) => d.qty)).toEqual([2, 1]);
    expect(k.body.slots[0]).toMatchObject({ capacity: 100, booked: 1 });
    const cancel = await staff.post(`/api/canteen/orders/${res.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ refunded: 1700, balanceAfter: 5000 });
    const after = await kitchen.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`);
    expect(after.body).toMatchObject({ orders: 0 });
    expect(after.body.slots[0].booked).toBe(0);
    const mine = await staff.get('/api/canteen/mine');
    expect(mine.body.orders[0]).toMatchObject({ status: 'cancelled', total: 1700 });
  });

  it('cancels an order the card office has refunded already, without paying it back twice', async () => {
    const office = await buildAccount(t.ctx.db, {
      personId: null,
      grants: [{ role: 'bureau_admin', scope: 'city' }],
    }).then((a) => signIn(t.app, a.username, a.password));
    const res = await staff.post('/api/canteen/orders', lunch());
    expect(res.body).toMatchObject({ total: 1700, balanceAfter: 3300 });
    const spend = (await staff.get('/api/cards/mine')).body.account.recent.find(
      (x: { kind: string }) => x.kind === 'spend',
    );
    const refunded = await office.post(`/api/cards/txns/${spend.id}/refund`, {});
    expect([refunded.status, refunded.body.balanceAfter]).toEqual([201, 5000]);
    const txns = (await countRows(t.ctx, ['card_txn'])).card_txn;
    // it answered 409 card_already_refunded, and the order could never be cancelled
    const cancel = await staff.post(`/api/canteen/orders/${res.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ refunded: 0, balanceAfter: 5000 });
    expect((await countRows(t.ctx, ['card_txn'])).card_txn).toBe(txns);
    expect((await staff.get('/api/cards/mine')).body.account.balance).toBe(5000);
    const k = await kitchen.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`);
    expect(k.body).toMatchObject({ orders: 0 });
    expect(k.body.slots[0].booked).toBe(0);
  });

  it('offers cancel only until the cut-off and rating only from the meal day, as the server rules say', async () => {
    const res = await staff.post('/api/canteen/orders', lunch());
    expect(res.status).toBe(201);
    const mine = await staff.get('/api/canteen/mine');
    expect(mine.body.orders[0]).toMatchObject({ id: res.body.id, canCancel: true, canRate: false });
    const options = await staff.get(`/api/canteen/options?day=${tomorrow}`);
    expect(options.body.mine[0]).toMatchObject({ id: res.body.id, canCancel: true, canRate: false });
    const closes = cutoffInstant(tomorrow, '10:00', 'Asia/Shanghai').getTime();
    const at = async (ms: number) =>
      (await ordersOfPerson(t.ctx.db, cfg(), staffPerson, 1, new Date(ms)))[0]!;
    // a second before the cut-off it may be cancelled; from the cut-off on, not (cancelOrder refuses then)
    expect(await at(closes - 1000)).toMatchObject({ canCancel: true, canRate: true });
    expect(await at(closes)).toMatchObject({ canCancel: false, canRate: true });
    // the day before the meal it cannot be rated yet (rateOrder refuses it)
    expect(await at(closes - 86_400_000)).toMatchObject({ canCancel: true, canRate: false });
    const cancel = await staff.post(`/api/canteen/orders/${res.body.id}/cancel`);
    expect(cancel.status).toBe(200);
    expect(await at(closes - 1000)).toMatchObject({ status: 'cancelled', canCancel: false, canRate: false });
  });

  it('routes a delivery by building and counts it per route and floor', async () => {
    const outside = await staff.post(
      '/api/canteen/orders',
      lunch({ mode: 'delivery', slotId: null, building: '9号楼', floor: 3 }),
    );
    expect(outside.body.error).toMatchObject({
      code: 'canteen_no_route',
      details: [expect.objectContaining({ field: 'building' })],
    });
    const res = await staff.post(
      '/api/canteen/orders',
      lunch({ mode: 'delivery', slotId: null, building: '2号楼', floor: 5, room: '502' }),
    );
    expect(res.status).toBe(201);
    const k = await kitchen.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`);
    expect(k.body.routes).toEqual([
      {
        routeId: f.route.id,
        name: '一号线',
        active: true,
        orders: 1,
        stops: [{ building: '2号楼', floor: 5, orders: 1 }],
      },
    ]);
    await staff.post(`/api/canteen/orders/${res.body.id}/cancel`);
  });

  it('refuses an order after the cut-off, an unknown dish and an order beyond the balance, writing nothing', async () => {
    const before = await countRows(t.ctx, TABLES);
    const yesterday = addDays(localDay(new Date(), 'Asia/Shanghai'), -1);
    const late = await staff.post('/api/canteen/orders', lunch({ day: yesterday }));
    expect(late.status).toBe(400);
    expect(late.body.error).toMatchObject({
      code: 'canteen_order_closed',
      details: [expect.objectContaining({ field: 'day' })],
    });
    expect(late.body.error.message).toContain('截止');
    const justAfter = new Date(cutoffInstant(tomorrow, '10:00', 'Asia/Shanghai').getTime() + 1000);
    await expect(
      placeOrder(t.ctx.db, cfg(), SYSTEM_ACTOR, staffPerson, lunch() as never, justAfter),
    ).rejects.toMatchObject({ code: 'canteen_order_closed' });
    const unknown = await staff.post(
      '/api/canteen/orders',
      lunch({ items: [{ dishId: f.point.id, qty: 1 }] }),
    );
    expect(unknown.body.error.code).toBe('canteen_dish_not_on_menu');
    const rich = await staff.post(
      '/api/canteen/orders',
      lunch({ items: [{ dishId: f.dishes[0]!.id, qty: 4 }] }),
    );
    expect(rich.status).toBe(409);
    expect(rich.body.error.code).toBe('card_insufficient_balance');
    const noSlot = await staff.post('/api/canteen/orders', lunch({ slotId: null }));
    expect(noSlot.body.error.code).toBe('canteen_slot_required');
    const after = await countRows(t.ctx, TABLES);
    // the slot counter row may be created once by a refused order's transaction only if it committed: it did not
    expect(after).toEqual(before);
  });

  it('keeps the kitchen view to canteen staff of the running unit', async () => {
    expect((await staff.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`)).status).toBe(403);
    const other = await buildAccount(t.ctx.db, {
      personId: null,
      grants: [
        { role: 'canteen_staff', scope: 'unit', unitId: (await canteenFixture(t.ctx.db, tomorrow)).unit.id },
      ],
    });
    const c = await signIn(t.app, other.username, other.password);
    expect((await c.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`)).status).toBe(403);
  });

  it('never over-books a slot: 1,000 concurrent orders into a slot of 100', async () => {
    const g = await canteenFixture(t.ctx.db, tomorrow, 100);
    const people = await g.people(1000, 10_000);
    const input = dineInLunch(g, tomorrow);
    const now = new Date();
    const results = await Promise.allSettled(
      people.map((p) => placeOrder(t.ctx.db, cfg(), SYSTEM_ACTOR, p, input, now)),
    );
    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const codes = new Set(
      results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code: string }).code] : [])),
    );
    expect(ok).toBe(100);
    expect([...codes]).toEqual(['canteen_slot_full']);
    const k = await kitchen.get(`/api/canteen/points/${g.point.id}/kitchen?day=${tomorrow}`);
    expect(k.status).toBe(403);
    const counts = await t.ctx.db
      .selectFrom('canteen_order')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('slot_id', '=', g.slots[0]!.id)
      .where('status', '=', 'placed')
      .executeTakeFirstOrThrow();
    expect(Number(counts.n)).toBe(100);
    const slotDay = await t.ctx.db
      .selectFrom('canteen_slot_day')
      .selectAll()
      .where('slot_id', '=', g.slots[0]!.id)
      .executeTakeFirstOrThrow();
    expect(slotDay).toMatchObject({ booked: 100, capacity: 100 });
  });
});
