import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { calendarRoutes } from './routes.ts';
import './permissions.ts';
import './tables.ts';

export {
  addBusinessDays,
  businessDaysBetween,
  deadline,
  isBusinessDay,
  localDate,
  type BusinessCalendar,
} from './businessDays.ts';
export { calendarService, CalendarService } from './service.ts';

export const calendar: GoaModule = {
  name: 'kernel.calendar',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    calendarRoutes(app, ctx);
  },
};
