import { useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import * as L from 'leaflet';
import { useT } from '../../../app/i18n.ts';
import { fmtDateTimeSeconds } from '../../../shared/format.ts';
import { BaseMap, esc, STATUS_COLOURS, type MapHandle } from '../map/BaseMap.tsx';
import { STATUSES, type BoardVehicle } from './api.ts';
import { cm } from './messages.ts';

/**
 * The last positions of the board's vehicles: one canvas circle per vehicle, coloured by status,
 * hollow when stale; markers are moved in place on every refresh (no re-creation), so 300 vehicles
 * refreshing every few seconds stay smooth. A click opens the vehicle's popup.
 */
export function LiveMap({
  vehicles,
  focus,
  onReplay,
}: {
  vehicles: BoardVehicle[];
  /** a vehicle to centre on and open (changes with a nonce so the same one can be focused twice) */
  focus: { id: string; n: number } | null;
  onReplay: (tripId: string) => void;
}) {
  const t = useT(cm);
  const handle = useRef<MapHandle | null>(null);
  const markers = useRef(new Map<string, L.CircleMarker>());
  const fitted = useRef(false);
  const byId = useRef(new Map<string, BoardVehicle>());
  const tRef = useRef(t);
  useLayoutEffect(() => {
    tRef.current = t;
  });
  const replayRef = useRef(onReplay);
  useLayoutEffect(() => {
    replayRef.current = onReplay;
  });

  const popup = useCallback((id: string) => {
    const v = byId.current.get(id);
    const tt = tRef.current;
    if (!v) return '';
    const p = v.position;
    const lines = [
      `<b>${esc(v.plate)}</b> <span style="color:${STATUS_COLOURS[v.status]}">● ${esc(tt(`st_${v.status}`))}</span>`,
      `${esc(v.label)} · ${esc(v.jurisdictionName)}`,
    ];
    /** "label: value" in the language's punctuation (the value is HTML already escaped) */
    const kv = (label: string, html: string) => tt('labelled', { label: esc(label), value: html });
    if (v.trip) {
      lines.push(kv(tt('driver'), esc(v.trip.driverName)));
      lines.push(
        `${esc(tt('trip'))}${tt('colon')}<a href="#" data-replay="${esc(v.trip.id)}">${esc(v.trip.no)}</a> · ${esc(tt(`tripStatus_${v.trip.status}` as 'tripStatus_started'))}`,
      );
      if (v.trip.route) lines.push(kv(tt('route'), esc(v.trip.route)));
    }
    if (p) {
      if (p.speedKmh !== null) lines.push(kv(tt('speed'), esc(tt('kmh', { v: p.speedKmh }))));
      lines.push(
        kv(tt('source'), `<span data-testid="veh-cmd-popup-source">${esc(tt(`src_${p.source}`))}</span>`),
      );
      lines.push(
        kv(tt('lastSeen'), esc(fmtDateTimeSeconds(p.at))) +
          (p.stale
            ? ` <span style="color:#cf1322">${esc(tt('parenthesised', { x: tt('stale') }))}</span>`
            : ''),
      );
    }
    return `<div class="veh-map-popup" data-testid="veh-cmd-popup">${lines.join('<br/>')}</div>`;
  }, []);

  const sync = useCallback(
    (h: MapHandle, list: BoardVehicle[]) => {
      byId.current = new Map(list.map((v) => [v.id, v]));
      const seen = new Set<string>();
      for (const v of list) {
        if (!v.position) continue;
        seen.add(v.id);
        const at = h.latLng(v.position);
        const style: L.CircleMarkerOptions = {
          radius: v.status === 'in_use' ? 7 : 5.5,
          color: STATUS_COLOURS[v.status],
          weight: v.position.stale ? 2 : 1,
          fillColor: STATUS_COLOURS[v.status],
          fillOpacity: v.position.stale ? 0.1 : 0.85,
          dashArray: v.position.stale ? '2 3' : undefined,
        };
        let m = markers.current.get(v.id);
        if (!m) {
          m = L.circleMarker(at, style)
            .bindPopup(() => popup(v.id), { minWidth: 220 })
            .addTo(h.map);
          m.bindTooltip(v.plate, { direction: 'top', offset: [0, -6] });
          markers.current.set(v.id, m);
        } else {
          m.setLatLng(at);
          m.setStyle(style);
          if (m.isPopupOpen()) m.setPopupContent(popup(v.id));
        }
        if (v.status === 'in_use') m.bringToFront();
      }
      for (const [id, m] of markers.current)
        if (!seen.has(id)) {
          m.remove();
          markers.current.delete(id);
        }
      // canvas markers are not DOM nodes: the count is published for tests and assistive tools
      h.map.getContainer().dataset.markers = String(markers.current.size);
      // the first time there are markers, show them all (a district sees its own part of the city)
      if (!fitted.current && markers.current.size > 0) {
        fitted.current = true;
        const bounds = L.latLngBounds([...markers.current.values()].map((m) => m.getLatLng()));
        h.map.fitBounds(bounds.pad(0.15), { maxZoom: 14 });
      }
    },
    [popup],
  );

  const latest = useRef(vehicles);
  useLayoutEffect(() => {
    latest.current = vehicles;
  });
  const ready = useCallback(
    (h: MapHandle) => {
      handle.current = h;
      const legend = new L.Control({ position: 'bottomleft' });
      legend.onAdd = () => {
        const div = L.DomUtil.create('div', 'veh-map-legend');
        div.innerHTML =
          STATUSES.map(
            (s) =>
              `<div><i style="background:${STATUS_COLOURS[s]}"></i>${esc(tRef.current(`st_${s}`))}</div>`,
          ).join('') +
          `<div><i style="border:1.5px dashed #555;background:transparent"></i>${esc(tRef.current('legendStale'))}</div>`;
        return div;
      };
      legend.addTo(h.map);
      h.map.getContainer().addEventListener('click', (e) => {
        const a = (e.target as HTMLElement).closest<HTMLElement>('[data-replay]');
        if (a?.dataset.replay) {
          e.preventDefault();
          replayRef.current(a.dataset.replay);
        }
      });
      sync(h, latest.current);
    },
    [sync],
  );

  useEffect(() => {
    if (handle.current) sync(handle.current, vehicles);
  }, [vehicles, sync]);

  useEffect(() => {
    const h = handle.current;
    if (!h || !focus) return;
    const m = markers.current.get(focus.id);
    if (!m) return;
    h.map.setView(m.getLatLng(), Math.max(h.map.getZoom(), 14));
    m.openPopup();
  }, [focus]);

  return <BaseMap onReady={ready} style={{ height: 560 }} testId="veh-cmd-map" />;
}
