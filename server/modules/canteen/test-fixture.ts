import { sql } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import type { Db } from '../../kernel/db/schema.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { buildAccount, buildJurisdiction, buildUnit } from '../../kernel/testing/factories.ts';
import type { DbKind } from '../../kernel/db/connect.ts';
import { createTestApp, signIn, type TestApp, type TestClient } from '../../kernel/testing/harness.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { addDays, localDay } from './clock.ts';
import { canteenConfig, type CanteenConfig } from './config.ts';
import { placeOrder, type OrderInput } from './orders.ts';

/**
 * A canteen for tests: a district with one unit running a canteen with two dining slots, a delivery
 * route over 1号楼 and 2号楼, three dishes and a lunch menu for `day`; `people(n)` adds n staff of the
 * unit, each holding a card with `balance` fen (set-based, so a thousand cost one statement each).
 */
export async function canteenFixture(db: Db, day: string, slotCapacity = 100) {
  const j = await buildJurisdiction(db);
  const unit = await buildUnit(db, { jurisdictionId: j.id });
  const point = await db
    .insertInto('canteen_point')
    .values({
      name: `测试食堂${Math.random().toString(36).slice(2, 7)}`,
      jurisdiction_id: j.id,
      unit_id: unit.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const slots = await db
    .insertInto('canteen_slot')
    .values([
      { point_id: point.id, starts: '11:30', ends: '12:00', capacity: slotCapacity },
      { point_id: point.id, starts: '12:00', ends: '12:30', capacity: slotCapacity },
    ])
    .returningAll()
    .execute();
  const route = await db
    .insertInto('canteen_route')
    .values({ point_id: point.id, name: '一号线' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('canteen_route_stop')
    .values(
      ['1号楼', '2号楼'].map((building, sort) => ({
        route_id: route.id,
        point_id: point.id,
        active: true,
        building,
        sort,
      })),
    )
    .execute();
  const tag = Math.random().toString(36).slice(2, 7);
  const dishes = await db
    .insertInto('canteen_dish')
    .values([
      { name: `红烧肉套餐${tag}`, category: 'set', price: 1500 },
      { name: `番茄蛋汤${tag}`, category: 'soup', price: 200 },
      { name: `米饭${tag}`, category: 'staple', price: 100 },
    ])
    .returningAll()
    .execute();
  const menu = await db
    .insertInto('canteen_menu')
    .values({ point_id: point.id, day, meal: 'lunch' })
    .returningAll()
    .executeTakeFirstOrThrow();
  await db
    .insertInto('canteen_menu_item')
    .values(dishes.map((d) => ({ menu_id: menu.id, dish_id: d.id, price: d.price })))
    .execute();

  async function people(n: number, balance: number): Promise<string[]> {
    return inTransaction(db, async (tx) => {
      const { rows } = await sql<{ id: string }>`
        insert into org_person (unit_id, jurisdiction_id, employee_no, name, rank)
        select ${unit.id}::uuid, ${j.id}::uuid, 'C' || ${tag} || g, '食客' || g, 'staff_member' from generate_series(1, ${n}) g
        returning id`.execute(tx);
      const ids = rows.map((r) => r.id);
      await sql`insert into card_account (person_id, jurisdiction_id, unit_id, balance)
                select p, ${j.id}::uuid, ${unit.id}::uuid, ${balance} from unnest(${ids}::uuid[]) p`.execute(
        tx,
      );
      await sql`insert into card_txn (ref, kind, account_id, amount)
                select 'fixture:' || a.id, 'topup', a.id, ${balance} from card_account a where a.person_id = any(${ids}::uuid[])`.execute(
        tx,
      );
      await sql`insert into card_entry (txn_id, book, account_id, amount)
                select t.id, 'card', t.account_id, t.amount from card_txn t where t.ref like 'fixture:%' and t.account_id in (select id from card_account where person_id = any(${ids}::uuid[]))
                union all
                select t.id, 'cash', null, -t.amount from card_txn t where t.ref like 'fixture:%' and t.account_id in (select id from card_account where person_id = any(${ids}::uuid[]))`.execute(
        tx,
      );
      return ids;
    });
  }
  return { jurisdiction: j, unit, point, slots, route, dishes, menu, people };
}
export type CanteenFixture = Awaited<ReturnType<typeof canteenFixture>>;

/** A dine-in lunch of one portion of a fixture dish in the fixture's first slot. */
export function dineInLunch(f: CanteenFixture, day: string, dish = 0) {
  return {
    pointId: f.point.id,
    day,
    meal: 'lunch' as const,
    mode: 'dine_in' as const,
    slotId: f.slots[0]!.id,
    items: [{ dishId: f.dishes[dish]!.id, qty: 1 }],
  };
}

/**
 * The canteen office's test setting, shared by the management and delivery tests: a test app on `kind`, a
 * canteen for tomorrow with slots of 10, `diners` people with ¥100 cards, the office (canteen staff of the
 * running unit) signed in, and `order(personId, over)` placing tomorrow's lunch of rice, dine-in in the first
 * slot unless `over` says otherwise. The fields are filled by the suite's beforeAll.
 */
export function canteenOffice(kind: DbKind, diners: number) {
  const today = localDay(new Date(), 'Asia/Shanghai');
  const tomorrow = addDays(today, 1);
  const s = {
    today,
    tomorrow,
    cfg: () => canteenConfig(s.t.ctx.config),
    order: (personId: string, over: Record<string, unknown> = {}) =>
      placeOrder(
        s.t.ctx.db,
        s.cfg(),
        SYSTEM_ACTOR,
        personId,
        { ...dineInLunch(s.f, tomorrow, 2), ...over } as OrderInput,
        new Date(),
      ),
  } as {
    t: TestApp;
    f: CanteenFixture;
    office: TestClient;
    diners: string[];
    today: string;
    tomorrow: string;
    cfg: () => CanteenConfig;
    order: (personId: string, over?: Record<string, unknown>) => ReturnType<typeof placeOrder>;
  };
  beforeAll(async () => {
    s.t = await createTestApp(kind);
    s.f = await canteenFixture(s.t.ctx.db, tomorrow, 10);
    s.diners = await s.f.people(diners, 10_000);
    const acc = await buildAccount(s.t.ctx.db, {
      personId: null,
      grants: [{ role: 'canteen_staff', scope: 'unit', unitId: s.f.unit.id }],
    });
    s.office = await signIn(s.t.app, acc.username, acc.password);
  });
  afterAll(() => s.t.close());
  return s;
}
