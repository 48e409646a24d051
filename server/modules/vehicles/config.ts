import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

const schema = z.object({
  GOA_VEHICLES_REPLACE_YEARS: z.coerce.number().int().min(1).max(30).default(8),
  GOA_VEHICLES_REPLACE_KM: z.coerce.number().int().min(10_000).max(2_000_000).default(250_000),
  GOA_VEHICLES_REMIND_DAYS: z.coerce.number().int().min(1).max(180).default(30),
  GOA_VEHICLES_MILEAGE_MARGIN: z.coerce.number().min(0).max(5).default(0.2),
  GOA_VEHICLES_SIMULATE: z.enum(['auto', '0', '1', 'true', 'false']).default('auto'),
  GOA_VEHICLES_SIMULATE_SECONDS: z.coerce.number().int().min(2).max(600).default(10),
  GOA_VEHICLES_TILES: z.enum(['none', 'tianditu', 'amap', 'custom']).default('none'),
  GOA_VEHICLES_TILE_KEY: z.string().max(200).default(''),
  GOA_VEHICLES_TILE_URL: z.string().max(500).default(''),
  GOA_VEHICLES_TILE_CRS: z.enum(['wgs84', 'gcj02']).default('wgs84'),
  GOA_VEHICLES_TILE_ATTRIBUTION: z.string().max(200).default(''),
  GOA_VEHICLES_BOUNDARIES: z.string().max(500).default(''),
  GOA_VEHICLES_STALE_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  GOA_VEHICLES_REPLAN: z.enum(['propose', 'auto']).default('propose'),
  OSRM_URL: z.union([z.literal(''), z.url()]).default(''),
});

export interface VehiclesConfig {
  replacement: { years: number; km: number };
  remindDays: number;
  mileageMargin: number;
  simulate: boolean;
  /** seconds between the in-process simulator's position reports */
  simulateSeconds: number;
  tiles: {
    provider: 'none' | 'tianditu' | 'amap' | 'custom';
    key: string;
    /** custom: a Leaflet URL template ({s}, {z}, {x}, {y}) and the datum its tiles are drawn in */
    url: string;
    crs: 'wgs84' | 'gcj02';
    attribution: string;
  };
  /** a GeoJSON file of district boundaries replacing the bundled simplified outlines ('' = bundled) */
  boundariesFile: string;
  /** a position older than this is shown as stale on the command view */
  staleMinutes: number;
  /**
   * A request arriving or cancelled on a day with an accepted plan: 'propose' puts the change to the
   * dispatcher; 'auto' assigns an arriving request at once where it fits without moving anything else.
   * Accepted trips move only when the dispatcher accepts, started ones never.
   */
  replan: 'propose' | 'auto';
  /** an OSRM server automated dispatch takes travel times and distances from ('' = straight lines) */
  osrmUrl: string;
}

/** The module's settings (GOA_VEHICLES_*), parsed once. */
export function vehiclesConfig(config: Config): VehiclesConfig {
  const c = moduleConfig(config, schema);
  return {
    replacement: { years: c.GOA_VEHICLES_REPLACE_YEARS, km: c.GOA_VEHICLES_REPLACE_KM },
    remindDays: c.GOA_VEHICLES_REMIND_DAYS,
    mileageMargin: c.GOA_VEHICLES_MILEAGE_MARGIN,
    // 'auto': on in the demo (GOA_DEMO), where people expect the command view's vehicles to move
    simulate:
      c.GOA_VEHICLES_SIMULATE === 'auto'
        ? config.demo
        : c.GOA_VEHICLES_SIMULATE === '1' || c.GOA_VEHICLES_SIMULATE === 'true',
    simulateSeconds: c.GOA_VEHICLES_SIMULATE_SECONDS,
    tiles: {
      provider: c.GOA_VEHICLES_TILES,
      key: c.GOA_VEHICLES_TILE_KEY,
      url: c.GOA_VEHICLES_TILE_URL,
      crs: c.GOA_VEHICLES_TILE_CRS,
      attribution: c.GOA_VEHICLES_TILE_ATTRIBUTION,
    },
    boundariesFile: c.GOA_VEHICLES_BOUNDARIES,
    staleMinutes: c.GOA_VEHICLES_STALE_MINUTES,
    replan: c.GOA_VEHICLES_REPLAN,
    osrmUrl: c.OSRM_URL,
  };
}
