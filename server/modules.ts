import type { GoaModule } from './kernel/module.ts';

/** The business modules, in order. Each is one folder under server/modules/. */
export const modules: readonly GoaModule[] = [];
