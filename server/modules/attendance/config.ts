import { z } from 'zod';
import { moduleConfig, type Config } from '../../kernel/config.ts';

const schema = z.object({
  /** a phone clock-in outside every site: refused, or recorded and flagged */
  GOA_ATTENDANCE_OUT_OF_RANGE: z.enum(['reject', 'record']).default('reject'),
  GOA_ATTENDANCE_CORRECTIONS_PER_MONTH: z.coerce.number().int().min(0).max(31).default(3),
  /** how many days back a correction may reach */
  GOA_ATTENDANCE_CORRECTION_DAYS: z.coerce.number().int().min(1).max(62).default(31),
  /** two punches of one person closer than this are one (a double tap at the kiosk) */
  GOA_ATTENDANCE_DEBOUNCE_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
  /** how many days back a leave or business trip may start (retroactive leave, 补假) */
  GOA_ATTENDANCE_BACKDATE_DAYS: z.coerce.number().int().min(0).max(366).default(31),
});

/** a leave or trip must end within this many days from today */
export const LEAVE_AHEAD_DAYS = 366;
/** one leave or trip request spans at most this many calendar days */
export const LEAVE_MAX_SPAN_DAYS = 180;

export interface AttendanceSettings {
  outOfRange: 'reject' | 'record';
  correctionsPerMonth: number;
  correctionDays: number;
  debounceSeconds: number;
  backdateDays: number;
  timeZone: string;
}

export function attendanceSettings(config: Config): AttendanceSettings {
  const e = moduleConfig(config, schema);
  return {
    outOfRange: e.GOA_ATTENDANCE_OUT_OF_RANGE,
    correctionsPerMonth: e.GOA_ATTENDANCE_CORRECTIONS_PER_MONTH,
    correctionDays: e.GOA_ATTENDANCE_CORRECTION_DAYS,
    debounceSeconds: e.GOA_ATTENDANCE_DEBOUNCE_SECONDS,
    backdateDays: e.GOA_ATTENDANCE_BACKDATE_DAYS,
    timeZone: config.timeZone,
  };
}
