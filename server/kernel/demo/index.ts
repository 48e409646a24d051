import { sql } from 'kysely';
import type { Db } from '../db/schema.ts';
import type { AppContext, GoaModule, Log } from '../module.ts';
import { DomainError } from '../errors.ts';
import { DEMO_LOGINS, DEMO_PASSWORD } from './logins.ts';
import { isDatabaseEmpty, seedDemoOrganisation } from './seed.ts';

export { DEMO_LOGINS, DEMO_PASSWORD, type DemoLogin } from './logins.ts';
export { isDatabaseEmpty } from './seed.ts';
export { demoUser } from './principal.ts';
export { planDemoCity, DEMO_SEED, type DemoPlan } from './plan.ts';

/**
 * The demo city (常州市 and its districts, their organs, 238 public institutions, about ten thousand
 * people, one account for every role and scope), then every component's own part of the demo, in
 * the order the components are registered. Refuses a database that already holds an organisation.
 *
 * `components` defaults to every registered component and module, loaded lazily: the kernel does
 * not import the module list at load time.
 */
export async function seedDemo(ctx: AppContext, log: Log, components?: readonly GoaModule[]): Promise<void> {
  const started = performance.now();
  await seedDemoOrganisation(ctx.db, log);
  const list = components ?? (await import('../../app.ts')).allComponents;
  for (const component of list) {
    if (!component.seedDemo) continue;
    const t0 = performance.now();
    await component.seedDemo(ctx, log);
    log(`seeding demo city: ${component.name} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  }
  // The planner's statistics after the bulk load: the embedded engine has no autovacuum, and with
  // none the planner takes ten-thousand-row tables for empty ones (nested loops that turned the
  // energy overview's 0.3 s into 20 s).
  const t0 = performance.now();
  await sql`analyze`.execute(ctx.db);
  log(`seeding demo city: statistics (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  log(`seeding demo city: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Whether this database was seeded with the demo (its audit trail says so) and a demo account remains. */
export async function hasDemoAccounts(db: Db): Promise<boolean> {
  const seeded = await db
    .selectFrom('audit_log')
    .select('id')
    .where('entity', '=', 'demo')
    .where('action', '=', 'seed')
    .limit(1)
    .executeTakeFirst();
  if (!seeded) return false;
  const account = await db
    .selectFrom('auth_account')
    .select('id')
    .where(
      'username',
      'in',
      DEMO_LOGINS.map((l) => l.username),
    )
    .limit(1)
    .executeTakeFirst();
  return account !== undefined;
}

/**
 * What `serve` does about the demo before it listens: seeds an empty embedded database when the
 * demo is enabled. 'seeded': print the logins; 'present': the demo accounts exist from an earlier
 * start; 'none': no demo here.
 */
export async function demoOnServe(ctx: AppContext, log: Log): Promise<'seeded' | 'present' | 'none'> {
  if (!ctx.config.demo) return 'none';
  if (ctx.database.kind === 'pglite' && (await isDatabaseEmpty(ctx.db))) {
    log('empty embedded database: seeding the demo city 常州市 (GOA_DEMO=0 disables this)');
    try {
      await seedDemo(ctx, log);
    } catch (e) {
      // e.g. an account named like a demo account was created before the first start: serve anyway
      if (!(e instanceof DomainError)) throw e;
      log(`demo city not seeded: ${e.messages.en} / ${e.messages['zh-CN']}`);
      return 'none';
    }
    return 'seeded';
  }
  return (await hasDemoAccounts(ctx.db)) ? 'present' : 'none';
}

/** East Asian characters take two terminal columns. */
function width(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

const pad = (text: string, to: number) => text + ' '.repeat(Math.max(0, to - width(text)));

/** The demo logins as a text table for the terminal (zh-CN and English side by side). */
export function formatDemoLogins(): string[] {
  const rows = DEMO_LOGINS.map((l) => [
    l.username,
    `${l.roleLabel['zh-CN']} / ${l.roleLabel.en}`,
    `${l.scope['zh-CN']} / ${l.scope.en}`,
  ]);
  const head = ['用户名 username', '角色 role', '数据范围 scope'];
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) => `  ${cells.map((c, i) => pad(c, widths[i] ?? 0)).join('  ')}`.trimEnd();
  return [
    `demo logins (password for all: ${DEMO_PASSWORD}) / 演示账号(密码均为 ${DEMO_PASSWORD}):`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
}

export const DEMO_HINT =
  'demo logins: see README (password demo; admin is the bureau administrator) / 演示账号见 README';
