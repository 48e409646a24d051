import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import './tables.ts';
import './storage/tables.ts';

/** Energy (能耗监测). */
export const energy: GoaModule = {
  name: 'energy',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
