import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import * as L from 'leaflet';
import { BaseMap, esc, ROUTE_COLOURS, type MapHandle } from './BaseMap.tsx';

/** One vehicle's route of a plan proposal: its stops in order (WGS-84). */
export interface PlanMapRoute {
  vehicleId: string;
  label: string;
  stops: { kind: string; point: { lon: number; lat: number }; label?: string }[];
}

interface Drawn {
  group: L.LayerGroup;
  legend: L.Control;
}

function draw(h: MapHandle, routes: readonly PlanMapRoute[], previous: Drawn | null): Drawn {
  previous?.group.remove();
  previous?.legend.remove();
  const group = L.layerGroup().addTo(h.map);
  const bounds = L.latLngBounds([]);
  routes.forEach((r, i) => {
    const colour = ROUTE_COLOURS[i % ROUTE_COLOURS.length]!;
    const pts = r.stops.map((s) => h.latLng(s.point));
    pts.forEach((p) => bounds.extend(p));
    L.polyline(pts, { color: colour, weight: 3, opacity: 0.85 })
      .bindTooltip(esc(r.label), { sticky: true })
      .addTo(group);
    let n = 0;
    r.stops.forEach((s, k) => {
      const depot = s.kind === 'depot' || k === 0 || k === r.stops.length - 1;
      if (!depot) n++;
      const marker = depot
        ? L.rectangle(pts[k]!.toBounds(260), {
            color: colour,
            weight: 1.5,
            fillColor: '#fff',
            fillOpacity: 1,
          })
        : L.circleMarker(pts[k]!, {
            radius: 6,
            color: '#fff',
            weight: 1.5,
            fillColor: colour,
            fillOpacity: 1,
          });
      marker
        .bindTooltip(`${esc(r.label)} · ${depot ? '⌂' : n}${s.label ? ` ${esc(s.label)}` : ''}`)
        .addTo(group);
    });
  });
  const legend = new L.Control({ position: 'topright' });
  legend.onAdd = () => {
    const div = L.DomUtil.create('div', 'veh-map-legend');
    div.dataset.testid = 'veh-plan-map-legend';
    div.innerHTML = routes
      .slice(0, 20)
      .map(
        (r, i) =>
          `<div><i style="background:${ROUTE_COLOURS[i % ROUTE_COLOURS.length]}"></i>${esc(r.label)}</div>`,
      )
      .join('');
    return div;
  };
  legend.addTo(h.map);
  if (bounds.isValid()) h.map.fitBounds(bounds, { padding: [24, 24], maxZoom: 14 });
  return { group, legend };
}

/**
 * The routes of a dispatch plan proposal on the map: each vehicle's sequence of places as a line in
 * its own colour, numbered stops, the depot as a square, a legend of plates; the view fits them.
 */
export function PlanMap({ routes, height = 440 }: { routes: PlanMapRoute[]; height?: number }) {
  const handle = useRef<MapHandle | null>(null);
  const drawn = useRef<Drawn | null>(null);
  const latest = useRef(routes);
  useLayoutEffect(() => {
    latest.current = routes;
  });

  const ready = useCallback(
    (h: MapHandle) => {
      handle.current = h;
      drawn.current = draw(h, latest.current, null);
    },
    [latest],
  );

  // redraw (and refit) only when the routes' content changes, not on every render of the page
  const key = JSON.stringify(routes);
  useEffect(() => {
    if (handle.current) drawn.current = draw(handle.current, latest.current, drawn.current);
  }, [key]);

  return <BaseMap onReady={ready} style={{ height }} testId="veh-plan-map" />;
}
