import { contains, findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionAnalysis, FunctionModel } from '../../../solidity/model/types.js';
import { blockValueOf, callArguments, calleeName } from '../../../solidity/model/expressions.js';
import {
  arithmeticIn,
  containsExpr,
  isConstantText,
  textComparisons,
  topLevelArithmetic,
  type TextComparison,
  enclosingConditions,
  isConstantExpr,
  isInForHeader,
  isStateLValue,
  norm,
  resultLocal,
  type Arithmetic,
} from './arithmetic-helpers.js';
import { mentionsTainted, valueTaintedLocals } from '../../../solidity/dataflow.js';
import { defineDetector } from '../detector.js';

/**
 * Integer overflow and underflow (SWC-101) in code compiled without checked arithmetic: Solidity
 * before 0.8, or an `unchecked { }` block after it.
 *
 * Why the rule is what it is: flagging every `+` of 0.4 code drowns the real bugs, so a finding needs
 * what an auditor would need to call it exploitable:
 *   - an operand the caller chooses (a parameter of a public function, a local computed from one, or
 *     msg.value); parameters of internal functions count too, at lower confidence, because they
 *     usually carry a caller's value one call down (`_transfer(from, to, value)`);
 *   - no comparison that bounds it: for `a - b`, a `require`/`if`-revert/enclosing `if` comparing `a`
 *     with `b` before it (`require(balance >= amount)`); for `a + b` and `a * b`, the SafeMath-style
 *     check before or after (`require(a + b >= a)`, `c = a * b; require(c / a == b)`), or an upper bound
 *     of the caller's operand by a constant (`require(n <= 20)`);
 *   - not a loop counter, not arithmetic of constants only, not in a view/pure function (a wrong return
 *     value there is rarely the exploit).
 * A subtraction compared with zero (`require(a - b >= 0)`) is always true for unsigned integers: that
 * is the classic broken underflow check and is reported with high confidence. Using SafeMath in the
 * contract does not excuse a raw operator elsewhere (BeautyChain's `cnt * _value` sat beside SafeMath).
 */
export default defineDetector(
  {
    id: 'integer-overflow',
    title: 'Integer overflow or underflow',
    swc: ['SWC-101'],
    dasp: 'arithmetic',
    severity: 'high',
    confidence: 0.6,
    description:
      'Unchecked integer arithmetic on a value the caller controls wraps around silently: before Solidity 0.8 (or inside `unchecked`), `a - b` with b > a yields a huge number and `a + b`/`a * b` can wrap to a small one.',
    exploitScenario:
      'An attacker transfers more tokens than they hold: `balances[msg.sender] -= _value` underflows to about 2^256 and they become the richest holder; or a batch transfer multiplies a count by a huge value, the product wraps to zero, passes the balance check, and each receiver is credited the huge value.',
    recommendation:
      'Use Solidity 0.8 checked arithmetic or SafeMath (`add`, `sub`, `mul`) for every operation on values the caller controls, and check bounds before subtracting (`require(balance >= amount)`).',
  },
  (ctx, report) => {
    for (const contract of ctx.contracts) {
      if (contract.kind === 'interface') continue;
      const unit = contract.unit;
      const src = unit.text;
      const checked = unit.solidityMinor !== null && unit.solidityMinor >= 8;
      const internalSeeds = taintedInternalParams(contract);
      for (const fn of contract.ownFunctions) {
        if (!fn.body || fn.kind === 'modifier' || fn.kind === 'constructor') continue;
        if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
        const arith = arithmeticIn(fn.body, src).filter((a) => !checked || insideUnchecked(a.node));
        if (arith.length === 0) continue;
        const analysis = analyzeFunction(fn, contract);
        // The owner or an admin choosing a wrong number is a different (and lesser) problem.
        if (analysis.senderGuarded) continue;
        const internalOnly = !fn.isEntryPoint;
        const seeds = internalOnly ? (internalSeeds.get(fn) ?? new Set<string>()) : new Set(fn.params.map((p) => p.name ?? '').filter(Boolean));
        if (seeds.size === 0) continue;
        const tainted = valueTaintedLocals(fn, seeds, src);
        const inits = singleAssignmentLocals(fn, src);
        const guards = guardConditions(fn, analysis, inits);
        for (const a of arith) {
          const verdict = judge(a, fn, contract, analysis, tainted, guards, src, inits);
          if (!verdict) continue;
          let confidence = verdict.tautology ? 0.9 : internalOnly ? 0.4 : verdict.toState ? 0.7 : 0.55;
          if (!verdict.tautology && a.op === '-' && !internalOnly) confidence += 0.05;
          const what = a.op === '-' ? 'underflow' : 'overflow';
          const code = textOf(src, a.node).replace(/\s+/g, ' ');
          report({
            node: a.node,
            unit,
            contract,
            fn,
            severity: verdict.toState || verdict.tautology ? 'high' : 'medium',
            confidence: Math.min(0.95, confidence),
            message: verdict.tautology
              ? `\`${code}\` compares an unsigned difference with zero: it is always true, and the subtraction itself can underflow.`
              : `\`${code}\` can ${what}: ${internalOnly ? 'a parameter that public callers fill' : 'a value the caller chooses'} is used without a bound${verdict.toState ? ', and the result is stored' : ''} (${checked ? 'inside unchecked' : `Solidity 0.${unit.solidityMinor ?? '?'} does not check arithmetic`}).`,
            evidence: { operator: a.augmented ? `${a.op}=` : a.op },
          });
        }
      }
    }
  },
);

interface Verdict {
  toState: boolean;
  tautology: boolean;
}

interface Guard {
  /** Whitespace-free condition text. */
  text: string;
  node: SyntaxNode;
  src: string;
  /** Start of the guard statement; modifier guards run before the body (-1). */
  at: number;
  /** `if (cond) revert;`: the condition is false after it. */
  negated: boolean;
}

function guardConditions(fn: FunctionModel, analysis: FunctionAnalysis, inits: Map<string, string>): Guard[] {
  const out: Guard[] = [];
  for (const op of analysis.operations) {
    if (op.kind !== 'guard') continue;
    const src = op.origin.contract.unit.text;
    out.push({ text: expandLocals(textOf(src, op.condition).replace(/\s+/g, ''), op.origin === fn ? inits : new Map()), node: op.condition, src, at: op.origin === fn ? op.node.startIndex : -1, negated: op.node.type === 'if_statement' });
  }
  return out;
}

/**
 * Parameters of internal functions that an entry point fills with a value its caller chose:
 * `transfer(to, value)` calling `_transfer(msg.sender, to, value)` taints `_transfer`'s third parameter.
 */
function taintedInternalParams(contract: ContractModel): Map<FunctionModel, Set<string>> {
  const out = new Map<FunctionModel, Set<string>>();
  for (const fn of contract.functions) {
    if (!fn.isEntryPoint || !fn.body || fn.contract.unit !== contract.unit) continue;
    const src = fn.contract.unit.text;
    const tainted = valueTaintedLocals(fn, new Set(fn.params.map((p) => p.name ?? '').filter(Boolean)), src);
    if (tainted.size === 0) continue;
    for (const op of analyzeFunction(fn, contract).operations) {
      if (op.kind !== 'internal-call' || op.origin !== fn || op.target.isEntryPoint) continue;
      const args = callArguments(op.node);
      args.forEach((arg, i) => {
        const name = op.target.params[i]?.name;
        if (!name || !mentionsTainted(arg, tainted, src)) return;
        const set = out.get(op.target) ?? new Set<string>();
        set.add(name);
        out.set(op.target, set);
      });
    }
  }
  return out;
}

function insideUnchecked(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'block_statement' && p.children.some((c) => c.type === 'unchecked')) return true;
  return false;
}

/** The operand's text; the grammar parses `a - b[i]` as `(a - b)[i]`, so the index is put back. */
function rightText(a: Arithmetic, src: string): string {
  const p = a.node.parent;
  if (!a.augmented && p?.type === 'array_access' && p.fields.base === a.node) return src.slice(a.right.startIndex, p.endIndex).replace(/\s+/g, '');
  return norm(src, a.right);
}

function judge(
  a: Arithmetic,
  fn: FunctionModel,
  contract: ContractModel,
  analysis: FunctionAnalysis,
  tainted: Set<string>,
  guards: Guard[],
  src: string,
  inits: Map<string, string>,
): Verdict | null {
  if (isInForHeader(a.node)) return null;
  const locals = analysis.locals;
  const leftConst = isConstantExpr(a.left, src, contract, locals);
  const rightConst = isConstantExpr(a.right, src, contract, locals);
  if (leftConst && rightConst) return null;
  const leftTainted = mentionsTainted(a.left, tainted, src);
  const rightTainted = mentionsTainted(a.right, tainted, src);
  if (!leftTainted && !rightTainted) return null;

  // `a - b >= 0` (or `0 <= a - b`): always true on unsigned integers.
  if (a.op === '-' && !a.augmented && isComparedWithZero(a.node, src)) return { toState: false, tautology: true };

  // Timestamps and block numbers are far from 2^256; adding a duration to them is not the exploit.
  if (a.op === '+' && [a.left, a.right].some((o) => findAll(o, new Set(['identifier', 'member_expression'])).some((n) => blockValueOf(n, src)))) return null;

  // Bit packing and masking (`(x << 8) + y`, `(b & m) + (b >> 2 & m)`) is arithmetic on purpose.
  if ([a.left, a.right].some((o) => /<<|>>|[^&]&[^&]|[^|]\|[^|]/.test(` ${norm(src, o)} `))) return null;
  // `items.push(x) - 1`: push returns the new length, at least 1.
  if (a.op === '-' && /\.push\(/.test(norm(src, a.left)) && rightConst) return null;
  const A = expandLocals(norm(src, a.left), inits);
  const B = expandLocals(rightText(a, src), inits);
  const conditions: Array<{ text: string; before: boolean; cmps: TextComparison[] }> = [];
  for (const g of guards) {
    if (g.src === src && contains(g.node, a.node)) continue;
    conditions.push({ text: g.text, before: g.at < a.node.startIndex, cmps: textComparisons(g.text, g.negated) });
  }
  for (const c of enclosingConditions(a.node, fn)) {
    const text = expandLocals(norm(src, c.cond), inits);
    conditions.push({ text, before: true, cmps: textComparisons(text, c.negated) });
  }

  if (a.op === '-') {
    // `require(a >= b)` before `a - b`; a subtrahend bounded by anything (`require(balances[x] >= v)`
    // before `totalSupply -= v`) relies on the token invariant that no balance exceeds the supply.
    if (conditions.some((c) => c.before && c.cmps.some((cmp) => upperBounds(cmp, B, A, rightConst)))) return null;
    const aggregate = unparen(a.left).type === 'identifier';
    if (aggregate && conditions.some((c) => c.before && c.cmps.some((cmp) => upperBounds(cmp, B, '', false)))) return null;
    // `n - 1` after `n == 0` was handled: any test of `n` against a constant.
    if (rightConst && conditions.some((c) => c.before && c.cmps.some((cmp) => (cmp.left === A && isConstantText(cmp.right)) || (cmp.right === A && isConstantText(cmp.left))))) return null;
  } else {
    if (insideCondition(a.node, src)) {
      // `a + b > a` is the overflow check itself; other sums compared in a condition are left alone.
      if (a.op === '+') return null;
    }
    const result = resultLocal(a.node, src, locals);
    const sumText = norm(src, a.node);
    for (const c of conditions) {
      const cmps = c.cmps;
      if (cmps.length === 0) continue;
      // SafeMath-style checks: `a + b >= a`, `c >= a`, `c / a == b`, `a == 0 || c / a == b`.
      const relates = (x: string, y: string) => containsExpr(x, result!) && (containsExpr(y, A) || containsExpr(y, B) || (/\//.test(x) && (containsExpr(x, A) || containsExpr(x, B))));
      if (result && cmps.some((cmp) => relates(cmp.left, cmp.right) || relates(cmp.right, cmp.left))) return null;
      const checks = (x: string, y: string) =>
        containsExpr(x, sumText) && (a.op === '+' ? containsExpr(y, A) || containsExpr(y, B) : /\//.test(x) && (containsExpr(x + y, A) || containsExpr(x + y, B)));
      if (!a.augmented && cmps.some((cmp) => checks(cmp.left, cmp.right) || checks(cmp.right, cmp.left))) return null;
      if (a.augmented && cmps.some((cmp) => (containsExpr(cmp.left, A) && containsExpr(cmp.left, B)) || (containsExpr(cmp.right, A) && containsExpr(cmp.right, B)))) return null;
    }
    // Every operand the caller chooses is bounded by a constant before the operation.
    const operands = [leftTainted ? A : null, rightTainted ? B : null].filter((x): x is string => x !== null);
    if (operands.every((o) => conditions.some((c) => c.before && c.cmps.some((cmp) => upperBounds(cmp, o, null, true))))) return null;
    // `balances[to] += value` after `require(balances[msg.sender] >= value)`: the amount is bounded by a
    // stored balance, and two balances cannot sum past the (bounded) supply. Mythril-style tools report
    // this; it is the main source of noise on real tokens and is not exploitable, so it is left out.
    if (a.op === '+' && rightTainted && conditions.some((c) => c.before && c.cmps.some((cmp) => upperBounds(cmp, B, '', false)))) return null;
    // `counter += 1`: a step of a literal cannot wrap a 256-bit counter in practice.
    if (a.op === '+' && a.augmented && rightConst) return null;
    // Array lengths are bounded by what calldata or memory can hold; `a.length + 1` cannot wrap.
    if (a.op === '+' && [A, B].every((t) => /\.length$/.test(t) || isConstantText(t))) return null;
  }

  return { toState: writesState(a, src, contract, analysis), tautology: false };
}

/**
 * Does the comparison bound `x` from above: `x <= y`, `y > x`, …? With `by` given, `y` must mention
 * it and not be a difference (`a - b >= 0` bounds nothing); with `constantOnly`, `y` must be a constant.
 */
function upperBounds(cmp: TextComparison, x: string, by: string | null, constantOnly: boolean): boolean {
  const check = (small: string, big: string) => {
    if (small !== x && !(containsExpr(small, x) && !topLevelArithmetic(small))) return false;
    if (topLevelArithmetic(big, '-')) return false;
    if (constantOnly && isConstantText(big)) return true;
    return by !== null && (by === '' ? !isConstantText(big) : containsExpr(big, by));
  };
  if (cmp.op === '<' || cmp.op === '<=') return check(cmp.left, cmp.right);
  if (cmp.op === '>' || cmp.op === '>=') return check(cmp.right, cmp.left);
  return false;
}

/** Inside the condition of a require/assert/if/while (or a comparison). */
function insideCondition(node: SyntaxNode, src: string): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'call_argument' && p.parent && /^(require|assert)$/.test(calleeName(p.parent, src) ?? '')) return true;
    if (p.type === 'if_statement' || p.type === 'while_statement') return contains(p.fields.condition ?? p, node);
    if (p.type === 'binary_expression' && ['<', '<=', '>', '>=', '==', '!='].includes(p.tokens.operator ?? '')) return true;
    if (p.type.endsWith('_statement') || p.type === 'function_body') return false;
  }
  return false;
}

/** Is the value written into a state variable (`x op= y` on state, or `s = … a op b …`)? */
function writesState(a: Arithmetic, src: string, contract: ContractModel, analysis: FunctionAnalysis): boolean {
  if (a.augmented) return isStateLValue(a.left, src, contract, analysis);
  for (let p = a.node.parent; p; p = p.parent) {
    if (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') {
      return Boolean(p.fields.left && isStateLValue(p.fields.left, src, contract, analysis));
    }
    if (p.type.endsWith('_statement') || p.type === 'function_body') return false;
  }
  return false;
}

function isComparedWithZero(node: SyntaxNode, src: string): boolean {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  const p = n.parent;
  if (p?.type !== 'binary_expression') return false;
  const op = p.tokens.operator;
  const other = p.fields.left === n ? p.fields.right : p.fields.left;
  if (!other || textOf(src, unparen(other)).trim() !== '0') return false;
  return (p.fields.left === n && op === '>=') || (p.fields.right === n && op === '<=');
}

/**
 * Locals given a value once and never reassigned, with that value's text: `uint allowance =
 * allowed[from][msg.sender]` or `bool enough = balance >= value` are read through in conditions.
 */
function singleAssignmentLocals(fn: FunctionModel, src: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!fn.body) return out;
  const reassigned = new Set<string>();
  for (const a of findAll(fn.body, new Set(['assignment_expression', 'augmented_assignment_expression', 'update_expression']))) {
    const left = a.fields.left ?? a.fields.argument;
    if (left && unparen(left).type === 'identifier') reassigned.add(textOf(src, unparen(left)));
  }
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    const value = stmt.fields.value;
    if (!decl?.fields.name || !value) continue;
    const name = textOf(src, decl.fields.name);
    if (reassigned.has(name) || out.has(name)) continue;
    out.set(name, norm(src, value));
  }
  return out;
}

/** Replaces single-assignment locals by `(their value)`, one level deep. */
function expandLocals(text: string, inits: Map<string, string>): string {
  if (inits.size === 0) return text;
  return text.replace(/[A-Za-z_$][A-Za-z0-9_$]*/g, (name, at: number) => {
    const init = inits.get(name);
    if (init === undefined) return name;
    const before = at > 0 ? text[at - 1] : '';
    return before === '.' ? name : `(${init})`;
  });
}
