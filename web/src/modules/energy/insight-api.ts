import { api, type Query } from '../../shared/api.ts';
import { nowInZone } from '../../shared/format.ts';

export type QuotaColour = 'green' | 'yellow' | 'red';
export interface Figures {
  electricity: number;
  water: number;
  gas: number;
  heat: number;
  kgce: number;
  carbonKg: number;
}
/** One month of a series: a figure is null where no reading lay in that month (a gap, not a zero). */
export type MonthFigures = { [K in keyof Figures]: number | null } & { month: string };
export interface RankingRow {
  id: string;
  code: string;
  name: string;
  jurisdictionId: string;
  jurisdictionName: string;
  kind: string;
  demonstration: 'national' | 'provincial' | null;
  lon: number | null;
  lat: number | null;
  kgce: number;
  electricity: number;
  water: number;
  perM2: number | null;
  perPerson: number | null;
  yoy: number | null;
  quotaColour: QuotaColour;
  quotaUsed: number | null;
  rank: number;
}
export interface Overview {
  month: string;
  institutions: number;
  points: number;
  floorArea: number;
  occupants: number;
  totals: Figures;
  perM2: number | null;
  perPerson: number | null;
  waterPerPerson: number | null;
  mom: number | null;
  yoy: number | null;
  coverage: number | null;
  trend: MonthFigures[];
  subItems: { subItem: string; kwh: number }[];
  jurisdictions: {
    id: string;
    name: string;
    institutions: number;
    kgce: number;
    perM2: number | null;
    perPerson: number | null;
  }[];
  quotaColours: Record<QuotaColour, number>;
  ranking: RankingRow[];
}
export interface InstitutionIndicators {
  year: number;
  floorArea: number;
  occupants: number;
  months: MonthFigures[];
  lastYear: MonthFigures[];
  yearToDate: Figures;
  yoy: number | null;
  perM2: number | null;
  perPerson: number | null;
  waterPerPerson: number | null;
  coverage: number | null;
  subItems: { subItem: string; kwh: number }[];
  quota: {
    totalKgce: number;
    waterM3: number | null;
    source: 'quota' | 'national_cap';
    used: number | null;
    colour: QuotaColour;
  };
}
export interface Curve {
  granularity: 'hour' | 'day' | 'month';
  at: string;
  unit: string;
  /** every bucket of the period; `value` and `estimated` null where no reading lay in it */
  points: { t: string; value: number | null; estimated: number | null }[];
}
export type AlertRule = 'offline' | 'gap' | 'imbalance' | 'spike' | 'base_load' | 'over_quota';
export interface Alert {
  id: string;
  institutionId: string;
  institutionName: string;
  jurisdictionId: string;
  jurisdictionName: string;
  pointId: string | null;
  pointCode: string | null;
  pointName: string | null;
  rule: AlertRule;
  level: 'yellow' | 'red';
  status: 'open' | 'acknowledged' | 'resolved';
  periodStart: string;
  periodEnd: string;
  value: number | null;
  threshold: number | null;
  detail: Record<string, unknown>;
  firstSeenAt: string;
  lastSeenAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}
export interface AlertPage {
  items: Alert[];
  total: number;
  page: number;
  pageSize: number;
  counts: { level: string; status: string; n: number }[];
}
export interface QualityReport {
  day: string;
  jurisdictionId: string;
  jurisdictionName: string;
  points: number;
  reporting: number;
  offline: number;
  expectedIntervals: number;
  receivedIntervals: number;
  estimatedIntervals: number;
  completeness: number | null;
  quarantined: number;
  alerts: Record<string, number>;
  generatedAt: string;
}
export interface QuarantineItem {
  id: string;
  receivedAt: string;
  source: string;
  pointCode: string | null;
  ts: string | null;
  value: string | null;
  reason: string;
  detail: string | null;
  pointId?: string | null;
  resolvedAt?: string | null;
  resolution?: 'readmitted' | 'dismissed' | null;
  resolvedBy?: string | null;
  resolutionNote?: string | null;
}
/** Reasons whose readings can be ingested again once the cause is corrected; shape errors only dismissed. */
export const READMISSIBLE = ['register_backwards', 'unknown_point', 'inactive_point', 'future_timestamp'];
export interface ReadmitResult {
  stored: number;
  duplicates: number;
  quarantined: number;
  readmitted: number;
}
export interface Replacement {
  at: string;
  finalValue: number | null;
  startValue: number;
  note: string | null;
  createdAt: string;
  createdBy: string | null;
}
export interface ReplacementResult {
  replacement: Replacement;
  recomputed: { ts: string; oldDelta: number | null; newDelta: number | null } | null;
  openBackwards: number;
}
export interface StatisticsRow {
  kind: 'institution' | 'jurisdiction' | 'total';
  id: string;
  code: string | null;
  name: string;
  jurisdictionName: string | null;
  occupants: number;
  floorArea: number;
  electricity: number;
  water: number;
  gas: number;
  heat: number;
  kgce: number;
  perPerson: number | null;
  perM2: number | null;
  waterPerPerson: number | null;
  kgceLastYear: number;
  yoy: number | null;
}
export interface Statistics {
  from: string;
  to: string;
  rows: StatisticsRow[];
}

export const insightApi = {
  overview: (q: Query) => api.get<Overview>('/api/energy/indicators/overview', q),
  institution: (id: string, year?: number) =>
    api.get<InstitutionIndicators>(`/api/energy/indicators/institutions/${id}`, { year }),
  curve: (pointId: string, granularity: string, at?: string) =>
    api.get<Curve>(`/api/energy/points/${pointId}/curve`, { granularity, at }),
  alerts: (q: Query) => api.get<AlertPage>('/api/energy/alerts', q),
  handleAlert: (id: string, action: 'acknowledge' | 'resolve', note?: string) =>
    api.post<Alert>(`/api/energy/alerts/${id}/${action}`, { note: note || null }),
  reports: (day?: string) => api.get<QualityReport[]>('/api/energy/quality/reports', { day }),
  runChecks: () => api.post<unknown>('/api/energy/quality/run'),
  quarantine: (q: Query) =>
    api.get<{ items: QuarantineItem[]; total: number; page: number; pageSize: number }>(
      '/api/energy/quarantine',
      q,
    ),
  statistics: (q: Query) => api.get<Statistics>('/api/energy/statistics', q),
  readmit: (ids: string[]) => api.post<ReadmitResult>('/api/energy/quarantine/readmit', { ids }),
  dismiss: (ids: string[], note: string) =>
    api.post<{ dismissed: number }>('/api/energy/quarantine/dismiss', { ids, note }),
  replacements: (pointId: string) =>
    api.get<{ items: Replacement[] }>(`/api/energy/points/${pointId}/replacements`),
  recordReplacement: (
    pointId: string,
    body: { at: string; finalValue: number | null; startValue: number; note: string | null },
  ) => api.post<ReplacementResult>(`/api/energy/points/${pointId}/replacements`, body),
};

/** A fraction as a signed percentage (e.g. +3.2%), or — without a figure. */
export function pct(v: number | null | undefined, signed = false): string {
  if (v === null || v === undefined) return '—';
  const s = (v * 100).toFixed(1);
  return `${signed && v > 0 ? '+' : ''}${s}%`;
}
export function num(v: number | null | undefined, digits = 0): string {
  if (v === null || v === undefined) return '—';
  return v.toLocaleString('zh-CN', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
/** The last complete month (YYYY-MM) in the deployment's time zone. */
export function lastMonth(): string {
  return nowInZone().subtract(1, 'month').format('YYYY-MM');
}

/**
 * One series of a monthly trend, scaled: a month the server sends without a figure (no reading that
 * month) stays a gap (`null`), not a zero the line would dive to; a real zero stays a zero.
 */
export function trendSeries(
  trend: readonly MonthFigures[],
  key: keyof Figures,
  scale: (v: number) => number = (v) => v,
): (number | null)[] {
  return trend.map((f) => {
    const v = f[key];
    return v === null ? null : scale(v);
  });
}

/**
 * How large electricity totals are shown: 万kWh in Chinese (the statistics' own unit), MWh in English,
 * where "10⁴ kWh" reads oddly; `divisor` turns kWh into that unit.
 */
export function bulkKwh(locale: 'zh-CN' | 'en'): { divisor: number; unit: string } {
  return locale === 'en' ? { divisor: 1000, unit: 'MWh' } : { divisor: 10000, unit: '万kWh' };
}
