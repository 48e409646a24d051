import { sql } from 'kysely';
import type { Db, Executor } from '../../kernel/db/schema.ts';
import type { Actor } from '../../kernel/http/access.ts';
import { inTransaction } from '../../kernel/db/tx.ts';
import { errors } from '../../kernel/errors.ts';
import { audit } from '../../kernel/audit/index.ts';
import { attachFiles } from '../../kernel/files/index.ts';
import type { DishCategory, Meal } from './tables.ts';

/** The shared dish catalogue and menus (points: points.ts, slots: slots.ts, routes: delivery.ts). */

export async function listDishes(db: Executor, q: { q?: string | undefined; activeOnly?: boolean }) {
  let query = db
    .selectFrom('canteen_dish as d')
    .select([
      'd.id',
      'd.name',
      'd.category',
      'd.price',
      'd.description',
      'd.photo_file_id',
      'd.active',
      sql<
        number | null
      >`(select round(avg(stars), 1)::float8 from canteen_rating r where r.dish_id = d.id)`.as('avg'),
      sql<number>`(select count(*)::int from canteen_rating r where r.dish_id = d.id)`.as('n'),
    ])
    .orderBy('d.category')
    .orderBy('d.name');
  if (q.q) query = query.where('d.name', 'like', `%${q.q}%`);
  if (q.activeOnly) query = query.where('d.active', '=', true);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    price: r.price,
    description: r.description,
    photoFileId: r.photo_file_id,
    active: r.active,
    rating: r.avg ?? null,
    ratings: r.n ?? 0,
  }));
}

export async function saveDish(
  db: Db,
  actor: Actor,
  id: string | null,
  input: {
    name: string;
    category: DishCategory;
    price: number;
    description?: string | null | undefined;
    photoFileId?: string | null | undefined;
    active?: boolean | undefined;
  },
) {
  return inTransaction(db, async (tx) => {
    const values = {
      name: input.name,
      category: input.category,
      price: input.price,
      description: input.description ?? null,
      active: input.active ?? true,
    };
    const before = id
      ? await tx.selectFrom('canteen_dish').selectAll().where('id', '=', id).executeTakeFirst()
      : undefined;
    if (id && !before) throw errors.notFound('canteen.dish', id);
    const row = id
      ? await tx
          .updateTable('canteen_dish')
          .set({ ...values, updated_at: sql`now()` })
          .where('id', '=', id)
          .returning('id')
          .executeTakeFirstOrThrow()
      : await tx.insertInto('canteen_dish').values(values).returning('id').executeTakeFirstOrThrow();
    if (input.photoFileId && input.photoFileId !== before?.photo_file_id) {
      if (actor.accountId)
        await attachFiles(tx, [input.photoFileId], 'canteen.dish', row.id, actor.accountId);
      await tx
        .updateTable('canteen_dish')
        .set({ photo_file_id: input.photoFileId })
        .where('id', '=', row.id)
        .execute();
    } else if (input.photoFileId === null && before?.photo_file_id) {
      // null removes the photo; an omitted photoFileId keeps it
      await tx.updateTable('canteen_dish').set({ photo_file_id: null }).where('id', '=', row.id).execute();
    }
    await audit(tx, actor, {
      entity: 'canteen.dish',
      entityId: row.id,
      action: id ? 'update' : 'create',
      before,
      after: input,
    });
    return row.id;
  });
}

/** A point's menus between two days (inclusive), each with its dishes. */
export async function listMenus(db: Executor, pointId: string, from: string, to: string, meal?: Meal) {
  let q = db
    .selectFrom('canteen_menu as m')
    .innerJoin('canteen_menu_item as i', 'i.menu_id', 'm.id')
    .innerJoin('canteen_dish as d', 'd.id', 'i.dish_id')
    .select([
      'm.id',
      'm.day',
      'm.meal',
      'd.id as dish_id',
      'd.name',
      'd.category',
      'd.photo_file_id',
      'd.description',
      'i.price',
    ])
    .where('m.point_id', '=', pointId)
    .where('m.day', '>=', from)
    .where('m.day', '<=', to)
    .orderBy('m.day')
    .orderBy('m.meal')
    .orderBy('d.category')
    .orderBy('d.name');
  if (meal) q = q.where('m.meal', '=', meal);
  const rows = await q.execute();
  const menus = new Map<
    string,
    {
      id: string;
      day: string;
      meal: Meal;
      dishes: {
        dishId: string;
        name: string;
        category: string;
        price: number;
        photoFileId: string | null;
        description: string | null;
      }[];
    }
  >();
  for (const r of rows) {
    let m = menus.get(r.id);
    if (!m) menus.set(r.id, (m = { id: r.id, day: r.day, meal: r.meal, dishes: [] }));
    m.dishes.push({
      dishId: r.dish_id,
      name: r.name,
      category: r.category,
      price: r.price,
      photoFileId: r.photo_file_id,
      description: r.description,
    });
  }
  return [...menus.values()];
}

/** Publishes (or replaces) a point's menu for a day and meal; dishes keep their catalogue price unless given. */
export async function putMenu(
  db: Db,
  actor: Actor,
  pointId: string,
  day: string,
  meal: Meal,
  items: { dishId: string; price?: number | undefined }[],
) {
  return inTransaction(db, async (tx) => {
    const dishes = await tx
      .selectFrom('canteen_dish')
      .select(['id', 'price', 'active'])
      .where(
        'id',
        'in',
        items.map((i) => i.dishId),
      )
      .execute();
    const byId = new Map(dishes.map((d) => [d.id, d]));
    items.forEach((it, i) => {
      if (!byId.get(it.dishId)?.active) {
        throw errors.field(`items.${i}.dishId`, 'canteen_dish_unknown', {
          'zh-CN': '菜品不存在或已停用',
          en: 'The dish does not exist or is retired',
        });
      }
    });
    const menu = await tx
      .insertInto('canteen_menu')
      .values({ point_id: pointId, day, meal })
      .onConflict((oc) => oc.columns(['point_id', 'day', 'meal']).doUpdateSet({ point_id: pointId }))
      .returning('id')
      .executeTakeFirstOrThrow();
    await tx.deleteFrom('canteen_menu_item').where('menu_id', '=', menu.id).execute();
    await tx
      .insertInto('canteen_menu_item')
      .values(
        items.map((it) => ({
          menu_id: menu.id,
          dish_id: it.dishId,
          price: it.price ?? byId.get(it.dishId)!.price,
        })),
      )
      .execute();
    const point = await tx
      .selectFrom('canteen_point')
      .select(['unit_id'])
      .where('id', '=', pointId)
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'canteen.menu',
      entityId: menu.id,
      action: 'publish',
      after: { pointId, day, meal, items },
      unitId: point.unit_id,
    });
    return menu.id;
  });
}
