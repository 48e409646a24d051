import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties } from 'react';
import * as L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import type { Feature } from 'geojson';
import { Alert, Spin } from 'antd';
import { getLocale } from '../../../app/i18n.ts';
import { toDisplay, type LonLat } from './gcj02.ts';
import { loadMapSettings, type MapSettings } from './settings.ts';
import './map.css';

/** What a page draws with: the Leaflet map, the settings, and WGS-84 → display conversion. */
export interface MapHandle {
  map: L.Map;
  settings: MapSettings;
  /** a stored (WGS-84) position as a Leaflet LatLng on this map's tiles (GCJ-02 for AMap) */
  latLng(p: LonLat): L.LatLng;
}

const outlineStyle = (f?: Feature): L.PathOptions =>
  f?.properties?.level === 'city'
    ? { color: '#1d39c4', weight: 2.5, fill: false, dashArray: '6 4' }
    : { color: '#597ef7', weight: 1.2, fillColor: '#d6e4ff', fillOpacity: 0.35 };

/**
 * A Leaflet map (no react-leaflet): district outlines from the server as the offline base, tile
 * layers when the platform configures a provider, a canvas renderer so hundreds of markers stay
 * smooth. `onReady` receives the handle once; the map is removed on unmount.
 */
export function BaseMap({
  onReady,
  style,
  testId,
}: {
  onReady: (h: MapHandle) => void;
  style?: CSSProperties;
  testId?: string;
}) {
  const div = useRef<HTMLDivElement>(null);
  const ready = useRef(onReady);
  useLayoutEffect(() => {
    ready.current = onReady;
  });
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    let map: L.Map | null = null;
    let cancelled = false;
    loadMapSettings().then(
      (settings) => {
        if (cancelled || !div.current) return;
        setLoading(false);
        const { config } = settings;
        const show = toDisplay(config.crs);
        const latLng = (p: LonLat) => {
          const d = show(p);
          return L.latLng(d.lat, d.lon);
        };
        map = L.map(div.current, {
          preferCanvas: true,
          zoomControl: true,
          attributionControl: config.layers.length > 0,
          minZoom: 8,
          maxZoom: 18,
        }).setView(latLng(config.center), config.zoom);
        for (const layer of config.layers)
          L.tileLayer(layer.url, {
            subdomains: layer.subdomains,
            attribution: layer.attribution,
            maxZoom: layer.maxZoom,
          }).addTo(map);
        const en = getLocale() === 'en';
        L.geoJSON(settings.boundaries, {
          style: outlineStyle,
          coordsToLatLng: (c: number[]) => latLng({ lon: c[0]!, lat: c[1]! }),
          // the outlines are drawn on their own SVG pane under the markers; they take no clicks
          interactive: false,
          onEachFeature: (f, layer) => {
            const p = f.properties as { name?: string; nameEn?: string; level?: string } | null;
            if (p?.level !== 'city' && p?.name)
              layer.bindTooltip(en ? (p.nameEn ?? p.name) : p.name, {
                permanent: true,
                direction: 'center',
                className: 'veh-map-district',
              });
          },
        }).addTo(map);
        ready.current({ map, settings, latLng });
      },
      (e: unknown) => {
        if (cancelled) return;
        setLoading(false);
        setError(e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, []);

  return (
    <div className="veh-map" style={style} data-testid={testId}>
      <div ref={div} className="veh-map-canvas" />
      {loading && <Spin className="veh-map-spin" />}
      {error && <Alert type="error" showIcon message={error} className="veh-map-error" />}
    </div>
  );
}

/** Colours of the vehicle statuses (markers, tags, counts). */
export const STATUS_COLOURS: Record<string, string> = {
  available: '#52c41a',
  in_use: '#1677ff',
  maintenance: '#fa8c16',
  sealed: '#722ed1',
  retired: '#8c8c8c',
};

/** A palette for per-vehicle routes, distinct enough side by side. */
export const ROUTE_COLOURS = [
  '#1677ff',
  '#f5222d',
  '#52c41a',
  '#fa8c16',
  '#722ed1',
  '#13c2c2',
  '#eb2f96',
  '#a0d911',
  '#2f54eb',
  '#faad14',
  '#531dab',
  '#08979c',
];

/** Escapes text for Leaflet's HTML popups. */
export function esc(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
