import { api } from '../../shared/api.ts';

export type Meal = 'breakfast' | 'lunch' | 'dinner';
export type Mode = 'dine_in' | 'delivery';
export type Category = 'set' | 'main' | 'side' | 'soup' | 'staple' | 'drink';

export interface Point {
  id: string;
  name: string;
  unitId: string;
  unitName: string;
  location: string | null;
  address: string | null;
  cutoff: string | null;
  delivery: boolean;
  active: boolean;
}
export interface MenuDish {
  dishId: string;
  name: string;
  category: Category;
  price: number;
  photoFileId: string | null;
  description: string | null;
  rating?: number | null;
}
export interface Menu {
  id: string;
  day: string;
  meal: Meal;
  dishes: MenuDish[];
}
export interface Slot {
  id: string;
  starts: string;
  ends: string;
  capacity: number;
  booked: number;
  /** the most seats booked on any day from today on: the lowest capacity allowed */
  maxBooked: number;
  active: boolean;
}
export interface SlotInput {
  starts: string;
  ends: string;
  capacity: number;
}
export interface RouteStop {
  building: string;
  /** null: from the lowest floor */
  floorFrom: number | null;
  /** null: to the highest floor */
  floorTo: number | null;
}
export interface RouteRow {
  id: string;
  name: string;
  active: boolean;
  sort: number;
  buildings: string[];
  stops: RouteStop[];
  /** placed orders from today on riding the route (they keep it whatever changes) */
  upcomingOrders: number;
}
export interface RouteInput {
  name: string;
  stops: RouteStop[];
}
export interface MyOrder {
  id: string;
  day: string;
  meal: Meal;
  mode: Mode;
  status: 'placed' | 'cancelled';
  total: number;
  pointName: string;
  slot: string | null;
  routeName: string | null;
  building: string | null;
  floor: number | null;
  room: string | null;
  /** the server's rules at the time of the list: cancel until the cut-off, rate from the meal's day */
  canCancel: boolean;
  canRate: boolean;
  items: { dishId: string; name: string; qty: number; price: number; stars: number | null }[];
}
export interface Options {
  today: string;
  /** the last day that may be ordered */
  lastDay: string;
  day: string;
  cutoff: string;
  points: (Point & {
    closesAt: string;
    open: boolean;
    menu: Menu | null;
    slots: Slot[];
    routes: RouteRow[];
  })[];
  mine: MyOrder[];
}
export interface Kitchen {
  day: string;
  meal: Meal;
  orders: number;
  amount: number;
  dineIn: number;
  delivery: number;
  dishes: {
    dishId: string;
    name: string;
    category: Category;
    qty: number;
    dineIn: number;
    delivery: number;
  }[];
  slots: { slotId: string; starts: string; ends: string; capacity: number; booked: number }[];
  routes: {
    routeId: string;
    name: string;
    /** false: retired after these orders were placed (they are still delivered on it) */
    active: boolean;
    orders: number;
    stops: { building: string; floor: number; orders: number }[];
  }[];
}
export interface Dish {
  id: string;
  name: string;
  category: Category;
  price: number;
  description: string | null;
  photoFileId: string | null;
  active: boolean;
  rating: number | null;
  ratings: number;
}
export interface DishInput {
  name: string;
  category: Category;
  price: number;
  description?: string | null;
  photoFileId?: string | null;
  active?: boolean;
}
export interface PointFields {
  name: string;
  location?: string | null;
  address?: string | null;
  cutoff?: string | null;
  delivery?: boolean;
}
export type PointInput = PointFields & { unitId: string };
export interface OrderInput {
  pointId: string;
  day: string;
  meal: Meal;
  mode: Mode;
  items: { dishId: string; qty: number }[];
  slotId?: string | null;
  building?: string | null;
  floor?: number | null;
  room?: string | null;
}

export const CATEGORIES: Category[] = ['set', 'main', 'side', 'soup', 'staple', 'drink'];
export const photoUrl = (id: string) => `/api/files/${id}?disposition=inline`;

export const canteenApi = {
  options: (day?: string) => api.get<Options>('/api/canteen/options', { day }),
  mine: () => api.get<{ orders: MyOrder[] }>('/api/canteen/mine'),
  order: (input: OrderInput) =>
    api.post<{ id: string; total: number; balanceAfter: number | null }>('/api/canteen/orders', input),
  cancel: (id: string) => api.post<{ refunded: number }>(`/api/canteen/orders/${id}/cancel`),
  rate: (id: string, ratings: { dishId: string; stars: number; comment?: string | null }[]) =>
    api.post(`/api/canteen/orders/${id}/ratings`, { ratings }),
  points: () => api.get<Point[]>('/api/canteen/points'),
  kitchen: (pointId: string, day: string, meal: Meal) =>
    api.get<Kitchen>(`/api/canteen/points/${pointId}/kitchen`, { day, meal }),
  menus: (pointId: string, from: string, to: string) =>
    api.get<Menu[]>(`/api/canteen/points/${pointId}/menus`, { from, to }),
  putMenu: (pointId: string, day: string, meal: Meal, items: { dishId: string }[]) =>
    api.put(`/api/canteen/points/${pointId}/menus/${day}/${meal}`, { items }),
  dishes: () => api.get<Dish[]>('/api/canteen/dishes'),
  addDish: (d: DishInput) => api.post<{ id: string }>('/api/canteen/dishes', d),
  updateDish: (id: string, d: DishInput) => api.put<{ id: string }>(`/api/canteen/dishes/${id}`, d),
  uploadPhoto: (file: File) => api.upload<{ id: string }>('/api/files', file),
  addPoint: (p: PointInput) => api.post<{ id: string }>('/api/canteen/points', p),
  /** answers how many placed orders from today on still stand (a deactivated point keeps them) */
  updatePoint: (id: string, p: Partial<PointFields> & { active?: boolean }) =>
    api.patch<{ id: string; upcomingOrders: number }>(`/api/canteen/points/${id}`, p),
  slots: (pointId: string) => api.get<Slot[]>(`/api/canteen/points/${pointId}/slots`),
  addSlot: (pointId: string, s: SlotInput) =>
    api.post<{ id: string }>(`/api/canteen/points/${pointId}/slots`, s),
  patchSlot: (id: string, p: Partial<SlotInput> & { active?: boolean }) =>
    api.patch(`/api/canteen/slots/${id}`, p),
  routes: (pointId: string) => api.get<RouteRow[]>(`/api/canteen/points/${pointId}/routes`),
  addRoute: (pointId: string, r: RouteInput) =>
    api.post<{ id: string }>(`/api/canteen/points/${pointId}/routes`, r),
  /** answers how many placed orders from today on ride the route (they keep it) */
  patchRoute: (id: string, r: Partial<RouteInput> & { active?: boolean }) =>
    api.patch<{ id: string; upcomingOrders: number }>(`/api/canteen/routes/${id}`, r),
  orderRoutes: (pointId: string, ids: string[]) =>
    api.put(`/api/canteen/points/${pointId}/routes/order`, { ids }),
};
