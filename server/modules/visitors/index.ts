import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Visitors (访客). */
export const visitors: GoaModule = {
  name: 'visitors',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
