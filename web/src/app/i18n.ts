import { useCallback, useSyncExternalStore } from 'react';

/** The two languages of the web app: Simplified Chinese first, English second. */
export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'goa.locale';

/**
 * A module's messages in both languages. The English table must have exactly the keys of the Chinese
 * one (the type says so; i18n.test.ts checks it again at run time together with the placeholders).
 */
export interface Dictionary<K extends string = string> {
  name: string;
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<K extends string>(
  name: string,
  zh: Record<K, string>,
  en: NoInfer<Record<K, string>>,
): Dictionary<K> {
  return { name, 'zh-CN': zh, en };
}

/** Replaces `{name}` placeholders; unknown placeholders are left visible so mistakes show. */
export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in vars ? String(vars[key]) : all));
}

/** The `{name}` placeholders a message uses, sorted. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

function readStored(): Locale {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Locale = readStored();
const listeners = new Set<() => void>();

/** The language in use; the API client sends it as Accept-Language. */
export function getLocale(): Locale {
  return current;
}

export function setLocale(locale: Locale): void {
  if (locale === current) return;
  current = locale;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, locale);
  } catch {
    // private mode: the choice lasts for this page only
  }
  if (typeof document !== 'undefined') document.documentElement.lang = locale;
  for (const l of listeners) l();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useLocale(): Locale {
  return useSyncExternalStore(subscribe, getLocale, getLocale);
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

/** The translate function of one dictionary in the current language. */
export function useT<K extends string>(dict: Dictionary<K>): Translate<K> {
  const locale = useLocale();
  return useCallback(
    (key: K, vars?: Record<string, string | number>) => format(dict[locale][key], vars),
    [dict, locale],
  );
}

/** Picks the label of a `{ 'zh-CN', en }` pair (as some API answers carry). */
export function pick(pair: { 'zh-CN': string; en: string }, locale: Locale): string {
  return pair[locale];
}
