import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { calleeName, callArguments, isMsgSender, lowLevelCall, memberPath, resultUse } from '../../../solidity/model/expressions.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import type { ContractModel, ExternalCall, FunctionModel, StateVariable } from '../../../solidity/model/types.js';

/**
 * Shared questions of the call and denial-of-service detectors: which low-level calls a function
 * makes and whether their result is ever looked at, which state variables any caller can set, and
 * which dynamic storage arrays any caller can grow.
 */

export interface LowLevelSite {
  node: SyntaxNode;
  call: Omit<ExternalCall, 'result'>;
  /** How the result is used, with "assigned but never read" folded into 'ignored'. */
  use: 'ignored' | 'checked';
}

/** Every function-like body of a contract (functions, constructors, fallbacks and modifiers). */
export function bodies(contract: ContractModel): FunctionModel[] {
  return contract.ownFunctions.filter((f) => f.body !== null);
}

/**
 * Low-level calls in `fn`'s own body. A call whose boolean lands in a variable counts as checked only
 * when that variable is read again later in the function (tested, returned, passed on).
 */
export function lowLevelSites(fn: FunctionModel): LowLevelSite[] {
  const src = fn.contract.unit.text;
  const out: LowLevelSite[] = [];
  if (!fn.body) return out;
  for (const node of findAll(fn.body, 'call_expression')) {
    const call = lowLevelCall(node, src);
    if (!call) continue;
    const use = resultUse(node, src);
    if (use === 'assigned') out.push({ node, call, use: assignedResultRead(node, fn.body, src) ? 'checked' : 'ignored' });
    else out.push({ node, call, use });
  }
  return out;
}

/**
 * `addr.call.value(v);` as a statement: pre-0.5 syntax that only builds the call and never makes it.
 * The author believed ether was sent; nothing checks that it was.
 */
export function danglingValueCalls(fn: FunctionModel): SyntaxNode[] {
  const src = fn.contract.unit.text;
  const out: SyntaxNode[] = [];
  if (!fn.body) return out;
  for (const node of findAll(fn.body, 'call_expression')) {
    if (node.parent?.type !== 'expression_statement') continue;
    const callee = unparen(node.fields.function ?? node.children[0]!);
    if (callee.type !== 'member_expression' || !callee.fields.property || !callee.fields.object) continue;
    const prop = textOf(src, callee.fields.property);
    if (prop !== 'value' && prop !== 'gas') continue;
    // Walk down `.value(x).gas(y)` to the `.call` member.
    let obj: SyntaxNode = unparen(callee.fields.object);
    while (obj.type === 'call_expression') {
      const f = unparen(obj.fields.function ?? obj.children[0]!);
      if (f.type !== 'member_expression' || !f.fields.object) break;
      obj = unparen(f.fields.object);
    }
    if (obj.type === 'member_expression' && obj.fields.property && ['call', 'delegatecall', 'callcode'].includes(textOf(src, obj.fields.property))) out.push(node);
  }
  return out;
}

/** The statement holding an assigned call result is followed by a read of the variable it assigns. */
function assignedResultRead(call: SyntaxNode, body: SyntaxNode, src: string): boolean {
  let holder: SyntaxNode | null = call.parent;
  while (holder && holder.type !== 'variable_declaration_statement' && holder.type !== 'assignment_expression') holder = holder.parent;
  if (!holder) return true;
  const names = new Set<string>();
  if (holder.type === 'variable_declaration_statement') {
    for (const decl of findAll(holder, 'variable_declaration')) if (decl.fields.name) names.add(textOf(src, decl.fields.name));
  } else if (holder.fields.left) {
    const left = unparen(holder.fields.left);
    const targets = left.type === 'tuple_expression' ? left.children.map((c) => unparen(c)) : [left];
    for (const t of targets) {
      const root = rootName(t, src);
      if (root) names.add(root);
      // A result stored in state or a mapping escapes the function: treat it as used.
      if (t.type !== 'identifier') return true;
    }
  }
  // Only the first declared name of a tuple is the success flag.
  if (names.size === 0) return true;
  for (const id of findAll(body, 'identifier')) {
    if (id.startIndex < holder.endIndex) continue;
    if (!names.has(textOf(src, id))) continue;
    if (id.parent?.type === 'member_expression' && id.parent.fields.property === id) continue;
    // A plain re-assignment `ok = ...` is not a read.
    if (id.parent?.type === 'assignment_expression' && id.parent.fields.left === id) continue;
    return true;
  }
  // Function returns by name: `returns (bool ok)` with `ok = x.call()` hands the result to the caller.
  const fnNode = body.parent;
  if (fnNode) {
    const returnParams = fnNode.children.filter((c) => c.type === 'return_type_definition').flatMap((r) => findAll(r, 'parameter'));
    for (const p of returnParams) if (p.fields.name && names.has(textOf(src, p.fields.name))) return true;
  }
  return false;
}

/**
 * State variables that an entry point without a caller check writes (anyone can set them). Not merged
 * with reentrancy's `userSettable` or access's `authorityVariables`: this counts every write (with where
 * the value comes from), trusts wide modifier names, and answers "can anyone change it at all".
 */
export function publiclyWritable(contract: ContractModel): Map<StateVariable, { fn: FunctionModel; fromSender: boolean; fromParam: boolean }> {
  const out = new Map<StateVariable, { fn: FunctionModel; fromSender: boolean; fromParam: boolean }>();
  for (const fn of contract.functions) {
    if (!fn.isEntryPoint || fn.kind === 'modifier') continue;
    const a = analyzeFunction(fn, contract);
    if (isRestricted(fn, contract, { modifierNames: 'access' })) continue;
    for (const op of a.flattened) {
      if (op.kind !== 'state-write') continue;
      const src = op.origin.contract.unit.text;
      const value = assignedValue(op.node);
      const fromSender = value !== null && findAll(value, 'member_expression').some((m) => isMsgSender(m, src));
      const fromParam = value !== null && op.origin === fn && mentionsAny(value, a.callerControlled, src);
      const prev = out.get(op.variable);
      if (!prev) out.set(op.variable, { fn, fromSender, fromParam });
      else {
        prev.fromSender ||= fromSender;
        prev.fromParam ||= fromParam;
      }
    }
  }
  return out;
}

/** The right-hand side written to an lvalue node, when the write is a plain assignment. */
export function assignedValue(lvalue: SyntaxNode): SyntaxNode | null {
  let n: SyntaxNode = lvalue;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'tuple_expression')) n = n.parent;
  const p = n.parent;
  if (p && (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.fields.left === n) return p.fields.right ?? null;
  return null;
}

/** The state variable a `x.push(...)`, `x.length++` or `x.length += n` grows, if any. */
export function growthOf(node: SyntaxNode, src: string, contract: ContractModel, locals: Set<string>): StateVariable | null {
  const arrayVar = (expr: SyntaxNode | undefined): StateVariable | null => {
    if (!expr) return null;
    const root = rootName(expr, src);
    if (!root || locals.has(root)) return null;
    const v = contract.stateVariables.get(root);
    return v && (v.isArray || v.isMapping) ? v : null;
  };
  if (node.type === 'call_expression' && calleeName(node, src) === 'push') {
    const callee = unparen(node.fields.function ?? node.children[0]!);
    if (callee.type === 'member_expression') return arrayVar(callee.fields.object);
  }
  if (node.type === 'update_expression' || node.type === 'augmented_assignment_expression') {
    const target = node.type === 'update_expression' ? node.fields.argument : node.fields.left;
    // The grammar keeps `++` as a token but not `+=`: read the operator between the operands.
    const op =
      node.type === 'update_expression'
        ? (node.tokens.operator ?? '')
        : node.fields.left && node.fields.right
          ? src.slice(node.fields.left.endIndex, node.fields.right.startIndex).trim()
          : '';
    if (target && (op === '++' || op === '+=')) {
      const t = unparen(target);
      if (t.type === 'member_expression' && t.fields.property && textOf(src, t.fields.property) === 'length') return arrayVar(t.fields.object);
    }
  }
  return null;
}

/** Dynamic storage arrays an entry point without a caller check can grow, with the growing nodes. */
export function publiclyGrowable(contract: ContractModel): Map<StateVariable, SyntaxNode[]> {
  const out = new Map<StateVariable, SyntaxNode[]>();
  for (const fn of contract.functions) {
    if (!fn.isEntryPoint || fn.kind === 'modifier' || !fn.body) continue;
    const a = analyzeFunction(fn, contract);
    if (isRestricted(fn, contract, { modifierNames: 'access' })) continue;
    const fns = [fn, ...a.callees.filter((c) => !c.isEntryPoint)];
    for (const f of fns) {
      if (!f.body) continue;
      const src = f.contract.unit.text;
      const locals = analyzeFunction(f, contract).locals;
      for (const n of findAll(f.body, new Set(['call_expression', 'update_expression', 'augmented_assignment_expression']))) {
        const v = growthOf(n, src, contract, locals);
        if (!v || !v.isArray) continue;
        const list = out.get(v) ?? [];
        list.push(n);
        out.set(v, list);
      }
    }
  }
  return out;
}

/** The loop's condition (for: the middle clause; while/do: the condition). */
export function loopCondition(loop: SyntaxNode): SyntaxNode | null {
  const c = loop.fields.condition ?? null;
  // In `for (init; cond; update)` the condition is an expression statement.
  return c && c.type === 'expression_statement' ? (c.children[0] ?? null) : c;
}

/** Names of the variables a loop header declares or updates (`i` in `for (uint i = 0; ...; i++)`). */
export function loopVariables(loop: SyntaxNode, src: string): Set<string> {
  const names = new Set<string>();
  const init = loop.fields.initial;
  if (init) {
    for (const d of findAll(init, 'variable_declaration')) if (d.fields.name) names.add(textOf(src, d.fields.name));
    for (const a of findAll(init, 'assignment_expression')) if (a.fields.left && unparen(a.fields.left).type === 'identifier') names.add(textOf(src, unparen(a.fields.left)));
  }
  const update = loop.fields.update;
  if (update) for (const u of findAll(update, 'update_expression')) if (u.fields.argument) names.add(textOf(src, unparen(u.fields.argument)));
  const cond = loopCondition(loop);
  if (cond && names.size === 0) for (const id of findAll(cond, 'identifier')) names.add(textOf(src, id));
  return names;
}

/** The call is (part of) the condition of `require`/`assert`, or of an `if` whose branch reverts. */
export function revertsOnFailure(node: SyntaxNode, src: string): boolean {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (p.type === 'call_argument' || p.type === 'parenthesized_expression') continue;
    if (p.type === 'unary_expression' && p.tokens.operator === '!') continue;
    if (p.type === 'binary_expression' && (p.tokens.operator === '&&' || p.tokens.operator === '==' || p.tokens.operator === '!=')) continue;
    if (p.type === 'call_expression') {
      const name = calleeName(p, src);
      return (name === 'require' || name === 'assert') && p.fields.function !== child;
    }
    if (p.type === 'if_statement' && p.fields.condition === child) {
      const body = p.fields.body;
      const text = body ? textOf(src, body) : '';
      return /^\{?\s*(throw|revert)\b/.test(text.trim());
    }
    return false;
  }
  return false;
}

export { callArguments, memberPath };

/** Strips type conversions: `address(uint160(x))`, `IERC20(x)`, `payable(x)` → `x`. */
export function uncast(node: SyntaxNode, src: string): SyntaxNode {
  let n = unparen(node);
  for (;;) {
    if (n.type === 'type_cast_expression' || n.type === 'payable_conversion_expression') {
      const arg = n.children.find((c) => c.type === 'call_argument')?.children[0];
      if (!arg) return n;
      n = unparen(arg);
      continue;
    }
    if (n.type !== 'call_expression') return n;
    const args = callArguments(n);
    const callee = unparen(n.fields.function ?? n.children[0]!);
    const name = callee.type === 'identifier' || callee.type === 'primitive_type' || callee.type === 'type_name' ? textOf(src, callee) : '';
    if (args.length !== 1 || !/^(address|payable|uint\d*|[A-Z]\w*)$/.test(name)) return n;
    n = unparen(args[0]!);
  }
}
