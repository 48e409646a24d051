import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { registerMatterType, type StepDef } from './registry.ts';
import { escalated, markAssigned, stepTitle, storedSteps } from './steps.ts';
import type { StoredStep } from './tables.ts';

const UNIT: StepDef = {
  key: 'unit',
  label: { 'zh-CN': '单位审批', en: 'Unit approval' },
  mode: 'any',
  role: 'unit_admin',
  within: 'requester_unit',
  fallback: [
    { role: 'district_admin', within: 'requester_jurisdiction' },
    { role: 'bureau_admin', within: 'city' },
  ],
};

const def = {
  type: 'test.steps_unit',
  label: { 'zh-CN': '测试', en: 'Test' },
  payload: z.object({}),
  steps: [UNIT, { ...UNIT, key: 'plain', fallback: undefined }],
};

describe('escalation chains of steps', () => {
  it('are stored with the step when declared, and left out when not', () => {
    const [unit, plain] = storedSteps(def, {}, { jurisdictionKind: 'district' });
    expect(unit!.fallback).toEqual([
      { role: 'district_admin', within: 'requester_jurisdiction' },
      { role: 'bureau_admin', within: 'city' },
    ]);
    expect(plain).not.toHaveProperty('fallback');
    expect(unit).not.toHaveProperty('assignedRole');
  });

  it('mark the entered step with the role that got its tasks, leaving the others alone', () => {
    const steps = storedSteps(def, {}, { jurisdictionKind: 'district' });
    const marked = markAssigned(steps, 0, {
      approvers: ['a'],
      role: 'district_admin',
      within: 'requester_jurisdiction',
    });
    expect(marked[0]).toMatchObject({
      assignedRole: 'district_admin',
      assignedWithin: 'requester_jurisdiction',
    });
    expect(marked[1]).toEqual(steps[1]);
    expect(steps[0]).not.toHaveProperty('assignedRole');
  });

  it('count as escalated only when the assigned role or reach differs from the step’s own', () => {
    const step = storedSteps(def, {}, { jurisdictionKind: 'district' })[0]!;
    const own: StoredStep = { ...step, assignedRole: 'unit_admin', assignedWithin: 'requester_unit' };
    const up: StoredStep = { ...step, assignedRole: 'bureau_admin', assignedWithin: 'city' };
    expect(escalated(step)).toBe(false);
    expect(escalated(own)).toBe(false);
    expect(escalated(up)).toBe(true);
    expect(stepTitle(own, 'zh-CN')).toBe('单位审批');
    expect(stepTitle(up, 'zh-CN')).toBe('单位审批（机关事务局管理员代审）');
    expect(stepTitle(up, 'en')).toBe('Unit approval (escalated to Bureau administrator)');
  });

  it('may not name the same approver twice', () => {
    expect(() =>
      registerMatterType({
        ...def,
        type: 'test.steps_repeat',
        steps: [{ ...UNIT, fallback: [{ role: 'unit_admin', within: 'requester_unit' }] }],
      }),
    ).toThrow(/repeats an approver/);
    expect(() =>
      registerMatterType({
        ...def,
        type: 'test.steps_repeat2',
        steps: [
          {
            ...UNIT,
            fallback: [
              { role: 'bureau_admin', within: 'city' },
              { role: 'bureau_admin', within: 'city' },
            ],
          },
        ],
      }),
    ).toThrow(/repeats an approver/);
  });
});
