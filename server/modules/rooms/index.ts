import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Meeting rooms (会议室). */
export const rooms: GoaModule = {
  name: 'rooms',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
