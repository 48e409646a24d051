import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Tx } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { AppContext, Log } from '../../../kernel/module.ts';
import type { JurisdictionKey } from '../../../kernel/demo/catalogue.ts';
import { planRegistry, type OrgUnitForSeed } from './seed-plan.ts';

const CHUNK = 10_000;
const DEMO_ACTOR = { accountId: null, label: 'seed demo', ip: null };
const KEY_OF_CODE: Record<string, JurisdictionKey> = {
  CZ: 'CZ',
  'CZ-WJ': 'WJ',
  'CZ-XB': 'XB',
  'CZ-TN': 'TN',
  'CZ-ZL': 'ZL',
  'CZ-JK': 'JK',
};

/** One statement per table: the rows travel as one JSON parameter (fast on PGlite and PostgreSQL). */
async function insertJson(tx: Tx, table: string, rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const list = sql.join(cols.map((c) => sql.ref(c)));
  for (let i = 0; i < rows.length; i += CHUNK) {
    await sql`insert into ${sql.table(table)} (${list})
      select ${list} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows.slice(i, i + CHUNK))}::json)`.execute(
      tx,
    );
  }
}

/** The demo city's energy registry: institutions linked to the org's units, buildings, points, quotas. */
export async function seedRegistry(ctx: AppContext, log: Log): Promise<void> {
  await inTransaction(ctx.db, async (tx: Tx) => {
    const jurisdictions = await tx.selectFrom('org_jurisdiction').select(['id', 'code']).execute();
    const ids = {} as Record<JurisdictionKey, string>;
    for (const j of jurisdictions) {
      const key = KEY_OF_CODE[j.code];
      if (key) ids[key] = j.id;
    }
    if (Object.keys(ids).length < 6) {
      log('seeding demo city: energy registry skipped (the demo jurisdictions are missing)');
      return;
    }
    const keyOf = Object.fromEntries(Object.entries(ids).map(([k, id]) => [id, k as JurisdictionKey]));
    const units = await sql<{
      id: string;
      name: string;
      kind: 'organ' | 'institution';
      jurisdiction_id: string;
      address: string | null;
      headcount: number;
    }>`select u.id, u.name, u.kind, u.jurisdiction_id, u.address,
         (select count(*)::int from org_person p where p.unit_id = u.id and p.status = 'active') as headcount
       from org_unit u order by u.code`.execute(tx);
    const forSeed: OrgUnitForSeed[] = units.rows.map((u) => ({
      id: u.id,
      name: u.name,
      kind: u.kind,
      jurisdictionId: u.jurisdiction_id,
      jurisdictionKey: keyOf[u.jurisdiction_id] ?? 'CZ',
      address: u.address,
      headcount: u.headcount,
    }));
    const plan = planRegistry(forSeed, ids, () => crypto.randomUUID());
    await insertJson(tx, 'energy_institution', plan.institutions);
    await insertJson(tx, 'energy_building', plan.buildings);
    // main meters before their sub-meters (parent_id references)
    const depth = new Map<string, number>();
    for (const p of plan.points) depth.set(p.id, p.parent_id ? (depth.get(p.parent_id) ?? 0) + 1 : 0);
    const ordered = [...plan.points].sort((a, b) => depth.get(a.id)! - depth.get(b.id)!);
    await insertJson(tx, 'energy_point', ordered);
    await insertJson(tx, 'energy_quota', plan.quotas);
    const counts = {
      institutions: plan.institutions.length,
      linkedUnits: plan.institutions.filter((i) => i.unit_id).length,
      buildings: plan.buildings.length,
      points: plan.points.length,
      quotas: plan.quotas.length,
      national: plan.institutions.filter((i) => i.demonstration === 'national').length,
      provincial: plan.institutions.filter((i) => i.demonstration === 'provincial').length,
    };
    await audit(tx, DEMO_ACTOR, { entity: 'energy.registry', action: 'seed', after: counts });
    log(
      `seeding demo city: energy registry — ${counts.institutions} institutions (${counts.linkedUnits} linked to units), ` +
        `${counts.buildings} buildings, ${counts.points} metering points, ${counts.national} national + ${counts.provincial} provincial demonstration units`,
    );
  });
}
