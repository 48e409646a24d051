import type { Generated } from 'kysely';

export type Meal = 'breakfast' | 'lunch' | 'dinner';
export type OrderMode = 'dine_in' | 'delivery';
export type DishCategory = 'set' | 'main' | 'side' | 'soup' | 'staple' | 'drink';

declare module '../../kernel/db/schema.ts' {
  interface Tables {
    canteen_point: {
      id: Generated<string>;
      name: string;
      jurisdiction_id: string;
      unit_id: string;
      address: string | null;
      location: string | null;
      cutoff: string | null;
      delivery: Generated<boolean>;
      active: Generated<boolean>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    canteen_dish: {
      id: Generated<string>;
      name: string;
      category: DishCategory;
      price: number;
      description: string | null;
      photo_file_id: string | null;
      active: Generated<boolean>;
      created_at: Generated<Date>;
      updated_at: Generated<Date>;
    };
    canteen_menu: {
      id: Generated<string>;
      point_id: string;
      day: string;
      meal: Meal;
      created_at: Generated<Date>;
    };
    canteen_menu_item: { menu_id: string; dish_id: string; price: number };
    canteen_slot: {
      id: Generated<string>;
      point_id: string;
      starts: string;
      ends: string;
      capacity: number;
      active: Generated<boolean>;
    };
    canteen_slot_day: { slot_id: string; day: string; capacity: number; booked: Generated<number> };
    canteen_route: {
      id: Generated<string>;
      point_id: string;
      name: string;
      sort: Generated<number>;
      active: Generated<boolean>;
      updated_at: Generated<Date>;
    };
    canteen_route_stop: {
      route_id: string;
      point_id: string;
      active: boolean;
      building: string;
      floor_from: number | null;
      floor_to: number | null;
      sort: Generated<number>;
    };
    canteen_order: {
      id: Generated<string>;
      person_id: string;
      jurisdiction_id: string;
      unit_id: string;
      point_id: string;
      menu_id: string;
      day: string;
      meal: Meal;
      mode: OrderMode;
      slot_id: string | null;
      route_id: string | null;
      building: string | null;
      floor: number | null;
      room: string | null;
      total: number;
      status: Generated<'placed' | 'cancelled'>;
      card_ref: string;
      created_at: Generated<Date>;
      cancelled_at: Date | null;
    };
    canteen_order_item: { order_id: string; dish_id: string; qty: number; price: number };
    canteen_rating: {
      order_id: string;
      dish_id: string;
      person_id: string;
      stars: number;
      comment: string | null;
      created_at: Generated<Date>;
    };
  }
}
