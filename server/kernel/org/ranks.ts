import type { Locale, Messages } from '../errors.ts';

/**
 * The rank catalogue (职级): China's national grades of civil servants, highest first. A person's
 * rank sets their office-space limit (党政机关办公用房建设标准, 发改投资〔2014〕2674号; see
 * ../shared/design/STANDARDS.md). How the standard's rows map onto these codes depends on the level of
 * the organ the person works in:
 *
 * - provincial organ: 省级正职 = provincial_principal (54 m²), 省级副职 = provincial_deputy (42),
 *   正厅(局)级 = bureau_principal (30), 副厅(局)级 = bureau_deputy (24), 正处级 = division_principal (18),
 *   副处级 = division_deputy (12), 处级以下 = section_* and staff_member (9);
 * - city organ: 市级正职 = bureau_principal (42), 市级副职 = bureau_deputy (30),
 *   正局(处)级 = division_principal (24), 副局(处)级 = division_deputy (18),
 *   局(处)级以下 = section_principal, section_deputy, staff_member (9);
 * - county organ: 县级正职 = division_principal (30), 县级副职 = division_deputy (24),
 *   正科级 = section_principal (18), 副科级 = section_deputy (12), 科级以下 = staff_member (9);
 * - township organ: set by the province, at most the county deputy limit (24);
 * - public institutions (事业单位) use the limits of the organ level one step below their own.
 */
export const RANKS = [
  { code: 'provincial_principal', label: { 'zh-CN': '省部级正职', en: 'Provincial/ministerial principal' } },
  { code: 'provincial_deputy', label: { 'zh-CN': '省部级副职', en: 'Provincial/ministerial deputy' } },
  { code: 'bureau_principal', label: { 'zh-CN': '厅局级正职', en: 'Department/bureau principal' } },
  { code: 'bureau_deputy', label: { 'zh-CN': '厅局级副职', en: 'Department/bureau deputy' } },
  { code: 'division_principal', label: { 'zh-CN': '县处级正职', en: 'County/division principal' } },
  { code: 'division_deputy', label: { 'zh-CN': '县处级副职', en: 'County/division deputy' } },
  { code: 'section_principal', label: { 'zh-CN': '乡科级正职', en: 'Township/section principal' } },
  { code: 'section_deputy', label: { 'zh-CN': '乡科级副职', en: 'Township/section deputy' } },
  { code: 'staff_member', label: { 'zh-CN': '科员及以下', en: 'Staff member and below' } },
] as const satisfies readonly { code: string; label: Messages }[];

export type RankCode = (typeof RANKS)[number]['code'];

export const RANK_CODES = RANKS.map((r) => r.code) as [RankCode, ...RankCode[]];

export function isRank(value: string): value is RankCode {
  return (RANK_CODES as readonly string[]).includes(value);
}

/** 1 for the highest grade, increasing downwards. */
export function rankOrder(code: string): number {
  return RANK_CODES.indexOf(code as RankCode) + 1;
}

export function rankLabel(code: string, locale: Locale): string {
  return RANKS.find((r) => r.code === code)?.label[locale] ?? code;
}

/** Finds a rank by its code or by its label in either language (as typed into a spreadsheet). */
export function rankFromText(text: string): RankCode | undefined {
  const t = text.trim();
  return RANKS.find(
    (r) => r.code === t || r.label['zh-CN'] === t || r.label.en.toLowerCase() === t.toLowerCase(),
  )?.code;
}

export function listRanks(locale: Locale): { code: RankCode; label: string; order: number }[] {
  return RANKS.map((r, i) => ({ code: r.code, label: r.label[locale], order: i + 1 }));
}
