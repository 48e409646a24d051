import { z } from 'zod';

/** Request and response contracts of the canteen API. Money in integer fen; days "YYYY-MM-DD" in the deployment's zone. */

export const MEALS = ['breakfast', 'lunch', 'dinner'] as const;
export const CATEGORIES = ['set', 'main', 'side', 'soup', 'staple', 'drink'] as const;

export const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(d)), 'not a date');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm');
export const idParams = z.object({ id: z.uuid() });

export const point = z.object({
  id: z.uuid(),
  name: z.string(),
  jurisdictionId: z.uuid(),
  unitId: z.uuid(),
  unitName: z.string(),
  location: z.string().nullable(),
  address: z.string().nullable(),
  cutoff: z.string().nullable(),
  delivery: z.boolean(),
  active: z.boolean(),
});
const pointFields = {
  name: z.string().trim().min(1).max(100),
  /** where in its building, e.g. "1号楼一楼东侧" */
  location: z.string().trim().max(100).nullish(),
  address: z.string().trim().max(200).nullish(),
  /** local time on the day when that day's orders close; null: the deployment's default */
  cutoff: hhmm.nullish(),
  delivery: z.boolean().optional(),
};
export const pointCreate = z.object({ ...pointFields, unitId: z.uuid() });
export const pointPatch = z
  .object({ ...pointFields, name: pointFields.name.optional(), active: z.boolean().optional() })
  .strict();
export const pointUpdated = z.object({ id: z.uuid(), upcomingOrders: z.number().int() });

export const slot = z.object({
  id: z.uuid(),
  starts: z.string(),
  ends: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  /** the most seats booked on any day from the listed day on: the lowest capacity allowed */
  maxBooked: z.number().int(),
  active: z.boolean(),
});
export const slotCreate = z.object({
  starts: hhmm,
  ends: hhmm,
  capacity: z.number().int().min(1).max(10000),
});
export const slotPatch = z
  .object({
    starts: hhmm.optional(),
    ends: hhmm.optional(),
    capacity: z.number().int().min(1).max(10000).optional(),
    active: z.boolean().optional(),
  })
  .strict();

const floor = z.number().int().min(-5).max(200);
/** a building, or a range of its floors (both ends included; an open end: to the lowest / highest floor) */
export const stop = z.object({
  building: z.string().trim().min(1).max(40),
  floorFrom: floor.nullish(),
  floorTo: floor.nullish(),
});
export const route = z.object({
  id: z.uuid(),
  name: z.string(),
  active: z.boolean(),
  sort: z.number().int(),
  /** the buildings of its stops, in order */
  buildings: z.array(z.string()),
  stops: z.array(
    z.object({
      building: z.string(),
      floorFrom: z.number().int().nullable(),
      floorTo: z.number().int().nullable(),
    }),
  ),
  /** placed orders from today on routed to it (they keep their route whatever changes) */
  upcomingOrders: z.number().int(),
});
const routeFields = {
  name: z.string().trim().min(1).max(60),
  stops: z.array(stop).min(1).max(100),
};
export const routeCreate = z.object(routeFields).strict();
export const routePatch = z
  .object({
    name: routeFields.name.optional(),
    stops: routeFields.stops.optional(),
    active: z.boolean().optional(),
  })
  .strict();
export const routeUpdated = z.object({ id: z.uuid(), upcomingOrders: z.number().int() });
export const routeOrder = z.object({ ids: z.array(z.uuid()).min(1).max(200) }).strict();

export const dish = z.object({
  id: z.uuid(),
  name: z.string(),
  category: z.enum(CATEGORIES),
  price: z.number().int(),
  description: z.string().nullable(),
  photoFileId: z.uuid().nullable(),
  active: z.boolean(),
  rating: z.number().nullable(),
  ratings: z.number().int(),
});
export const dishInput = z.object({
  name: z.string().trim().min(1).max(60),
  category: z.enum(CATEGORIES),
  price: z.number().int().min(1).max(100000),
  description: z.string().trim().max(300).nullish(),
  photoFileId: z.uuid().nullish(),
  active: z.boolean().optional(),
});

export const menuDish = z.object({
  dishId: z.uuid(),
  name: z.string(),
  category: z.string(),
  price: z.number().int(),
  photoFileId: z.uuid().nullable(),
  description: z.string().nullable(),
});
export const menu = z.object({
  id: z.uuid(),
  day: z.string(),
  meal: z.enum(MEALS),
  dishes: z.array(menuDish),
});
export const menuQuery = z.object({ from: day, to: day, meal: z.enum(MEALS).optional() });
export const menuParams = z.object({ id: z.uuid(), day, meal: z.enum(MEALS) });
export const menuPut = z.object({
  items: z
    .array(z.object({ dishId: z.uuid(), price: z.number().int().min(1).max(100000).optional() }))
    .min(1)
    .max(60),
});

export const orderCreate = z.object({
  pointId: z.uuid(),
  day,
  meal: z.enum(MEALS).default('lunch'),
  mode: z.enum(['dine_in', 'delivery']),
  items: z.array(z.object({ dishId: z.uuid(), qty: z.number().int().min(1).max(10) })).max(20),
  slotId: z.uuid().nullish(),
  building: z.string().trim().max(40).nullish(),
  floor: z.number().int().min(-5).max(200).nullish(),
  room: z.string().trim().max(20).nullish(),
});
export const orderPlaced = z.object({
  id: z.uuid(),
  total: z.number().int(),
  balanceAfter: z.number().int().nullable(),
});
export const orderCancelled = z.object({
  id: z.uuid(),
  refunded: z.number().int(),
  balanceAfter: z.number().int().nullable(),
});
export const ratingBody = z.object({
  ratings: z
    .array(
      z.object({
        dishId: z.uuid(),
        stars: z.number().int().min(1).max(5),
        comment: z.string().trim().max(300).nullish(),
      }),
    )
    .min(1)
    .max(20),
});

export const myOrder = z.object({
  id: z.uuid(),
  day: z.string(),
  meal: z.enum(MEALS),
  mode: z.enum(['dine_in', 'delivery']),
  status: z.enum(['placed', 'cancelled']),
  total: z.number().int(),
  pointId: z.uuid(),
  pointName: z.string(),
  slot: z.string().nullable(),
  routeName: z.string().nullable(),
  building: z.string().nullable(),
  floor: z.number().int().nullable(),
  room: z.string().nullable(),
  createdAt: z.string(),
  /** before the cut-off of the order's day */
  canCancel: z.boolean(),
  /** from the meal's day on */
  canRate: z.boolean(),
  items: z.array(
    z.object({
      dishId: z.uuid(),
      name: z.string(),
      qty: z.number().int(),
      price: z.number().int(),
      stars: z.number().int().nullable(),
    }),
  ),
});

export const options = z.object({
  today: z.string(),
  /** the last day that may be ordered (today + GOA_CANTEEN_ORDER_DAYS) */
  lastDay: z.string(),
  day: z.string(),
  cutoff: z.string(),
  points: z.array(
    point.extend({
      closesAt: z.string(),
      open: z.boolean(),
      menu: menu.extend({ dishes: z.array(menuDish.extend({ rating: z.number().nullable() })) }).nullable(),
      slots: z.array(slot),
      routes: z.array(route),
    }),
  ),
  mine: z.array(myOrder),
});

export const kitchenQuery = z.object({ day, meal: z.enum(MEALS).default('lunch') });
export const kitchen = z.object({
  day: z.string(),
  meal: z.enum(MEALS),
  orders: z.number().int(),
  amount: z.number().int(),
  dineIn: z.number().int(),
  delivery: z.number().int(),
  dishes: z.array(
    z.object({
      dishId: z.uuid(),
      name: z.string(),
      category: z.string(),
      qty: z.number().int(),
      dineIn: z.number().int(),
      delivery: z.number().int(),
    }),
  ),
  slots: z.array(
    z.object({
      slotId: z.uuid(),
      starts: z.string(),
      ends: z.string(),
      capacity: z.number().int(),
      booked: z.number().int(),
    }),
  ),
  routes: z.array(
    z.object({
      routeId: z.uuid(),
      name: z.string(),
      /** false: retired after these orders were placed (they are still delivered on it) */
      active: z.boolean(),
      orders: z.number().int(),
      stops: z.array(z.object({ building: z.string(), floor: z.number().int(), orders: z.number().int() })),
    }),
  ),
});
