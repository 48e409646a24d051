import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Canteen (食堂订餐). */
export const canteen: GoaModule = {
  name: 'canteen',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
