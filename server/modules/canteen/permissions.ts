import type { Executor } from '../../kernel/db/schema.ts';
import { declarePermissions } from '../../kernel/access/permissions.ts';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import { registerFileAccess } from '../../kernel/files/index.ts';
import './tables.ts';

/**
 * Canteen permissions. Ordering, cancelling and rating one's own meals need only a sign-in; the
 * canteen staff and the offices administration keep points, dishes, menus, slots and routes, and
 * read the kitchen's counts of the points their scope covers (a point belongs to the unit running it).
 */
declarePermissions([
  {
    name: 'canteen.kitchen',
    label: { 'zh-CN': '查看食堂备餐统计与订单', en: "View the canteens' kitchen counts and orders" },
    roles: ['bureau_admin', 'district_admin', 'canteen_staff'],
    readOnly: true,
  },
  {
    name: 'canteen.manage',
    label: {
      'zh-CN': '维护食堂、菜品、菜单、用餐时段与配送路线',
      en: 'Maintain canteens, dishes, menus, slots and routes',
    },
    roles: ['bureau_admin', 'district_admin', 'canteen_staff'],
  },
]);

registerOwnerResolver('canteen.point', async (db: Executor, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('canteen_point')
    .select(['jurisdiction_id', 'unit_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('canteen.slot', async (db: Executor, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('canteen_slot as s')
    .innerJoin('canteen_point as p', 'p.id', 's.point_id')
    .select(['p.jurisdiction_id', 'p.unit_id'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

registerOwnerResolver('canteen.route', async (db: Executor, id: string) => {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const row = await db
    .selectFrom('canteen_route as r')
    .innerJoin('canteen_point as p', 'p.id', 'r.point_id')
    .select(['p.jurisdiction_id', 'p.unit_id'])
    .where('r.id', '=', id)
    .executeTakeFirst();
  return row && { jurisdictionId: row.jurisdiction_id, unitId: row.unit_id, personId: null };
});

// dish photos are shown to everyone who orders
registerFileAccess('canteen.dish', () => true);
