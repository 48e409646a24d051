import type { IngestResult } from './pipeline.ts';
import type { IncomingReading, Rejected } from './parse.ts';

type Row = IncomingReading | Rejected;
type Write = (rows: Row[]) => Promise<IngestResult>;

interface Waiter {
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Groups readings that arrive one message at a time (MQTT) into one database write: a batch is
 * written when it holds `maxRows` readings or its oldest reading has waited `maxMs`. Each submit()
 * resolves only after the batch holding its readings has committed, so the caller can acknowledge
 * then (QoS 1 PUBACK). Writes run one at a time; the next batch fills meanwhile.
 */
export class ReadingBatcher {
  private rows: Row[] = [];
  private waiters: Waiter[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly write: Write,
    private readonly maxRows: number,
    private readonly maxMs: number,
  ) {}

  submit(rows: Row[]): Promise<void> {
    if (this.closed) return Promise.reject(new Error('energy ingest is stopping'));
    return new Promise<void>((resolve, reject) => {
      this.rows.push(...rows);
      this.waiters.push({ resolve, reject });
      if (this.rows.length >= this.maxRows) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxMs);
    });
  }

  private flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiters.length === 0) return;
    const rows = this.rows;
    const waiters = this.waiters;
    this.rows = [];
    this.waiters = [];
    this.writing = this.writing.then(async () => {
      try {
        await this.write(rows);
        for (const w of waiters) w.resolve();
      } catch (err) {
        for (const w of waiters) w.reject(err);
      }
    });
  }

  /** Writes what is pending and waits for it. */
  async close(): Promise<void> {
    this.closed = true;
    this.flush();
    await this.writing;
  }
}
