import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../../kernel/module.ts';

/** Attendance (考勤). */
export const attendance: GoaModule = {
  name: 'attendance',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
};
