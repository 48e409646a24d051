import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { auditRoutes } from './routes.ts';
import './permissions.ts';
import './tables.ts';

export { audit, auditMany, type AuditEntry } from './audit.ts';

export const auditComponent: GoaModule = {
  name: 'kernel.audit',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    auditRoutes(app, ctx);
  },
};
