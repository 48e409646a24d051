import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InjectOptions } from 'fastify';
import { buildAccount, buildUnit } from '../testing/factories.ts';
import { countRows, createTestApp, dbKinds, signIn, type TestApp } from '../testing/harness.ts';

/**
 * Walks every operation of the platform's OpenAPI document with garbage — unknown, malformed and
 * overlong path parameters, nonsense query strings, empty, wrongly typed and overlong bodies — as an
 * account holding every role, and requires of each answer: never a 5xx; a 4xx in the error shape with
 * a message in the caller's language; and a refused write leaves the audit log as it was (every write
 * audits in its own transaction, so an unchanged log means nothing was written).
 */

interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  items?: Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
  format?: string;
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
type Paths = Record<string, Record<string, Operation>>;

/** Never sent: these end the fuzzing account's own session or credentials. */
const SKIP = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);
/** Feeds read by calendar clients answer a bare 404, not JSON. */
const NOT_JSON = /\.ics$/;
const HAN = /\p{Script=Han}/u;

const PARAMS = ['00000000-0000-4000-8000-000000000000', '1', '-1', 'x'.repeat(300), '%E0%A4%A', "'%3B--"];
const QUERY =
  '?page=-1&pageSize=100000&sort=-nope&from=notadate&to=2026-13-45&year=abc&month=13&date=yesterday' +
  `&q=${'x'.repeat(3000)}&status=%00&id=1&limit=-5`;

function typeOf(s: Schema | undefined): string | undefined {
  if (!s) return undefined;
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
  if (s.type) return s.type;
  return typeOf(s.anyOf?.[0] ?? s.oneOf?.[0]);
}

/** A value of the wrong type for a property of the schema. */
function wrongTyped(s: Schema | undefined): unknown {
  switch (typeOf(s)) {
    case 'string':
      return s?.enum || s?.format ? 'not-a-valid-value' : 12345;
    case 'number':
    case 'integer':
      return 'abc';
    case 'boolean':
      return 'maybe';
    case 'array':
      return { not: 'a list' };
    case 'object':
      return 'not an object';
    default:
      return null;
  }
}

/** A value of the right type but far over any sensible size (nested values stay small). */
function overlong(s: Schema | undefined, nested = false): unknown {
  switch (typeOf(s)) {
    case 'string':
      return '长'.repeat(nested ? 300 : 5_000);
    case 'number':
    case 'integer':
      return -1e308;
    case 'boolean':
      return true;
    case 'array':
      return nested ? [] : Array.from({ length: 1_000 }, () => overlong(s?.items, true));
    case 'object':
      return nested
        ? {}
        : Object.fromEntries(Object.entries(s?.properties ?? {}).map(([k, v]) => [k, overlong(v, true)]));
    default:
      return 'x'.repeat(nested ? 300 : 5_000);
  }
}

function bodies(op: Operation): (string | unknown)[] {
  const schema = op.requestBody?.content?.['application/json']?.schema;
  const props = Object.entries(schema?.properties ?? {});
  return [
    {},
    [],
    'null',
    '{"half":',
    Object.fromEntries(props.map(([k, v]) => [k, wrongTyped(v)])),
    Object.fromEntries(props.map(([k, v]) => [k, overlong(v)])),
  ];
}

/**
 * The requests for one operation: the first path-parameter value (a well-formed unknown id) with every
 * query or body variant, the other parameter values with the plainest request.
 */
function requests(path: string, method: string, op: Operation): [string, unknown][] {
  const hasParams = /\{[^}]+\}/.test(path);
  const fill = (v: string) => path.replace(/\{[^}]+\}/g, v);
  const write = method !== 'get' && method !== 'delete';
  const first = hasParams ? fill(PARAMS[0]!) : path;
  const out: [string, unknown][] = write
    ? bodies(op).map((b) => [first, b])
    : [
        [first, undefined],
        [first + QUERY, undefined],
      ];
  if (hasParams) for (const v of PARAMS.slice(1)) out.push([fill(v), write ? {} : undefined]);
  return out;
}

function request(method: string, url: string, payload: unknown, token: string): InjectOptions {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'accept-language': 'en' };
  if (payload === undefined) return { method: method.toUpperCase() as InjectOptions['method'], url, headers };
  return {
    method: method.toUpperCase() as InjectOptions['method'],
    url,
    headers: { ...headers, 'content-type': 'application/json' },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  };
}

/** What is wrong with an answer to garbage, or null when it is a proper refusal (or a harmless success). */
function judge(path: string, res: { statusCode: number; body: string; json(): unknown }): string | null {
  if (res.statusCode >= 500) return res.body.slice(0, 160);
  if (res.statusCode < 400) return null;
  if (NOT_JSON.test(path) && res.statusCode === 404) return null;
  let error: { code?: unknown; message?: unknown; details?: unknown } | undefined;
  try {
    error = (res.json() as { error?: typeof error }).error;
  } catch {
    error = undefined;
  }
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    return `not in the error shape: ${res.body.slice(0, 120)}`;
  }
  if (!Array.isArray(error.details)) return 'without details';
  if (HAN.test(error.message)) return `a Chinese message to an English caller: ${error.message}`;
  return null;
}

async function auditRows(t: TestApp): Promise<number> {
  return (await countRows(t.ctx, ['audit_log'])).audit_log ?? 0;
}

describe.each(dbKinds)('every route refuses garbage cleanly on %s', (kind) => {
  let t: TestApp;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    const unit = await buildUnit(t.ctx.db);
    const unitRole = (role: 'unit_admin' | 'gate_guard' | 'canteen_staff' | 'supplier') => ({
      role,
      scope: 'unit' as const,
      unitId: unit.id,
    });
    const account = await buildAccount(t.ctx.db, {
      username: 'fuzzer',
      grants: [
        { role: 'bureau_admin', scope: 'city' },
        { role: 'dispatcher', scope: 'city' },
        { role: 'inspector', scope: 'city' },
        { role: 'driver', scope: 'self' },
        { role: 'staff', scope: 'self' },
        unitRole('unit_admin'),
        unitRole('gate_guard'),
        unitRole('canteen_staff'),
        unitRole('supplier'),
      ],
    });
    token = (await signIn(t.app, 'fuzzer', account.password)).token!;
  });
  afterAll(() => t.close());

  it('answers no garbage with a 5xx, every refusal in the error shape, and writes nothing', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const paths = (doc.json() as { paths: Paths }).paths;
    const problems: string[] = [];
    let sent = 0;
    for (const [path, ops] of Object.entries(paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (SKIP.has(`${method.toUpperCase()} ${path}`)) continue;
        for (const [url, payload] of requests(path, method, op)) {
          const req = request(method, url, payload, token);
          const write = method !== 'get';
          const before = write ? await auditRows(t) : 0;
          const res = await t.app.inject(req);
          sent++;
          const where = `${req.method} ${url.slice(0, 80)} ${String(req.payload ?? '').slice(0, 60)}`;
          const problem = judge(path, res);
          if (problem) problems.push(`${where} → ${res.statusCode} ${problem}`);
          if (write && res.statusCode >= 400) {
            const wrote = (await auditRows(t)) - before;
            if (wrote !== 0) problems.push(`${where} → ${res.statusCode} but wrote ${wrote} audit rows`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    // the walk really covered the platform: hundreds of operations, thousands of requests
    expect(Object.keys(paths).length).toBeGreaterThan(150);
    expect(sent).toBeGreaterThan(1500);
  }, 300_000);
});
