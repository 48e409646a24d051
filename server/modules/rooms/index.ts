import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { registerFileAccess } from '../../kernel/files/index.ts';
import { buildingRoutes } from './routes-buildings.ts';
import { roomRoutes } from './routes.ts';
import { feedRoutes } from './routes-feeds.ts';
import { roomsConfig } from './config.ts';
import { registerRoomJobs } from './jobs.ts';
import { seedRooms } from './demo.ts';
import { setSummaryTimeZone } from './approval.ts';
import './permissions.ts';
import './tables.ts';

export { listBuildings, getBuilding, type Building, type BuildingQuery } from './buildings.ts';

/** Meeting rooms (会议室) and the office-building registry (办公楼). */
export const rooms: GoaModule = {
  name: 'rooms',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const cfg = roomsConfig(ctx.config);
    setSummaryTimeZone(ctx.config.timeZone);
    // a room's photo is shown to everyone who may see the catalogue
    registerFileAccess('rooms.room', () => true);
    registerRoomJobs(cfg);
    buildingRoutes(app, ctx);
    roomRoutes(app, ctx, cfg);
    feedRoutes(app, ctx, cfg);
  },
  seedDemo: (ctx, log) => seedRooms(ctx, log),
};
