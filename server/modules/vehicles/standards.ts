import type { Messages } from '../../kernel/errors.ts';
import type { BodyType, Category, EnergyType } from './tables.ts';

/**
 * The configuration standard of 党政机关公务用车管理办法 (中办发〔2017〕71号), as gathered in
 * ../shared/design/STANDARDS.md (confidence high): price and displacement limits by category, with the
 * bus and new-energy special cases. A vehicle over a limit is kept but shown with the rule it breaks.
 */
export const STANDARD_SOURCE = '中办发〔2017〕71号';

export interface Limit {
  /** stable rule code */
  rule: string;
  label: Messages;
  /** price limit in fen */
  priceFen: number;
  /** displacement limit in litres; null: none */
  displacementL: number | null;
}

const Y = (yuan: number) => yuan * 100;

const LIMITS: Record<string, Limit> = {
  confidential_comms: {
    rule: 'confidential_comms',
    label: { 'zh-CN': '机要通信用车', en: 'Confidential communications vehicle' },
    priceFen: Y(120_000),
    displacementL: 1.6,
  },
  law_enforcement: {
    rule: 'law_enforcement',
    label: { 'zh-CN': '执法执勤用车', en: 'Law enforcement vehicle' },
    priceFen: Y(120_000),
    displacementL: 1.6,
  },
  emergency: {
    rule: 'emergency_and_other',
    label: { 'zh-CN': '应急保障用车及其他经批准车辆', en: 'Emergency and other approved vehicles' },
    priceFen: Y(180_000),
    displacementL: 1.8,
  },
  small_bus: {
    rule: 'small_medium_bus',
    label: { 'zh-CN': '小型、中型客车', en: 'Small and medium buses' },
    priceFen: Y(250_000),
    displacementL: 3.0,
  },
  large_bus: {
    rule: 'large_bus',
    label: { 'zh-CN': '大型客车', en: 'Large buses' },
    priceFen: Y(450_000),
    displacementL: null,
  },
  new_energy: {
    rule: 'new_energy_car',
    label: { 'zh-CN': '新能源轿车', en: 'New-energy cars' },
    priceFen: Y(180_000),
    displacementL: null,
  },
};

export interface VehicleSpec {
  category: Category;
  bodyType: BodyType;
  energyType: EnergyType;
  priceFen: number;
  displacementL: number | null;
}

export interface Violation {
  rule: string;
  kind: 'price' | 'displacement';
  limit: number;
  actual: number;
  message: Messages;
}

/** The limit that applies to a vehicle, or null when the standard sets none (special technical vehicles). */
export function limitFor(v: Pick<VehicleSpec, 'category' | 'bodyType' | 'energyType'>): Limit | null {
  if (v.bodyType === 'large_bus') return LIMITS.large_bus!;
  if (v.bodyType === 'small_bus' || v.bodyType === 'medium_bus') return LIMITS.small_bus!;
  if (v.category === 'special_technical') return null;
  const newEnergy = v.energyType === 'electric' || v.energyType === 'plugin_hybrid';
  if (newEnergy && v.category !== 'confidential_comms' && v.category !== 'law_enforcement') {
    return LIMITS.new_energy!;
  }
  if (v.category === 'general') return LIMITS.emergency!;
  return LIMITS[v.category] ?? null;
}

const yuan = (fen: number) => (fen / 100).toLocaleString('en-US');

/** Every limit the vehicle exceeds, each naming its rule in both languages. */
export function checkStandard(v: VehicleSpec): Violation[] {
  const limit = limitFor(v);
  if (!limit) return [];
  const out: Violation[] = [];
  const rule = `${STANDARD_SOURCE} ${limit.label['zh-CN']}`;
  if (v.priceFen > limit.priceFen) {
    out.push({
      rule: limit.rule,
      kind: 'price',
      limit: limit.priceFen,
      actual: v.priceFen,
      message: {
        'zh-CN': `超出配备标准：${rule}价格不超过 ${yuan(limit.priceFen)} 元，本车 ${yuan(v.priceFen)} 元`,
        en: `Over the standard: ${STANDARD_SOURCE} ${limit.label.en} cost at most ¥${yuan(limit.priceFen)}; this one ¥${yuan(v.priceFen)}`,
      },
    });
  }
  if (limit.displacementL !== null && v.displacementL !== null && v.displacementL > limit.displacementL) {
    out.push({
      rule: limit.rule,
      kind: 'displacement',
      limit: limit.displacementL,
      actual: v.displacementL,
      message: {
        'zh-CN': `超出配备标准：${rule}排气量不超过 ${limit.displacementL.toFixed(1)} 升，本车 ${v.displacementL.toFixed(1)} 升`,
        en: `Over the standard: ${STANDARD_SOURCE} ${limit.label.en} at most ${limit.displacementL.toFixed(1)} L; this one ${v.displacementL.toFixed(1)} L`,
      },
    });
  }
  return out;
}

export interface ReplacementRule {
  years: number;
  km: number;
}

/**
 * Whether a vehicle may be replaced: in service at least `years` (common norm 8), or driven at least
 * `km` (a criterion quoted as 250,000 km, unconfirmed) — both configurable.
 */
export function replacementEligible(
  v: { purchaseDate: string; odometerKm: number },
  rule: ReplacementRule,
  today: string,
): { eligible: boolean; reason: 'age' | 'mileage' | null } {
  const [y, m, d] = v.purchaseDate.split('-').map(Number) as [number, number, number];
  const due = `${String(y + rule.years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  if (today >= due) return { eligible: true, reason: 'age' };
  if (v.odometerKm >= rule.km) return { eligible: true, reason: 'mileage' };
  return { eligible: false, reason: null };
}
