import { sql } from 'kysely';
import type { Db, Tx } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { DomainError } from '../errors.ts';
import { auditMany } from '../audit/audit.ts';
import type { Actor } from '../http/access.ts';
import type { Log } from '../module.ts';
import { hashPassword } from '../auth/passwords.ts';
import { planDemoCity, type DemoPlan } from './plan.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, placeDemoLogins, type PlacedLogin } from './logins.ts';
import '../org/tables.ts';
import '../auth/tables.ts';

export const DEMO_ACTOR: Actor = { accountId: null, label: 'seed demo', ip: null };

/** Rows per INSERT: well under PostgreSQL's 65,535 bind parameters for the widest table (11 columns). */
const CHUNK = 1000;

/** Whether the organisation is empty: no jurisdiction at all (the demo's first row). */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  const row = await sql<{ found: boolean }>`select exists (select 1 from org_jurisdiction) as found`.execute(
    db,
  );
  return !row.rows[0]?.found;
}

async function insertChunks<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

interface Stage {
  name: string;
  run(tx: Tx): Promise<Record<string, number>>;
}

function stages(plan: DemoPlan, placed: PlacedLogin[], hashes: string[]): Stage[] {
  return [
    {
      name: 'jurisdictions',
      async run(tx) {
        await tx
          .insertInto('org_jurisdiction')
          .values(
            plan.jurisdictions.map((j) => ({
              id: j.id,
              code: j.code,
              name: j.name,
              kind: j.kind,
              parent_id: j.parentId,
              sort: j.sort,
            })),
          )
          .execute();
        return { jurisdictions: plan.jurisdictions.length };
      },
    },
    {
      name: 'units',
      async run(tx) {
        // organs first: an institution's parent is then always in an earlier or the same statement
        const ordered = [...plan.units].sort(
          (a, b) => Number(a.kind === 'institution') - Number(b.kind === 'institution'),
        );
        await insertChunks(ordered, (chunk) =>
          tx
            .insertInto('org_unit')
            .values(
              chunk.map((u) => ({
                id: u.id,
                code: u.code,
                name: u.name,
                short_name: u.shortName,
                kind: u.kind,
                level: u.level,
                jurisdiction_id: u.jurisdictionId,
                parent_id: u.parentId,
                establishment: u.establishment,
                address: u.address,
                sort: u.sort,
              })),
            )
            .execute(),
        );
        const institutions = plan.units.filter((u) => u.kind === 'institution').length;
        return { units: plan.units.length, organs: plan.units.length - institutions, institutions };
      },
    },
    {
      name: 'departments',
      async run(tx) {
        await insertChunks(plan.departments, (chunk) =>
          tx
            .insertInto('org_department')
            .values(
              chunk.map((d) => ({
                id: d.id,
                unit_id: d.unitId,
                jurisdiction_id: d.jurisdictionId,
                name: d.name,
                sort: d.sort,
              })),
            )
            .execute(),
        );
        return { departments: plan.departments.length };
      },
    },
    {
      name: 'people',
      async run(tx) {
        await insertChunks(plan.people, (chunk) =>
          tx
            .insertInto('org_person')
            .values(
              chunk.map((p) => ({
                id: p.id,
                unit_id: p.unitId,
                jurisdiction_id: p.jurisdictionId,
                department_id: p.departmentId,
                employee_no: p.employeeNo,
                name: p.name,
                gender: p.gender,
                rank: p.rank,
                position: p.position,
                phone: p.phone,
              })),
            )
            .execute(),
        );
        return { people: plan.people.length };
      },
    },
    {
      name: 'accounts',
      async run(tx) {
        const accounts = await tx
          .insertInto('auth_account')
          .values(
            placed.map((p, i) => ({
              username: p.login.username,
              display_name: p.person?.name ?? p.login.displayName ?? p.login.username,
              person_id: p.person?.id ?? null,
              password_hash: hashes[i] ?? '',
            })),
          )
          .returning(['id', 'username'])
          .execute();
        const idOf = new Map(accounts.map((a) => [a.username, a.id]));
        await tx
          .insertInto('auth_role_assignment')
          .values(
            placed.map((p) => ({
              account_id: idOf.get(p.login.username) ?? '',
              role: p.login.role,
              scope_kind: p.login.scopeKind,
              jurisdiction_id: p.jurisdictionId,
              unit_id: p.unitId,
            })),
          )
          .execute();
        return { accounts: accounts.length, roleAssignments: placed.length };
      },
    },
  ];
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/**
 * Seeds the kernel's part of the demo city (organisation and accounts) in ONE transaction: a seed that
 * fails half-way leaves the database empty, so the next start tries again. Each stage logs its
 * progress and writes one audit record that summarises it.
 */
export async function seedDemoOrganisation(db: Db, log: Log): Promise<DemoPlan> {
  if (!(await isDatabaseEmpty(db))) {
    throw new DomainError('demo_database_not_empty', 'conflict', {
      'zh-CN': '数据库中已有组织机构数据，不能再导入演示城市（演示数据只能导入空数据库）',
      en: 'The database already holds an organisation; the demo city can only be seeded into an empty database',
    });
  }
  const usernames = DEMO_LOGINS.map((l) => l.username);
  const clash = await db
    .selectFrom('auth_account')
    .select('username')
    .where('username', 'in', usernames)
    .execute();
  if (clash.length > 0) {
    const names = clash.map((c) => c.username).join(', ');
    throw new DomainError(
      'demo_accounts_exist',
      'conflict',
      {
        'zh-CN': `已存在与演示账号同名的账号：${names}；演示城市未导入`,
        en: `Accounts with demo usernames already exist: ${names}; the demo city was not seeded`,
      },
      clash.map((c) => ({ field: 'username', username: c.username })),
    );
  }
  const started = performance.now();
  const plan = planDemoCity();
  const placed = placeDemoLogins(plan);
  // one scrypt hash per account, each with its own salt; the thread pool runs them side by side
  const hashes = await Promise.all(placed.map(() => hashPassword(DEMO_PASSWORD)));
  log(`seeding demo city: planned in ${seconds(performance.now() - started)}`);
  const list = stages(plan, placed, hashes);
  await inTransaction(db, async (tx) => {
    for (const [i, stage] of list.entries()) {
      const t0 = performance.now();
      const counts = await stage.run(tx);
      await auditMany(tx, DEMO_ACTOR, [
        { entity: 'demo', action: 'seed', after: { stage: stage.name, ...counts } },
      ]);
      const summary = Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ');
      log(
        `seeding demo city: ${stage.name} ${i + 1}/${list.length} — ${summary} (${seconds(performance.now() - t0)})`,
      );
    }
  });
  return plan;
}
