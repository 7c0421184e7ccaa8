import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { rootName } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionAnalysis, FunctionModel } from '../../../solidity/model/types.js';

/**
 * Helpers for the arithmetic detectors: which expressions are overflow-prone arithmetic, what their
 * operands are, and whether a comparison written near them bounds them (the way an auditor reads
 * `require(balance >= amount)` before `balance -= amount`).
 */

export type ArithOp = '+' | '-' | '*' | '**';

export interface Arithmetic {
  node: SyntaxNode;
  op: ArithOp;
  /** Left operand (the target for `x += y`). */
  left: SyntaxNode;
  right: SyntaxNode;
  /** `x += y` style: the result is written back into `left`. */
  augmented: boolean;
}

const ARITH_OPS = new Set<string>(['+', '-', '*', '**']);
const COMPARISONS = new Set(['<', '<=', '>', '>=']);

/** `x += y`: the grammar keeps no operator token, so it is read between the operands. */
export function augmentedOperator(node: SyntaxNode, src: string): string | null {
  const { left, right } = node.fields;
  if (!left || !right) return null;
  const between = src.slice(left.endIndex, right.startIndex).replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '').trim();
  return between.replace(/=$/, '') || null;
}

/** Every `+`, `-`, `*`, `**`, `+=`, `-=`, `*=` in a body (string concatenation is not parsed as `+` on literals only). */
export function arithmeticIn(body: SyntaxNode, src: string): Arithmetic[] {
  const out: Arithmetic[] = [];
  for (const n of findAll(body, new Set(['binary_expression', 'augmented_assignment_expression']))) {
    const { left, right } = n.fields;
    if (!left || !right) continue;
    if (n.type === 'binary_expression') {
      const op = n.tokens.operator;
      if (!op || !ARITH_OPS.has(op)) continue;
      // `x =+ y` parses as a binary `+` with an error node; that is a typo, not an addition.
      if (n.children.some((c) => c.type === 'ERROR')) continue;
      out.push({ node: n, op: op as ArithOp, left, right, augmented: false });
    } else {
      const op = augmentedOperator(n, src);
      if (op && ARITH_OPS.has(op)) out.push({ node: n, op: op as ArithOp, left, right, augmented: true });
    }
  }
  return out;
}

/** Whitespace-free text, for comparing expressions written the same way. */
export function norm(src: string, node: SyntaxNode): string {
  return textOf(src, unparen(node)).replace(/\s+/g, '');
}

const IDENT_CHAR = /[A-Za-z0-9_$]/;

/** `needle` occurs in `hay` as a whole expression (not inside a longer name). */
export function containsExpr(hay: string, needle: string): boolean {
  if (!needle) return false;
  let from = 0;
  for (;;) {
    const i = hay.indexOf(needle, from);
    if (i < 0) return false;
    const before = i > 0 ? hay[i - 1]! : '';
    const after = hay[i + needle.length] ?? '';
    const okBefore = !before || (!IDENT_CHAR.test(before) && before !== '.');
    const okAfter = !after || (!IDENT_CHAR.test(after) && after !== '[' && after !== '.' && after !== '(');
    if (okBefore && okAfter) return true;
    from = i + 1;
  }
}

/** Comparisons (`<`, `<=`, `>`, `>=`, and `==`/`!=` when asked) inside a condition. */
export function comparisonsIn(cond: SyntaxNode, withEquality = false): SyntaxNode[] {
  return findAll(cond, 'binary_expression').filter((b) => {
    const op = b.tokens.operator ?? '';
    return COMPARISONS.has(op) || (withEquality && (op === '==' || op === '!='));
  });
}

/** A number, `1 ether`, a constant, an upper-case name (constant by convention) or arithmetic of those. */
export function isConstantExpr(node: SyntaxNode, src: string, contract: ContractModel, locals: Set<string>): boolean {
  const n = unparen(node);
  switch (n.type) {
    case 'number_literal':
    case 'boolean_literal':
      return true;
    case 'identifier': {
      const name = textOf(src, n);
      if (locals.has(name)) return false;
      const v = contract.stateVariables.get(name);
      if (v) return v.isConstant || v.isImmutable;
      return /^[A-Z][A-Z0-9_]*$/.test(name);
    }
    case 'binary_expression':
      return Boolean(n.fields.left && n.fields.right && isConstantExpr(n.fields.left, src, contract, locals) && isConstantExpr(n.fields.right, src, contract, locals));
    case 'unary_expression':
      return Boolean(n.fields.argument && isConstantExpr(n.fields.argument, src, contract, locals));
    case 'call_expression': {
      // `uint256(10)`, `type(uint).max`
      const args = n.children.filter((c) => c.type === 'call_argument');
      return args.length === 1 && /^(u?int\d*|type)$/.test(textOf(src, n.fields.function ?? n).trim()) && isConstantExpr(args[0]!.children[0]!, src, contract, locals);
    }
    case 'member_expression':
      return /^type\(/.test(textOf(src, n));
  }
  // `1 ether`, `2 days`
  return /^\d[\d_]*(\.\d+)?(e\d+)?\s*(wei|gwei|szabo|finney|ether|seconds|minutes|hours|days|weeks|years)?$/.test(textOf(src, n).trim());
}

/** Is the root of `node` a state variable of the contract (or a storage pointer into one)? */
export function isStateLValue(node: SyntaxNode, src: string, contract: ContractModel, analysis: FunctionAnalysis): boolean {
  const root = rootName(node, src);
  if (!root) return false;
  if (analysis.storageAliases.has(root)) return true;
  if (analysis.locals.has(root)) return false;
  return contract.stateVariables.has(root);
}

/**
 * Conditions that hold when `node` runs because it sits inside them: if/while/ternary/`&&` left
 * sides. `negated` when the node is in the else branch (or right of `||`): the condition is false there.
 */
export function enclosingConditions(node: SyntaxNode, fn: FunctionModel): Array<{ cond: SyntaxNode; negated: boolean }> {
  const out: Array<{ cond: SyntaxNode; negated: boolean }> = [];
  let child = node;
  for (let p = node.parent; p && p !== fn.node; child = p, p = p.parent) {
    if (p.type === 'if_statement' && p.fields.condition && p.fields.condition !== child) {
      out.push({ cond: p.fields.condition, negated: p.fields.body !== child });
    } else if ((p.type === 'while_statement' || p.type === 'for_statement') && p.fields.condition && p.fields.condition !== child) {
      out.push({ cond: p.fields.condition, negated: false });
    } else if (p.type === 'ternary_expression' && p.children[0] && p.children[0] !== child) {
      out.push({ cond: p.children[0], negated: p.children[2] === child });
    } else if (p.type === 'binary_expression' && (p.tokens.operator === '&&' || p.tokens.operator === '||') && p.fields.right === child && p.fields.left) {
      out.push({ cond: p.fields.left, negated: p.tokens.operator === '||' });
    }
  }
  return out;
}

/** The local a computed value is stored in: `uint c = a + b` or `c = a + b` → `c`. */
export function resultLocal(node: SyntaxNode, src: string, locals: Set<string>): string | null {
  let n = node;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || (n.parent.type === 'call_expression' && /^u?int\d*$/.test(textOf(src, n.parent.fields.function ?? n.parent).trim())) || n.parent.type === 'call_argument')) n = n.parent;
  const p = n.parent;
  if (!p) return null;
  if (p.type === 'variable_declaration_statement') {
    const decl = p.children.find((c) => c.type === 'variable_declaration');
    return decl?.fields.name ? textOf(src, decl.fields.name) : null;
  }
  if (p.type === 'assignment_expression' && p.fields.right === n && p.fields.left) {
    const l = unparen(p.fields.left);
    if (l.type === 'identifier' && locals.has(textOf(src, l))) return textOf(src, l);
  }
  return null;
}

/** The loop counter of a `for` header: `for (uint i = 0; i < n; i++)`. */
export function isInForHeader(node: SyntaxNode): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'for_statement') return child !== p.fields.body;
    if (p.type === 'expression_statement' && p.parent?.type === 'for_statement') continue;
    if (p.type.endsWith('_statement') || p.type === 'function_body' || p.type === 'block_statement') return false;
  }
  return false;
}

export interface TextComparison {
  left: string;
  op: string;
  right: string;
}

/**
 * Comparisons of a condition, read from its whitespace-free text. Kept as text on purpose: the overflow
 * detector compares conditions after substituting single-assignment locals by their initialiser text
 * (`expandLocals`), which has no syntax tree, and the parser still mis-nests some chains that mix
 * indexing with `&&` (see timestamp-dependence's `comparisons`). Splits at top-level `&&`/`||`, then at
 * the first top-level comparison operator.
 */
export function textComparisons(text: string, negated = false): TextComparison[] {
  const out: TextComparison[] = [];
  const flip: Record<string, string> = { '<': '>=', '<=': '>', '>': '<=', '>=': '<', '==': '!=', '!=': '==' };
  const visit = (t: string, depth: number, neg: boolean) => {
    if (depth > 20) return;
    let s = t;
    for (;;) {
      if (s.startsWith('!') && !s.startsWith('!=')) {
        s = s.slice(1);
        neg = !neg;
      } else if (s.startsWith('(') && matchingParen(s, 0) === s.length - 1) s = s.slice(1, -1);
      else break;
    }
    const parts = splitTop(s, ['&&', '||']);
    if (parts.length > 1) {
      for (const p of parts) visit(p, depth + 1, neg);
      return;
    }
    const cmp = findComparison(s);
    if (cmp) out.push(neg ? { ...cmp, op: flip[cmp.op]! } : cmp);
  };
  visit(text, 0, negated);
  return out;
}

function matchingParen(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    if (s[i] === '(' || s[i] === '[') depth++;
    else if (s[i] === ')' || s[i] === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

function splitTop(s: string, seps: string[]): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0) {
      const sep = seps.find((x) => s.startsWith(x, i));
      if (sep) {
        out.push(s.slice(start, i));
        i += sep.length - 1;
        start = i + 1;
      }
    }
  }
  out.push(s.slice(start));
  return out;
}

function findComparison(s: string): TextComparison | null {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0) {
      const two = s.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '==' || two === '!=') return { left: s.slice(0, i), op: two, right: s.slice(i + 2) };
      if ((ch === '<' || ch === '>') && s[i + 1] !== ch && s[i - 1] !== ch && s[i - 1] !== '=') return { left: s.slice(0, i), op: ch, right: s.slice(i + 1) };
    }
  }
  return null;
}

/** The text has arithmetic at its top level (`a-b`, `a+b`), outside brackets. */
export function topLevelArithmetic(t: string, ops = '+-*'): boolean {
  let depth = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    else if (depth === 0 && i > 0 && ops.includes(ch)) return true;
  }
  return false;
}

/** `x`, `1 ether`, `0x10`, `MAX_SUPPLY`: a constant written as text. */
export function isConstantText(t: string): boolean {
  return /^(\d[\d_]*(\.\d+)?(e\d+)?(wei|gwei|szabo|finney|ether|seconds|minutes|hours|days|weeks|years)?|0x[0-9a-fA-F]+|[A-Z][A-Z0-9_]*)$/.test(t);
}
