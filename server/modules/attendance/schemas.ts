import { z } from 'zod';
import { LEAVE_TYPES } from './matters.ts';

const date = z.iso.date();
const minute = z.number().int().min(0).max(1440);
export const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const ruleBody = z.object({
  unitId: z.uuid(),
  departmentId: z.uuid().nullish(),
  name: z.string().trim().min(1).max(60),
  startMin: minute,
  endMin: minute,
  flexMin: z.number().int().min(0).max(180).default(0),
  lunchStartMin: minute.nullish(),
  lunchEndMin: minute.nullish(),
  graceMin: z.number().int().min(0).max(60).default(0),
  absentLateMin: z.number().int().min(30).max(720).default(240),
  overtimeMinThreshold: z.number().int().min(0).max(240).default(30),
});
export const rulePatch = ruleBody.omit({ unitId: true, departmentId: true });
export const rule = ruleBody.extend({
  id: z.uuid(),
  unitName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  lunchStartMin: z.number().nullable(),
  lunchEndMin: z.number().nullable(),
});

export const siteBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(60),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  radiusM: z.number().int().min(20).max(5000),
  active: z.boolean().optional(),
});
export const sitePatch = siteBody.omit({ unitId: true });
export const site = siteBody.extend({ id: z.uuid(), unitName: z.string(), active: z.boolean() });

export const punch = z.object({
  id: z.string(),
  at: z.string(),
  workDate: z.string(),
  source: z.string(),
  inRange: z.boolean().nullable(),
  distanceM: z.number().nullable(),
});

export const phonePunchBody = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  accuracyM: z.number().min(0).max(100_000).optional(),
});
export const kioskBody = z.object({ code: z.string().trim().min(1).max(32) });

export const dayStatus = z.enum([
  'normal',
  'late',
  'early_leave',
  'late_early',
  'absent',
  'missing_punch',
  'leave',
  'trip',
  'rest',
  'pending',
]);

export const today = z.object({
  date: z.string(),
  now: z.string(),
  rule: z
    .object({
      startMin: z.number(),
      endMin: z.number(),
      flexMin: z.number(),
      lunchStartMin: z.number().nullable(),
      lunchEndMin: z.number().nullable(),
    })
    .nullable(),
  punches: z.array(punch),
  result: z
    .object({
      status: dayStatus,
      due: z.boolean(),
      lateMin: z.number(),
      earlyMin: z.number(),
      overtimeMin: z.number(),
      workedMin: z.number(),
    })
    .nullable(),
  sites: z.array(
    z.object({ id: z.string(), name: z.string(), lat: z.number(), lng: z.number(), radiusM: z.number() }),
  ),
  outOfRange: z.enum(['reject', 'record']),
});

export const leaveBody = z
  .object({
    kind: z.enum(['leave', 'trip']),
    leaveType: z.enum(LEAVE_TYPES).optional(),
    destination: z.string().trim().min(1).max(100).optional(),
    startDate: date,
    endDate: date,
    reason: z.string().trim().min(1).max(500),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'leave' && !v.leaveType)
      ctx.addIssue({ code: 'custom', path: ['leaveType'], message: 'required' });
    if (v.kind === 'trip' && !v.destination)
      ctx.addIssue({ code: 'custom', path: ['destination'], message: 'required' });
  });
export const leave = z.object({
  id: z.string(),
  kind: z.enum(['leave', 'trip']),
  leaveType: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  days: z.number(),
  reason: z.string(),
  destination: z.string().nullable(),
  status: z.string(),
  matterId: z.string().nullable(),
});
export const correctionBody = z.object({
  workDate: date,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  reason: z.string().trim().min(1).max(500),
});
export const correction = z.object({
  id: z.string(),
  workDate: z.string(),
  at: z.string(),
  reason: z.string(),
  status: z.string(),
  matterId: z.string().nullable(),
});

const dayRow = z.object({
  date: z.string(),
  status: dayStatus,
  due: z.boolean(),
  firstIn: z.string().nullable(),
  lastOut: z.string().nullable(),
  lateMin: z.number(),
  earlyMin: z.number(),
  overtimeMin: z.number(),
  workedMin: z.number(),
  leaveType: z.string().nullable(),
});
export const balance = z.object({
  year: z.number(),
  serviceYears: z.number().nullable(),
  entitled: z.number(),
  used: z.number(),
  pending: z.number(),
  left: z.number(),
});
export const myMonth = z.object({
  month: z.string(),
  days: z.array(dayRow),
  summary: z.object({
    daysDue: z.number(),
    daysPresent: z.number(),
    late: z.number(),
    lateMinutes: z.number(),
    early: z.number(),
    absent: z.number(),
    missing: z.number(),
    leave: z.number(),
    trip: z.number(),
    overtimeHours: z.number(),
  }),
  leaves: z.array(leave),
  corrections: z.array(correction),
  balance,
  /** the dates the request forms accept today */
  requestWindow: z.object({
    leaveEarliest: z.string(),
    leaveLatest: z.string(),
    leaveMaxDays: z.number(),
    correctionEarliest: z.string(),
    today: z.string(),
  }),
});

export const reportQuery = z.object({
  month,
  by: z.enum(['person', 'department', 'unit']).default('person'),
  unitId: z.uuid().optional(),
  departmentId: z.uuid().optional(),
});
export const report = z.object({
  month: z.string(),
  by: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(
    z.object({
      key: z.string().nullable(),
      name: z.string(),
      code: z.string(),
      unitName: z.string(),
      departmentName: z.string().nullable(),
      people: z.number(),
      daysDue: z.number(),
      daysPresent: z.number(),
      lateCount: z.number(),
      lateMinutes: z.number(),
      earlyCount: z.number(),
      absentDays: z.number(),
      missingPunches: z.number(),
      leaveDays: z.number(),
      leaveByType: z.record(z.string(), z.number()),
      tripDays: z.number(),
      overtimeHours: z.number(),
    }),
  ),
});

export const boardQuery = z.object({ date: date.optional(), unitId: z.uuid().optional() });
export const board = z.object({
  date: z.string(),
  summary: z.object({
    people: z.number(),
    present: z.number(),
    late: z.number(),
    absent: z.number(),
    notYet: z.number(),
    leave: z.number(),
    trip: z.number(),
    rest: z.number(),
  }),
  rows: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      employeeNo: z.string(),
      unitId: z.string(),
      unitName: z.string(),
      status: dayStatus,
      firstIn: z.string().nullable(),
      lastOut: z.string().nullable(),
      lateMin: z.number(),
      earlyMin: z.number(),
      leaveType: z.string().nullable(),
    }),
  ),
});

export const importResult = z.object({
  id: z.string(),
  rows: z.number(),
  inserted: z.number(),
  duplicates: z.number(),
});
export const kioskResult = punch.extend({
  name: z.string(),
  employeeNo: z.string(),
  punchesToday: z.array(z.string()),
});
export const phoneResult = punch.extend({ siteName: z.string().nullable() });
