import type { Locale, Messages } from '../errors.ts';
import type { PersonStatus, UnitKind, UnitLevel } from './tables.ts';

/** A closed list of codes with zh-CN/English labels, as shown in the UI and typed into spreadsheets. */
export interface Vocabulary<C extends string> {
  codes: readonly C[];
  label(code: C | string, locale: Locale): string;
  /** the code for a code or a label in either language, or undefined */
  fromText(text: string): C | undefined;
}

export function vocabulary<C extends string>(entries: Record<C, Messages>): Vocabulary<C> {
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

export const UNIT_KINDS = vocabulary<UnitKind>({
  organ: { 'zh-CN': '机关', en: 'Organ' },
  institution: { 'zh-CN': '事业单位', en: 'Public institution' },
});

export const UNIT_LEVELS = vocabulary<UnitLevel>({
  city: { 'zh-CN': '市级', en: 'City' },
  district: { 'zh-CN': '区级', en: 'District' },
  county: { 'zh-CN': '县级', en: 'County' },
  township: { 'zh-CN': '乡镇级', en: 'Township' },
});

export const PERSON_STATUSES = vocabulary<PersonStatus>({
  active: { 'zh-CN': '在职', en: 'Active' },
  transferred: { 'zh-CN': '调出', en: 'Transferred' },
  retired: { 'zh-CN': '退休', en: 'Retired' },
});

export const GENDERS = vocabulary<'male' | 'female'>({
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
});
