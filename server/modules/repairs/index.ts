import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type { GoaModule } from '../../kernel/module.ts';
import { moduleConfig } from '../../kernel/config.ts';
import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import { registerFileAccess } from '../../kernel/files/index.ts';
import { DataScope } from '../../kernel/access/scope.ts';
import { SYSTEM_ACTOR } from '../../kernel/http/access.ts';
import { alertOverdue } from './service.ts';
import { repairRoutes } from './routes.ts';
import { seedRepairs } from './demo.ts';
import './permissions.ts';
import './tables.ts';

/** Repairs (报修): reports (also by QR code), triage and assignment, the worker's phone steps, SLA alerts, statistics. */
export const repairs: GoaModule = {
  name: 'repairs',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const settings = moduleConfig(
      ctx.config,
      z.object({
        GOA_REPAIRS_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(20),
        GOA_REPAIRS_PUBLIC_PHOTOS: z.coerce.number().int().min(0).max(9).default(3),
        GOA_REPAIRS_PUBLIC_PHOTO_MAX_BYTES: z.coerce
          .number()
          .int()
          .min(1024)
          .default(5 * 1_048_576),
      }),
    );
    registerJob('repairs.overdue', async ({ db }) => {
      await alertOverdue(db, SYSTEM_ACTOR);
    });
    registerSchedule('repairs.overdue.every10min', '*/10 * * * *', 'repairs.overdue');
    // photos: the requester (uploader), the assigned worker and the office over the request's owner
    registerFileAccess('repairs.request', async (db, ownerId, principal) => {
      const row = await db
        .selectFrom('repair_request as r')
        .leftJoin('repair_contractor as k', 'k.id', 'r.contractor_id')
        .select(['r.unit_id', 'r.jurisdiction_id', 'r.assignee_account_id', 'k.account_id'])
        .where('r.id', '=', ownerId)
        .executeTakeFirst();
      if (!row) return false;
      if (row.assignee_account_id === principal.accountId || row.account_id === principal.accountId)
        return true;
      return DataScope.forPermission(principal.roles, 'repairs.read', principal.personId).covers({
        unitId: row.unit_id,
        jurisdictionId: row.jurisdiction_id,
      });
    });
    repairRoutes(app, ctx, settings.GOA_REPAIRS_PUBLIC_PER_MINUTE, {
      maxFiles: settings.GOA_REPAIRS_PUBLIC_PHOTOS,
      // never above the platform's own upload limit
      maxBytes: Math.min(settings.GOA_REPAIRS_PUBLIC_PHOTO_MAX_BYTES, ctx.config.fileMaxBytes),
    });
  },
  seedDemo: seedRepairs,
};
