import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as L from 'leaflet';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Row,
  Segmented,
  Select,
  Slider,
  Space,
  Tag,
} from 'antd';
import { PauseOutlined, CaretRightOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../app/i18n.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { fmtDateTime, fmtDateTimeSeconds, nowInZone } from '../../../shared/format.ts';
import { BaseMap, esc, type MapHandle } from '../map/BaseMap.tsx';
import {
  commandApi,
  SOURCES,
  type BoardVehicle,
  type PositionSource,
  type Track,
  type TripInfo,
} from './api.ts';
import { cm } from './messages.ts';

/** Position at time `at` between the track's points (linear in time). */
export function interpolate(
  points: Track['points'],
  at: number,
): { lon: number; lat: number; speedKmh: number | null; source: PositionSource; i: number } | null {
  if (!points.length) return null;
  let lo = 0;
  let hi = points.length - 1;
  const ms = (k: number) => Date.parse(points[k]!.at);
  if (at <= ms(0)) return { ...points[0]!, i: 0 };
  if (at >= ms(hi)) return { ...points[hi]!, i: hi };
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (ms(mid) <= at) lo = mid;
    else hi = mid;
  }
  const a = points[lo]!;
  const b = points[hi]!;
  const f = (at - ms(lo)) / (ms(hi) - ms(lo) || 1);
  return {
    lon: a.lon + (b.lon - a.lon) * f,
    lat: a.lat + (b.lat - a.lat) * f,
    speedKmh: a.speedKmh,
    source: a.source,
    i: lo,
  };
}

const SPEEDS = [30, 120, 600];

/**
 * Trip replay: pick a trip of a day (or a vehicle and a period), draw its track, and play it back
 * with a time slider (play, pause, scrub, 30×/120×/600×).
 */
export function Replay({
  vehicles,
  tripId,
  onTrip,
}: {
  vehicles: BoardVehicle[];
  tripId: string | null;
  onTrip: (id: string | null) => void;
}) {
  const t = useT(cm);
  const onError = useApiError();
  const [mode, setMode] = useState<'trip' | 'vehicle'>('trip');
  const [day, setDay] = useState<Dayjs>(() => nowInZone());
  const [trips, setTrips] = useState<TripInfo[]>([]);
  const [vehicleId, setVehicleId] = useState<string | null>(null);
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(() => [nowInZone().subtract(6, 'hour'), nowInZone()]);
  const [trip, setTrip] = useState<TripInfo | null>(null);
  const [track, setTrack] = useState<Track | null>(null);
  const [clock, setClock] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(120);
  const handle = useRef<MapHandle | null>(null);
  const layers = useRef<{
    line: L.Polyline;
    done: L.Polyline;
    car: L.CircleMarker;
    stops: L.LayerGroup;
  } | null>(null);

  useEffect(() => {
    commandApi.trips(day.format('YYYY-MM-DD')).then(setTrips, onError);
  }, [day, onError]);

  const show = useCallback((info: TripInfo | null, tr: Track) => {
    setTrip(info);
    setTrack(tr);
    setPlaying(false);
    setClock(tr.points.length ? Date.parse(tr.points[0]!.at) : 0);
  }, []);

  useEffect(() => {
    if (!tripId) return;
    commandApi.tripTrack(tripId).then((r) => {
      const z = nowInZone();
      const startDay = z.add(Date.parse(r.trip.startsAt) - z.valueOf(), 'ms');
      setDay((d) => (d.format('YYYY-MM-DD') === startDay.format('YYYY-MM-DD') ? d : startDay));
      show(r.trip, r.track);
    }, onError);
  }, [tripId, show, onError]);

  // draw the track when it changes
  const draw = useCallback((h: MapHandle, tr: Track | null, info: TripInfo | null) => {
    if (layers.current) {
      layers.current.line.remove();
      layers.current.done.remove();
      layers.current.car.remove();
      layers.current.stops.remove();
      layers.current = null;
    }
    if (!tr || !tr.points.length) return;
    const pts = tr.points.map((p) => h.latLng(p));
    const line = L.polyline(pts, { color: '#8c8c8c', weight: 3, opacity: 0.7 }).addTo(h.map);
    const done = L.polyline([], { color: '#1677ff', weight: 4 }).addTo(h.map);
    const stops = L.layerGroup().addTo(h.map);
    (info?.stops ?? []).forEach((s, i) =>
      L.circleMarker(h.latLng(s), {
        radius: 6,
        color: '#fff',
        weight: 2,
        fillColor: '#fa541c',
        fillOpacity: 1,
      })
        .bindTooltip(`${i + 1}. ${esc(s.name)}`)
        .addTo(stops),
    );
    const car = L.circleMarker(pts[0]!, {
      radius: 8,
      color: '#fff',
      weight: 2,
      fillColor: '#1677ff',
      fillOpacity: 1,
    }).addTo(h.map);
    layers.current = { line, done, car, stops };
    h.map.fitBounds(line.getBounds(), { padding: [30, 30], maxZoom: 15 });
  }, []);
  const ready = useCallback(
    (h: MapHandle) => {
      handle.current = h;
      draw(h, track, trip);
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [draw],
  );
  useEffect(() => {
    if (handle.current) draw(handle.current, track, trip);
  }, [track, trip, draw]);

  // move the car along the track with the clock
  const now = useMemo(() => (track ? interpolate(track.points, clock) : null), [track, clock]);
  useEffect(() => {
    const h = handle.current;
    const l = layers.current;
    if (!h || !l || !track || !now) return;
    const at = h.latLng(now);
    l.car.setLatLng(at);
    l.done.setLatLngs([...track.points.slice(0, now.i + 1).map((p) => h.latLng(p)), at]);
  }, [now, track]);

  const start = track?.points.length ? Date.parse(track.points[0]!.at) : 0;
  const end = track?.points.length ? Date.parse(track.points[track.points.length - 1]!.at) : 0;
  useEffect(() => {
    if (!playing) return;
    const step = 200;
    const id = window.setInterval(() => {
      setClock((c) => {
        const next = c + step * speed;
        if (next >= end) {
          setPlaying(false);
          return end;
        }
        return next;
      });
    }, step);
    return () => window.clearInterval(id);
  }, [playing, speed, end]);

  const loadVehicle = () => {
    if (!vehicleId) return;
    onTrip(null);
    commandApi
      .vehicleTrack(vehicleId, period[0].toISOString(), period[1].toISOString())
      .then((tr) => show(null, tr), onError);
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={8}>
        <Card size="small">
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Segmented
              block
              value={mode}
              onChange={(v) => setMode(v as 'trip' | 'vehicle')}
              options={[
                { value: 'trip', label: t('byTrip') },
                { value: 'vehicle', label: t('byVehicle') },
              ]}
            />
            {mode === 'trip' ? (
              <>
                <DatePicker
                  value={day}
                  onChange={(d) => d && setDay(d)}
                  allowClear={false}
                  style={{ width: '100%' }}
                />
                <Select
                  showSearch
                  style={{ width: '100%' }}
                  placeholder={t('pickTrip')}
                  value={tripId ?? undefined}
                  onChange={(v: string) => onTrip(v)}
                  optionFilterProp="label"
                  notFoundContent={t('noTrips')}
                  data-testid="veh-replay-trip"
                  options={trips.map((x) => ({
                    value: x.id,
                    label: `${x.plate} · ${x.no} · ${fmtDateTime(x.startsAt).slice(-5)}–${fmtDateTime(x.endsAt).slice(-5)}`,
                  }))}
                />
              </>
            ) : (
              <>
                <Select
                  showSearch
                  style={{ width: '100%' }}
                  placeholder={t('vehicle')}
                  value={vehicleId ?? undefined}
                  onChange={setVehicleId}
                  optionFilterProp="label"
                  options={vehicles.map((v) => ({
                    value: v.id,
                    label: `${v.plate} · ${v.jurisdictionName}`,
                  }))}
                />
                <DatePicker.RangePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  value={period}
                  onChange={(r) => r?.[0] && r[1] && setPeriod([r[0], r[1]])}
                  style={{ width: '100%' }}
                />
                <Button type="primary" onClick={loadVehicle} disabled={!vehicleId}>
                  {t('load')}
                </Button>
              </>
            )}
          </Space>
        </Card>
        {trip && (
          <Card size="small" style={{ marginTop: 12 }} data-testid="veh-replay-info">
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('plate')}>{trip.plate}</Descriptions.Item>
              <Descriptions.Item label={t('trip')}>
                {trip.no} <Tag>{t(`tripStatus_${trip.status}` as 'tripStatus_finished')}</Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('driver')}>{trip.driverName}</Descriptions.Item>
              <Descriptions.Item label={t('period')}>
                {fmtDateTime(trip.startsAt)} – {fmtDateTime(trip.endsAt).slice(-5)}
              </Descriptions.Item>
              {trip.stops.length > 0 && (
                <Descriptions.Item label={t('stops')}>
                  {trip.stops.map((s) => s.name).join(' → ')}
                </Descriptions.Item>
              )}
              {trip.km !== null && <Descriptions.Item label={t('kmLabel')}>{trip.km}</Descriptions.Item>}
              {track && track.total > 0 && (
                <Descriptions.Item label={t('source')}>
                  <span data-testid="veh-replay-sources">
                    {SOURCES.filter((s) => track.sources[s])
                      .map((s) => t('sourceCount', { name: t(`src_${s}`), n: track.sources[s]! }))
                      .join(' · ')}
                  </span>
                </Descriptions.Item>
              )}
            </Descriptions>
          </Card>
        )}
      </Col>
      <Col xs={24} lg={16}>
        <BaseMap onReady={ready} style={{ height: 500 }} testId="veh-replay-map" />
        {track && track.points.length === 0 && (
          <Alert style={{ marginTop: 8 }} type="info" showIcon message={t('noTrack')} />
        )}
        {track && track.points.length > 0 && (
          <Card size="small" style={{ marginTop: 8 }} data-testid="veh-replay-player">
            <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
              <Space>
                <Button
                  type="primary"
                  icon={playing ? <PauseOutlined /> : <CaretRightOutlined />}
                  onClick={() => {
                    if (!playing && clock >= end) setClock(start);
                    setPlaying(!playing);
                  }}
                  data-testid="veh-replay-play"
                >
                  {playing ? t('pause') : t('play')}
                </Button>
                <Segmented
                  value={speed}
                  onChange={(v) => setSpeed(Number(v))}
                  options={SPEEDS.map((s) => ({ value: s, label: `${s}×` }))}
                />
              </Space>
              <span data-testid="veh-replay-clock">
                {fmtDateTimeSeconds(new Date(clock).toISOString())}
                {now?.speedKmh !== null && now?.speedKmh !== undefined
                  ? ` · ${t('kmh', { v: now.speedKmh })}`
                  : ''}
                {now ? ` · ${t(`src_${now.source}`)}` : ''}
              </span>
              <span style={{ color: '#8c8c8c' }}>
                {t('points', { n: track.points.length, total: track.total })}
              </span>
            </Space>
            <Slider
              min={start}
              max={end}
              step={1000}
              value={clock}
              onChange={(v: number) => {
                setPlaying(false);
                setClock(v);
              }}
              tooltip={{
                formatter: (v) => (v ? fmtDateTimeSeconds(new Date(v).toISOString()).slice(-8) : ''),
              }}
              data-testid="veh-replay-slider"
            />
          </Card>
        )}
        {!track && <Empty style={{ marginTop: 16 }} description={t('pickTrip')} />}
      </Col>
    </Row>
  );
}
