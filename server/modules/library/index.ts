import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Library (图书借阅). */
export const library: GoaModule = {
  name: 'library',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
