import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { buildingRoutes } from './routes-buildings.ts';
import './permissions.ts';
import './tables.ts';

export { listBuildings, getBuilding, type Building, type BuildingQuery } from './buildings.ts';

/** Meeting rooms (会议室) and the office-building registry (办公楼). */
export const rooms: GoaModule = {
  name: 'rooms',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    buildingRoutes(app, ctx);
  },
};
