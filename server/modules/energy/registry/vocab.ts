import type { Locale, Messages } from '../../../kernel/errors.ts';

/** Closed lists with their zh-CN / English labels, as typed into and written to spreadsheets. */
export interface Vocab<C extends string> {
  codes: readonly C[];
  label(code: C | string, locale: Locale): string;
  fromText(text: string): C | undefined;
}

export function vocab<C extends string>(entries: Record<C, Messages>): Vocab<C> {
  const codes = Object.keys(entries) as C[];
  return {
    codes,
    label: (code, locale) => (entries as Record<string, Messages>)[code]?.[locale] ?? code,
    fromText(text) {
      const t = text.trim().toLowerCase();
      return codes.find(
        (c) => c === t || entries[c]['zh-CN'].toLowerCase() === t || entries[c].en.toLowerCase() === t,
      );
    },
  };
}

export const INSTITUTION_KIND = vocab({
  organ: { 'zh-CN': '党政机关', en: 'Organ' },
  institution: { 'zh-CN': '事业单位', en: 'Public institution' },
  school: { 'zh-CN': '学校', en: 'School' },
  hospital: { 'zh-CN': '医疗机构', en: 'Medical institution' },
  venue: { 'zh-CN': '场馆', en: 'Venue' },
  other: { 'zh-CN': '其他', en: 'Other' },
});

export const DEMONSTRATION = vocab({
  national: { 'zh-CN': '国家级', en: 'National' },
  provincial: { 'zh-CN': '省级', en: 'Provincial' },
});

export const ENERGY_TYPE = vocab({
  electricity: { 'zh-CN': '电', en: 'Electricity' },
  water: { 'zh-CN': '水', en: 'Water' },
  gas: { 'zh-CN': '天然气', en: 'Natural gas' },
  heat: { 'zh-CN': '热', en: 'Heat' },
});

export const SUB_ITEM = vocab({
  lighting_sockets: { 'zh-CN': '照明插座', en: 'Lighting and sockets' },
  hvac: { 'zh-CN': '空调', en: 'HVAC' },
  power: { 'zh-CN': '动力', en: 'Power' },
  special: { 'zh-CN': '特殊', en: 'Special' },
});

export const POINT_KIND = vocab({
  metered: { 'zh-CN': '在线计量', en: 'Metered' },
  virtual: { 'zh-CN': '虚拟表', en: 'Virtual' },
  manual: { 'zh-CN': '离线手工录入', en: 'Manual' },
});
