/**
 * The web import's wire types: what GET /api/energy/imports(/:id) and the cancel route answer. The
 * server builds them (service.ts), its routes' zod schemas are checked against them
 * (import-routes.ts), and the web imports them type-only (web/src/modules/energy/ImportPage.tsx), so
 * the three cannot drift apart. No imports: the web's compiler reads this file too (service.ts checks
 * that ImportState here equals the energy_import table's status).
 */

/** Where an import is: running (its job works through the file), or ended one of three ways. */
export type ImportState = 'running' | 'done' | 'failed' | 'cancelled';

/** One import: its file, its progress and its counts (the recent list and the cancel answer). */
export interface ImportView {
  id: string;
  fileName: string;
  kind: 'csv' | 'xlsx';
  /** `failed` also for a running import whose job is dead (out of attempts) */
  status: ImportState;
  totalBytes: number | null;
  processedBytes: number;
  /** rows read, stored, already there (the same point and time), quarantined */
  rows: number;
  stored: number;
  duplicates: number;
  quarantined: number;
  batches: number;
  /** attempts of the job so far (more than 1: it was retried or resumed after an interruption) */
  attempts: number;
  /** the last interruption of a running import (it resumes after the last committed batch) */
  lastError: string | null;
  error: string | null;
  /** the uploaded file in the kernel's file store */
  fileId: string | null;
  createdBy: string | null;
  cancelledBy: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** A row the import quarantined, with its reason (e.g. unknown_point, non_numeric). */
export interface QuarantinedRow {
  pointCode: string | null;
  ts: string | null;
  value: string | null;
  reason: string;
  detail: string | null;
}

/** One import with its first quarantined rows (GET /api/energy/imports/:id). */
export interface ImportStatus extends ImportView {
  quarantine: QuarantinedRow[];
}
