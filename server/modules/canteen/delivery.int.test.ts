import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAccount } from '../../kernel/testing/factories.ts';
import { countRows, dbKinds, signIn, type TestApp, type TestClient } from '../../kernel/testing/harness.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { cancelOrder } from './orders.ts';
import { canteenFixture, canteenOffice, type CanteenFixture } from './test-fixture.ts';

const TABLES = ['canteen_route', 'canteen_route_stop', 'canteen_order', 'audit_log'];

interface RouteRow {
  id: string;
  name: string;
  active: boolean;
  buildings: string[];
  stops: { building: string; floorFrom: number | null; floorTo: number | null }[];
  upcomingOrders: number;
}

describe.each(dbKinds)('canteen delivery routes on %s', (kind) => {
  const suite = canteenOffice(kind, 10);
  const { tomorrow, cfg, order } = suite;
  let t: TestApp;
  let f: CanteenFixture;
  let office: TestClient;
  let diners: string[];
  beforeAll(() => void ({ t, f, office, diners } = suite));
  const routesUrl = () => `/api/canteen/points/${f.point.id}/routes`;
  const routes = async () => (await office.get<RouteRow[]>(routesUrl())).body;
  const deliver = (personId: string, building: string, floor: number) =>
    order(personId, { mode: 'delivery', slotId: null, building, floor });

  it('adds a route over floors of buildings, after the others, audited; orders are routed by floor', async () => {
    const audits = (await countRows(t.ctx, ['audit_log'])).audit_log!;
    const res = await office.post(routesUrl(), {
      name: '三号楼高区',
      stops: [
        { building: '3号楼', floorFrom: 6, floorTo: null },
        { building: '4号楼', floorFrom: 1, floorTo: 5 },
      ],
    });
    expect(res.status).toBe(201);
    const low = await office.post(routesUrl(), {
      name: '三号楼低区',
      stops: [{ building: '3号楼', floorTo: 5 }],
    });
    expect(low.status).toBe(201);
    expect((await countRows(t.ctx, ['audit_log'])).audit_log).toBe(audits + 2);
    const list = await routes();
    expect(list.map((r) => r.name)).toEqual(['一号线', '三号楼高区', '三号楼低区']);
    expect(list[1]).toMatchObject({
      active: true,
      buildings: ['3号楼', '4号楼'],
      stops: [
        { building: '3号楼', floorFrom: 6, floorTo: null },
        { building: '4号楼', floorFrom: 1, floorTo: 5 },
      ],
      upcomingOrders: 0,
    });
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'canteen.route')
      .where('entity_id', '=', res.body.id)
      .executeTakeFirstOrThrow();
    expect(log).toMatchObject({ action: 'create', unit_id: f.unit.id, jurisdiction_id: f.jurisdiction.id });

    const high = await deliver(diners[0]!, '3号楼', 9);
    const ground = await deliver(diners[1]!, '3号楼', 1);
    const orderRoute = async (id: string) =>
      (
        await t.ctx.db
          .selectFrom('canteen_order')
          .select('route_id')
          .where('id', '=', id)
          .executeTakeFirstOrThrow()
      ).route_id;
    expect(await orderRoute(high.id)).toBe(res.body.id);
    expect(await orderRoute(ground.id)).toBe(low.body.id);
    await expect(deliver(diners[2]!, '4号楼', 7)).rejects.toMatchObject({
      code: 'canteen_no_route',
      details: [{ field: 'building' }],
    });
    expect((await routes())[1]!.upcomingOrders).toBe(1);
  });

  it('refuses bad routes in the kernel error shape, writing nothing', async () => {
    const [first, second] = await routes();
    const before = await countRows(t.ctx, TABLES);
    const named = await office.post(routesUrl(), { name: first!.name, stops: [{ building: '9号楼' }] });
    expect(named.status).toBe(409);
    expect(named.body.error).toMatchObject({
      code: 'canteen_route_name_taken',
      details: [expect.objectContaining({ field: 'name' })],
    });
    const taken = await office.post(routesUrl(), {
      name: '新线',
      stops: [{ building: '9号楼' }, { building: '3号楼', floorFrom: 8, floorTo: 12 }],
    });
    expect(taken.status).toBe(409);
    expect(taken.body.error).toMatchObject({
      code: 'canteen_route_stop_taken',
      details: [expect.objectContaining({ field: 'stops.1.building' })],
    });
    expect(taken.body.error.message).toContain('三号楼高区');
    const reversed = await office.post(routesUrl(), {
      name: '新线',
      stops: [{ building: '9号楼', floorFrom: 5, floorTo: 2 }],
    });
    expect(reversed.status).toBe(400);
    expect(reversed.body.error).toMatchObject({
      code: 'canteen_route_floors',
      details: [expect.objectContaining({ field: 'stops.0.floorTo' })],
    });
    const twice = await office.post(routesUrl(), {
      name: '新线',
      stops: [
        { building: '9号楼', floorFrom: 1, floorTo: 5 },
        { building: '9号楼', floorFrom: 5 },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error).toMatchObject({
      code: 'canteen_route_stop_repeated',
      details: [expect.objectContaining({ field: 'stops.1.building' })],
    });
    const empty = await office.post(routesUrl(), { name: '新线', stops: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0].field).toBe('stops');
    const blank = await office.post(routesUrl(), { name: '  ', stops: [{ building: '9号楼' }] });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].field).toBe('name');
    const high = await office.post(routesUrl(), {
      name: '新线',
      stops: [{ building: '9号楼', floorTo: 300 }],
    });
    expect(high.status).toBe(400);
    expect(high.body.error.details[0].field).toBe('stops.0.floorTo');
    const legacy = await office.post(routesUrl(), { name: '新线', buildings: ['9号楼'] });
    expect(legacy.status).toBe(400);
    // an edit that moves a stop onto another route's floors, or renames onto another route
    const onto = await office.patch(`/api/canteen/routes/${first!.id}`, {
      stops: [{ building: '1号楼' }, { building: '3号楼', floorFrom: 4, floorTo: 6 }],
    });
    expect(onto.status).toBe(409);
    expect(onto.body.error.details[0].field).toBe('stops.1.building');
    const rename = await office.patch(`/api/canteen/routes/${first!.id}`, { name: second!.name });
    expect(rename.status).toBe(409);
    expect(rename.body.error.code).toBe('canteen_route_name_taken');
    // an order that leaves a route out, repeats one or names a stranger
    const ids = (await routes()).map((r) => r.id);
    for (const bad of [ids.slice(1), [...ids, ids[0]!], [...ids.slice(1), f.point.id]]) {
      const res = await office.put(`${routesUrl()}/order`, { ids: bad });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'canteen_route_order_incomplete' });
      expect(res.body.error.details[0].field).toBe('ids');
    }
    expect((await office.patch(`/api/canteen/routes/${f.point.id}`, { active: false })).status).toBe(404);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
  });

  it('keeps one active route per building floor in the database; a stop follows its route when retired', async () => {
    const [first] = await routes();
    await expect(
      t.ctx.db
        .insertInto('canteen_route_stop')
        .values({ route_id: first!.id, point_id: f.point.id, active: true, building: '3号楼', floor_from: 5 })
        .execute(),
    ).rejects.toMatchObject({ constraint: 'canteen_route_stop_no_overlap' });
    // a stop cannot claim to be active while its route is retired, nor belong to another point's route
    await expect(
      t.ctx.db
        .insertInto('canteen_route_stop')
        .values({ route_id: first!.id, point_id: f.point.id, active: false, building: '99号楼' })
        .execute(),
    ).rejects.toMatchObject({ constraint: 'canteen_route_stop_route' });
    await expect(
      sql`insert into canteen_route_stop (route_id, point_id, active, building, floor_from, floor_to)
          values (${first!.id}, ${f.point.id}, true, '99号楼', 5, 3)`.execute(t.ctx.db),
    ).rejects.toMatchObject({ constraint: 'canteen_route_stop_floors' });
  });

  it('retires a route: new orders refused there, placed ones keep it and show in the kitchen; it returns when its floors are free', async () => {
    const [, highRoute, lowRoute] = await routes();
    const placed = await t.ctx.db
      .selectFrom('canteen_order')
      .select(['id', 'person_id', 'total'])
      .where('route_id', '=', highRoute!.id)
      .executeTakeFirstOrThrow();
    const retired = await office.patch(`/api/canteen/routes/${highRoute!.id}`, { active: false });
    expect(retired.status).toBe(200);
    expect(retired.body).toEqual({ id: highRoute!.id, upcomingOrders: 1 });
    const stops = await t.ctx.db
      .selectFrom('canteen_route_stop')
      .select('active')
      .where('route_id', '=', highRoute!.id)
      .execute();
    expect(stops.map((s) => s.active)).toEqual([false, false]);
    await expect(deliver(diners[3]!, '3号楼', 9)).rejects.toMatchObject({ code: 'canteen_no_route' });
    const options = await office.get(`/api/canteen/points/${f.point.id}/kitchen?day=${tomorrow}`);
    expect(options.body.routes.find((r: { routeId: string }) => r.routeId === highRoute!.id)).toMatchObject({
      active: false,
      orders: 1,
      stops: [{ building: '3号楼', floor: 9, orders: 1 }],
    });
    const order = await t.ctx.db
      .selectFrom('canteen_order')
      .select(['status', 'route_id'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow();
    expect(order).toEqual({ status: 'placed', route_id: highRoute!.id });

    // the low route takes over the whole of 3号楼: the retired route cannot come back over it
    const widened = await office.patch(`/api/canteen/routes/${lowRoute!.id}`, {
      name: '三号楼',
      stops: [{ building: '3号楼' }],
    });
    expect(widened.status).toBe(200);
    expect((await deliver(diners[3]!, '3号楼', 9)).id).toBeTruthy();
    const before = await countRows(t.ctx, TABLES);
    const back = await office.patch(`/api/canteen/routes/${highRoute!.id}`, { active: true });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatchObject({ code: 'canteen_route_stop_taken' });
    expect(back.body.error.message).toContain('三号楼');
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    // with its stops moved off 3号楼 it comes back
    const moved = await office.patch(`/api/canteen/routes/${highRoute!.id}`, {
      active: true,
      stops: [{ building: '4号楼', floorFrom: 1, floorTo: 5 }],
    });
    expect(moved.status).toBe(200);
    expect(moved.body.upcomingOrders).toBe(1);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'canteen.route')
      .where('entity_id', '=', highRoute!.id)
      .where('action', '=', 'update')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(log.before).toMatchObject({
      active: false,
      stops: [{ building: '3号楼' }, { building: '4号楼' }],
    });
    expect(log.after).toMatchObject({
      active: true,
      stops: [{ building: '4号楼', floorFrom: 1, floorTo: 5 }],
    });
    // the order on the retired route could be cancelled all along, refunded in full
    const cancelled = await cancelOrder(
      t.ctx.db,
      cfg(),
      SYSTEM_ACTOR,
      placed.person_id,
      placed.id,
      new Date(),
    );
    expect(cancelled.refunded).toBe(placed.total);
  });

  it('puts routes in order, audited; the order page offers active routes only', async () => {
    const ids = (await routes()).map((r) => r.id).reverse();
    const res = await office.put(`${routesUrl()}/order`, { ids });
    expect(res.status).toBe(204);
    expect((await routes()).map((r) => r.id)).toEqual(ids);
    const log = await t.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('entity', '=', 'canteen.point')
      .where('entity_id', '=', f.point.id)
      .where('action', '=', 'reorder_routes')
      .executeTakeFirstOrThrow();
    expect((log.after as { routes: string[] }).routes).toHaveLength(3);

    expect((await office.patch(`/api/canteen/routes/${ids[0]!}`, { active: false })).status).toBe(200);
    const staff = await buildAccount(t.ctx.db, { personId: diners[5]!, grants: [] });
    const me = await signIn(t.app, staff.username, staff.password);
    const options = await me.get(`/api/canteen/options?day=${tomorrow}`);
    expect(options.status).toBe(200);
    const point = options.body.points.find((p: { id: string }) => p.id === f.point.id);
    expect(point.routes.map((r: RouteRow) => r.id)).toEqual(ids.slice(1));
    expect(point.routes.every((r: RouteRow) => r.active)).toBe(true);
  });

  it('keeps route edits to the canteen office of the running unit', async () => {
    const other = await canteenFixture(t.ctx.db, tomorrow);
    const acc = await buildAccount(t.ctx.db, {
      personId: null,
      grants: [{ role: 'canteen_staff', scope: 'unit', unitId: other.unit.id }],
    });
    const c = await signIn(t.app, acc.username, acc.password);
    const ids = (await routes()).map((r) => r.id);
    const before = await countRows(t.ctx, TABLES);
    expect((await c.patch(`/api/canteen/routes/${ids[0]!}`, { name: '越权' })).status).toBe(403);
    expect((await c.post(routesUrl(), { name: '越权', stops: [{ building: '9号楼' }] })).status).toBe(403);
    expect((await c.put(`${routesUrl()}/order`, { ids })).status).toBe(403);
    expect((await c.get(routesUrl())).status).toBe(403);
    expect(await countRows(t.ctx, TABLES)).toEqual(before);
    // its own canteen's routes are its to edit
    expect((await c.patch(`/api/canteen/routes/${other.route.id}`, { name: '本单位线' })).status).toBe(200);
  });
});
