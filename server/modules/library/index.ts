import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { registerOwnerResolver } from '../../kernel/http/access.ts';
import { calendarService } from '../../kernel/calendar/index.ts';
import { registerJob, registerSchedule } from '../../kernel/jobs/index.ts';
import type { GoaModule } from '../../kernel/module.ts';
import { Circulation } from './circulation.ts';
import { libraryRules } from './config.ts';
import { seedLibrary } from './demo.ts';
import { libraryRoutes } from './routes.ts';
import './permissions.ts';
import './tables.ts';

registerOwnerResolver('library.book', async (db, id) =>
  db
    .selectFrom('library_book')
    .select(['jurisdiction_id as jurisdictionId', 'unit_id as unitId'])
    .where('id', '=', id)
    .executeTakeFirst(),
);
registerOwnerResolver('library.copy', async (db, id) =>
  db
    .selectFrom('library_copy as c')
    .innerJoin('library_book as b', 'b.id', 'c.book_id')
    .select(['b.jurisdiction_id as jurisdictionId', 'b.unit_id as unitId'])
    .where('c.id', '=', id)
    .executeTakeFirst(),
);
registerOwnerResolver('library.loan', async (db, id) =>
  db
    .selectFrom('library_loan')
    .select(['jurisdiction_id as jurisdictionId', 'unit_id as unitId'])
    .where('id', '=', id)
    .executeTakeFirst(),
);

export const DAILY_JOB = 'library.daily';

/** The staff library (勤学习): catalogue, self-service and desk circulation, holds, reminders, statistics. */
export const library: GoaModule = {
  name: 'library',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    const calendar = calendarService(ctx);
    const circulation = new Circulation({
      db: ctx.db,
      rules: libraryRules(ctx.config),
      calendar: (tx) => calendar.get(tx),
      timeZone: ctx.config.timeZone,
    });
    libraryRoutes(app, ctx, circulation);
    registerJob(DAILY_JOB, async () => void (await circulation.daily()));
    registerSchedule('library.daily.morning', '0 8 * * *', DAILY_JOB);
  },
  seedDemo: seedLibrary,
};
