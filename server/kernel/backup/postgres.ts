import { spawn, spawnSync } from 'node:child_process';
import { sql } from 'kysely';
import { openDatabase } from '../db/connect.ts';
import { BackupError, migrationSummary, type MigrationSummary } from './common.ts';

/**
 * A server database: pg_dump's custom format and pg_restore, which must be on PATH. The tools get
 * the URL without its password, which travels in PGPASSWORD instead: a command line is visible to
 * every local user. The child inherits our environment (PATH, locale).
 */
function connection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const u = new URL(url);
  // passing the environment on to a child process is not reading configuration
  // eslint-disable-next-line no-restricted-syntax
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  u.password = '';
  return { dbname: u.toString(), env };
}

function run(tool: 'pg_dump' | 'pg_restore', args: string[], env: NodeJS.ProcessEnv): void {
  const res = spawnSync(tool, args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if ((res.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new BackupError(
      `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version ` +
        `(e.g. apt-get install postgresql-client-15) and try again.`,
    );
  }
  if (res.error) throw res.error;
  if (res.status !== 0) throw new BackupError(`${tool} failed (exit ${res.status}): ${res.stderr.trim()}`);
}

/** Dumps the database to `file` (custom format) and summarises its migration ledger. */
export async function dumpServer(url: string, file: string): Promise<MigrationSummary> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  let ledger: MigrationSummary;
  try {
    ledger = await migrationSummary(database.db);
  } finally {
    await database.close();
  }
  const { dbname, env } = connection(url);
  run(
    'pg_dump',
    ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${dbname}`],
    env,
  );
  return ledger;
}

/** How many tables the database's public schema holds: a restore refuses a non-empty one unless forced. */
export async function serverTableCount(url: string): Promise<number> {
  const database = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_catalog.pg_tables where schemaname = 'public'`.execute(database.db);
    return rows[0]?.n ?? 0;
  } finally {
    await database.close();
  }
}

export function assertServerEmpty(tables: number, force: boolean): void {
  if (tables > 0 && !force) {
    throw new BackupError(
      `The database already holds ${tables} tables; pass --force to replace them with the backup`,
    );
  }
}

/**
 * Loads a custom-format dump in one transaction: on any error the database is left as it was.
 * Into a database that holds tables (a forced restore) the public schema is replaced as a whole:
 * pg_restore's own --clean cannot drop the constraints partitions inherit (energy readings are
 * partitioned by month), so pg_restore writes the script and psql runs it after DROP SCHEMA in the
 * same transaction. The tables are dropped first, all in one statement and without CASCADE, so an
 * object outside the backup that depends on them (a report view in another schema) stops the restore.
 */
export async function restoreServer(url: string, file: string, tables: number): Promise<void> {
  const { dbname, env } = connection(url);
  const common = ['--no-owner', '--no-privileges'];
  if (tables === 0) {
    run(
      'pg_restore',
      [...common, '--single-transaction', '--exit-on-error', `--dbname=${dbname}`, file],
      env,
    );
    return;
  }
  await replaceSchema(dbname, env, [...common, '--file=-', file]);
}

const CLEAR_PUBLIC = `
do $clear$
declare
  views text;
  tables text;
begin
  select string_agg(format('%I.%I', schemaname, viewname), ', ') into views from pg_views where schemaname = 'public';
  if views is not null then execute 'drop view ' || views; end if;
  select string_agg(format('%I.%I', schemaname, tablename), ', ') into tables from pg_tables where schemaname = 'public';
  if tables is not null then execute 'drop table ' || tables; end if;
end
$clear$;
drop schema public cascade;
create schema public;
`;

function replaceSchema(dbname: string, env: NodeJS.ProcessEnv, restoreArgs: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const psql = spawn(
      'psql',
      ['--quiet', '--no-psqlrc', '--single-transaction', '-v', 'ON_ERROR_STOP=1', `--dbname=${dbname}`],
      {
        env,
        stdio: ['pipe', 'ignore', 'pipe'],
      },
    );
    const script = spawn('pg_restore', restoreArgs, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let errors = '';
    const fail = (tool: string) => (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new BackupError(
              `${tool} was not found on PATH. Install the PostgreSQL client tools of the server's major version.`,
            )
          : e,
      );
    psql.on('error', fail('psql'));
    script.on('error', fail('pg_restore'));
    psql.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    script.stderr.on('data', (d: Buffer) => (errors += d.toString()));
    psql.stdin.on('error', () => {
      // psql stopped at an error; its exit code says so
    });
    psql.stdin.write(CLEAR_PUBLIC);
    script.stdout.pipe(psql.stdin);
    let restored: number | null = null;
    script.on('close', (code) => (restored = code));
    psql.on('close', (code) => {
      if (code === 0 && restored === 0) resolve();
      else
        reject(
          new BackupError(
            `pg_restore failed (into a database that held tables: pg_restore ${restored}, psql ${code}): ${errors.trim()}`,
          ),
        );
    });
  });
}
