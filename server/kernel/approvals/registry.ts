import type { z } from 'zod';
import type { Tx } from '../db/schema.ts';
import type { Locale, Messages } from '../errors.ts';
import type { Actor } from '../http/access.ts';
import type { Role } from '../access/roles.ts';

/**
 * How one step chooses and counts its approvers:
 * - 'single': the first eligible approver (narrowest scope first, then username) decides alone;
 * - 'any' (或签): every eligible approver gets a task, the first decision closes the step;
 * - 'all' (会签): every eligible approver must approve.
 */
export type StepMode = 'single' | 'any' | 'all';

/**
 * Which scope an approver's role assignment must cover: the requester's unit (a unit grant on it,
 * a grant on its jurisdiction, or a city grant), the requester's jurisdiction (a grant on it or a city
 * grant), or the whole city (a city grant).
 */
export type StepWithin = 'requester_unit' | 'requester_jurisdiction' | 'city';

/** Who may approve: holders of a role whose grant covers what `within` names. */
export interface StepApprover {
  role: Role;
  within: StepWithin;
}

export interface StepDef extends StepApprover {
  key: string;
  label: Messages;
  mode: StepMode;
  /**
   * Where the step escalates when its own role finds nobody (a unit without a unit admin, say):
   * tried in order, the first that finds an approver takes the step; all empty is `no_approver`.
   */
  fallback?: readonly StepApprover[];
}

/** What a type's hooks see of a matter. */
export interface MatterRef {
  id: string;
  type: string;
  title: string;
  payload: unknown;
  requesterAccountId: string;
  requesterPersonId: string;
  unitId: string;
  jurisdictionId: string;
}

/** What a type may know of the requester when it chooses its steps. */
export interface RequesterContext {
  /** the kind of the requesting unit's jurisdiction: the city itself or a district/county */
  jurisdictionKind: 'city' | 'district' | 'county';
}

export interface MatterTypeDef<P = unknown> {
  /** dotted name owned by its component or module, e.g. `kernel.general`, `vehicles.trip` */
  type: string;
  label: Messages;
  /** the contract of the payload; errors name `payload.<path>` */
  payload: z.ZodType<P>;
  /** the steps, fixed when the matter is submitted; they may depend on the payload and the requester */
  steps: readonly StepDef[] | ((payload: P, requester: RequesterContext) => readonly StepDef[]);
  /** runs in the approving transaction: the module records what the approval allows */
  onApproved?(tx: Tx, matter: MatterRef, actor: Actor): Promise<void>;
  /** runs in the rejecting transaction */
  onRejected?(tx: Tx, matter: MatterRef, actor: Actor): Promise<void>;
  /** runs in the withdrawing transaction: the module frees what the matter held */
  onWithdrawn?(tx: Tx, matter: MatterRef, actor: Actor): Promise<void>;
  /** one line for lists, e.g. an amount */
  summary?(payload: P, locale: Locale): string;
}

const types = new Map<string, MatterTypeDef>();

/**
 * Registers a matter type. Components and modules call it once, at load or in `register()`;
 * registering the same definition again is harmless, a different one under a taken name is an error.
 */
export function registerMatterType<P>(def: MatterTypeDef<P>): void {
  const existing = types.get(def.type);
  if (existing && existing !== (def as MatterTypeDef)) {
    throw new Error(`Matter type ${def.type} registered twice`);
  }
  const steps = typeof def.steps === 'function' ? null : def.steps;
  if (steps) assertSteps(def.type, steps);
  types.set(def.type, def as MatterTypeDef);
}

export function matterType(type: string): MatterTypeDef | undefined {
  return types.get(type);
}

export function allMatterTypes(): MatterTypeDef[] {
  return [...types.values()].sort((a, b) => a.type.localeCompare(b.type));
}

/** The steps of a type for one payload, checked: at least one, unique keys. */
export function stepsFor(def: MatterTypeDef, payload: unknown, requester: RequesterContext): StepDef[] {
  const steps = typeof def.steps === 'function' ? def.steps(payload, requester) : def.steps;
  assertSteps(def.type, steps);
  return [...steps];
}

function assertSteps(type: string, steps: readonly StepDef[]): void {
  if (steps.length === 0) throw new Error(`Matter type ${type} has no steps`);
  const keys = new Set(steps.map((s) => s.key));
  if (keys.size !== steps.length) throw new Error(`Matter type ${type} repeats a step key`);
  for (const s of steps) {
    const chain = [s, ...(s.fallback ?? [])].map((a) => `${a.role}@${a.within}`);
    if (new Set(chain).size !== chain.length) {
      throw new Error(`Matter type ${type} step ${s.key} repeats an approver in its fallback`);
    }
  }
}
