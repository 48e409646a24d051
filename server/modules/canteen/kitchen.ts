import { sql } from 'kysely';
import type { Executor } from '../../kernel/db/schema.ts';
import { cutoffInstant, localDay } from './clock.ts';
import type { CanteenConfig } from './config.ts';
import type { Meal } from './tables.ts';

/** The kitchen's counts for a point, day and meal: per dish, per dining slot and per delivery route and floor. */
export async function kitchenCounts(db: Executor, pointId: string, day: string, meal: Meal) {
  const placed = (alias: string) =>
    sql<boolean>`${sql.ref(`${alias}.point_id`)} = ${pointId}::uuid and ${sql.ref(`${alias}.day`)} = ${day}::date and ${sql.ref(`${alias}.meal`)} = ${meal} and ${sql.ref(`${alias}.status`)} = 'placed'`;
  const [totals, dishes, slots, routes] = await Promise.all([
    db
      .selectFrom('canteen_order as o')
      .select([
        sql<number>`count(*)::int`.as('orders'),
        sql<number>`coalesce(sum(total), 0)::bigint`.as('amount'),
        sql<number>`count(*) filter (where mode = 'dine_in')::int`.as('dine_in'),
        sql<number>`count(*) filter (where mode = 'delivery')::int`.as('delivery'),
      ])
      .where(placed('o'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('canteen_order as o')
      .innerJoin('canteen_order_item as i', 'i.order_id', 'o.id')
      .innerJoin('canteen_dish as d', 'd.id', 'i.dish_id')
      .select([
        'd.id',
        'd.name',
        'd.category',
        sql<number>`sum(i.qty)::int`.as('qty'),
        sql<number>`sum(i.qty) filter (where o.mode = 'dine_in')::int`.as('dine_in'),
        sql<number>`sum(i.qty) filter (where o.mode = 'delivery')::int`.as('delivery'),
      ])
      .where(placed('o'))
      .groupBy(['d.id', 'd.name', 'd.category'])
      .orderBy(sql`sum(i.qty)`, 'desc')
      .execute(),
    db
      .selectFrom('canteen_slot as s')
      .leftJoin('canteen_slot_day as sd', (j) => j.onRef('sd.slot_id', '=', 's.id').on('sd.day', '=', day))
      .select([
        's.id',
        's.starts',
        's.ends',
        sql<number>`coalesce(sd.capacity, s.capacity)`.as('capacity'),
        sql<number>`coalesce(sd.booked, 0)`.as('booked'),
      ])
      .where('s.point_id', '=', pointId)
      .orderBy('s.starts')
      .execute(),
    db
      .selectFrom('canteen_order as o')
      .innerJoin('canteen_route as r', 'r.id', 'o.route_id')
      .select([
        'r.id',
        'r.name',
        'r.active',
        'o.building',
        'o.floor',
        sql<number>`count(*)::int`.as('orders'),
      ])
      .where(placed('o'))
      .groupBy(['r.id', 'r.name', 'r.active', 'r.sort', 'o.building', 'o.floor'])
      .orderBy('r.sort')
      .orderBy('r.name')
      .orderBy('o.building')
      .orderBy('o.floor')
      .execute(),
  ]);
  const byRoute = new Map<
    string,
    {
      routeId: string;
      name: string;
      active: boolean;
      orders: number;
      stops: { building: string; floor: number; orders: number }[];
    }
  >();
  for (const r of routes) {
    let route = byRoute.get(r.id);
    if (!route)
      byRoute.set(r.id, (route = { routeId: r.id, name: r.name, active: r.active, orders: 0, stops: [] }));
    route.orders += r.orders;
    route.stops.push({ building: r.building ?? '', floor: r.floor ?? 0, orders: r.orders });
  }
  return {
    day,
    meal,
    orders: totals.orders,
    amount: totals.amount,
    dineIn: totals.dine_in,
    delivery: totals.delivery,
    dishes: dishes.map((d) => ({
      dishId: d.id,
      name: d.name,
      category: d.category,
      qty: d.qty,
      dineIn: d.dine_in ?? 0,
      delivery: d.delivery ?? 0,
    })),
    slots: slots.map((s) => ({
      slotId: s.id,
      starts: s.starts.slice(0, 5),
      ends: s.ends.slice(0, 5),
      capacity: s.capacity,
      booked: s.booked,
    })),
    routes: [...byRoute.values()],
  };
}

/**
 * A person's orders, newest day first, with their dishes and what the person may still do with each at
 * `now`: cancel until the point's cut-off of the order's day (the rule cancelOrder enforces), rate from the
 * meal's day on (the rule rateOrder enforces) — so the pages offer only the buttons that will work.
 */
export async function ordersOfPerson(
  db: Executor,
  cfg: CanteenConfig,
  personId: string,
  limit: number,
  now = new Date(),
) {
  const today = localDay(now, cfg.timeZone);
  const orders = await db
    .selectFrom('canteen_order as o')
    .innerJoin('canteen_point as p', 'p.id', 'o.point_id')
    .leftJoin('canteen_slot as s', 's.id', 'o.slot_id')
    .leftJoin('canteen_route as r', 'r.id', 'o.route_id')
    .select([
      'o.id',
      'o.day',
      'o.meal',
      'o.mode',
      'o.status',
      'o.total',
      'o.building',
      'o.floor',
      'o.room',
      'o.created_at',
      'p.id as point_id',
      'p.name as point_name',
      'p.cutoff',
      's.starts',
      's.ends',
      'r.name as route_name',
    ])
    .where('o.person_id', '=', personId)
    .orderBy('o.day', 'desc')
    .orderBy('o.created_at', 'desc')
    .limit(limit)
    .execute();
  const items = orders.length
    ? await db
        .selectFrom('canteen_order_item as i')
        .innerJoin('canteen_dish as d', 'd.id', 'i.dish_id')
        .leftJoin('canteen_rating as rt', (j) =>
          j.onRef('rt.order_id', '=', 'i.order_id').onRef('rt.dish_id', '=', 'i.dish_id'),
        )
        .select(['i.order_id', 'i.dish_id', 'd.name', 'i.qty', 'i.price', 'rt.stars'])
        .where(
          'i.order_id',
          'in',
          orders.map((o) => o.id),
        )
        .execute()
    : [];
  return orders.map((o) => ({
    id: o.id,
    day: o.day,
    meal: o.meal,
    mode: o.mode,
    status: o.status,
    total: o.total,
    pointId: o.point_id,
    pointName: o.point_name,
    slot: o.starts && o.ends ? `${o.starts.slice(0, 5)}–${o.ends.slice(0, 5)}` : null,
    routeName: o.route_name,
    building: o.building,
    floor: o.floor,
    room: o.room,
    createdAt: new Date(o.created_at).toISOString(),
    canCancel: o.status === 'placed' && now < cutoffInstant(o.day, o.cutoff ?? cfg.cutoff, cfg.timeZone),
    canRate: o.status === 'placed' && o.day <= today,
    items: items
      .filter((i) => i.order_id === o.id)
      .map((i) => ({ dishId: i.dish_id, name: i.name, qty: i.qty, price: i.price, stars: i.stars })),
  }));
}
