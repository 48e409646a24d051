import type { GoaModule } from './kernel/module.ts';
import { vehicles } from './modules/vehicles/index.ts';
import { rooms } from './modules/rooms/index.ts';
import { visitors } from './modules/visitors/index.ts';
import { repairs } from './modules/repairs/index.ts';
import { cards } from './modules/cards/index.ts';
import { canteen } from './modules/canteen/index.ts';
import { library } from './modules/library/index.ts';
import { attendance } from './modules/attendance/index.ts';
import { energy } from './modules/energy/index.ts';

/**
 * The business modules, in order (migrations, routes and demo seeding follow it). Each is one folder
 * under server/modules/; a module may use an earlier one through its index.ts (canteen → cards).
 */
export const modules: readonly GoaModule[] = [
  vehicles,
  rooms,
  visitors,
  repairs,
  cards,
  canteen,
  library,
  attendance,
  energy,
];
