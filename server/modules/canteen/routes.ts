import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../kernel/module.ts';
import { user, type UserPrincipal } from '../../kernel/http/access.ts';
import { errors } from '../../kernel/errors.ts';
import { canteenConfig } from './config.ts';
import { addDays, cutoffInstant, localDay } from './clock.ts';
import { listDishes, listMenus, putMenu, saveDish } from './catalogue.ts';
import { createRoute, listRoutes, orderRoutes, updateRoute } from './delivery.ts';
import { createPoint, listPoints, updatePoint } from './points.ts';
import { createSlot, listSlots, updateSlot } from './slots.ts';
import { kitchenCounts, ordersOfPerson } from './kitchen.ts';
import { cancelOrder, placeOrder, rateOrder } from './orders.ts';
import * as s from './schemas.ts';
import './permissions.ts';

const tags = ['canteen'];
const kitchenAccess = {
  permission: 'canteen.kitchen',
  scope: { entity: 'canteen.point', param: 'id' },
} as const;
const manageAccess = {
  permission: 'canteen.manage',
  scope: { entity: 'canteen.point', param: 'id' },
} as const;

function personOf(p: UserPrincipal): string {
  if (!p.personId) {
    throw errors.forbidden({
      'zh-CN': '该账号没有人员档案，不能订餐',
      en: 'This account has no person record and cannot order meals',
    });
  }
  return p.personId;
}

export function canteenRoutes(app: FastifyInstance, ctx: AppContext): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const db = ctx.db;
  const cfg = canteenConfig(ctx.config);

  r.get(
    '/api/canteen/mine',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'My meal orders, newest first',
        response: { 200: z.object({ orders: z.array(s.myOrder) }) },
      },
    },
    async (req) => {
      const personId = user(req).personId;
      return { orders: personId ? await ordersOfPerson(db, cfg, personId, 30) : [] };
    },
  );

  r.get(
    '/api/canteen/options',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          "What I can order for a day's lunch: my jurisdiction's canteens with menu, slots, routes and cut-off",
        querystring: z.object({ day: s.day.optional() }),
        response: { 200: s.options },
      },
    },
    async (req) => {
      const p = user(req);
      const now = new Date();
      const today = localDay(now, cfg.timeZone);
      const day =
        req.query.day ?? (now < cutoffInstant(today, cfg.cutoff, cfg.timeZone) ? today : addDays(today, 1));
      const points = p.jurisdictionId ? await listPoints(db, { jurisdictionId: p.jurisdictionId }) : [];
      const dishes = new Map((await listDishes(db, { activeOnly: true })).map((d) => [d.id, d]));
      const out = await Promise.all(
        points.map(async (pt) => {
          const closes = cutoffInstant(day, pt.cutoff ?? cfg.cutoff, cfg.timeZone);
          const [menu] = await listMenus(db, pt.id, day, day, 'lunch');
          return {
            ...pt,
            closesAt: closes.toISOString(),
            open: now < closes,
            menu: menu
              ? {
                  ...menu,
                  dishes: menu.dishes.map((d) => ({ ...d, rating: dishes.get(d.dishId)?.rating ?? null })),
                }
              : null,
            slots: (await listSlots(db, pt.id, day)).filter((x) => x.active),
            routes: await listRoutes(db, pt.id, { activeOnly: true, today }),
          };
        }),
      );
      return {
        today,
        lastDay: addDays(today, cfg.orderDays),
        day,
        cutoff: cfg.cutoff,
        points: out,
        mine: p.personId ? await ordersOfPerson(db, cfg, p.personId, 10, now) : [],
      };
    },
  );

  r.post(
    '/api/canteen/orders',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Order a meal (before the cut-off), paid by one-card',
        body: s.orderCreate,
        response: { 201: s.orderPlaced },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await placeOrder(db, cfg, req.goa.actor, personOf(user(req)), req.body, new Date())),
  );

  r.post(
    '/api/canteen/orders/:id/cancel',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'Cancel my order before the cut-off; the card is refunded',
        params: s.idParams,
        response: { 200: s.orderCancelled },
      },
    },
    async (req) => cancelOrder(db, cfg, req.goa.actor, personOf(user(req)), req.params.id, new Date()),
  );

  r.post(
    '/api/canteen/orders/:id/ratings',
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: "Rate my order's dishes (1–5 stars)", params: s.idParams, body: s.ratingBody },
    },
    async (req, reply) => {
      await rateOrder(
        db,
        cfg,
        req.goa.actor,
        personOf(user(req)),
        req.params.id,
        req.body.ratings,
        new Date(),
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/canteen/points',
    {
      config: { access: { permission: 'canteen.kitchen', scope: 'rows' } },
      schema: { tags, summary: 'Canteens in scope', response: { 200: z.array(s.point) } },
    },
    async (req) => listPoints(db, { scope: req.goa.scope }),
  );

  r.post(
    '/api/canteen/points',
    {
      config: { access: { permission: 'canteen.manage', scope: { entity: 'org.unit', body: 'unitId' } } },
      schema: {
        tags,
        summary: 'Open a canteen run by a unit',
        body: s.pointCreate,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await createPoint(db, req.goa.actor, req.body) }),
  );

  r.patch(
    '/api/canteen/points/:id',
    {
      config: { access: manageAccess },
      schema: {
        tags,
        summary:
          'Edit a canteen (name, location, address, cut-off, delivery) or deactivate it: it takes no new orders, those placed stand',
        params: s.idParams,
        body: s.pointPatch,
        response: { 200: s.pointUpdated },
      },
    },
    async (req) =>
      updatePoint(db, req.goa.actor, cfg.cutoff, req.params.id, req.body, localDay(new Date(), cfg.timeZone)),
  );

  r.get(
    '/api/canteen/points/:id/kitchen',
    {
      config: { access: kitchenAccess },
      schema: {
        tags,
        summary: "The kitchen's counts per dish, slot and delivery route",
        params: s.idParams,
        querystring: s.kitchenQuery,
        response: { 200: s.kitchen },
      },
    },
    async (req) => kitchenCounts(db, req.params.id, req.query.day, req.query.meal),
  );

  r.get(
    '/api/canteen/points/:id/slots',
    {
      config: { access: kitchenAccess },
      schema: {
        tags,
        summary: "A canteen's dining slots with a day's bookings",
        params: s.idParams,
        querystring: z.object({ day: s.day.optional() }),
        response: { 200: z.array(s.slot) },
      },
    },
    async (req) => listSlots(db, req.params.id, req.query.day ?? localDay(new Date(), cfg.timeZone)),
  );

  r.post(
    '/api/canteen/points/:id/slots',
    {
      config: { access: manageAccess },
      schema: {
        tags,
        summary: 'Add a dining slot (错峰用餐时段)',
        params: s.idParams,
        body: s.slotCreate,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ id: await createSlot(db, req.goa.actor, cfg.cutoff, req.params.id, req.body) }),
  );

  r.patch(
    '/api/canteen/slots/:id',
    {
      config: { access: { permission: 'canteen.manage', scope: { entity: 'canteen.slot', param: 'id' } } },
      schema: {
        tags,
        summary:
          "Change a slot's times (while nobody is booked into it), its capacity from today on (never below the seats booked), or retire it",
        params: s.idParams,
        body: s.slotPatch,
      },
    },
    async (req, reply) => {
      await updateSlot(
        db,
        req.goa.actor,
        cfg.cutoff,
        req.params.id,
        req.body,
        localDay(new Date(), cfg.timeZone),
      );
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/canteen/points/:id/routes',
    {
      config: { access: kitchenAccess },
      schema: {
        tags,
        summary: "A canteen's delivery routes in their order, retired ones included, with their stops",
        params: s.idParams,
        response: { 200: z.array(s.route) },
      },
    },
    async (req) => listRoutes(db, req.params.id, { today: localDay(new Date(), cfg.timeZone) }),
  );

  r.post(
    '/api/canteen/points/:id/routes',
    {
      config: { access: manageAccess },
      schema: {
        tags,
        summary:
          'Add a delivery route over stops (a building, or a range of its floors); a floor belongs to one active route',
        params: s.idParams,
        body: s.routeCreate,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ id: await createRoute(db, req.goa.actor, req.params.id, req.body) }),
  );

  r.put(
    '/api/canteen/points/:id/routes/order',
    {
      config: { access: manageAccess },
      schema: {
        tags,
        summary: "Put a canteen's delivery routes in order (each of its routes listed once)",
        params: s.idParams,
        body: s.routeOrder,
      },
    },
    async (req, reply) => {
      await orderRoutes(db, req.goa.actor, req.params.id, req.body.ids);
      return reply.status(204).send();
    },
  );

  r.patch(
    '/api/canteen/routes/:id',
    {
      config: { access: { permission: 'canteen.manage', scope: { entity: 'canteen.route', param: 'id' } } },
      schema: {
        tags,
        summary:
          'Rename a delivery route, replace its stops, retire it or bring it back; orders already placed keep their route',
        params: s.idParams,
        body: s.routePatch,
        response: { 200: s.routeUpdated },
      },
    },
    async (req) =>
      updateRoute(db, req.goa.actor, req.params.id, req.body, localDay(new Date(), cfg.timeZone)),
  );

  r.get(
    '/api/canteen/points/:id/menus',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "A canteen's menus between two days",
        params: s.idParams,
        querystring: s.menuQuery,
        response: { 200: z.array(s.menu) },
      },
    },
    async (req) => listMenus(db, req.params.id, req.query.from, req.query.to, req.query.meal),
  );

  r.put(
    '/api/canteen/points/:id/menus/:day/:meal',
    {
      config: { access: manageAccess },
      schema: {
        tags,
        summary: "Publish or replace a canteen's menu for a day and meal",
        params: s.menuParams,
        body: s.menuPut,
        response: { 200: z.object({ id: z.uuid() }) },
      },
    },
    async (req) => ({
      id: await putMenu(db, req.goa.actor, req.params.id, req.params.day, req.params.meal, req.body.items),
    }),
  );

  r.get(
    '/api/canteen/dishes',
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: 'The dish catalogue shared by all canteens, with ratings',
        querystring: z.object({ q: z.string().trim().max(60).optional() }),
        response: { 200: z.array(s.dish) },
      },
    },
    async (req) => listDishes(db, { q: req.query.q }),
  );

  r.post(
    '/api/canteen/dishes',
    {
      config: { access: { permission: 'canteen.manage', scope: 'global' } },
      schema: {
        tags,
        summary: 'Add a dish (photo: an uploaded file id)',
        body: s.dishInput,
        response: { 201: z.object({ id: z.uuid() }) },
      },
    },
    async (req, reply) => reply.status(201).send({ id: await saveDish(db, req.goa.actor, null, req.body) }),
  );

  r.put(
    '/api/canteen/dishes/:id',
    {
      config: { access: { permission: 'canteen.manage', scope: 'global' } },
      schema: {
        tags,
        summary: 'Change a dish',
        params: s.idParams,
        body: s.dishInput,
        response: { 200: z.object({ id: z.uuid() }) },
      },
    },
    async (req) => ({ id: await saveDish(db, req.goa.actor, req.params.id, req.body) }),
  );
}
