import { useEffect, useRef, useState } from 'react';
import * as L from 'leaflet';
import { Button, Space, Typography } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { BaseMap, esc, type MapHandle } from '../map/BaseMap.tsx';
import { gcj02ToWgs84 } from '../map/gcj02.ts';
import type { Geofence, Vertex } from './api.ts';
import { mg } from './messages.ts';
import './geofences.css';

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Display (map) coordinates back to the stored WGS-84 vertex. */
function toVertex(h: MapHandle, ll: L.LatLng): Vertex {
  const p =
    h.settings.config.crs === 'gcj02'
      ? gcj02ToWgs84({ lon: ll.lng, lat: ll.lat })
      : { lon: ll.lng, lat: ll.lat };
  return [round(p.lon), round(p.lat)];
}

const vertexIcon = (first: boolean) =>
  L.divIcon({
    className: first ? 'veh-fence-vertex veh-fence-vertex-first' : 'veh-fence-vertex',
    iconSize: [14, 14],
  });
const midIcon = L.divIcon({ className: 'veh-fence-mid', iconSize: [10, 10] });

/**
 * Draws and edits one geofence polygon on the vehicles base map (district outlines, configured tiles):
 * a click on the map adds a vertex, a vertex drags to reshape, a click on an edge's midpoint inserts one,
 * a double click on a vertex removes it. `value` is the ring in WGS-84 [lon, lat]; the other fences of
 * the jurisdiction are drawn faintly for reference.
 */
export function FenceEditor({
  value,
  onChange,
  others = [],
  invalid = false,
}: {
  value: Vertex[];
  onChange: (ring: Vertex[]) => void;
  others?: Geofence[];
  invalid?: boolean;
}) {
  const t = useT(mg);
  const [handle, setHandle] = useState<MapHandle | null>(null);
  const ring = useRef(value);
  const change = useRef(onChange);
  useEffect(() => {
    ring.current = value;
    change.current = onChange;
  });
  const layer = useRef<L.LayerGroup | null>(null);
  const fitted = useRef(false);

  // the map opens inside a sliding drawer: follow its size, and keep the fence (or its neighbours) in
  // view until the user starts drawing
  const touched = useRef(false);
  const others0 = useRef(others);
  useEffect(() => {
    others0.current = others;
  });
  useEffect(() => {
    if (!handle) return;
    const { map } = handle;
    const frame = () => {
      const pts = ring.current.length >= 3 ? ring.current : others0.current.flatMap((f) => f.ring);
      if (!pts.length) return;
      map.fitBounds(L.latLngBounds(pts.map(([lon, lat]) => handle.latLng({ lon, lat }))), {
        padding: [40, 40],
        maxZoom: 14,
        animate: false,
      });
    };
    const ro = new ResizeObserver(() => {
      map.invalidateSize({ animate: false });
      if (!touched.current) frame();
    });
    ro.observe(map.getContainer());
    return () => ro.disconnect();
  }, [handle]);

  // clicks on the map add a vertex; double clicks do not zoom while drawing
  useEffect(() => {
    if (!handle) return;
    const { map } = handle;
    map.doubleClickZoom.disable();
    const onClick = (e: L.LeafletMouseEvent) => {
      touched.current = true;
      change.current([...ring.current, toVertex(handle, e.latlng)]);
    };
    map.on('click', onClick);
    return () => {
      map.off('click', onClick);
    };
  }, [handle]);

  // the other fences, faint and inert
  useEffect(() => {
    if (!handle) return;
    const group = L.layerGroup().addTo(handle.map);
    for (const f of others)
      L.polygon(
        f.ring.map(([lon, lat]) => handle.latLng({ lon, lat })),
        { color: '#8c8c8c', weight: 1, dashArray: '4 4', fillOpacity: 0.05, interactive: false },
      )
        .bindTooltip(esc(f.name), { permanent: true, direction: 'center', className: 'veh-fence-label' })
        .addTo(group);
    // a new fence starts in view of the jurisdiction's others
    if (!fitted.current && ring.current.length < 3 && others.length) {
      const b = L.latLngBounds(
        others.flatMap((f) => f.ring.map(([lon, lat]) => handle.latLng({ lon, lat }))),
      );
      handle.map.fitBounds(b, { padding: [20, 20], animate: false });
    }
    return () => {
      group.remove();
    };
  }, [handle, others]);

  // the polygon being edited, its vertices and edge midpoints
  useEffect(() => {
    if (!handle) return;
    const { map } = handle;
    layer.current?.remove();
    const group = L.layerGroup().addTo(map);
    layer.current = group;
    const lls = value.map(([lon, lat]) => handle.latLng({ lon, lat }));
    const colour = invalid ? '#f5222d' : '#fa541c';
    const shape =
      lls.length >= 3
        ? L.polygon(lls, { color: colour, weight: 2, fillOpacity: 0.15, interactive: false })
        : L.polyline(lls, { color: colour, weight: 2, dashArray: '6 4', interactive: false });
    shape.addTo(group);
    lls.forEach((ll, i) => {
      const m = L.marker(ll, {
        icon: vertexIcon(i === 0),
        draggable: true,
        keyboard: false,
        zIndexOffset: 1000,
      });
      m.on('drag', () => {
        const next = [...lls];
        next[i] = m.getLatLng();
        shape.setLatLngs(next);
      });
      m.on('dragend', () => {
        touched.current = true;
        const next = [...ring.current];
        next[i] = toVertex(handle, m.getLatLng());
        change.current(next);
      });
      m.on('dblclick', (e) => {
        L.DomEvent.stop(e);
        change.current(ring.current.filter((_, j) => j !== i));
      });
      m.addTo(group);
    });
    if (lls.length >= 3)
      lls.forEach((a, i) => {
        const b = lls[(i + 1) % lls.length]!;
        const mid = L.marker(L.latLng((a.lat + b.lat) / 2, (a.lng + b.lng) / 2), {
          icon: midIcon,
          keyboard: false,
        });
        mid.on('click', (e) => {
          L.DomEvent.stop(e);
          const next = [...ring.current];
          next.splice(i + 1, 0, toVertex(handle, mid.getLatLng()));
          change.current(next);
        });
        mid.addTo(group);
      });
    if (!fitted.current && lls.length >= 3) {
      map.fitBounds(L.latLngBounds(lls), { padding: [40, 40], maxZoom: 14, animate: false });
    }
    fitted.current = true;
    return () => {
      group.remove();
    };
  }, [handle, value, invalid]);

  return (
    <div data-testid="veh-fence-editor">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('drawHint')}</Typography.Text>
      </Space>
      <BaseMap onReady={setHandle} style={{ height: 420 }} testId="veh-fence-map" />
      <Space style={{ marginTop: 8 }} wrap>
        <Typography.Text data-testid="veh-fence-points" type={value.length < 3 ? 'warning' : undefined}>
          {value.length < 3
            ? `${t('points', { n: value.length })} · ${t('needThree')}`
            : t('points', { n: value.length })}
        </Typography.Text>
        <Button size="small" disabled={!value.length} onClick={() => onChange(value.slice(0, -1))}>
          {t('undo')}
        </Button>
        <Button
          size="small"
          disabled={!value.length}
          onClick={() => onChange([])}
          data-testid="veh-fence-clear"
        >
          {t('clear')}
        </Button>
      </Space>
    </div>
  );
}
