import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';
import { dispatchCommands } from './dispatch/cli.ts';

/** Official vehicles (公务用车). */
export const vehicles: GoaModule = {
  name: 'vehicles',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  commands: dispatchCommands,
};
