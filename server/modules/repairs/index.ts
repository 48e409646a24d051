import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Repairs (报修). */
export const repairs: GoaModule = {
  name: 'repairs',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
