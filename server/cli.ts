import { Command } from 'commander';
import { configProblems, loadConfig, type Config } from './kernel/config.ts';
import { DataDirLockedError } from './kernel/db/lock.ts';
import { SYSTEM_ACTOR } from './kernel/http/access.ts';
import { createMachineToken } from './kernel/auth/service.ts';
import { machinePurposesOf } from './kernel/auth/machine-tokens.ts';
import { buildApp } from './app.ts';
import { openPlatform, servePlatform } from './platform.ts';
import { ensureWebBuilt } from './web-build.ts';
import { DomainError } from './kernel/errors.ts';
import { backup, BackupError, restore } from './kernel/backup/index.ts';
import { createUserFromCli, RoleSpecError } from './kernel/auth/cli-user.ts';
import { modules } from './modules.ts';
import { DEMO_HINT, demoOnServe, formatDemoLogins, isDatabaseEmpty, seedDemo } from './kernel/demo/index.ts';

const program = new Command('goa')
  .description('goa — 机关事务一体化平台 / the Government Offices Administration platform')
  .showHelpAfterError();

const say = (line: string) => process.stdout.write(`${line}\n`);

/** A command the domain refused: its reason in both languages, naming the fields at fault. */
function reportRefusal(e: DomainError): void {
  const fields = e.details.flatMap((d) => (d.field ? [d.field] : []));
  const where = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  process.stderr.write(`goa: ${e.messages.en}${where}\ngoa: ${e.messages['zh-CN']}\n`);
  process.exitCode = 1;
}

program
  .command('serve')
  .description(
    'serve the platform (HTTP API, web app, background jobs); migrates and seeds the demo city on first start',
  )
  .action(async () => {
    const config = loadConfig();
    await ensureWebBuilt(config, say);
    const ctx = await openPlatform(config, say);
    const demo = await demoOnServe(ctx, say);
    const running = await servePlatform(ctx);
    say(
      `goa is serving ${running.url} on ${ctx.database.kind === 'pglite' ? `the embedded database in ${config.dataDir}` : 'PostgreSQL'}`,
    );
    if (demo === 'seeded') for (const line of formatDemoLogins()) say(line);
    else if (demo === 'present') say(DEMO_HINT);
    const shutdown = async (signal: string) => {
      say(`${signal}: stopping…`);
      await running.stop();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    const ctx = await openPlatform(loadConfig(), say);
    say('migrations are up to date');
    await ctx.database.close();
  });

const seed = program.command('seed').description('load data into the database');
seed
  .command('demo')
  .description(
    'seed the demo city (常州市, its districts, organs, 238 institutions, people and one account per role) into an empty database',
  )
  .action(async () => {
    const ctx = await openPlatform(loadConfig(), say);
    try {
      if (!(await isDatabaseEmpty(ctx.db))) {
        process.stderr.write(
          'goa: the database already holds an organisation; the demo city is only seeded into an empty database\n' +
            'goa: 数据库中已有组织机构数据,演示城市只能导入空数据库\n',
        );
        process.exitCode = 1;
        return;
      }
      await seedDemo(ctx, say);
      for (const line of formatDemoLogins()) say(line);
    } finally {
      await ctx.database.close();
    }
  });

const token = program.command('token').description('machine tokens for meters, GPS units and gateways');
token
  .command('create')
  .description('create a machine token limited to one purpose; the token is printed on the last line')
  .requiredOption('--purpose <name>', 'what the token may do, e.g. energy.ingest or vehicles.position')
  .option('--name <label>', 'a label for the device or gateway', 'device')
  .action(async (opts: { purpose: string; name: string }) => {
    const ctx = await openPlatform(loadConfig());
    try {
      // the purposes the routes declare: a token for any other name would be let in nowhere
      const app = await buildApp(ctx, { web: false });
      await app.ready();
      const known = machinePurposesOf(app);
      await app.close();
      const created = await createMachineToken(
        ctx.db,
        { name: opts.name, purpose: opts.purpose },
        { ...SYSTEM_ACTOR, label: 'cli' },
        known,
      );
      say(`machine token ${created.id} for purpose ${opts.purpose}:`);
      say(created.token);
    } finally {
      await ctx.database.close();
    }
  });

const user = program.command('user').description('accounts of people and administrators');
user
  .command('create')
  .description('create an account with roles; prints the generated password when none is given')
  .requiredOption('--username <name>', 'sign-in name: 2–40 lower-case letters, digits or _ . -')
  .requiredOption('--name <displayName>', 'display name, e.g. "王芳"')
  .option('--password <password>', 'at least 8 characters with letters and digits (generated when omitted)')
  .option('--person <id>', 'link the account to this person (org_person id)')
  .option(
    '--role <role[:scope[:id]]>',
    'grant a role; scope is city (default), jurisdiction, unit or self; a jurisdiction or unit by id or code ' +
      '(repeatable, e.g. --role bureau_admin --role unit_admin:unit:U0101)',
    (value: string, previous: string[]) => [...previous, value],
    [] as string[],
  )
  .action(
    async (opts: { username: string; name: string; password?: string; person?: string; role: string[] }) => {
      const ctx = await openPlatform(loadConfig());
      try {
        const created = await createUserFromCli(
          ctx.db,
          {
            username: opts.username,
            displayName: opts.name,
            password: opts.password,
            personId: opts.person,
            roles: opts.role,
          },
          { ...SYSTEM_ACTOR, label: 'cli' },
        );
        say(`account ${created.id} created: ${opts.username.trim().toLowerCase()}`);
        if (opts.role.length > 0) say(`roles: ${opts.role.join(', ')}`);
        if (created.generated) say(`password (shown once): ${created.password}`);
      } catch (e) {
        if (e instanceof RoleSpecError) {
          process.stderr.write(`goa: ${e.message}\n`);
        } else if (e instanceof DomainError) {
          reportRefusal(e);
        } else {
          throw e;
        }
        process.exitCode = 1;
      } finally {
        await ctx.database.close();
      }
    },
  );

const dataKeys = (config: Config) => modules.flatMap((m) => m.dataKeys?.(config) ?? []);

const reportBackupError = (e: unknown) => {
  if (!(e instanceof BackupError)) throw e;
  process.stderr.write(`goa: ${e.message}\n`);
  process.exitCode = 1;
};

program
  .command('backup')
  .description(
    "write a complete backup to FILE, one gzipped tar: a manifest, the database (the embedded directory's " +
      'dump, stop the server first; or a PostgreSQL server through pg_dump, on PATH) and the uploaded files ' +
      'of GOA_FILES_DIR',
  )
  .argument('<file>', 'where to write the backup')
  .option('--force', 'overwrite FILE when it exists')
  .option(
    '--without-keys',
    "leave the modules' data keys (e.g. the visitors' key for ID numbers) out of the archive; keep them apart",
  )
  .action(async (file: string, opts: { force?: boolean; withoutKeys?: boolean }) => {
    try {
      const config = loadConfig();
      const result = await backup(config, file, {
        force: opts.force === true,
        log: say,
        keys: dataKeys(config),
        withoutKeys: opts.withoutKeys === true,
      });
      say(`backup written: ${result.file} (${result.bytes} bytes)`);
    } catch (e) {
      reportBackupError(e);
    }
  });

program
  .command('restore')
  .description(
    'load a backup made by `goa backup`: the database into the embedded directory (stop the server first) or, ' +
      'through pg_restore, into the PostgreSQL database of DATABASE_URL; the uploaded files replace ' +
      'GOA_FILES_DIR. The archive is checked whole before anything is replaced',
  )
  .argument('<file>', 'the backup to load')
  .option('--force', 'replace a database and files directory that already hold data')
  .action(async (file: string, opts: { force?: boolean }) => {
    try {
      const config = loadConfig();
      await restore(config, file, { force: opts.force === true, log: say, keys: dataKeys(config) });
      say('the next start applies any migrations newer than the backup');
    } catch (e) {
      reportBackupError(e);
    }
  });

for (const m of modules)
  m.commands?.(program, { say, config: loadConfig, open: () => openPlatform(loadConfig(), say) });

program.parseAsync(process.argv).catch((e: unknown) => {
  if (e instanceof DataDirLockedError) {
    process.stderr.write(`goa: ${e.message}\n`);
    process.exit(75);
  }
  if (e instanceof DomainError) {
    reportRefusal(e);
    process.exit(1);
  }
  const problems = configProblems(e);
  if (problems) {
    // a misconfigured variable is the operator's to fix: name it, no stack trace
    process.stderr.write(
      'goa: invalid configuration (see the configuration table of the README):\n' +
        'goa: 配置有误（见 README 的配置表）：\n' +
        `${problems.join('\n')}\n`,
    );
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`goa: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
