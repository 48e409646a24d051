import { describe, expect, it } from 'vitest';
import {
  distanceMetres,
  entitlementFor,
  evaluateDay,
  requiredMinutes,
  serviceYears,
  type DayInput,
  type WorkRule,
} from './engine.ts';

const h = (hh: number, mm = 0) => hh * 60 + mm;
/** 9:00–17:00, arrive 8:30–9:30 and stay the span, lunch 12:00–13:00 */
const rule: WorkRule = {
  startMin: h(9),
  endMin: h(17),
  flexMin: 30,
  lunchStartMin: h(12),
  lunchEndMin: h(13),
  graceMin: 0,
  absentLateMin: 240,
  overtimeMinThreshold: 30,
};
const day = (over: Partial<DayInput>): DayInput => ({
  workday: true,
  rule,
  punches: [],
  leave: null,
  nowMin: null,
  ...over,
});

describe('the day-result rule engine', () => {
  it('counts the required minutes less the lunch break', () => {
    expect(requiredMinutes(rule)).toBe(7 * 60);
  });

  it('is normal inside the flexible window, the required day moving with the arrival', () => {
    const r = evaluateDay(day({ punches: [h(17, 25), h(9, 25)] }));
    expect(r).toMatchObject({
      status: 'normal',
      lateMin: 0,
      earlyMin: 0,
      firstInMin: h(9, 25),
      lastOutMin: h(17, 25),
    });
    expect(r.workedMin).toBe(7 * 60);
    // arriving at 8:10 does not let one leave before 16:30 (the earliest start is 8:30)
    expect(evaluateDay(day({ punches: [h(8, 10), h(16, 30)] })).status).toBe('normal');
    expect(evaluateDay(day({ punches: [h(8, 10), h(16, 20)] }))).toMatchObject({
      status: 'early_leave',
      earlyMin: 10,
    });
  });

  it('counts lateness from the latest start, after the grace', () => {
    expect(evaluateDay(day({ punches: [h(9, 42), h(17, 42)] }))).toMatchObject({
      status: 'late',
      lateMin: 12,
    });
    const graced = { ...rule, graceMin: 5 };
    expect(evaluateDay(day({ rule: graced, punches: [h(9, 34), h(18)] })).status).toBe('normal');
    expect(evaluateDay(day({ rule: graced, punches: [h(9, 36), h(18)] }))).toMatchObject({
      status: 'late',
      lateMin: 6,
    });
  });

  it('tells late and early leave apart, and both together', () => {
    expect(evaluateDay(day({ punches: [h(9), h(16)] }))).toMatchObject({
      status: 'early_leave',
      earlyMin: 60,
    });
    expect(evaluateDay(day({ punches: [h(10), h(16)] }))).toMatchObject({
      status: 'late_early',
      lateMin: 30,
      earlyMin: 90,
    });
  });

  it('marks absence: no punch on a working day that is over, or arriving past the threshold', () => {
    expect(evaluateDay(day({})).status).toBe('absent');
    expect(evaluateDay(day({ punches: [h(13, 31), h(17, 30)] }))).toMatchObject({
      status: 'absent',
      lateMin: 241,
    });
  });

  it('marks a missing punch when only one was made on a day that is over', () => {
    expect(evaluateDay(day({ punches: [h(8, 55)] }))).toMatchObject({ status: 'missing_punch', lateMin: 0 });
    expect(evaluateDay(day({ punches: [h(17, 5)] }))).toMatchObject({ status: 'missing_punch', lateMin: 0 });
  });

  it('keeps today pending until the day is decided', () => {
    expect(evaluateDay(day({ nowMin: h(8) })).status).toBe('pending');
    expect(evaluateDay(day({ nowMin: h(10), punches: [h(9, 50)] }))).toMatchObject({
      status: 'pending',
      lateMin: 20,
    });
    expect(evaluateDay(day({ nowMin: h(14), punches: [h(9), h(12)] }))).toMatchObject({
      status: 'pending',
      lastOutMin: null,
    });
    expect(evaluateDay(day({ nowMin: h(23, 30) })).status).toBe('absent');
  });

  it('counts overtime past the required leave time, above the threshold', () => {
    expect(evaluateDay(day({ punches: [h(9), h(17, 20)] })).overtimeMin).toBe(0);
    expect(evaluateDay(day({ punches: [h(9), h(19)] }))).toMatchObject({
      status: 'normal',
      overtimeMin: 120,
    });
  });

  it('makes leave and trips win over punches on a working day', () => {
    const leave = evaluateDay(day({ leave: { kind: 'leave', leaveType: 'sick' } }));
    expect(leave).toMatchObject({ status: 'leave', leaveType: 'sick', due: true });
    expect(evaluateDay(day({ leave: { kind: 'trip', leaveType: null }, punches: [h(10)] })).status).toBe(
      'trip',
    );
  });

  it('treats a rest day (weekend or holiday) as rest, with any work counted as overtime', () => {
    expect(evaluateDay(day({ workday: false }))).toMatchObject({
      status: 'rest',
      due: false,
      overtimeMin: 0,
    });
    expect(evaluateDay(day({ workday: false, punches: [h(9), h(12)] }))).toMatchObject({
      status: 'rest',
      overtimeMin: 180,
    });
    // leave on a rest day does not turn it into a leave day
    expect(evaluateDay(day({ workday: false, leave: { kind: 'leave', leaveType: 'annual' } })).status).toBe(
      'rest',
    );
  });
});

describe('helpers', () => {
  it('measures distances on the earth', () => {
    const d = distanceMetres({ lat: 31.8106, lng: 119.9741 }, { lat: 31.8115, lng: 119.9741 });
    expect(Math.round(d)).toBe(100);
  });
  it('counts completed years of service and picks the entitlement', () => {
    expect(serviceYears('2016-12-01', '2026-11-30')).toBe(9);
    expect(serviceYears('2016-11-30', '2026-11-30')).toBe(10);
    const table = [
      { minYears: 0, days: 0 },
      { minYears: 1, days: 5 },
      { minYears: 10, days: 10 },
      { minYears: 20, days: 15 },
    ];
    expect([0, 1, 9, 10, 25].map((y) => entitlementFor(table, y))).toEqual([0, 5, 5, 10, 15]);
  });
});
