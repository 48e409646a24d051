import { describe, expect, it } from 'vitest';
import { dictionaries } from './dictionaries.ts';
import { defineMessages, format, placeholders, type Dictionary } from './i18n.ts';

/** every module's dictionary file, found by the bundler's glob (not imported) */
const moduleFiles = Object.keys(import.meta.glob('../modules/*/messages.ts'));

/** Which keys are missing, empty or have different placeholders between the two languages. */
function problems(dict: Dictionary): string[] {
  const out: string[] = [];
  const zh = dict['zh-CN'];
  const en = dict.en;
  for (const key of new Set([...Object.keys(zh), ...Object.keys(en)])) {
    const a = (zh as Record<string, string | undefined>)[key];
    const b = (en as Record<string, string | undefined>)[key];
    if (a === undefined) out.push(`${dict.name}.${key}: missing in zh-CN`);
    else if (b === undefined) out.push(`${dict.name}.${key}: missing in en`);
    else if (!a.trim() || !b.trim()) out.push(`${dict.name}.${key}: empty`);
    else if (placeholders(a).join() !== placeholders(b).join())
      out.push(`${dict.name}.${key}: placeholders differ`);
  }
  return out;
}

describe('i18n dictionaries', () => {
  it.each(dictionaries.map((d) => [d.name, d] as const))('%s is complete in zh-CN and en', (_name, dict) => {
    expect(problems(dict)).toEqual([]);
  });

  it('have unique names', () => {
    const names = dictionaries.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('include every module dictionary (modules/*/messages.ts)', () => {
    const modules = moduleFiles.map((f) => f.split('/')[2] ?? f);
    expect(modules.length).toBeGreaterThan(5);
    const registered = new Set(dictionaries.map((d) => d.name));
    expect(modules.filter((d) => !registered.has(d))).toEqual([]);
  });

  it('the check finds a key missing in one language and mismatched placeholders', () => {
    const broken = {
      name: 'broken',
      'zh-CN': { a: '甲', b: '共 {n} 条' },
      en: { b: '{count} in all' },
    } as unknown as Dictionary;
    expect(problems(broken)).toEqual(['broken.a: missing in en', 'broken.b: placeholders differ']);
    const fine = defineMessages('fine', { x: '你好,{name}' }, { x: 'Hello, {name}' });
    expect(problems(fine)).toEqual([]);
  });

  it('formats placeholders and leaves unknown ones visible', () => {
    expect(format('共 {total} 条', { total: 3 })).toBe('共 3 条');
    expect(format('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(format('plain')).toBe('plain');
  });
});
