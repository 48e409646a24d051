import type { WebModule } from './web-module.ts';
import { mine } from '../modules/mine/module.ts';
import { vehicles } from '../modules/vehicles/module.ts';
import { rooms } from '../modules/rooms/module.ts';
import { visitors } from '../modules/visitors/module.ts';
import { repairs } from '../modules/repairs/module.ts';
import { cards } from '../modules/cards/module.ts';
import { canteen } from '../modules/canteen/module.ts';
import { library } from '../modules/library/module.ts';
import { attendance } from '../modules/attendance/module.ts';
import { energy } from '../modules/energy/module.ts';

/** The business modules of the web app, in menu order (the server's list is server/modules.ts). */
export const webModules: readonly WebModule[] = [
  mine,
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
