/**
 * Virtual meters (虚拟表): a formula over other points' codes, e.g. `P1 + P2 - 0.5*P3`. A code made
 * of letters, digits, `_` and `.` that starts with a letter is written as is; any other point code
 * (one with `-`, or starting with a digit) is written in braces: `{CZ-001-E} - {CZ-001-E.1}`.
 * Grammar: expr = term (('+' | '-') term)*; term = factor (('*' | '/') factor)*;
 * factor = number | code | '(' expr ')' | '-' factor.
 */

export type Formula =
  | { kind: 'num'; value: number }
  | { kind: 'ref'; code: string }
  | { kind: 'neg'; arg: Formula }
  | { kind: 'bin'; op: '+' | '-' | '*' | '/'; left: Formula; right: Formula };

export class FormulaError extends Error {
  constructor(
    readonly code: 'formula_syntax' | 'formula_empty' | 'formula_too_long',
    readonly position: number,
    message: string,
  ) {
    super(message);
  }
}

export const MAX_FORMULA_LENGTH = 500;

type Token =
  | { t: 'num'; value: number; pos: number }
  | { t: 'ref'; code: string; pos: number }
  | { t: 'op'; op: '+' | '-' | '*' | '/' | '(' | ')'; pos: number }
  | { t: 'end'; pos: number };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if ('+-*/()'.includes(c)) {
      out.push({ t: 'op', op: c as '+', pos: i });
      i++;
      continue;
    }
    const num = /^(\d+(\.\d+)?|\.\d+)/.exec(src.slice(i));
    if (num) {
      const after = src[i + num[0].length];
      if (after !== undefined && /[A-Za-z_]/.test(after)) {
        throw new FormulaError(
          'formula_syntax',
          i,
          `a point code starting with a digit needs braces at ${i}`,
        );
      }
      out.push({ t: 'num', value: Number(num[0]), pos: i });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (ident) {
      out.push({ t: 'ref', code: ident[0], pos: i });
      i += ident[0].length;
      continue;
    }
    if (c === '{') {
      const close = src.indexOf('}', i);
      const code = close < 0 ? '' : src.slice(i + 1, close).trim();
      if (!/^[A-Za-z0-9_.-]{1,64}$/.test(code)) {
        throw new FormulaError('formula_syntax', i, `a braced point code is malformed at ${i}`);
      }
      out.push({ t: 'ref', code, pos: i });
      i = close + 1;
      continue;
    }
    throw new FormulaError('formula_syntax', i, `unexpected "${c}" at ${i}`);
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

/** Parses a formula; throws FormulaError with the position of the first problem. */
export function parseFormula(src: string): Formula {
  if (src.length > MAX_FORMULA_LENGTH) {
    throw new FormulaError('formula_too_long', MAX_FORMULA_LENGTH, 'the formula is too long');
  }
  const tokens = tokenize(src);
  if (tokens.length === 1) throw new FormulaError('formula_empty', 0, 'the formula is empty');
  let k = 0;
  const peek = () => tokens[k]!;
  const isOp = (op: string) => {
    const t = peek();
    return t.t === 'op' && t.op === op;
  };
  const fail = (what: string): never => {
    const t = peek();
    throw new FormulaError('formula_syntax', t.pos, `${what} at ${t.pos}`);
  };

  function factor(depth: number): Formula {
    if (depth > 50) fail('nesting too deep');
    const t = peek();
    if (t.t === 'num') {
      k++;
      return { kind: 'num', value: t.value };
    }
    if (t.t === 'ref') {
      k++;
      return { kind: 'ref', code: t.code };
    }
    if (isOp('-')) {
      k++;
      return { kind: 'neg', arg: factor(depth + 1) };
    }
    if (isOp('(')) {
      k++;
      const inner = expr(depth + 1);
      if (!isOp(')')) fail('")" expected');
      k++;
      return inner;
    }
    return fail('a number, point code or "(" expected');
  }
  function term(depth: number): Formula {
    let left = factor(depth);
    while (isOp('*') || isOp('/')) {
      const op = (peek() as { op: '*' | '/' }).op;
      k++;
      left = { kind: 'bin', op, left, right: factor(depth) };
    }
    return left;
  }
  function expr(depth: number): Formula {
    let left = term(depth);
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { op: '+' | '-' }).op;
      k++;
      left = { kind: 'bin', op, left, right: term(depth) };
    }
    return left;
  }
  const tree = expr(0);
  if (peek().t !== 'end') fail('operator expected');
  return tree;
}

/** The distinct point codes a formula refers to, in order of appearance. */
export function formulaRefs(f: Formula): string[] {
  const out: string[] = [];
  const walk = (n: Formula) => {
    if (n.kind === 'ref') {
      if (!out.includes(n.code)) out.push(n.code);
    } else if (n.kind === 'neg') walk(n.arg);
    else if (n.kind === 'bin') {
      walk(n.left);
      walk(n.right);
    }
  };
  walk(f);
  return out;
}

/** Evaluates a formula; a missing value or a division by zero gives null (no figure, not zero). */
export function evaluateFormula(
  f: Formula,
  values: (code: string) => number | null | undefined,
): number | null {
  switch (f.kind) {
    case 'num':
      return f.value;
    case 'ref':
      return values(f.code) ?? null;
    case 'neg': {
      const v = evaluateFormula(f.arg, values);
      return v === null ? null : -v;
    }
    case 'bin': {
      const a = evaluateFormula(f.left, values);
      const b = evaluateFormula(f.right, values);
      if (a === null || b === null) return null;
      if (f.op === '+') return a + b;
      if (f.op === '-') return a - b;
      if (f.op === '*') return a * b;
      return b === 0 ? null : a / b;
    }
  }
}

/**
 * Whether adding or changing `code` with the references `refs` closes a cycle among virtual points:
 * `graph` maps every other virtual point's code to its references. Returns the cycle's path or null.
 */
export function findCycle(
  code: string,
  refs: readonly string[],
  graph: ReadonlyMap<string, readonly string[]>,
): string[] | null {
  const edges = new Map(graph);
  edges.set(code, refs);
  const path: string[] = [code];
  const seen = new Set<string>();
  const visit = (node: string): boolean => {
    for (const next of edges.get(node) ?? []) {
      if (next === code) {
        path.push(next);
        return true;
      }
      if (seen.has(next)) continue;
      seen.add(next);
      path.push(next);
      if (visit(next)) return true;
      path.pop();
    }
    return false;
  };
  return visit(code) ? path : null;
}
