import { Tag, Tooltip } from 'antd';
import { fmtDateTime } from '../../shared/format.ts';
import type { Timeline } from './api.ts';

const HOURS = [6, 22] as const;

/** A day timeline of vehicles (rows) and their trips (bars), 06:00–22:00 local. */
export function Gantt({
  data,
  dayStart,
  onTrip,
}: {
  data: Timeline;
  dayStart: number;
  onTrip?: (id: string) => void;
}) {
  const from = dayStart + HOURS[0] * 3_600_000;
  const span = (HOURS[1] - HOURS[0]) * 3_600_000;
  const pct = (ms: number) => Math.max(0, Math.min(100, ((ms - from) / span) * 100));
  const used = new Set(data.trips.map((t) => t.vehicleId));
  const rows = [...data.vehicles]
    .sort((a, b) => Number(used.has(b.id)) - Number(used.has(a.id)))
    .slice(0, Math.max(20, used.size + 5));
  return (
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
            {v.plate} <small>{v.jurisdictionName}</small>
          </div>
          <div className="veh-gantt-track">
            {data.trips
              .filter((t) => t.vehicleId === v.id)
              .map((t) => {
                const s = pct(new Date(t.startsAt).getTime());
                const e = pct(new Date(t.endsAt).getTime());
                return (
                  <Tooltip
                    key={t.id}
                    title={`${t.no} ${t.driverName} ${fmtDateTime(t.startsAt)}–${fmtDateTime(t.endsAt)} ${t.purpose ?? ''}`}
                  >
                    <div
                      className={`veh-gantt-bar veh-st-${t.status}${t.loan ? ' veh-loan' : ''}`}
                      style={{ left: `${s}%`, width: `${Math.max(0.8, e - s)}%` }}
                      onClick={() => onTrip?.(t.id)}
                    >
                      {t.driverName}
                    </div>
                  </Tooltip>
                );
              })}
          </div>
        </div>
      ))}
      {rows.length === 0 && <Tag>—</Tag>}
    </div>
  );
}
