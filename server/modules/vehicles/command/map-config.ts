import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { VehiclesConfig } from '../config.ts';

export interface TileLayerConfig {
  url: string;
  subdomains: string[];
  attribution: string;
  maxZoom: number;
}

/** What the web map needs: tile layers (none = the offline outlines only) and the datum they are drawn in. */
export interface MapConfig {
  provider: 'none' | 'tianditu' | 'amap' | 'custom';
  /** wgs84: positions drawn as stored; gcj02: the web converts WGS-84 positions before drawing (AMap) */
  crs: 'wgs84' | 'gcj02';
  layers: TileLayerConfig[];
  center: { lon: number; lat: number };
  zoom: number;
  staleMinutes: number;
  refreshSeconds: number;
}

const TIANDITU = (layer: 'vec' | 'cva', key: string): TileLayerConfig => ({
  url:
    `https://t{s}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
    `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${encodeURIComponent(key)}`,
  subdomains: ['0', '1', '2', '3', '4', '5', '6', '7'],
  attribution: '天地图 © 国家地理信息公共服务平台',
  maxZoom: 18,
});

/** The map settings served to the web (GOA_VEHICLES_TILES and friends). */
export function mapConfig(cfg: VehiclesConfig): MapConfig {
  const t = cfg.tiles;
  const base = {
    center: { lon: 119.97, lat: 31.78 },
    zoom: 11,
    staleMinutes: cfg.staleMinutes,
    refreshSeconds: 10,
  };
  switch (t.provider) {
    case 'tianditu':
      // Tianditu draws CGCS2000, within centimetres of WGS-84: no conversion
      return {
        ...base,
        provider: 'tianditu',
        crs: 'wgs84',
        layers: [TIANDITU('vec', t.key), TIANDITU('cva', t.key)],
      };
    case 'amap':
      return {
        ...base,
        provider: 'amap',
        crs: 'gcj02',
        layers: [
          {
            url: 'https://webrd0{s}.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}',
            subdomains: ['1', '2', '3', '4'],
            attribution: '© 高德地图 AutoNavi',
            maxZoom: 18,
          },
        ],
      };
    case 'custom':
      return {
        ...base,
        provider: 'custom',
        crs: t.crs,
        layers: t.url
          ? [{ url: t.url, subdomains: ['a', 'b', 'c'], attribution: t.attribution, maxZoom: 19 }]
          : [],
      };
    default:
      return { ...base, provider: 'none', crs: 'wgs84', layers: [] };
  }
}

export const BUNDLED_BOUNDARIES = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  'boundaries',
  'changzhou.geojson',
);

let cached: { file: string; text: string } | null = null;

/** The district boundaries GeoJSON: the configured file, else the bundled simplified outlines. */
export function boundaries(cfg: VehiclesConfig): string {
  const file = cfg.boundariesFile || BUNDLED_BOUNDARIES;
  if (cached?.file !== file) cached = { file, text: fs.readFileSync(file, 'utf8') };
  return cached.text;
}
