import type { QuarantineReason } from '../storage/tables.ts';

/** A reading as a gateway, file or the simulator sends it. */
export interface IncomingReading {
  point: string;
  ts: string | Date;
  value: unknown;
  /** register (cumulative, default) or interval (consumption of the interval ending at ts) */
  kind?: 'register' | 'interval' | undefined;
  /** an interpolated gap fill: never overwrites a real reading */
  estimated?: boolean;
}

/** A reading that passed the shape checks: point code, instant, finite value. */
export interface CleanReading {
  point: string;
  /** ISO 8601 with offset, or a naive local time of the deployment's zone (`naive`) */
  ts: string;
  naive: boolean;
  /** epoch ms of ts (a naive time read as if UTC); the fraction below a millisecond is dropped */
  at: number;
  /** ts has digits below the millisecond */
  fine: boolean;
  value: number;
  register: boolean;
  estimated: boolean;
}

export interface Rejected {
  point: string | null;
  ts: string | null;
  value: string | null;
  reason: QuarantineReason;
  detail: string;
}

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const NAIVE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/;
const FINE = /\.\d{4}/;
const CODE = /^[A-Za-z0-9_.-]{1,64}$/;

const text = (v: unknown): string | null =>
  v === undefined || v === null ? null : (typeof v === 'string' ? v : JSON.stringify(v)).slice(0, 200);

/** The reading as received, for the quarantine (made only for a rejected one). */
function asReceived(r: IncomingReading, tsText: string | null) {
  return { point: text(r.point), ts: text(r.ts instanceof Date ? tsText : r.ts), value: text(r.value) };
}

/** What a timestamp's text tells: its instant, or why it is rejected. */
type TsRead = { ok: true; naive: boolean; at: number; fine: boolean } | { ok: false; detail: string };

function readTs(tsText: string): TsRead {
  let naive = false;
  if (!(WITH_OFFSET.test(tsText) || (naive = NAIVE.test(tsText))))
    return { ok: false, detail: 'ISO 8601 expected' };
  const iso = tsText.charCodeAt(10) === 32 ? tsText.replace(' ', 'T') : tsText;
  const at = Date.parse(naive ? `${iso}Z` : iso);
  if (Number.isNaN(at)) return { ok: false, detail: 'not a date' };
  if (at < Date.UTC(2000, 0, 1)) return { ok: false, detail: 'before 2000' };
  return { ok: true, naive, at, fine: FINE.test(tsText) };
}

/**
 * Timestamps read, by their text: a batch repeats a few instants over thousands of points (a gateway
 * sends every meter's 10:15), so most readings skip the pattern checks and the parse.
 */
const tsCache = new Map<string, TsRead>();

function cachedTs(tsText: string): TsRead {
  let t = tsCache.get(tsText);
  if (t === undefined) {
    if (tsCache.size >= 4096) tsCache.clear();
    tsCache.set(tsText, (t = readTs(tsText)));
  }
  return t;
}

/** Checks one reading's shape; what fails is quarantined with its reason (never dropped). */
export function cleanReading(r: IncomingReading): CleanReading | Rejected {
  const point = typeof r.point === 'string' ? r.point.trim() : null;
  const tsText = r.ts instanceof Date ? r.ts.toISOString() : typeof r.ts === 'string' ? r.ts.trim() : null;
  if (!point || !CODE.test(point))
    return { ...asReceived(r, tsText), reason: 'malformed', detail: 'point code' };
  const t = tsText ? cachedTs(tsText) : null;
  if (!t || !t.ok)
    return { ...asReceived(r, tsText), reason: 'bad_timestamp', detail: t ? t.detail : 'ISO 8601 expected' };
  const value =
    typeof r.value === 'number'
      ? r.value
      : typeof r.value === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/.test(r.value)
        ? Number(r.value)
        : NaN;
  if (!Number.isFinite(value)) return { ...asReceived(r, tsText), reason: 'non_numeric', detail: 'value' };
  if (r.kind !== undefined && r.kind !== 'register' && r.kind !== 'interval')
    return { ...asReceived(r, tsText), reason: 'malformed', detail: 'kind' };
  return {
    point,
    ts: tsText!,
    naive: t.naive,
    at: t.at,
    fine: t.fine,
    value,
    register: r.kind !== 'interval',
    estimated: r.estimated === true,
  };
}

export const isRejected = (r: CleanReading | Rejected): r is Rejected => 'reason' in r;

/**
 * Splits a CSV text of `point,ts,value[,kind]` lines (an optional header line naming `point`) into
 * readings. Quoted fields are not needed by this format; a line with too few fields is quarantined.
 */
export function parseCsvLines(lines: Iterable<string>, out: (r: IncomingReading | Rejected) => void): void {
  let first = true;
  for (const line0 of lines) {
    const line = line0.replace(/\r$/, '');
    if (line.trim() === '') continue;
    const f = line.split(',');
    if (first) {
      first = false;
      if (/^\s*"?point"?\s*$/i.test(f[0] ?? '')) continue;
    }
    if (f.length < 3) {
      out({
        point: f[0] ?? null,
        ts: f[1] ?? null,
        value: f[2] ?? null,
        reason: 'malformed',
        detail: 'fields',
      });
      continue;
    }
    const kind = f[3]?.trim();
    out({
      point: f[0]!.trim(),
      ts: f[1]!.trim(),
      value: f[2]!,
      kind: kind === 'interval' || kind === 'register' ? kind : kind ? ('bad' as 'register') : undefined,
    });
  }
}
