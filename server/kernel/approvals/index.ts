import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GoaModule } from '../module.ts';
import { registerOwnerResolver } from '../http/access.ts';
import { approvalRoutes } from './routes.ts';
import { seedApprovalsDemo } from './demo.ts';
import './permissions.ts';
import './general.ts';
import './tables.ts';

export {
  registerMatterType,
  type MatterRef,
  type MatterTypeDef,
  type StepDef,
  type StepMode,
  type StepWithin,
} from './registry.ts';
export { BUREAU_THRESHOLD_FEN } from './general.ts';
/** what modules use to raise and withdraw their matters inside their own transaction */
export { createMatter, withdrawMatter } from './service.ts';

registerOwnerResolver('approvals.matter', async (db, id) => {
  const m = await db
    .selectFrom('approval_matter')
    .select(['jurisdiction_id', 'unit_id', 'requester_person_id'])
    .where('id', '=', id)
    .executeTakeFirst();
  return m
    ? { jurisdictionId: m.jurisdiction_id, unitId: m.unit_id, personId: m.requester_person_id }
    : undefined;
});

/**
 * The generic approval workflow. Modules register their matter types with `registerMatterType`
 * (from this file) when they load; the kernel ships `kernel.general` (一般事项请示).
 */
export const approvals: GoaModule = {
  name: 'kernel.approvals',
  migrations: path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations'),
  register(app, ctx) {
    approvalRoutes(app, ctx);
  },
  seedDemo: seedApprovalsDemo,
};
