import type { IncomingReading, Rejected } from '../ingest/parse.ts';

export const TOPIC_BATCH = 'goa/readings';
export const TOPIC_POINT_PREFIX = 'goa/readings/';

const snippet = (b: Buffer) => b.subarray(0, 200).toString('utf8');

/**
 * The readings of one MQTT message: `goa/readings/{pointCode}` carries `{ ts, value, kind? }`,
 * `goa/readings` an array of `{ point, ts, value, kind? }`. A payload that is not that shape becomes a
 * quarantined row (reason malformed), never an error that would drop the connection.
 * Returns null for a topic that is not a readings topic.
 */
export function readingsOf(topic: string, payload: Buffer): (IncomingReading | Rejected)[] | null {
  const isBatch = topic === TOPIC_BATCH;
  const code = topic.startsWith(TOPIC_POINT_PREFIX) ? topic.slice(TOPIC_POINT_PREFIX.length) : null;
  if (!isBatch && (code === null || code === '' || code.includes('/'))) return null;
  let body: unknown;
  try {
    body = JSON.parse(payload.toString('utf8'));
  } catch {
    return [{ point: code, ts: null, value: snippet(payload), reason: 'malformed', detail: 'not JSON' }];
  }
  if (isBatch) {
    if (!Array.isArray(body))
      return [
        { point: null, ts: null, value: snippet(payload), reason: 'malformed', detail: 'array expected' },
      ];
    return body.map((x: unknown) =>
      x && typeof x === 'object'
        ? (x as IncomingReading)
        : {
            point: null,
            ts: null,
            value: JSON.stringify(x)?.slice(0, 200) ?? null,
            reason: 'malformed',
            detail: 'object expected',
          },
    );
  }
  if (!body || typeof body !== 'object' || Array.isArray(body))
    return [
      { point: code, ts: null, value: snippet(payload), reason: 'malformed', detail: 'object expected' },
    ];
  const o = body as { ts?: unknown; value?: unknown; kind?: unknown };
  return [{ point: code!, ts: o.ts as string, value: o.value, kind: o.kind as IncomingReading['kind'] }];
}
