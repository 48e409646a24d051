import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import '../registry/tables.ts';

/** The city's factors and thresholds (one row, editable by the bureau). */

export const settings = z.object({
  carbonKgPerKwh: z.number().min(0).max(10),
  carbonKgPerM3Gas: z.number().min(0).max(100),
  carbonKgPerGjHeat: z.number().min(0).max(1000),
  capKgcePerM2: z.number().positive().max(10_000),
  capKgcePerPerson: z.number().positive().max(100_000),
  capWaterM3PerPerson: z.number().positive().max(100_000),
  offlineIntervals: z.number().int().min(1).max(10_000),
  baseLoadRatio: z.number().positive().max(10),
  spikeFactor: z.number().gt(1).max(1000),
  balanceTolerance: z.number().positive().max(1),
});
export type Settings = z.infer<typeof settings>;
export const settingsPatch = settings.partial();

const COLUMNS = {
  carbonKgPerKwh: 'carbon_kg_per_kwh',
  carbonKgPerM3Gas: 'carbon_kg_per_m3_gas',
  carbonKgPerGjHeat: 'carbon_kg_per_gj_heat',
  capKgcePerM2: 'cap_kgce_per_m2',
  capKgcePerPerson: 'cap_kgce_per_person',
  capWaterM3PerPerson: 'cap_water_m3_per_person',
  offlineIntervals: 'offline_intervals',
  baseLoadRatio: 'base_load_ratio',
  spikeFactor: 'spike_factor',
  balanceTolerance: 'balance_tolerance',
} as const;

export async function loadSettings(db: Executor): Promise<Settings> {
  const row = await db.selectFrom('energy_setting').selectAll().executeTakeFirstOrThrow();
  const out = {} as Record<string, number>;
  for (const [k, col] of Object.entries(COLUMNS)) out[k] = Number(row[col]);
  return out as Settings;
}

export async function updateSettings(db: Db, actor: Actor, patch: Partial<Settings>): Promise<Settings> {
  return inTransaction(db, async (tx) => {
    const before = await loadSettings(tx);
    const set: Record<string, number> = {};
    const changedBefore: Record<string, number> = {};
    const changedAfter: Record<string, number> = {};
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || before[k as keyof Settings] === v) continue;
      set[COLUMNS[k as keyof Settings]] = v;
      changedBefore[k] = before[k as keyof Settings];
      changedAfter[k] = v;
    }
    if (Object.keys(set).length === 0) return before;
    await tx
      .updateTable('energy_setting')
      .set({ ...set, updated_at: sql`now()` })
      .execute();
    await audit(tx, actor, {
      entity: 'energy.setting',
      action: 'update',
      before: changedBefore,
      after: changedAfter,
    });
    return loadSettings(tx);
  });
}
