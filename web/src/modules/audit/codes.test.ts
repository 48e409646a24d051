import { describe, expect, it } from 'vitest';
import {
  actionLabel,
  actionNames,
  actionOptions,
  entityLabel,
  entityNames,
  fieldLabel,
  isKnownAction,
  isKnownEntity,
  resolveCode,
} from './codes.ts';

/** The server's sources as text (kernel and modules, tests excluded), read by the bundler. */
const KERNEL_SOURCES: Record<string, string> = import.meta.glob(
  ['../../../../server/kernel/**/*.ts', '../../../../server/modules/**/*.ts', '!**/*.test.ts'],
  { query: '?raw', import: 'default', eager: true },
);

/** The text of every `audit(…)` / `auditMany(…)` call in the kernel's sources (balanced parentheses). */
function auditCalls(): string[] {
  const calls: string[] = [];
  for (const text of Object.values(KERNEL_SOURCES)) {
    for (const match of text.matchAll(/\baudit(?:Many)?\(/g)) {
      let depth = 0;
      let end = match.index;
      for (; end < text.length; end++) {
        if (text[end] === '(') depth++;
        else if (text[end] === ')' && --depth === 0) break;
      }
      calls.push(text.slice(match.index, end + 1));
    }
  }
  return calls;
}

/** The quoted literals in the value of `key:` (up to the next comma, brace or line end) in the audit calls. */
function literals(calls: string[], key: 'entity' | 'action'): string[] {
  const found = new Set<string>();
  for (const call of calls) {
    for (const line of call.matchAll(new RegExp(`\\b${key}:([^,}\\n]*)`, 'g'))) {
      for (const lit of (line[1] ?? '').matchAll(/'([a-z_.]+)'/g)) found.add(lit[1] ?? '');
    }
  }
  return [...found].sort();
}

describe('audit codes', () => {
  const calls = auditCalls();

  it('name every entity and action the server writes into the audit trail', () => {
    expect(calls.length).toBeGreaterThan(20);
    const entities = literals(calls, 'entity');
    const actions = literals(calls, 'action');
    expect(entities).toContain('org.person');
    expect(actions).toContain('login_failed_locked');
    expect(entities.filter((e) => !isKnownEntity(e))).toEqual([]);
    expect(actions.filter((a) => !isKnownAction(a))).toEqual([]);
  });

  it('name the approval decisions, which reach the audit trail as variables', () => {
    for (const a of ['approve', 'reject', 'return', 'withdraw', 'submit'])
      expect(isKnownAction(a)).toBe(true);
  });

  it('show names in the current language and unknown codes as they are', () => {
    expect(entityLabel('org.person', 'zh-CN')).toBe('人员');
    expect(entityLabel('org.person', 'en')).toBe('Person');
    expect(actionLabel('login_failed', 'zh-CN')).toBe('登录失败');
    expect(actionLabel('vehicles.dispatch', 'en')).toBe('vehicles.dispatch');
    expect(entityLabel('toString', 'en')).toBe('toString');
    expect(actionOptions('en').find((o) => o.code === 'create')?.label).toBe('Create');
  });

  it('name the fields of before/after values in either spelling', () => {
    expect(fieldLabel('employee_no', 'zh-CN')).toBe('工号');
    expect(fieldLabel('employeeNo', 'en')).toBe('Employee no.');
    expect(fieldLabel('attachmentIds', 'zh-CN')).toBe('附件');
    expect(fieldLabel('mystery_field', 'en')).toBe('mystery_field');
  });

  it('read a filter box as a code, a name in either language, or free text', () => {
    expect(resolveCode(' approvals.matter ', entityNames)).toBe('approvals.matter');
    expect(resolveCode('人员', entityNames)).toBe('org.person');
    expect(resolveCode('approval MATTER', entityNames)).toBe('approvals.matter');
    expect(resolveCode('登录失败', actionNames)).toBe('login_failed');
    expect(resolveCode('vehicles.trip', entityNames)).toBe('vehicles.trip');
    expect(resolveCode('  ', actionNames)).toBeUndefined();
  });
});
