import { sql } from 'kysely';
import { z } from 'zod';
import type { Db, Executor } from '../../../kernel/db/schema.ts';
import { inTransaction } from '../../../kernel/db/tx.ts';
import { errors } from '../../../kernel/errors.ts';
import { audit } from '../../../kernel/audit/audit.ts';
import type { Actor } from '../../../kernel/http/access.ts';
import '../registry/tables.ts';

/** Yearly quotas (定额) of an institution. */

export const quotaInput = z.object({
  totalKgce: z.number().positive().max(1e12),
  electricityKwh: z.number().positive().max(1e13).nullish(),
  waterM3: z.number().positive().max(1e12).nullish(),
  basis: z.enum(['constraint', 'guide']).default('constraint'),
});
export const quota = z.object({
  year: z.number().int(),
  totalKgce: z.number(),
  electricityKwh: z.number().nullable(),
  waterM3: z.number().nullable(),
  basis: z.enum(['constraint', 'guide']),
});

export async function listQuotas(db: Executor, institutionId: string) {
  const rows = await db
    .selectFrom('energy_quota')
    .selectAll()
    .where('institution_id', '=', institutionId)
    .orderBy('year', 'desc')
    .execute();
  return rows.map((r) => ({
    year: r.year,
    totalKgce: Number(r.total_kgce),
    electricityKwh: r.electricity_kwh === null ? null : Number(r.electricity_kwh),
    waterM3: r.water_m3 === null ? null : Number(r.water_m3),
    basis: r.basis as 'constraint' | 'guide',
  }));
}

export async function putQuota(
  db: Db,
  actor: Actor,
  institutionId: string,
  year: number,
  input: z.infer<typeof quotaInput>,
) {
  return inTransaction(db, async (tx) => {
    const inst = await tx
      .selectFrom('energy_institution')
      .select(['jurisdiction_id', 'unit_id'])
      .where('id', '=', institutionId)
      .executeTakeFirst();
    if (!inst) throw errors.notFound('energy.institution', institutionId);
    const before = await tx
      .selectFrom('energy_quota')
      .selectAll()
      .where('institution_id', '=', institutionId)
      .where('year', '=', year)
      .executeTakeFirst();
    const values = {
      total_kgce: input.totalKgce,
      electricity_kwh: input.electricityKwh ?? null,
      water_m3: input.waterM3 ?? null,
      basis: input.basis,
    };
    const row = await tx
      .insertInto('energy_quota')
      .values({ institution_id: institutionId, jurisdiction_id: inst.jurisdiction_id, year, ...values })
      .onConflict((oc) =>
        oc.columns(['institution_id', 'year']).doUpdateSet({ ...values, updated_at: sql`now()` }),
      )
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, actor, {
      entity: 'energy.quota',
      entityId: row.id,
      action: before ? 'update' : 'create',
      before: before && {
        total_kgce: Number(before.total_kgce),
        electricity_kwh: before.electricity_kwh,
        water_m3: before.water_m3,
        basis: before.basis,
      },
      after: { year, ...values },
      jurisdictionId: inst.jurisdiction_id,
      unitId: inst.unit_id,
    });
    return (await listQuotas(tx, institutionId)).find((q) => q.year === year)!;
  });
}
