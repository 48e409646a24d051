import { api } from '../../shared/api.ts';

export type DayStatus =
  | 'normal'
  | 'late'
  | 'early_leave'
  | 'late_early'
  | 'absent'
  | 'missing_punch'
  | 'leave'
  | 'trip'
  | 'rest'
  | 'pending';

export interface Punch {
  id: string;
  at: string;
  workDate: string;
  source: string;
  inRange: boolean | null;
  distanceM: number | null;
}

export interface Today {
  date: string;
  now: string;
  rule: {
    startMin: number;
    endMin: number;
    flexMin: number;
    lunchStartMin: number | null;
    lunchEndMin: number | null;
  } | null;
  punches: Punch[];
  result: {
    status: DayStatus;
    due: boolean;
    lateMin: number;
    earlyMin: number;
    overtimeMin: number;
    workedMin: number;
  } | null;
  sites: { id: string; name: string; lat: number; lng: number; radiusM: number }[];
  outOfRange: 'reject' | 'record';
}

export interface DayRow {
  date: string;
  status: DayStatus;
  due: boolean;
  firstIn: string | null;
  lastOut: string | null;
  lateMin: number;
  earlyMin: number;
  overtimeMin: number;
  workedMin: number;
  leaveType: string | null;
}

export interface LeaveRow {
  id: string;
  kind: 'leave' | 'trip';
  leaveType: string | null;
  startDate: string;
  endDate: string;
  days: number;
  reason: string;
  destination: string | null;
  status: string;
  matterId: string | null;
}

export interface CorrectionRow {
  id: string;
  workDate: string;
  at: string;
  reason: string;
  status: string;
  matterId: string | null;
}

export interface MyMonth {
  month: string;
  days: DayRow[];
  summary: {
    daysDue: number;
    daysPresent: number;
    late: number;
    lateMinutes: number;
    early: number;
    absent: number;
    missing: number;
    leave: number;
    trip: number;
    overtimeHours: number;
  };
  leaves: LeaveRow[];
  corrections: CorrectionRow[];
  balance: {
    year: number;
    serviceYears: number | null;
    entitled: number;
    used: number;
    pending: number;
    left: number;
  };
  /** the dates the request forms accept today */
  requestWindow: {
    leaveEarliest: string;
    leaveLatest: string;
    leaveMaxDays: number;
    correctionEarliest: string;
    today: string;
  };
}

export interface ReportRow {
  key: string | null;
  name: string;
  code: string;
  unitName: string;
  departmentName: string | null;
  people: number;
  daysDue: number;
  daysPresent: number;
  lateCount: number;
  lateMinutes: number;
  earlyCount: number;
  absentDays: number;
  missingPunches: number;
  leaveDays: number;
  leaveByType: Record<string, number>;
  tripDays: number;
  overtimeHours: number;
}

export interface Report {
  month: string;
  by: 'person' | 'department' | 'unit';
  from: string;
  to: string;
  rows: ReportRow[];
}

export interface BoardRow {
  personId: string;
  name: string;
  employeeNo: string;
  unitId: string;
  unitName: string;
  status: DayStatus;
  firstIn: string | null;
  lastOut: string | null;
  lateMin: number;
  earlyMin: number;
  leaveType: string | null;
}

export interface Board {
  date: string;
  summary: {
    people: number;
    present: number;
    late: number;
    absent: number;
    notYet: number;
    leave: number;
    trip: number;
    rest: number;
  };
  rows: BoardRow[];
}

export interface Rule {
  id: string;
  unitId: string;
  unitName: string;
  departmentId: string | null;
  departmentName: string | null;
  name: string;
  startMin: number;
  endMin: number;
  flexMin: number;
  lunchStartMin: number | null;
  lunchEndMin: number | null;
  graceMin: number;
  absentLateMin: number;
  overtimeMinThreshold: number;
}
export type RuleInput = Omit<Rule, 'id' | 'unitName' | 'departmentName'>;

export interface Site {
  id: string;
  unitId: string;
  unitName: string;
  name: string;
  lat: number;
  lng: number;
  radiusM: number;
  active: boolean;
}
export type SiteInput = Omit<Site, 'id' | 'unitName'>;

export interface ImportResult {
  id: string;
  rows: number;
  inserted: number;
  duplicates: number;
}

export const attendanceApi = {
  today: () => api.get<Today>('/api/attendance/me/today'),
  punch: (pos: { lat: number; lng: number; accuracyM?: number }) =>
    api.post<Punch & { siteName: string | null }>('/api/attendance/me/punches', pos),
  month: (month: string) => api.get<MyMonth>('/api/attendance/me/month', { month }),
  requestLeave: (body: Record<string, unknown>) => api.post<LeaveRow>('/api/attendance/me/leaves', body),
  requestCorrection: (body: { workDate: string; time: string; reason: string }) =>
    api.post<CorrectionRow>('/api/attendance/me/corrections', body),
  board: (q: { date?: string; unitId?: string }) => api.get<Board>('/api/attendance/board', q),
  report: (q: { month: string; by: string; unitId?: string }) =>
    api.get<Report>('/api/attendance/reports/monthly', q),
  exportReport: (q: { month: string; by: string; unitId?: string }) =>
    api.download('/api/attendance/reports/monthly.xlsx', q, `考勤月报-${q.month}.xlsx`),
  rules: () => api.get<Rule[]>('/api/attendance/rules'),
  createRule: (body: RuleInput) => api.post<Rule>('/api/attendance/rules', body),
  updateRule: (id: string, body: Omit<RuleInput, 'unitId' | 'departmentId'>) =>
    api.put<Rule>(`/api/attendance/rules/${id}`, body),
  deleteRule: (id: string) => api.del(`/api/attendance/rules/${id}`),
  sites: () => api.get<Site[]>('/api/attendance/sites'),
  createSite: (body: SiteInput) => api.post<Site>('/api/attendance/sites', body),
  updateSite: (id: string, body: Omit<SiteInput, 'unitId'>) =>
    api.put<Site>(`/api/attendance/sites/${id}`, body),
  deleteSite: (id: string) => api.del(`/api/attendance/sites/${id}`),
  importRecords: (file: File) => api.upload<ImportResult>('/api/attendance/imports', file),
};

/** 'HH:mm' of minutes after midnight. */
export const hhmm = (min: number) =>
  `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
export const toMin = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};
