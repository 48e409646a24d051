import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** One-card (一卡通). */
export const cards: GoaModule = {
  name: 'cards',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
