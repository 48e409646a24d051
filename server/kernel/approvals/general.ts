import { z } from 'zod';
import { registerMatterType, type RequesterContext, type StepDef } from './registry.ts';

/** From this amount (10,000 yuan, in fen) a general request also needs the bureau's approval. */
export const BUREAU_THRESHOLD_FEN = 1_000_000;

const generalPayload = z.object({
  body: z.string().trim().min(1).max(5000),
  amountFen: z.number().int().min(0).max(100_000_000_000).optional(),
  /** the requester asks every administrator of their unit to co-sign (会签) before the request goes up */
  coSign: z.boolean().optional(),
});
export type GeneralPayload = z.infer<typeof generalPayload>;

/**
 * 单位会签: every unit administrator whose grant covers the requesting unit must approve; one rejection
 * ends the request, one return sends it back to the requester. Without any unit administrator the
 * submission is refused (`no_approver`): a co-sign nobody can give is not quietly skipped.
 */
export const COSIGN_STEP: StepDef = {
  key: 'cosign',
  label: { 'zh-CN': '单位会签', en: 'Unit co-sign' },
  mode: 'all',
  role: 'unit_admin',
  within: 'requester_unit',
};

const DISTRICT_STEP: StepDef = {
  key: 'district',
  label: { 'zh-CN': '辖区审批', en: 'District approval' },
  mode: 'any',
  role: 'district_admin',
  within: 'requester_jurisdiction',
  // a district without its own administrator: the bureau decides
  fallback: [{ role: 'bureau_admin', within: 'city' }],
};

const BUREAU_STEP: StepDef = {
  key: 'bureau',
  label: { 'zh-CN': '机关事务局审批', en: 'Bureau approval' },
  mode: 'single',
  role: 'bureau_admin',
  within: 'city',
};

const yuan = (fen: number) =>
  (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 一般事项请示: the kernel's own matter type, for requests no module covers. */
export const generalRequest = {
  type: 'kernel.general',
  label: { 'zh-CN': '一般事项请示', en: 'General request' },
  payload: generalPayload,
  // a district's units go through their district bureau first; the city's own units have no district
  // level above them, so the bureau decides (and decides alone whatever the amount)
  // a co-sign, when asked for, comes first: the unit agrees before anybody above it is asked
  steps: (p: GeneralPayload, requester: RequesterContext) => [
    ...(p.coSign ? [COSIGN_STEP] : []),
    ...(requester.jurisdictionKind === 'city'
      ? [BUREAU_STEP]
      : (p.amountFen ?? 0) >= BUREAU_THRESHOLD_FEN
        ? [DISTRICT_STEP, BUREAU_STEP]
        : [DISTRICT_STEP]),
  ],
  summary: (p: GeneralPayload, locale: 'zh-CN' | 'en') =>
    p.amountFen === undefined
      ? ''
      : locale === 'en'
        ? `Amount ¥${yuan(p.amountFen)}`
        : `金额 ${yuan(p.amountFen)} 元`,
};

registerMatterType(generalRequest);
