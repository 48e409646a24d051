import { describe, expect, it } from 'vitest';
import { evaluateFormula, findCycle, FormulaError, formulaRefs, parseFormula } from './formula.ts';

const values = (m: Record<string, number>) => (code: string) => m[code];

describe('virtual meter formulas', () => {
  it('parses sums, differences and weighted terms with the usual precedence', () => {
    const f = parseFormula('P1 + P2 - 0.5*P3');
    expect(formulaRefs(f)).toEqual(['P1', 'P2', 'P3']);
    expect(evaluateFormula(f, values({ P1: 10, P2: 5, P3: 4 }))).toBe(13);
  });

  it('honours parentheses, unary minus and division', () => {
    const f = parseFormula('-(A - B) / 2 + 3 * (C)');
    expect(evaluateFormula(f, values({ A: 10, B: 4, C: 1 }))).toBe(0);
  });

  it('reads braced codes with hyphens and leading digits', () => {
    const f = parseFormula('{CZ-001-E} - {1001.2}');
    expect(formulaRefs(f)).toEqual(['CZ-001-E', '1001.2']);
    expect(evaluateFormula(f, values({ 'CZ-001-E': 7, '1001.2': 2 }))).toBe(5);
  });

  it('lists a repeated code once', () => {
    expect(formulaRefs(parseFormula('A + A*0.1'))).toEqual(['A']);
  });

  it('gives no figure when a value is missing or a divisor is zero', () => {
    expect(evaluateFormula(parseFormula('A + B'), values({ A: 1 }))).toBeNull();
    expect(evaluateFormula(parseFormula('A / B'), values({ A: 1, B: 0 }))).toBeNull();
  });

  it.each([
    ['', 'formula_empty'],
    ['   ', 'formula_empty'],
    ['A +', 'formula_syntax'],
    ['A B', 'formula_syntax'],
    ['(A + B', 'formula_syntax'],
    ['A + B)', 'formula_syntax'],
    ['A $ B', 'formula_syntax'],
    ['2P', 'formula_syntax'],
    ['{bad code}', 'formula_syntax'],
    ['A * * B', 'formula_syntax'],
  ])('refuses %j (%s)', (src, code) => {
    expect(() => parseFormula(src)).toThrow(FormulaError);
    try {
      parseFormula(src);
    } catch (e) {
      expect((e as FormulaError).code).toBe(code);
    }
  });

  it('refuses an overlong formula', () => {
    expect(() => parseFormula('A+'.repeat(300) + 'A')).toThrow(/too long/);
  });
});

describe('cycles among virtual meters', () => {
  const graph = new Map<string, string[]>([
    ['V1', ['M1', 'V2']],
    ['V2', ['M2']],
  ]);

  it('accepts a formula over metered points and other virtual points', () => {
    expect(findCycle('V3', ['V1', 'M3'], graph)).toBeNull();
  });

  it('finds a direct self-reference', () => {
    expect(findCycle('V3', ['V3'], graph)).toEqual(['V3', 'V3']);
  });

  it('finds a cycle through other virtual points', () => {
    // V2 changed to refer to V1, which refers to V2
    expect(findCycle('V2', ['V1'], graph)).toEqual(['V2', 'V1', 'V2']);
  });
});
