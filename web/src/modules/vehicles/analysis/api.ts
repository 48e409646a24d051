import { api } from '../../../shared/api.ts';

export const DIMENSIONS = ['jurisdiction', 'unit', 'vehicle', 'category'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export interface Metrics {
  trips: number;
  km: number;
  hours: number;
  vehicles: number;
  utilisation: number | null;
  onTime: number | null;
  emptyKm: number;
  emptyShare: number | null;
  costFen: number;
  costPerKmFen: number | null;
  lent: number;
  borrowed: number;
}
export interface AnalysisRow extends Metrics {
  key: string;
  name: string;
  group: string | null;
}
export interface Analysis {
  from: string;
  to: string;
  dimension: Dimension;
  workingDays: number;
  totals: Metrics;
  rows: AnalysisRow[];
  months: { month: string; trips: number; km: number }[];
}

export const analysisApi = {
  analyse: (from: string, to: string, dimension: Dimension) =>
    api.get<Analysis>('/api/vehicles/analysis', { from, to, dimension }),
  exportExcel: (from: string, to: string, dimension: Dimension) =>
    api.download('/api/vehicles/analysis/export.xlsx', { from, to, dimension }, `analysis-${dimension}.xlsx`),
};
