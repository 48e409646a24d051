import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../../kernel/calendar/businessDays.ts';
import {
  geofenceExit,
  mileageOverPlan,
  movedWhileSealed,
  offHours,
  outsideWindow,
  zoneOffsetMinutes,
} from './rules.ts';

const th = {
  windowYellowMin: 30,
  windowRedMin: 120,
  mileageMargin: 0.2,
  nightFrom: '22:00',
  nightTo: '06:00',
};
const at = (s: string) => Date.parse(s);
const cal: BusinessCalendar = {
  timeZone: 'Asia/Shanghai',
  days: new Map([
    ['2026-10-01', 'holiday'],
    ['2026-10-10', 'workday'],
  ]),
};

describe('outside the approved window', () => {
  const w = { approvedStart: at('2026-11-20T01:00:00Z'), approvedEnd: at('2026-11-20T05:00:00Z') };
  it('tolerates up to the yellow threshold', () => {
    expect(
      outsideWindow({ ...w, start: at('2026-11-20T00:40:00Z'), end: at('2026-11-20T05:30:00Z') }, 0, th),
    ).toBeNull();
  });
  it('yellow beyond it, red beyond the red one, early or late', () => {
    expect(outsideWindow({ ...w, start: at('2026-11-20T00:20:00Z'), end: w.approvedEnd }, 0, th)).toEqual({
      level: 'yellow',
      detail: { minutes: 40, early: 40, late: 0 },
    });
    expect(
      outsideWindow({ ...w, start: w.approvedStart, end: at('2026-11-20T07:30:00Z') }, 0, th)?.level,
    ).toBe('red');
  });
  it('an ongoing trip counts up to now', () => {
    const now = at('2026-11-20T06:00:00Z');
    expect(outsideWindow({ ...w, start: w.approvedStart, end: null }, now, th)?.detail.late).toBe(60);
  });
});

describe('mileage over plan', () => {
  it('within the margin, yellow, red', () => {
    expect(mileageOverPlan(120, 100, 0.2)).toBeNull();
    expect(mileageOverPlan(121, 100, 0.2)?.level).toBe('yellow');
    expect(mileageOverPlan(141, 100, 0.2)).toEqual({
      level: 'red',
      detail: { km: 141, plannedKm: 100, overPct: 41 },
    });
  });
  it('no plan, no alert', () => {
    expect(mileageOverPlan(500, 0, 0.2)).toBeNull();
  });
});

describe('night, weekend and holiday use', () => {
  it('a working-day trip in daylight is fine', () => {
    // Wed 2026-11-25 09:00–17:00 Beijing time
    expect(
      offHours({ start: at('2026-11-25T01:00:00Z'), end: at('2026-11-25T09:00:00Z') }, false, cal, th),
    ).toBeNull();
  });
  it('into the night is yellow, with the night minutes', () => {
    // 20:00–23:30 Beijing
    const r = offHours(
      { start: at('2026-11-25T12:00:00Z'), end: at('2026-11-25T15:30:00Z') },
      false,
      cal,
      th,
    );
    expect(r).toEqual({ level: 'yellow', detail: { nightMinutes: 90 } });
    // 04:00–07:00 Beijing: the early-morning part counts
    const e = offHours(
      { start: at('2026-11-24T20:00:00Z'), end: at('2026-11-24T23:00:00Z') },
      false,
      cal,
      th,
    );
    expect(e?.detail.nightMinutes).toBe(120);
  });
  it('a holiday or a weekend is red; a 调休 Saturday is a working day', () => {
    expect(
      offHours({ start: at('2026-10-01T02:00:00Z'), end: at('2026-10-01T04:00:00Z') }, false, cal, th)?.level,
    ).toBe('red');
    expect(
      offHours({ start: at('2026-11-28T02:00:00Z'), end: at('2026-11-28T04:00:00Z') }, false, cal, th)
        ?.detail,
    ).toEqual({
      offDays: ['2026-11-28'],
      nightMinutes: 0,
    });
    expect(
      offHours({ start: at('2026-10-10T02:00:00Z'), end: at('2026-10-10T04:00:00Z') }, false, cal, th),
    ).toBeNull();
  });
  it('a special approval clears it', () => {
    expect(
      offHours({ start: at('2026-10-01T02:00:00Z'), end: at('2026-10-01T04:00:00Z') }, true, cal, th),
    ).toBeNull();
  });
  it('the zone offset', () => {
    expect(zoneOffsetMinutes(at('2026-11-25T00:00:00Z'), 'Asia/Shanghai')).toBe(480);
    expect(zoneOffsetMinutes(at('2026-07-01T00:00:00Z'), 'Europe/Berlin')).toBe(120);
  });
});

describe('sealed movement and geofence exits', () => {
  it('jitter is not movement', () => {
    expect(movedWhileSealed(120, 300)).toBeNull();
    expect(movedWhileSealed(1500, 300)).toEqual({ level: 'red', detail: { metres: 1500 } });
  });
  it('a short exit is yellow, a long one red', () => {
    expect(geofenceExit([])).toBeNull();
    const p = (m: number) => ({ at: at('2026-11-25T01:00:00Z') + m * 60_000, lon: 119, lat: 31 });
    expect(geofenceExit([p(0), p(20)])?.level).toBe('yellow');
    expect(geofenceExit([p(0), p(90)])?.level).toBe('red');
  });
});
