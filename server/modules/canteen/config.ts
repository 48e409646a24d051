import { z } from 'zod';
import type { Config } from '../../kernel/config.ts';
import { moduleConfig } from '../../kernel/config.ts';

/** Canteen settings: the default lunch-order cut-off (local time on the day) and how far ahead one may order. */
export function canteenConfig(config: Config) {
  const c = moduleConfig(
    config,
    z.object({
      GOA_CANTEEN_CUTOFF: z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:mm')
        .default('10:00'),
      GOA_CANTEEN_ORDER_DAYS: z.coerce.number().int().min(0).max(31).default(7),
    }),
  );
  return { cutoff: c.GOA_CANTEEN_CUTOFF, orderDays: c.GOA_CANTEEN_ORDER_DAYS, timeZone: config.timeZone };
}
export type CanteenConfig = ReturnType<typeof canteenConfig>;
