import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import type { GoaModule } from '../../kernel/module.ts';
import { attendanceSettings } from './config.ts';
import { seedAttendance } from './demo.ts';
import { setHookTimeZone } from './matters.ts';
import { attendanceRoutes } from './routes.ts';
import { closeDays } from './settings.ts';
import './permissions.ts';
import './tables.ts';

registerOwnerResolver('attendance.rule', async (db, id) =>
  db
    .selectFrom('attendance_rule')
    .select(['jurisdiction_id as jurisdictionId', 'unit_id as unitId'])
    .where('id', '=', id)
    .executeTakeFirst(),
);
registerOwnerResolver('attendance.site', async (db, id) =>
  db
    .selectFrom('attendance_site')
    .select(['jurisdiction_id as jurisdictionId', 'unit_id as unitId'])
    .where('id', '=', id)
    .executeTakeFirst(),
);

export const CLOSE_JOB = 'attendance.close';

/** Attendance (考勤): clock-ins, working-hour rules, leave and trips, corrections, monthly reports. */
export const attendance: GoaModule = {
  name: 'attendance',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const settings = attendanceSettings(ctx.config);
    setHookTimeZone(settings.timeZone);
    attendanceRoutes(app, ctx, settings);
    registerJob(CLOSE_JOB, async () => void (await closeDays(ctx.db, settings.timeZone)));
    registerSchedule('attendance.close.nightly', '10 0 * * *', CLOSE_JOB);
  },
  seedDemo: seedAttendance,
};
