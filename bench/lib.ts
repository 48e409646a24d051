import os from 'node:os';
import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  requests: number;
}

export interface LoadCase {
  name: string;
  url: string;
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT';
  headers?: Record<string, string>;
  /** request bodies, sent in turn (so that writes differ) */
  bodies?: string[];
  seconds?: number;
  connections?: number;
}

/** Drives one URL with autocannon and returns requests/s and latency percentiles (ms). */
export async function load(c: LoadCase): Promise<LoadResult> {
  const result = await autocannon({
    url: c.url,
    method: c.method ?? 'GET',
    headers: { 'content-type': 'application/json', ...c.headers },
    duration: c.seconds ?? 8,
    connections: c.connections ?? 8,
    // the client runs in its own thread, off the event loop of a server in this process
    workers: 1,
    requests: c.bodies?.map((body) => ({ body })),
  });
  return {
    name: c.name,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    requests: result.requests.total,
  };
}

export function machineNote(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;
}

export function table(headers: string[], rows: (string | number)[][]): string {
  const lines = [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
  return lines.join('\n');
}
