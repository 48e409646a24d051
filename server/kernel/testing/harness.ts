import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { loadConfig, type Config } from '../config.ts';
import { openDatabase, type Database, type DbKind } from '../db/connect.ts';
import type { AppContext } from '../module.ts';
import { buildApp } from '../../app.ts';
import { withDatabase } from './postgres.ts';

const TEMPLATE_DB = 'goa_template';

/** The databases integration suites run on: PGlite always, PostgreSQL when the run has a server. */
export const dbKinds: DbKind[] = inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];

/** The connection URL of each PostgreSQL test database, for a second app instance on it (createPeerApp). */
const databaseUrls = new WeakMap<Database, string>();

/** A fresh, migrated database: PGlite loaded from the run's template, or a new database on the server. */
export async function createTestDatabase(kind: DbKind): Promise<Database> {
  if (kind === 'pglite') {
    const tarball = fs.readFileSync(inject('pgliteTemplate'));
    const lite = await PGlite.create({
      loadDataDir: new Blob([tarball]),
      extensions: { btree_gist, pg_trgm },
    });
    const database = await openDatabase({ pglite: lite });
    return {
      ...database,
      async close() {
        await database.close();
        await lite.close();
      },
    };
  }
  const serverUrl = inject('postgresUrl');
  if (!serverUrl) throw new Error('no PostgreSQL server in this test run');
  const name = `goa_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${TEMPLATE_DB}`);
  await admin.end();
  const url = withDatabase(serverUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: 10 });
  const result: Database = {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
  databaseUrls.set(result, url);
  return result;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-data-'));
  return loadConfig({
    GOA_DATA_DIR: dataDir,
    GOA_LOG_LEVEL: 'silent',
    GOA_DEMO: '0',
    GOA_JOBS: '0',
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  ctx: AppContext;
  kind: DbKind;
  close(): Promise<void>;
}

export async function createTestApp(kind: DbKind, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const database = await createTestDatabase(kind);
  const ctx: AppContext = { config, database, db: database.db };
  const app = await buildApp(ctx, { web: false });
  await app.ready();
  return {
    app,
    ctx,
    kind,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A second app instance on the database of `t`, like a second server of one deployment (reliability
 * tests: requests spread over two instances). On PostgreSQL it has its own connection pool, so the two
 * instances' requests really run concurrently in the server; PGlite has a single connection, so the peer
 * shares `t`'s database object. Close the peer before `t`; closing it leaves `t`'s database open.
 * (Process-wide state such as the principal cache is still shared: both run in one process.)
 */
export async function createPeerApp(t: TestApp, env: Record<string, string> = {}): Promise<TestApp> {
  const config = testConfig(env);
  const url = databaseUrls.get(t.ctx.database);
  const database = url ? await openDatabase({ databaseUrl: url, poolSize: 10 }) : t.ctx.database;
  const ctx: AppContext = { config, database, db: database.db };
  const app = await buildApp(ctx, { web: false });
  await app.ready();
  return {
    app,
    ctx,
    kind: t.kind,
    async close() {
      await app.close();
      if (url) await database.close();
      fs.rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
  raw: string;
}

/** A small HTTP client over fastify.inject, signed in with a bearer token when it has one. */
export class TestClient {
  constructor(
    readonly app: FastifyInstance,
    readonly token: string | null = null,
    readonly locale: 'zh-CN' | 'en' = 'zh-CN',
  ) {}

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async request<T = any>(opts: InjectOptions): Promise<Response<T>> {
    const headers: Record<string, string> = {
      'accept-language': this.locale,
      ...(opts.headers as Record<string, string>),
    };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const res = await this.app.inject({ ...opts, headers });
    let body: unknown = res.body;
    if (String(res.headers['content-type'] ?? '').includes('json') && res.body) body = JSON.parse(res.body);
    return { status: res.statusCode, body: body as T, headers: res.headers, raw: res.body };
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  get<T = any>(url: string) {
    return this.request<T>({ method: 'GET', url });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  post<T = any>(url: string, payload?: unknown) {
    return this.request<T>({ method: 'POST', url, payload: payload as InjectOptions['payload'] });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  put<T = any>(url: string, payload?: unknown) {
    return this.request<T>({ method: 'PUT', url, payload: payload as InjectOptions['payload'] });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  patch<T = any>(url: string, payload?: unknown) {
    return this.request<T>({ method: 'PATCH', url, payload: payload as InjectOptions['payload'] });
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  delete<T = any>(url: string) {
    return this.request<T>({ method: 'DELETE', url });
  }
}

export async function signIn(app: FastifyInstance, username: string, password: string): Promise<TestClient> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${res.statusCode} ${res.body}`);
  return new TestClient(app, (JSON.parse(res.body) as { token: string }).token);
}

/** Row counts of the given tables: compare before and after a refused request to prove nothing was written. */
export async function countRows(ctx: AppContext, tables: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const { rows } = await import('kysely').then(({ sql }) =>
      sql<{ n: number }>`select count(*)::int as n from ${sql.table(t)}`.execute(ctx.db),
    );
    out[t] = rows[0]?.n ?? 0;
  }
  return out;
}
