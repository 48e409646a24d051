import { Space, Tag, Tooltip } from 'antd';
import { useT } from '../../app/i18n.ts';
import { fmtDateTime } from '../../shared/format.ts';
import type { Timeline } from './api.ts';
import { m } from './messages.ts';

const HOURS = [6, 22] as const;

/**
 * A day timeline of vehicles (rows) and their trips (bars), 06:00–22:00 local. A sealed vehicle's row
 * carries a tag; a trip on a sealed vehicle under a special approval is striped red (and says so).
 */
export function Gantt({
  data,
  dayStart,
  onTrip,
}: {
  data: Timeline;
  dayStart: number;
  onTrip?: (id: string) => void;
}) {
  const t = useT(m);
  const from = dayStart + HOURS[0] * 3_600_000;
  const span = (HOURS[1] - HOURS[0]) * 3_600_000;
  const pct = (ms: number) => Math.max(0, Math.min(100, ((ms - from) / span) * 100));
  const used = new Set(data.trips.map((t) => t.vehicleId));
  const rows = [...data.vehicles]
    .sort((a, b) => Number(used.has(b.id)) - Number(used.has(a.id)))
    .slice(0, Math.max(20, used.size + 5));
  const legend: [string, string][] = [
    ['veh-st-assigned', t('st_assigned')],
    ['veh-st-started', t('trip_started')],
    ['veh-st-finished', t('trip_finished')],
    ['veh-loan', t('loan')],
    ['veh-sealed-use', t('sealedOverride')],
  ];
  return (
    <>
      <Space wrap size={12} className="veh-gantt-legend">
        {legend.map(([cls, label]) => (
          <span key={cls}>
            <i className={`veh-gantt-key ${cls}`} /> {label}
          </span>
        ))}
      </Space>
      <div className="veh-gantt" data-testid="veh-gantt">
        <div className="veh-gantt-row veh-gantt-head">
          <div className="veh-gantt-label" />
          <div className="veh-gantt-track">
            {Array.from({ length: HOURS[1] - HOURS[0] + 1 }, (_, i) => (
              <span
                key={i}
                className="veh-gantt-hour"
                style={{ left: `${(i / (HOURS[1] - HOURS[0])) * 100}%` }}
              >
                {HOURS[0] + i}
              </span>
            ))}
          </div>
        </div>
        {rows.map((v) => (
          <div key={v.id} className="veh-gantt-row">
            <div className="veh-gantt-label">
              {v.plate}{' '}
              {v.status === 'sealed' && (
                <Tag color="red" variant="outlined" className="veh-gantt-tag">
                  {t('sealedTag')}
                </Tag>
              )}
              <small>{v.jurisdictionName}</small>
            </div>
            <div className="veh-gantt-track">
              {data.trips
                .filter((trip) => trip.vehicleId === v.id)
                .map((trip) => {
                  const s = pct(new Date(trip.startsAt).getTime());
                  const e = pct(new Date(trip.endsAt).getTime());
                  const flag = trip.sealedOverride ? `[${t('sealedOverride')}] ` : '';
                  return (
                    <Tooltip
                      key={trip.id}
                      title={`${flag}${trip.no} ${trip.driverName} ${fmtDateTime(trip.startsAt)}–${fmtDateTime(trip.endsAt)} ${trip.purpose ?? ''}`}
                    >
                      <div
                        className={`veh-gantt-bar veh-st-${trip.status}${trip.loan ? ' veh-loan' : ''}${trip.sealedOverride ? ' veh-sealed-use' : ''}`}
                        data-sealed-override={trip.sealedOverride ? 'true' : undefined}
                        style={{ left: `${s}%`, width: `${Math.max(0.8, e - s)}%` }}
                        onClick={() => onTrip?.(trip.id)}
                      >
                        {trip.driverName}
                      </div>
                    </Tooltip>
                  );
                })}
            </div>
          </div>
        ))}
        {rows.length === 0 && <Tag>—</Tag>}
      </div>
    </>
  );
}
