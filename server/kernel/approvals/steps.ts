import type { Executor } from '../db/schema.ts';
import { DomainError, errors } from '../errors.ts';
import { ROLE_LABELS } from '../access/roles.ts';
import { matterType, stepsFor, type MatterTypeDef, type RequesterContext } from './registry.ts';
import { eligibleApprovers } from './repository.ts';
import type { StoredStep } from './tables.ts';

/** The registered type of a matter, or a 400 naming `type`. */
export function typeOrFail(type: string): MatterTypeDef {
  const def = matterType(type);
  if (!def) {
    throw errors.field('type', 'unknown_type', {
      'zh-CN': `未知的审批事项类型：${type}`,
      en: `Unknown matter type: ${type}`,
    });
  }
  return def;
}

/** Checks a payload against its type's contract; each problem is reported as `payload.<path>`. */
export function parsePayload(def: MatterTypeDef, payload: unknown): unknown {
  const parsed = def.payload.safeParse(payload);
  if (parsed.success) return parsed.data;
  throw errors.invalid(
    'invalid_payload',
    { 'zh-CN': '事项内容不符合要求', en: 'The matter content is not valid' },
    parsed.error.issues.map((i) => ({
      field: ['payload', ...i.path.map(String)].join('.'),
      code: i.code,
      message: i.message,
    })),
  );
}

/** The steps of a matter for its payload, as they are stored on submission. */
export function storedSteps(def: MatterTypeDef, payload: unknown, requester: RequesterContext): StoredStep[] {
  return stepsFor(def, payload, requester).map((s) => ({
    key: s.key,
    label: { 'zh-CN': s.label['zh-CN'], en: s.label.en },
    mode: s.mode,
    role: s.role,
    within: s.within,
  }));
}

interface RequesterRow {
  requester_account_id: string;
  unit_id: string;
  jurisdiction_id: string;
}

/**
 * The approvers to assign for each step: the first eligible one of a 'single' step, every eligible one
 * of an 'any' or 'all' step. A step nobody can approve fails with `no_approver`, naming the step.
 */
export async function approversForSteps(
  ex: Executor,
  steps: readonly StoredStep[],
  m: RequesterRow,
): Promise<string[][]> {
  const requester = {
    accountId: m.requester_account_id,
    unitId: m.unit_id,
    jurisdictionId: m.jurisdiction_id,
  };
  const out: string[][] = [];
  for (const step of steps) {
    const eligible = await eligibleApprovers(ex, step, requester);
    if (eligible.length === 0) throw noApprover(step);
    out.push(step.mode === 'single' ? [eligible[0]!.id] : eligible.map((a) => a.id));
  }
  return out;
}

function noApprover(step: StoredStep): DomainError {
  const role = ROLE_LABELS[step.role as keyof typeof ROLE_LABELS] ?? { 'zh-CN': step.role, en: step.role };
  return new DomainError(
    'no_approver',
    'invalid',
    {
      'zh-CN': `“${step.label['zh-CN']}”环节没有可用的审批人（需要具有“${role['zh-CN']}”角色且权限范围覆盖申请单位的账号）`,
      en: `Step “${step.label.en}” has no approver (it needs an account with the ${role.en} role whose scope covers the requesting unit)`,
    },
    [{ field: 'steps', step: step.key, role: step.role, within: step.within }],
  );
}

/** The requester context of a matter, from its unit's jurisdiction. */
export async function requesterContext(ex: Executor, jurisdictionId: string): Promise<RequesterContext> {
  const j = await ex
    .selectFrom('org_jurisdiction')
    .select('kind')
    .where('id', '=', jurisdictionId)
    .executeTakeFirstOrThrow();
  return { jurisdictionKind: j.kind };
}
