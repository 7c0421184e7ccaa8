import { findAll, textOf, unparen, type SyntaxNode } from '../parse/syntax.js';
import { calleeName, callArguments, isMsgSender, isTxOrigin } from './expressions.js';
import type { ContractModel, FunctionAnalysis, FunctionModel, Operation } from './types.js';

/**
 * Checks of the caller's identity, read from the syntax and the analysis of a function. The analysis
 * itself asks `computeSenderGuard` whether a function is guarded, and a guard may call an internal
 * function that must be analysed in turn: that mutual recursion is why `analyze` is passed in rather
 * than imported (operations.ts imports this module; `access.ts` binds `analyzeFunction` for callers).
 */
export type Analyze = (fn: FunctionModel, contract: ContractModel) => FunctionAnalysis;

/** `msg.sender` or `tx.origin`. */
function isCaller(n: SyntaxNode, src: string): boolean {
  return isMsgSender(n, src) || isTxOrigin(n, src);
}

/** `msg.sender`, or a cast of it: `uint(msg.sender)`, `address(msg.sender)` (and the same for `tx.origin`). */
export function isCallerExpr(node: SyntaxNode, src: string): boolean {
  const n = unparen(node);
  if (isCaller(n, src)) return true;
  if (n.type === 'type_cast_expression') {
    const args = n.children.filter((c) => c.type === 'call_argument');
    return args.length === 1 && args[0]!.children[0] !== undefined && isCallerExpr(args[0]!.children[0], src);
  }
  if (n.type === 'call_expression') {
    const args = callArguments(n);
    const name = calleeName(n, src) ?? '';
    return args.length === 1 && /^(u?int\d*|address|bytes\d*|payable)$/.test(name) && isCallerExpr(args[0]!, src);
  }
  return false;
}

/**
 * `msg.sender == msg.sender`, `tx.origin == msg.sender` (an "is not a contract" test), `msg.sender !=
 * address(0)`: the caller compared with the caller or with the zero address. No caller is told apart
 * from another, so such a comparison restricts nobody: a guard that does not guard.
 */
function comparesCallerWithNobody(l: SyntaxNode, r: SyntaxNode, src: string): boolean {
  const isZero = (n: SyntaxNode): boolean => {
    const x = unparen(n);
    if (x.type === 'number_literal') return /^0x0*$|^0+$/i.test(textOf(src, x).trim());
    if (x.type === 'call_expression' || x.type === 'type_cast_expression') {
      const args = x.type === 'call_expression' ? callArguments(x) : x.children.filter((c) => c.type === 'call_argument').map((c) => c.children[0]!);
      return args.length === 1 && args[0] !== undefined && isZero(args[0]);
    }
    return false;
  };
  return (isCallerExpr(l, src) && isCallerExpr(r, src)) || (isCallerExpr(l, src) && isZero(r)) || (isCallerExpr(r, src) && isZero(l));
}

/** The expression mentions `msg.sender` or `tx.origin` anywhere. */
export function mentionsCaller(node: SyntaxNode, src: string): boolean {
  return findAll(node, 'member_expression').some((m) => isCaller(m, src));
}

/**
 * A condition that tests who the caller is, read from its syntax alone: `msg.sender == owner`,
 * `admins[msg.sender]`, `tx.origin != o`, `isOwner(msg.sender)`, `onlyAdmin()`. `isCallerCheck` is the
 * complete test (it also follows locals and internal functions); this one needs no function context.
 */
export function isIdentityCheck(condition: SyntaxNode, src: string): boolean {
  const c = unparen(condition);
  if (c.type === 'unary_expression' && c.tokens.operator === '!' && c.fields.argument) return isIdentityCheck(c.fields.argument, src);
  if (c.type === 'binary_expression') {
    const op = c.tokens.operator;
    const l = c.fields.left;
    const r = c.fields.right;
    if (!l || !r) return false;
    if (op === '&&' || op === '||') return isIdentityCheck(l, src) || isIdentityCheck(r, src);
    if (op === '==' || op === '!=') return (isCaller(l, src) || isCaller(r, src)) && !comparesCallerWithNobody(l, r, src);
    return false;
  }
  // `whitelist[msg.sender]` used as a boolean, or a call such as `isOwner(msg.sender)` / `hasRole(r, msg.sender)`.
  if (c.type === 'array_access' && c.fields.index) return isCaller(c.fields.index, src);
  if (c.type === 'member_expression') return findAll(c, 'array_access').some((a) => a.fields.index && isMsgSender(a.fields.index, src));
  if (c.type === 'call_expression') {
    const args = callArguments(c);
    return args.some((a) => isCaller(a, src)) || /^(is|only)?(owner|admin|authori[sz]ed)/i.test(calleeName(c, src) ?? '');
  }
  return false;
}

/** Locals of `fn` whose declared value mentions the caller (`uint idx = m_ownerIndex[uint(msg.sender)]`), with that value. */
const derivedCache = new WeakMap<FunctionModel, Map<string, SyntaxNode>>();
function callerDerivedLocals(fn: FunctionModel): Map<string, SyntaxNode> {
  let out = derivedCache.get(fn);
  if (out) return out;
  out = new Map<string, SyntaxNode>();
  derivedCache.set(fn, out);
  if (!fn.body) return out;
  const src = fn.contract.unit.text;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    const value = stmt.fields.value;
    if (decl?.fields.name && value && mentionsCaller(value, src)) out.set(textOf(src, decl.fields.name), value);
  }
  return out;
}

/** The caller itself, or a local holding it: `address _sender = msg.sender`. */
function isCallerValue(node: SyntaxNode, origin: FunctionModel): boolean {
  const src = origin.contract.unit.text;
  const n = unparen(node);
  if (isCallerExpr(n, src)) return true;
  const value = n.type === 'identifier' ? callerDerivedLocals(origin).get(textOf(src, n)) : undefined;
  return value !== undefined && isCallerExpr(value, src);
}

/** `msg.sender`, `uint(msg.sender)`, `admins[msg.sender]`, `members[msg.sender].active`, or a local read from one. */
function isCallerKeyed(node: SyntaxNode, origin: FunctionModel): boolean {
  const src = origin.contract.unit.text;
  const n = unparen(node);
  if (isCallerExpr(n, src)) return true;
  if (n.type === 'array_access' || n.type === 'member_expression') {
    // `admins[msg.sender]`, but not `voted[msg.sender][id]`: a nested map holds per-caller data, not membership.
    for (const a of findAll(n, 'array_access')) {
      if (a.fields.index && isCallerExpr(a.fields.index, src) && !(a.parent?.type === 'array_access' && a.parent.fields.base === a)) return true;
    }
  }
  // A local read from such a lookup (`uint i = m_ownerIndex[uint(msg.sender)]`), not any value computed
  // with the caller (`token.balanceOfAt(msg.sender, b)` is an amount, not a membership).
  const value = n.type === 'identifier' ? callerDerivedLocals(origin).get(textOf(src, n)) : undefined;
  return value !== undefined && unparen(value).type !== 'identifier' && isCallerKeyed(value, origin);
}

/** A literal or a constant-looking name: `0`, `true`, `address(0)`, `0x0`, `ROLE_ADMIN`. */
function isFixedValue(node: SyntaxNode, src: string): boolean {
  const n = unparen(node);
  if (n.type === 'number_literal' || n.type === 'boolean_literal' || n.type === 'hex_literal' || n.type === 'string_literal') return true;
  if (n.type === 'identifier') return /^[A-Z][A-Z0-9_]*$/.test(textOf(src, n));
  const args = n.type === 'call_expression' ? callArguments(n) : [];
  return args.length === 1 && /^(address|u?int\d*|bytes\d*)$/.test(calleeName(n, src) ?? '') && isFixedValue(args[0]!, src);
}

/**
 * A condition that restricts who may proceed: an identity check, a comparison of a lookup keyed by the
 * caller (`owners[msg.sender] != 0`), a local read from such a lookup (`uint i = ownerIndex[msg.sender];
 * if (i == 0) return;`), `isOwner(msg.sender) == true`, or a call to an internal function that itself
 * checks the caller (Parity's `onlymanyowners` → `confirmAndCheck`). `origin` is the function whose
 * source holds the condition; `contract` the most derived contract, to resolve internal calls.
 */
export function isCallerCheckWith(analyze: Analyze, condition: SyntaxNode, origin: FunctionModel, contract: ContractModel, depth = 0): boolean {
  const src = origin.contract.unit.text;
  const c = unparen(condition);
  if (c.type === 'unary_expression' && c.tokens.operator === '!' && c.fields.argument) return isCallerCheckWith(analyze, c.fields.argument, origin, contract, depth);
  if (c.type === 'binary_expression') {
    const op = c.tokens.operator;
    const [l, r] = [c.fields.left, c.fields.right];
    if (!l || !r) return false;
    if (op === '&&' || op === '||') return isCallerCheckWith(analyze, l, origin, contract, depth) || isCallerCheckWith(analyze, r, origin, contract, depth);
    // Equality only: `balances[msg.sender] >= amount` bounds an amount, it does not pick callers.
    if (op === '==' || op === '!=') {
      if (isCallerValue(l, origin) || isCallerValue(r, origin)) return !comparesCallerWithNobody(l, r, src);
      // A caller-keyed lookup tests membership against a fixed value (`owners[msg.sender] != 0`); against
      // a computed value (`balances[msg.sender] == before - amount`) it checks bookkeeping, not the caller.
      if ((isCallerKeyed(l, origin) && isFixedValue(r, src)) || (isCallerKeyed(r, origin) && isFixedValue(l, src))) return true;
      // `isOwner(msg.sender) == true`
      return [l, r].some((side) => unparen(side).type === 'call_expression' && isCallerCheckWith(analyze, side, origin, contract, depth));
    }
    return false;
  }
  if (isCallerKeyed(c, origin)) return true;
  if (c.type === 'call_expression') {
    if (isIdentityCheck(c, src)) return true;
    if (depth >= 2) return false;
    const name = calleeName(c, src);
    const target = name ? contract.functions.find((f) => f.name === name && f.kind === 'function' && f.body) : undefined;
    return Boolean(target && functionChecksCaller(analyze, target, contract, depth + 1));
  }
  return false;
}

/** The function (with what it calls) refuses or skips its work for some callers, or returns a caller check. */
function functionChecksCaller(analyze: Analyze, fn: FunctionModel, contract: ContractModel, depth: number): boolean {
  const analysis = analyze(fn, contract);
  if (analysis.senderGuarded) return true;
  for (const op of analysis.flattened) if (op.kind === 'guard' && isCallerCheckWith(analyze, op.condition, op.origin, contract, depth)) return true;
  // `return ownerIndex[msg.sender] > 0;` style predicates.
  if (fn.body) {
    const src = fn.contract.unit.text;
    for (const ret of findAll(fn.body, 'return_statement')) if (mentionsCaller(ret, src)) return true;
  }
  return false;
}

/**
 * Names of modifiers that restrict callers, trusted only when the modifier's code is not in the
 * compilation unit (an import the auditor was not given).
 */
const ACCESS_MODIFIER = /^(only|is[A-Z]|auth|owner|admin|restricted|protected|requires?(Owner|Admin|Auth|Role)|has(Role|Permission)|ifAdmin|ownerOnly|adminOnly)/i;

function placeholderInside(node: SyntaxNode, src: string): boolean {
  return findAll(node, 'identifier').some((id) => textOf(src, id) === '_');
}

/** Computed once per function and most-derived contract by `analyzeFunction`; read it as `analysis.senderGuarded`. */
export function computeSenderGuard(fn: FunctionModel, analysis: FunctionAnalysis, contract: ContractModel, analyze: Analyze): boolean {
  for (const use of fn.modifiers) {
    const def = use.definition ?? contract.modifiers.get(use.name);
    if (!def) {
      if (ACCESS_MODIFIER.test(use.name)) return true;
      continue;
    }
    // `modifier onlyOwner { if (msg.sender == owner) _; }`: the body only runs for the caller checked.
    if (!def.body) continue;
    const src = def.contract.unit.text;
    for (const ifs of findAll(def.body, 'if_statement')) {
      const cond = ifs.fields.condition;
      if (cond && placeholderInside(ifs, src) && !placeholderInside(cond, src) && isCallerCheckWith(analyze, cond, def, contract)) return true;
    }
  }
  // Guards in the body, in modifier code and in inlined callees.
  for (const op of analysis.flattened) if (op.kind === 'guard' && isCallerCheckWith(analyze, op.condition, op.origin, contract)) return true;
  // `if (msg.sender == owner) { ... }` or `if (isOwner(msg.sender)) { ... }` around the effects.
  if (fn.body) {
    for (const ifs of findAll(fn.body, 'if_statement')) {
      const cond = ifs.fields.condition;
      if (cond && isCallerCheckWith(analyze, cond, fn, contract) && coversEffects(ifs, analysis, fn)) return true;
    }
  }
  return false;
}

/**
 * The `if` holds every effect (state write, external call, selfdestruct) of the function's own code,
 * or at least reaches past the last of them (effects before it were the constructor-like set-up that
 * precedes the caller check, e.g. a counter).
 */
function coversEffects(ifs: SyntaxNode, analysis: FunctionAnalysis, fn: FunctionModel): boolean {
  const isEffect = (op: Operation) => op.kind === 'state-write' || op.kind === 'external-call' || op.kind === 'selfdestruct';
  const own = analysis.flattened.filter((op) => op.origin === fn && isEffect(op));
  if (own.every((op) => op.node.startIndex >= ifs.startIndex && op.node.endIndex <= ifs.endIndex)) return true;
  let last = 0;
  for (const op of analysis.operations) if (isEffect(op)) last = Math.max(last, op.node.endIndex);
  return Boolean(ifs.fields.body && ifs.fields.body.endIndex >= last);
}

