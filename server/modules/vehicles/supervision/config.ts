import { z } from 'zod';
import { moduleConfig, type Config } from '../../../kernel/config.ts';
import { CATEGORIES, type Category } from '../tables.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM');

const schema = z.object({
  GOA_VEHICLES_SEAL_MIN_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  GOA_VEHICLES_SEAL_AT: hhmm.default('17:30'),
  GOA_VEHICLES_UNSEAL_AT: hhmm.default('07:00'),
  GOA_VEHICLES_SEAL_EXEMPT: z
    .string()
    .default('emergency,confidential_comms')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(CATEGORIES))),
  GOA_VEHICLES_SEAL_JITTER_M: z.coerce.number().int().min(10).max(5000).default(300),
  GOA_VEHICLES_WINDOW_YELLOW_MIN: z.coerce.number().int().min(1).max(1440).default(30),
  GOA_VEHICLES_WINDOW_RED_MIN: z.coerce.number().int().min(1).max(2880).default(120),
  GOA_VEHICLES_MILEAGE_MARGIN: z.coerce.number().min(0).max(5).default(0.2),
  GOA_VEHICLES_PLAN_DETOUR: z.coerce.number().min(1).max(3).default(1.3),
  GOA_VEHICLES_NIGHT_FROM: hhmm.default('22:00'),
  GOA_VEHICLES_NIGHT_TO: hhmm.default('06:00'),
  GOA_VEHICLES_ALERT_LOOKBACK_H: z.coerce.number().int().min(1).max(720).default(48),
  GOA_VEHICLES_COST_PER_KM_FEN: z.coerce.number().int().min(0).max(10_000).default(85),
  GOA_VEHICLES_DUTY_HOURS: z.coerce.number().min(1).max(24).default(8),
});

export interface SupervisionConfig {
  seal: { minDays: number; sealAt: string; unsealAt: string; exempt: Category[]; jitterM: number };
  alerts: {
    windowYellowMin: number;
    windowRedMin: number;
    mileageMargin: number;
    detour: number;
    nightFrom: string;
    nightTo: string;
    lookbackHours: number;
  };
  /** depreciation, maintenance and insurance per km, added to each trip's tolls, parking and fuel */
  costPerKmFen: number;
  /** available hours of a vehicle per working day, for utilisation */
  dutyHours: number;
}

/** Supervision and analysis settings (GOA_VEHICLES_SEAL_*, _WINDOW_*, _NIGHT_*, …), parsed once. */
export function supervisionConfig(config: Config): SupervisionConfig {
  const c = moduleConfig(config, schema);
  if (c.GOA_VEHICLES_WINDOW_RED_MIN < c.GOA_VEHICLES_WINDOW_YELLOW_MIN) {
    throw new Error(
      'Invalid configuration:\n  GOA_VEHICLES_WINDOW_RED_MIN: below GOA_VEHICLES_WINDOW_YELLOW_MIN',
    );
  }
  return {
    seal: {
      minDays: c.GOA_VEHICLES_SEAL_MIN_DAYS,
      sealAt: c.GOA_VEHICLES_SEAL_AT,
      unsealAt: c.GOA_VEHICLES_UNSEAL_AT,
      exempt: c.GOA_VEHICLES_SEAL_EXEMPT,
      jitterM: c.GOA_VEHICLES_SEAL_JITTER_M,
    },
    alerts: {
      windowYellowMin: c.GOA_VEHICLES_WINDOW_YELLOW_MIN,
      windowRedMin: c.GOA_VEHICLES_WINDOW_RED_MIN,
      mileageMargin: c.GOA_VEHICLES_MILEAGE_MARGIN,
      detour: c.GOA_VEHICLES_PLAN_DETOUR,
      nightFrom: c.GOA_VEHICLES_NIGHT_FROM,
      nightTo: c.GOA_VEHICLES_NIGHT_TO,
      lookbackHours: c.GOA_VEHICLES_ALERT_LOOKBACK_H,
    },
    costPerKmFen: c.GOA_VEHICLES_COST_PER_KM_FEN,
    dutyHours: c.GOA_VEHICLES_DUTY_HOURS,
  };
}
