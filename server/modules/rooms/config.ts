import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

/** The rooms module's settings (README, configuration table). */
const schema = z.object({
  /** minutes after a booking's start without check-in before the room is released (0: never) */
  GOA_ROOMS_NO_SHOW_MINUTES: z.coerce.number().int().min(0).max(240).default(15),
  /** minutes before the start from which the organiser may check in */
  GOA_ROOMS_CHECKIN_EARLY_MINUTES: z.coerce.number().int().min(0).max(120).default(15),
  /** the mail domain of organiser addresses in .ics invitations (accounts have no mail address) */
  GOA_ROOMS_MAIL_DOMAIN: z
    .string()
    .regex(/^[a-z0-9.-]+$/i)
    .default('goa.local'),
});

export type RoomsConfig = z.output<typeof schema>;

export function roomsConfig(config: Config): RoomsConfig {
  return moduleConfig(config, schema);
}
