import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { openDatabase } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { migrationSources } from '../../app.ts';
import { startTestServer, withDatabase, type TestServer } from './postgres.ts';

export const TEMPLATE_DB = 'goa_template';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    postgresUrl: string | null;
  }
}

/**
 * Runs once per test run: builds a migrated PGlite data dir (dumped to a tarball that each test file
 * loads in a fraction of the time a migration takes) and a migrated template database on a real
 * PostgreSQL server (each test file creates its own database from it).
 */
export default async function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'goa-test-'));
  const lite = await PGlite.create({ extensions: { btree_gist, pg_trgm } });
  const database = await openDatabase({ pglite: lite });
  await migrate(database.db, migrationSources());
  await database.close();
  const dump = await lite.dumpDataDir('none');
  const tarball = path.join(dir, 'template.tar');
  fs.writeFileSync(tarball, Buffer.from(await dump.arrayBuffer()));
  await lite.close();
  project.provide('pgliteTemplate', tarball);

  let server: TestServer | null = null;
  try {
    server = await startTestServer();
  } catch (e) {
    if (process.env.CI) throw e;
    console.warn(`PostgreSQL could not be started (${(e as Error).message}); PostgreSQL suites are skipped.`);
  }
  if (!server && process.env.CI) {
    throw new Error('CI=true: a PostgreSQL server is required (install postgresql or set TEST_DATABASE_URL)');
  }
  if (server) {
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`drop database if exists ${TEMPLATE_DB}`);
    await admin.query(`create database ${TEMPLATE_DB}`);
    await admin.end();
    const tpl = await openDatabase({ databaseUrl: withDatabase(server.url, TEMPLATE_DB), poolSize: 1 });
    await migrate(tpl.db, migrationSources());
    await tpl.close();
  } else if (!server) {
    console.warn('No PostgreSQL server found: PostgreSQL suites are skipped (never under CI=true).');
  }
  project.provide('postgresUrl', server?.url ?? null);

  return async () => {
    server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
