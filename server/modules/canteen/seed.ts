import { sql } from 'kysely';
import type { AppContext, Log } from '../../kernel/module.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { audit } from '../../kernel/audit/index.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { canteenConfig } from './config.ts';
import { localDay } from './clock.ts';
import { DEMO_DISHES } from './seed-data.ts';

/** How many lunches the city canteen serves on the demo day (the report's figure). */
export const DEMO_LUNCHES = 1800;

/**
 * Demo canteens: the city administrative centre's canteen (run by the bureau, staggered slots, two
 * delivery routes over 1–8号楼) and one canteen per district (run by its offices administration);
 * the shared dish catalogue; a week of lunch menus; and today's 1,800 lunches at the city canteen,
 * paid from the staff's one-cards, with the slot counters, the ledger entries and some ratings.
 * Set-based: a fixed number of statements.
 */
export async function seedCanteen(ctx: AppContext, log: Log): Promise<void> {
  const cfg = canteenConfig(ctx.config);
  const today = localDay(new Date(), cfg.timeZone);
  await inTransaction(ctx.db, async (tx) => {
    await sql`
      insert into canteen_point (name, jurisdiction_id, unit_id, address, location)
      select case when j.kind = 'city' then '市行政中心机关食堂' else j.name || '机关食堂' end,
             j.id, u.id, u.address,
             case when j.kind = 'city' then '行政中心1号楼一楼东侧' else '机关大院副楼一楼' end
        from org_jurisdiction j
        join org_unit u on u.jurisdiction_id = j.id and u.kind = 'organ'
         and (u.name = '常州市机关事务管理局' or u.name like '%机关事务管理中心')`.execute(tx);
    await tx
      .insertInto('canteen_dish')
      .values(
        DEMO_DISHES.map(([name, category, price, description]) => ({
          name,
          category,
          price,
          description: description || null,
        })),
      )
      .execute();
    // dining slots: every quarter hour from 11:30; the city canteen seats 300 per slot, a district's 80
    await sql`
      insert into canteen_slot (point_id, starts, ends, capacity)
      select p.id, time '11:30' + make_interval(mins => 15 * g), time '11:45' + make_interval(mins => 15 * g),
             case when j.kind = 'city' then 300 else 80 end
        from canteen_point p join org_jurisdiction j on j.id = p.jurisdiction_id, generate_series(0, 4) g`.execute(
      tx,
    );
    // delivery routes, each over whole buildings (one building is on one active route of a canteen)
    await sql`
      with v(name, buildings, sort, city) as (values
             ('东线（1–4号楼）', array['1号楼','2号楼','3号楼','4号楼'], 1, true),
             ('西线（5–8号楼）', array['5号楼','6号楼','7号楼','8号楼'], 2, true),
             ('大院线', array['主楼','副楼'], 1, false)),
      r as (
        insert into canteen_route (point_id, name, sort)
        select p.id, v.name, v.sort
          from canteen_point p join org_jurisdiction j on j.id = p.jurisdiction_id
          join v on v.city = (j.kind = 'city')
        returning id, point_id, name)
      insert into canteen_route_stop (route_id, point_id, active, building, sort)
      select r.id, r.point_id, true, b.building, b.k
        from r join v on v.name = r.name
        cross join lateral unnest(v.buildings) with ordinality as b(building, k)`.execute(tx);
    // a week of lunch menus from today: three set meals, two mains, two sides, a soup, rice, a drink, rotating by day
    await sql`
      insert into canteen_menu (point_id, day, meal)
      select p.id, ${today}::date + g, 'lunch' from canteen_point p, generate_series(0, 6) g`.execute(tx);
    await sql`
      insert into canteen_menu_item (menu_id, dish_id, price)
      select m.id, d.id, d.price
        from canteen_menu m
        join (select d.*, row_number() over (partition by category order by name) - 1 as k,
                     count(*) over (partition by category) as n
                from canteen_dish d) d
          on (d.category = 'set' and (d.k - (m.day - ${today}::date) + 70) % d.n < 3)
          or (d.category = 'main' and (d.k - (m.day - ${today}::date) + 70) % d.n < 2)
          or (d.category = 'side' and (d.k - (m.day - ${today}::date) + 70) % d.n < 2)
          or (d.category = 'soup' and (d.k + (m.day - ${today}::date)) % d.n = 0)
          or (d.category = 'staple' and d.name = '米饭')
          or (d.category = 'drink' and (d.k + (m.day - ${today}::date)) % d.n = 0)`.execute(tx);
    log('seeding demo city: canteen — canteens, dishes, slots, routes and a week of menus');

    // today's lunches at the city canteen: card holders of the city, 30% delivered to their building
    await sql`
      create temp table seed_canteen_order on commit drop as
      select gen_random_uuid() as id, x.person_id, x.jurisdiction_id, x.unit_id, x.account_id, x.building, x.n,
             x.point_id, x.menu_id,
             case when x.n % 10 < 3 and x.building is not null then 'delivery' else 'dine_in' end as mode
        from (
          select a.person_id, a.jurisdiction_id, a.unit_id, a.id as account_id, p.id as point_id, m.id as menu_id,
                 substring(u.address from '([0-9]+号楼)$') as building,
                 row_number() over (order by hashtext(a.person_id::text)) as n
            from card_account a
            join org_unit u on u.id = a.unit_id
            join org_jurisdiction j on j.id = a.jurisdiction_id and j.kind = 'city'
            join canteen_point p on p.jurisdiction_id = j.id
            join canteen_menu m on m.point_id = p.id and m.day = ${today}::date and m.meal = 'lunch'
           where a.status = 'active'
        ) x
       where x.n <= ${DEMO_LUNCHES}`.execute(tx);
    // each lunch: one of the day's set meals, and a drink for every third person
    await sql`
      create temp table seed_canteen_item on commit drop as
      select o.id as order_id, i.dish_id, 1 as qty, i.price
        from seed_canteen_order o
        join lateral (
          select mi.dish_id, mi.price, d.category, row_number() over (partition by d.category order by d.name) - 1 as k,
                 count(*) over (partition by d.category) as c
            from canteen_menu_item mi join canteen_dish d on d.id = mi.dish_id where mi.menu_id = o.menu_id
        ) i on (i.category = 'set' and i.k = o.n % i.c) or (i.category = 'drink' and o.n % 3 = 0)`.execute(
      tx,
    );
    await sql`
      insert into canteen_order (id, person_id, jurisdiction_id, unit_id, point_id, menu_id, day, meal, mode,
                                 slot_id, route_id, building, floor, room, total, card_ref, created_at)
      select o.id, o.person_id, o.jurisdiction_id, o.unit_id, o.point_id, o.menu_id, ${today}::date, 'lunch', o.mode,
             case when o.mode = 'dine_in' then (select s.id from canteen_slot s where s.point_id = o.point_id order by s.starts offset ((o.n / 10) % 5) limit 1) end,
             case when o.mode = 'delivery' then (select s.route_id from canteen_route_stop s where s.point_id = o.point_id and s.active and s.building = o.building
                                                 and 2 + o.n % 11 between coalesce(s.floor_from, -5) and coalesce(s.floor_to, 200)) end,
             case when o.mode = 'delivery' then o.building end,
             case when o.mode = 'delivery' then 2 + o.n % 11 end,
             case when o.mode = 'delivery' then (2 + o.n % 11)::text || lpad((1 + o.n % 20)::text, 2, '0') end,
             t.total, 'canteen:' || o.id,
             (${today}::date + time '07:30' + make_interval(secs => (o.n * 53) % 9000)) at time zone ${cfg.timeZone}
        from seed_canteen_order o
        join (select order_id, sum(qty * price) as total from seed_canteen_item group by order_id) t on t.order_id = o.id`.execute(
      tx,
    );
    await sql`insert into canteen_order_item (order_id, dish_id, qty, price) select * from seed_canteen_item`.execute(
      tx,
    );
    await sql`
      insert into canteen_slot_day (slot_id, day, capacity, booked)
      select s.id, ${today}::date, s.capacity, count(o.id)
        from canteen_slot s join canteen_order o on o.slot_id = s.id and o.day = ${today}::date
       group by s.id, s.capacity`.execute(tx);
    // payment: one spend per order on the ledger, the balance lowered by the same amount
    await sql`
      insert into card_txn (ref, kind, account_id, amount, memo, occurred_at)
      select o.card_ref, 'spend', so.account_id, -o.total, '市行政中心机关食堂 ' || o.day || ' 订餐', o.created_at
        from canteen_order o join seed_canteen_order so on so.id = o.id`.execute(tx);
    await sql`
      insert into card_entry (txn_id, book, account_id, amount)
      select t.id, 'card', t.account_id, t.amount from card_txn t where t.ref like 'canteen:%'
      union all
      select t.id, 'canteen', null, -t.amount from card_txn t where t.ref like 'canteen:%'`.execute(tx);
    await sql`
      update card_account a set balance = a.balance + t.amount, updated_at = now()
        from card_txn t where t.account_id = a.id and t.ref like 'canteen:%'`.execute(tx);
    // about one in seven rates the set meal
    await sql`
      insert into canteen_rating (order_id, dish_id, person_id, stars, comment)
      select o.id, i.dish_id, o.person_id, 3 + abs(hashtext(o.id::text)) % 3,
             (array['味道不错', '分量足', '偏咸了一点', null, '希望多上几次'])[1 + abs(hashtext(o.id::text)) % 5]
        from seed_canteen_order so join canteen_order o on o.id = so.id
        join canteen_order_item i on i.order_id = o.id join canteen_dish d on d.id = i.dish_id and d.category = 'set'
       where so.n % 7 = 0`.execute(tx);
    const n = await sql<{ n: number }>`select count(*)::int as n from seed_canteen_order`.execute(tx);
    await audit(tx, SYSTEM_ACTOR, {
      entity: 'canteen.order',
      action: 'seed_demo',
      after: { day: today, orders: n.rows[0]?.n ?? 0 },
    });
    log(`seeding demo city: canteen — ${n.rows[0]?.n ?? 0} lunches ordered for ${today}`);
  });
}
