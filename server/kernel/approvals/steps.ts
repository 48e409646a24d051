import type { Executor } from '../db/schema.ts';
import { DomainError, errors, type Locale } from '../errors.ts';
import { ROLE_LABELS } from '../access/roles.ts';
import { matterType, stepsFor, type MatterTypeDef, type RequesterContext } from './registry.ts';
import { eligibleApprovers } from './repository.ts';
import type { StoredStep, StoredWithin } from './tables.ts';

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
    ...(s.fallback?.length ? { fallback: s.fallback.map((f) => ({ role: f.role, within: f.within })) } : {}),
  }));
}

interface RequesterRow {
  requester_account_id: string;
  unit_id: string;
  jurisdiction_id: string;
}

/** Who gets a step's tasks, and through which role of its chain they were found. */
export interface Assignment {
  approvers: string[];
  role: string;
  within: StoredWithin;
}

/**
 * The approvers of one step: its own role first, then each of its fallbacks in order; the first
 * that finds anybody takes the step. A 'single' step gets the first eligible approver, 'any' and
 * 'all' every eligible one. A step whose whole chain is empty fails with `no_approver`.
 */
export async function assignStep(ex: Executor, step: StoredStep, m: RequesterRow): Promise<Assignment> {
  const requester = {
    accountId: m.requester_account_id,
    unitId: m.unit_id,
    jurisdictionId: m.jurisdiction_id,
  };
  for (const candidate of [{ role: step.role, within: step.within }, ...(step.fallback ?? [])]) {
    const eligible = await eligibleApprovers(ex, candidate, requester);
    if (eligible.length === 0) continue;
    const approvers = step.mode === 'single' ? [eligible[0]!.id] : eligible.map((a) => a.id);
    return { approvers, role: candidate.role, within: candidate.within };
  }
  throw noApprover(step);
}

/** The assignment of every step, in order: a step nobody can approve fails the whole submission. */
export async function approversForSteps(
  ex: Executor,
  steps: readonly StoredStep[],
  m: RequesterRow,
): Promise<Assignment[]> {
  const out: Assignment[] = [];
  for (const step of steps) out.push(await assignStep(ex, step, m));
  return out;
}

/** The steps with one of them marked as entered through an assignment (which role got its tasks). */
export function markAssigned(steps: readonly StoredStep[], index: number, a: Assignment): StoredStep[] {
  return steps.map((s, i) => (i === index ? { ...s, assignedRole: a.role, assignedWithin: a.within } : s));
}

/** Whether a step's tasks went to a role of its fallback chain rather than its own. */
export function escalated(step: StoredStep): boolean {
  return (
    step.assignedRole !== undefined &&
    (step.assignedRole !== step.role || step.assignedWithin !== step.within)
  );
}

/** A step's label, naming the role that took it over when it escalated: 单位审批（辖区管理员代审）. */
export function stepTitle(step: StoredStep, locale: Locale): string {
  if (!escalated(step)) return step.label[locale];
  const by = roleLabel(step.assignedRole!)[locale];
  return locale === 'en' ? `${step.label.en} (escalated to ${by})` : `${step.label['zh-CN']}（${by}代审）`;
}

/** The role of a step's approvers, in a locale's words. */
export function roleLabel(role: string): { 'zh-CN': string; en: string } {
  return ROLE_LABELS[role as keyof typeof ROLE_LABELS] ?? { 'zh-CN': role, en: role };
}

function noApprover(step: StoredStep): DomainError {
  const role = roleLabel(step.role);
  const chain = (step.fallback ?? []).map((f) => roleLabel(f.role));
  const zhChain = chain.length ? `，上报的${chain.map((r) => `“${r['zh-CN']}”`).join('、')}也都没有` : '';
  const enChain = chain.length ? `, nor any of its escalations (${chain.map((r) => r.en).join(', ')})` : '';
  return new DomainError(
    'no_approver',
    'invalid',
    {
      'zh-CN': `“${step.label['zh-CN']}”环节没有可用的审批人（需要具有“${role['zh-CN']}”角色且权限范围覆盖申请单位的账号${zhChain}）`,
      en: `Step “${step.label.en}” has no approver (it needs an account with the ${role.en} role whose scope covers the requesting unit${enChain})`,
    },
    [{ field: 'steps', step: step.key, role: step.role, within: step.within, fallback: step.fallback ?? [] }],
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
