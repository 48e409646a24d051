import type { FeatureCollection } from 'geojson';
import { api } from '../../../shared/api.ts';

export interface TileLayerConfig {
  url: string;
  subdomains: string[];
  attribution: string;
  maxZoom: number;
}

/** GET /api/vehicles/map/config */
export interface MapConfig {
  provider: 'none' | 'tianditu' | 'amap' | 'custom';
  crs: 'wgs84' | 'gcj02';
  layers: TileLayerConfig[];
  center: { lon: number; lat: number };
  zoom: number;
  staleMinutes: number;
  refreshSeconds: number;
}

export interface MapSettings {
  config: MapConfig;
  boundaries: FeatureCollection;
}

let loading: Promise<MapSettings> | null = null;

/** The map settings and district outlines, fetched once per page load and shared by every map. */
export function loadMapSettings(): Promise<MapSettings> {
  loading ??= Promise.all([
    api.get<MapConfig>('/api/vehicles/map/config'),
    api.get<FeatureCollection>('/api/vehicles/map/boundaries'),
  ]).then(([config, boundaries]) => ({ config, boundaries }));
  loading.catch(() => (loading = null));
  return loading;
}
