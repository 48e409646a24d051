import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db, Tx } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { refundCardSpend, spendFromCard } from '../cards/index.ts';
import type { CanteenConfig } from './config.ts';
import { cutoffInstant, daysBetween, localDay } from './clock.ts';
import { routeFor } from './delivery.ts';
import type { Meal, OrderMode } from './tables.ts';

export interface OrderInput {
  pointId: string;
  day: string;
  meal: Meal;
  mode: OrderMode;
  items: { dishId: string; qty: number }[];
  slotId?: string | null | undefined;
  building?: string | null | undefined;
  floor?: number | null | undefined;
  room?: string | null | undefined;
}

const HHMM = (t: string) => t.slice(0, 5);

/** The instant a point's orders for a day close (a deactivated point takes no new orders; placed ones stand). */
async function closesAt(tx: Tx, cfg: CanteenConfig, pointId: string, day: string, forNewOrder = true) {
  const point = await tx.selectFrom('canteen_point').selectAll().where('id', '=', pointId).executeTakeFirst();
  if (!point || (forNewOrder && !point.active)) throw errors.notFound('canteen.point', pointId);
  const cutoff = point.cutoff ?? cfg.cutoff;
  return { point, cutoff: HHMM(cutoff), at: cutoffInstant(day, cutoff, cfg.timeZone) };
}

function afterCutoff(day: string, cutoff: string, field = 'day') {
  return errors.field(field, 'canteen_order_closed', {
    'zh-CN': `${day} 的订餐已于当天 ${cutoff} 截止，不能再下单或取消`,
    en: `Orders for ${day} closed at ${cutoff} that day; they can no longer be placed or cancelled`,
  });
}

/**
 * Places a meal order for the signed-in person and pays it by one-card, in one transaction: the
 * cut-off, the menu and the person's single order per meal are checked, a dine-in seat is taken
 * from the slot's counter by a conditional UPDATE (the CHECK booked <= capacity backs it), a
 * delivery is routed by building. Anything refused writes nothing.
 */
export async function placeOrder(
  db: Db,
  cfg: CanteenConfig,
  actor: Actor,
  personId: string,
  input: OrderInput,
  now: Date,
) {
  const today = localDay(now, cfg.timeZone);
  const ahead = daysBetween(today, input.day);
  if (ahead > cfg.orderDays) {
    throw errors.field('day', 'canteen_order_too_early', {
      'zh-CN': `最多可提前 ${cfg.orderDays} 天订餐`,
      en: `Meals can be ordered at most ${cfg.orderDays} days ahead`,
    });
  }
  if (input.items.length === 0) {
    throw errors.field('items', 'canteen_order_empty', {
      'zh-CN': '请至少选择一个菜品',
      en: 'Choose at least one dish',
    });
  }
  return inTransaction(db, (tx) => insertOrder(tx, cfg, actor, personId, input, now)).catch((e: unknown) => {
    // one placed order per person and meal: the unique index decides, also between concurrent requests
    if ((e as { constraint?: string }).constraint === 'canteen_order_one_per_meal') {
      throw errors.conflict('canteen_already_ordered', {
        'zh-CN': '您已预订了这一餐，如需更改请先取消',
        en: 'You already ordered this meal; cancel it first to change it',
      });
    }
    throw e;
  });
}

async function insertOrder(
  tx: Tx,
  cfg: CanteenConfig,
  actor: Actor,
  personId: string,
  input: OrderInput,
  now: Date,
) {
  const { point, cutoff, at } = await closesAt(tx, cfg, input.pointId, input.day);
  if (now.getTime() >= at.getTime()) throw afterCutoff(input.day, cutoff);
  const person = await tx
    .selectFrom('org_person')
    .select(['id', 'unit_id', 'jurisdiction_id'])
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  if (person.jurisdiction_id !== point.jurisdiction_id) {
    throw errors.forbidden({
      'zh-CN': '该食堂不为您所在的辖区服务',
      en: 'This canteen does not serve your jurisdiction',
    });
  }
  const menu = await tx
    .selectFrom('canteen_menu')
    .select('id')
    .where('point_id', '=', point.id)
    .where('day', '=', input.day)
    .where('meal', '=', input.meal)
    .executeTakeFirst();
  if (!menu) {
    throw errors.field('day', 'canteen_no_menu', {
      'zh-CN': '该食堂当天没有发布此餐次的菜单',
      en: 'The canteen has published no menu for this meal',
    });
  }
  const onMenu = await tx
    .selectFrom('canteen_menu_item')
    .select(['dish_id', 'price'])
    .where('menu_id', '=', menu.id)
    .execute();
  const price = new Map(onMenu.map((i) => [i.dish_id, i.price]));
  const seen = new Set<string>();
  input.items.forEach((it, i) => {
    if (!price.has(it.dishId) || seen.has(it.dishId)) {
      throw errors.field(`items.${i}.dishId`, 'canteen_dish_not_on_menu', {
        'zh-CN': '所选菜品不在当天菜单上（或重复）',
        en: 'A chosen dish is not on the menu (or is listed twice)',
      });
    }
    seen.add(it.dishId);
  });
  const total = input.items.reduce((s, it) => s + price.get(it.dishId)! * it.qty, 0);
  let slotId: string | null = null;
  let routeId: string | null = null;
  if (input.mode === 'dine_in') {
    if (!input.slotId)
      throw errors.field('slotId', 'canteen_slot_required', {
        'zh-CN': '堂食请选择用餐时段',
        en: 'Choose a dining slot for dine-in',
      });
    slotId = input.slotId;
  } else {
    if (!point.delivery) {
      throw errors.field('mode', 'canteen_no_delivery', {
        'zh-CN': '该食堂暂不提供送餐，请选择堂食',
        en: 'This canteen does not deliver; choose dine-in',
      });
    }
    const building = input.building?.trim();
    if (!building || input.floor === null || input.floor === undefined) {
      throw errors.field('building', 'canteen_address_required', {
        'zh-CN': '送餐请填写楼栋和楼层',
        en: 'Give the building and floor for delivery',
      });
    }
    const route = await routeFor(tx, point.id, building, input.floor);
    if (!route)
      throw errors.field('building', 'canteen_no_route', {
        'zh-CN': '该楼栋楼层不在送餐范围内',
        en: 'This building floor is outside the delivery routes',
      });
    routeId = route;
  }

  const id = crypto.randomUUID();
  const cardRef = `canteen:${id}`;
  await tx
    .insertInto('canteen_order')
    .values({
      id,
      person_id: personId,
      jurisdiction_id: person.jurisdiction_id,
      unit_id: person.unit_id,
      point_id: point.id,
      menu_id: menu.id,
      day: input.day,
      meal: input.meal,
      mode: input.mode,
      slot_id: slotId,
      route_id: routeId,
      building: input.mode === 'delivery' ? input.building!.trim() : null,
      floor: input.mode === 'delivery' ? input.floor! : null,
      room: input.mode === 'delivery' ? input.room?.trim() || null : null,
      total,
      card_ref: cardRef,
    })
    .execute();
  await tx
    .insertInto('canteen_order_item')
    .values(
      input.items.map((it) => ({
        order_id: id,
        dish_id: it.dishId,
        qty: it.qty,
        price: price.get(it.dishId)!,
      })),
    )
    .execute();
  const paid = await spendFromCard(tx, actor, {
    personId,
    amount: total,
    ref: cardRef,
    memo: `${point.name} ${input.day} 订餐`,
    audit: false,
  });
  // the seat is taken last, so the slot's counter row stays locked only for the end of the transaction
  if (slotId) {
    await tx
      .insertInto('canteen_slot_day')
      .columns(['slot_id', 'day', 'capacity'])
      .expression((eb) =>
        eb
          .selectFrom('canteen_slot')
          .select(['id', sql<string>`${input.day}::date`.as('day'), 'capacity'])
          .where('id', '=', slotId)
          .where('point_id', '=', point.id)
          .where('active', '=', true)
          // the day's first booking reads the slot's capacity under a share lock, so that a capacity
          // change being made waits for it (or it for the change) and no counter starts stale
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('canteen_slot_day')
                  .select('slot_id')
                  .where('slot_id', '=', slotId)
                  .where('day', '=', input.day),
              ),
            ),
          )
          .forShare(),
      )
      .onConflict((oc) => oc.columns(['slot_id', 'day']).doNothing())
      .execute();
    const taken = await tx
      .updateTable('canteen_slot_day')
      .set({ booked: sql`booked + 1` })
      .where('slot_id', '=', slotId)
      .where('day', '=', input.day)
      .where(sql<boolean>`booked < capacity`)
      .where(
        sql<boolean>`exists (select 1 from canteen_slot s where s.id = ${slotId} and s.point_id = ${point.id} and s.active)`,
      )
      .returning('booked')
      .executeTakeFirst();
    if (!taken) {
      const known = await tx
        .selectFrom('canteen_slot_day as d')
        .innerJoin('canteen_slot as s', 's.id', 'd.slot_id')
        .select(['d.booked', 's.active'])
        .where('d.slot_id', '=', slotId)
        .where('d.day', '=', input.day)
        .where('s.point_id', '=', point.id)
        .executeTakeFirst();
      if (!known || !known.active)
        throw errors.field('slotId', 'canteen_slot_unknown', {
          'zh-CN': '该食堂没有这个用餐时段（或已停用）',
          en: 'This canteen has no such dining slot (or it is retired)',
        });
      throw errors.conflict(
        'canteen_slot_full',
        {
          'zh-CN': '该用餐时段已约满，请选择其他时段',
          en: 'This dining slot is fully booked; choose another',
        },
        [{ field: 'slotId' }],
      );
    }
  }
  await audit(tx, actor, {
    entity: 'canteen.order',
    entityId: id,
    action: 'create',
    after: {
      pointId: point.id,
      day: input.day,
      meal: input.meal,
      mode: input.mode,
      slotId,
      routeId,
      total,
      items: input.items,
      paidBy: cardRef,
      balance: paid.balanceAfter,
    },
    jurisdictionId: person.jurisdiction_id,
    unitId: person.unit_id,
  });
  return { id, total, balanceAfter: paid.balanceAfter };
}

/** One's own order, locked for the change when `lock`; someone else's is not found. */
async function ownOrder(tx: Tx, personId: string, orderId: string, lock: boolean) {
  const q = tx.selectFrom('canteen_order').selectAll().where('id', '=', orderId);
  const order = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!order || order.person_id !== personId) throw errors.notFound('canteen.order', orderId);
  return order;
}

/** Cancels one's own order before the day's cut-off: frees the seat and refunds the card, in one transaction. */
export async function cancelOrder(
  db: Db,
  cfg: CanteenConfig,
  actor: Actor,
  personId: string,
  orderId: string,
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const order = await ownOrder(tx, personId, orderId, true);
    if (order.status !== 'placed') {
      throw errors.conflict('canteen_order_cancelled', {
        'zh-CN': '该订单已取消',
        en: 'This order is already cancelled',
      });
    }
    const { cutoff, at } = await closesAt(tx, cfg, order.point_id, order.day, false);
    if (now.getTime() >= at.getTime()) throw afterCutoff(order.day, cutoff, 'orderId');
    await tx
      .updateTable('canteen_order')
      .set({ status: 'cancelled', cancelled_at: sql`now()` })
      .where('id', '=', orderId)
      .execute();
    if (order.slot_id) {
      await tx
        .updateTable('canteen_slot_day')
        .set({ booked: sql`booked - 1` })
        .where('slot_id', '=', order.slot_id)
        .where('day', '=', order.day)
        .execute();
    }
    const refund = await refundCardSpend(tx, actor, {
      spendRef: order.card_ref,
      ref: `canteen-cancel:${order.id}`,
      memo: '取消订餐退款',
    });
    // refunded 0 when the card office had refunded the payment already
    await audit(tx, actor, {
      entity: 'canteen.order',
      entityId: orderId,
      action: 'cancel',
      before: { status: 'placed' },
      after: { status: 'cancelled', refunded: refund.refunded },
      jurisdictionId: order.jurisdiction_id,
      unitId: order.unit_id,
    });
    return { id: orderId, refunded: refund.refunded, balanceAfter: refund.balanceAfter };
  });
}

/** Rates the dishes of one's own order, from the meal's day on; a second rating of a dish replaces the first. */
export async function rateOrder(
  db: Db,
  cfg: CanteenConfig,
  actor: Actor,
  personId: string,
  orderId: string,
  ratings: { dishId: string; stars: number; comment?: string | null | undefined }[],
  now: Date,
) {
  return inTransaction(db, async (tx) => {
    const order = await ownOrder(tx, personId, orderId, false);
    if (order.status !== 'placed' || order.day > localDay(now, cfg.timeZone)) {
      throw errors.conflict('canteen_rating_too_early', {
        'zh-CN': '用餐后才能评价',
        en: 'Dishes can be rated once the meal is served',
      });
    }
    const items = new Set(
      (
        await tx.selectFrom('canteen_order_item').select('dish_id').where('order_id', '=', orderId).execute()
      ).map((i) => i.dish_id),
    );
    ratings.forEach((r, i) => {
      if (!items.has(r.dishId)) {
        throw errors.field(`ratings.${i}.dishId`, 'canteen_rating_dish', {
          'zh-CN': '只能评价订单中的菜品',
          en: 'Only dishes of the order can be rated',
        });
      }
    });
    for (const r of ratings) {
      await tx
        .insertInto('canteen_rating')
        .values({
          order_id: orderId,
          dish_id: r.dishId,
          person_id: personId,
          stars: r.stars,
          comment: r.comment ?? null,
        })
        .onConflict((oc) =>
          oc
            .columns(['order_id', 'dish_id'])
            .doUpdateSet({ stars: r.stars, comment: r.comment ?? null, created_at: sql`now()` }),
        )
        .execute();
    }
    await audit(tx, actor, {
      entity: 'canteen.rating',
      entityId: orderId,
      action: 'rate',
      after: { ratings },
      jurisdictionId: order.jurisdiction_id,
      unitId: order.unit_id,
    });
  });
}
