import { StraightLineTravel } from './straight-line.ts';
import type { Point, TravelModel } from './types.ts';

export interface OsrmOptions {
  /** base URL of an OSRM server, e.g. http://osrm:5000 */
  url: string;
  /** scale OSRM's free-flow durations by the fallback model's time-of-day slow-down; default true */
  timeOfDay?: boolean;
  /** fallback for pairs missing from the table, and its speed bands; default StraightLineTravel() */
  fallback?: StraightLineTravel;
  /** fetch implementation (tests); default global fetch */
  fetch?: typeof fetch;
  /** most coordinates per table request; default 100 */
  chunk?: number;
  timeoutMs?: number;
}

const key = (p: Point) => `${p.lon.toFixed(6)},${p.lat.toFixed(6)}`;

interface OsrmTable {
  code: string;
  durations?: (number | null)[][];
  distances?: (number | null)[][];
  message?: string;
}

/**
 * OSRM's table service (`/table/v1/driving/{coords}?annotations=duration,distance`) behind the
 * TravelModel interface. `prepare(points)` fetches the matrix (in blocks of `chunk` sources ×
 * `chunk` destinations, only pairs not fetched before); lookups are then synchronous. Pairs that were not fetched or that OSRM could
 * not route fall back to the straight-line model.
 */
export class OsrmTravel implements TravelModel {
  private readonly base: string;
  private readonly fallback: StraightLineTravel;
  private readonly doFetch: typeof fetch;
  private readonly chunk: number;
  private readonly timeoutMs: number;
  private readonly timeOfDay: boolean;
  private readonly table = new Map<string, [seconds: number, metres: number]>();
  private readonly known = new Map<string, Point>();

  constructor(options: OsrmOptions) {
    this.base = options.url.replace(/\/+$/, '');
    this.fallback = options.fallback ?? new StraightLineTravel();
    this.doFetch = options.fetch ?? fetch;
    this.chunk = options.chunk ?? 100;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.timeOfDay = options.timeOfDay ?? true;
  }

  /**
   * Fetches the pairs not fetched yet: new points to every point and every known point to the new
   * ones, so a later call with one more point costs a row and a column, not the whole table.
   */
  async prepare(points: readonly Point[]): Promise<void> {
    const fresh = [
      ...new Map(points.filter((p) => !this.known.has(key(p))).map((p) => [key(p), p])).values(),
    ];
    if (!fresh.length) return;
    const known = [...this.known.values()];
    const all = [...known, ...fresh];
    for (const src of this.chunks(fresh)) for (const dst of this.chunks(all)) await this.fetchBlock(src, dst);
    for (const src of this.chunks(known))
      for (const dst of this.chunks(fresh)) await this.fetchBlock(src, dst);
    for (const p of fresh) this.known.set(key(p), p);
  }

  private chunks(points: Point[]): Point[][] {
    const out: Point[][] = [];
    for (let i = 0; i < points.length; i += this.chunk) out.push(points.slice(i, i + this.chunk));
    return out;
  }

  private async fetchBlock(src: Point[], dst: Point[]): Promise<void> {
    const coords: Point[] = [];
    const index = new Map<string, number>();
    const at = (p: Point) => {
      let k = index.get(key(p));
      if (k === undefined) {
        k = coords.length;
        index.set(key(p), k);
        coords.push(p);
      }
      return k;
    };
    const sources = src.map(at).join(';');
    const destinations = dst.map(at).join(';');
    const url =
      `${this.base}/table/v1/driving/${coords.map(key).join(';')}?annotations=duration,distance` +
      `&sources=${sources}&destinations=${destinations}`;
    const res = await this.doFetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const body = (await res.json().catch(() => ({ code: `HTTP ${res.status}` }))) as OsrmTable;
    if (body.code !== 'Ok' || !body.durations)
      throw new Error(`OSRM table: ${body.code} ${body.message ?? ''}`);
    src.forEach((a, r) => {
      dst.forEach((b, c) => {
        const sec = body.durations?.[r]?.[c];
        const m = body.distances?.[r]?.[c];
        if (sec != null && m != null) this.table.set(`${key(a)}|${key(b)}`, [sec, m]);
      });
    });
  }

  /** pairs known from OSRM */
  get size(): number {
    return this.table.size;
  }

  time(from: Point, to: Point, departAt: number): number {
    const hit = this.table.get(`${key(from)}|${key(to)}`);
    if (!hit) return this.fallback.time(from, to, departAt);
    return this.timeOfDay ? hit[0] * this.fallback.slowdown(departAt) : hit[0];
  }

  distance(from: Point, to: Point): number {
    return this.table.get(`${key(from)}|${key(to)}`)?.[1] ?? this.fallback.distance(from, to);
  }
}
