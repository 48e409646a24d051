import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

/** Settings of the visitors module (README, configuration table). */
export interface VisitorsConfig {
  /** 32-byte key (64 hex characters or base64) for ID numbers; absent: a key file in the data dir */
  dataKey: string | undefined;
  /** days after a visit ends before its ID number and mobile are purged */
  retainDays: number;
  /** requests per minute per client on the public pages */
  publicPerMinute: number;
}

export function visitorsConfig(config: Config): VisitorsConfig {
  const c = moduleConfig(
    config,
    z.object({
      GOA_DATA_KEY: z.string().min(1).optional(),
      GOA_VISITORS_RETAIN_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
      GOA_VISITORS_PUBLIC_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(30),
    }),
  );
  return {
    dataKey: c.GOA_DATA_KEY,
    retainDays: c.GOA_VISITORS_RETAIN_DAYS,
    publicPerMinute: c.GOA_VISITORS_PUBLIC_PER_MINUTE,
  };
}
