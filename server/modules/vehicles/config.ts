import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

const flag = z
  .enum(['0', '1', 'true', 'false'])
  .default('0')
  .transform((v) => v === '1' || v === 'true');

const schema = z.object({
  GOA_VEHICLES_REPLACE_YEARS: z.coerce.number().int().min(1).max(30).default(8),
  GOA_VEHICLES_REPLACE_KM: z.coerce.number().int().min(10_000).max(2_000_000).default(250_000),
  GOA_VEHICLES_REMIND_DAYS: z.coerce.number().int().min(1).max(180).default(30),
  GOA_VEHICLES_MILEAGE_MARGIN: z.coerce.number().min(0).max(5).default(0.2),
  GOA_VEHICLES_SIMULATE: flag,
  GOA_VEHICLES_TILES: z.enum(['none', 'tianditu', 'amap']).default('none'),
  GOA_VEHICLES_TILE_KEY: z.string().max(200).default(''),
});

export interface VehiclesConfig {
  replacement: { years: number; km: number };
  remindDays: number;
  mileageMargin: number;
  simulate: boolean;
  tiles: { provider: 'none' | 'tianditu' | 'amap'; key: string };
}

/** The module's settings (GOA_VEHICLES_*), parsed once. */
export function vehiclesConfig(config: Config): VehiclesConfig {
  const c = moduleConfig(config, schema);
  return {
    replacement: { years: c.GOA_VEHICLES_REPLACE_YEARS, km: c.GOA_VEHICLES_REPLACE_KM },
    remindDays: c.GOA_VEHICLES_REMIND_DAYS,
    mileageMargin: c.GOA_VEHICLES_MILEAGE_MARGIN,
    simulate: c.GOA_VEHICLES_SIMULATE,
    tiles: { provider: c.GOA_VEHICLES_TILES, key: c.GOA_VEHICLES_TILE_KEY },
  };
}
