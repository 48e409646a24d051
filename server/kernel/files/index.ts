import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import './tables.ts';

export const files: GoaModule = {
  name: 'kernel.files',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
