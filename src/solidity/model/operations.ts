import { findAll, textOf, unparen, type SyntaxNode } from '../parse/syntax.js';
import { callerControlledLocals } from '../dataflow.js';
import { computeSenderGuard } from './caller-checks.js';
import { calleeName, calleeShape, callArguments, lowLevelCall, memberPath, resultUse } from './expressions.js';
import type { ContractModel, ExternalCall, FunctionAnalysis, FunctionModel, Operation, StateVariable } from './types.js';

/**
 * Per-function control and data flow, as detectors need it: the order of external calls, state reads
 * and state writes (evaluation order, branches kept in source order), guards, loops, `unchecked`
 * blocks, storage aliases and which locals the caller controls.
 *
 * It is a linear walk rather than a full control-flow graph: branches are visited in source order and
 * marked `conditional`. For the questions asked here (does a write follow a call, is a call inside a
 * loop, is the caller checked first) that is what Slither's detectors use too, and it is fast.
 */

const LOOP_TYPES = new Set(['for_statement', 'while_statement', 'do_while_statement']);
/** Value types and names that are never contracts. */
const NON_CONTRACT_TYPE = /^(u?int\d*|bool|bytes\d*|string|address(\s+payable)?|mapping\b|fixed|ufixed|byte)\b/;

interface WalkContext {
  fn: FunctionModel;
  contract: ContractModel;
  src: string;
  loops: SyntaxNode[];
  unchecked: boolean;
  conditional: boolean;
  locals: Set<string>;
  localTypes: Map<string, string>;
  aliases: Map<string, StateVariable>;
  out: Operation[];
}

/** Analyses per most-derived contract: a base function's internal calls resolve differently in each. */
const analysisCache = new WeakMap<ContractModel, Map<FunctionModel, FunctionAnalysis>>();
const flattenedDone = new WeakSet<FunctionAnalysis>();

/**
 * Analyses `fn` in the context of `contract` (the most derived contract it is called on). Direct
 * operations are computed first for every function involved, and only then flattened, so that mutual
 * recursion between internal functions terminates.
 */
export function analyzeFunction(fn: FunctionModel, contract: ContractModel = fn.contract): FunctionAnalysis {
  let perContract = analysisCache.get(contract);
  if (!perContract) analysisCache.set(contract, (perContract = new Map()));
  const cached = perContract.get(fn);
  if (cached && flattenedDone.has(cached)) return cached;
  const analysis = cached ?? directAnalysis(fn, contract, perContract);
  flattenedDone.add(analysis);
  analysis.flattened = flatten(analysis.operations, contract, perContract, new Set([fn]), 0);
  analysis.senderGuarded = computeSenderGuard(fn, analysis, contract, analyzeFunction);
  return analysis;
}

/** Operations of one function without inlining callees; cached per contract. */
function directAnalysis(fn: FunctionModel, contract: ContractModel, cache: Map<FunctionModel, FunctionAnalysis>): FunctionAnalysis {
  const hit = cache.get(fn);
  if (hit) return hit;
  const src = fn.contract.unit.text;
  const locals = new Set<string>();
  const localTypes = new Map<string, string>();
  for (const p of [...fn.params, ...fn.returns]) {
    if (p.name) {
      locals.add(p.name);
      localTypes.set(p.name, p.typeText);
    }
  }
  if (fn.body) {
    for (const decl of findAll(fn.body, 'variable_declaration')) {
      const name = decl.fields.name;
      if (name) {
        locals.add(textOf(src, name));
        localTypes.set(textOf(src, name), decl.fields.type ? textOf(src, decl.fields.type) : '');
      }
    }
  }
  const aliases = storageAliases(fn, contract, src, locals);
  const ctx: WalkContext = { fn, contract, src, loops: [], unchecked: false, conditional: false, locals, localTypes, aliases, out: [] };

  // Modifier code before `_` runs first, the body in the middle, modifier code after `_` last.
  const after: Operation[][] = [];
  for (const use of fn.modifiers) {
    const def = use.definition ?? contract.modifiers.get(use.name) ?? null;
    if (!def?.body) continue;
    const placeholder = findPlaceholder(def.body, def.contract.unit.text);
    const mctx: WalkContext = { ...ctx, fn: def, src: def.contract.unit.text, locals: new Set(def.params.map((p) => p.name ?? '')), out: [] };
    visitRange(def.body, mctx, placeholder ? (n) => n.endIndex <= placeholder.startIndex : () => true);
    ctx.out.push(...mctx.out);
    if (placeholder) {
      const actx: WalkContext = { ...mctx, out: [] };
      visitRange(def.body, actx, (n) => n.startIndex >= placeholder.endIndex);
      after.push(actx.out);
    }
  }
  if (fn.body) visit(fn.body, ctx);
  for (const ops of after.reverse()) ctx.out.push(...ops);

  const analysis: FunctionAnalysis = {
    operations: ctx.out,
    flattened: [],
    locals,
    callerControlled: callerControlledLocals(fn, src, locals),
    storageAliases: aliases,
    senderGuarded: false,
    callees: uniqueTargets(ctx.out),
  };
  cache.set(fn, analysis);
  return analysis;
}

function uniqueTargets(ops: Operation[]): FunctionModel[] {
  const out: FunctionModel[] = [];
  for (const op of ops) if (op.kind === 'internal-call' && !out.includes(op.target)) out.push(op.target);
  return out;
}

/** Inlines internal callees' operations at the call site, to depth 4, each callee once per path. */
function flatten(ops: Operation[], contract: ContractModel, cache: Map<FunctionModel, FunctionAnalysis>, stack: Set<FunctionModel>, depth: number): Operation[] {
  const out: Operation[] = [];
  for (const op of ops) {
    out.push(op);
    if (op.kind !== 'internal-call' || depth >= 4 || stack.has(op.target)) continue;
    const inner = directAnalysis(op.target, contract, cache);
    stack.add(op.target);
    for (const innerOp of flatten(inner.operations, contract, cache, stack, depth + 1)) {
      out.push({ ...innerOp, loops: [...op.loops, ...innerOp.loops], conditional: op.conditional || innerOp.conditional });
    }
    stack.delete(op.target);
  }
  return out;
}

function findPlaceholder(body: SyntaxNode, src: string): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  for (const n of findAll(body, 'identifier')) {
    if (textOf(src, n) === '_' && n.parent?.type === 'expression_statement') {
      found = n;
      break;
    }
  }
  // Pre-0.4 `_` without a semicolon parses as a bare identifier.
  if (!found) for (const n of findAll(body, 'identifier')) if (textOf(src, n) === '_') return n;
  return found;
}

function visitRange(body: SyntaxNode, ctx: WalkContext, keep: (n: SyntaxNode) => boolean): void {
  for (const stmt of body.children) if (keep(stmt)) visit(stmt, ctx);
}

/** Storage pointers: `Foo storage p = items[i]` makes writes through `p` writes to `items`. */
function storageAliases(fn: FunctionModel, contract: ContractModel, src: string, locals: Set<string>): Map<string, StateVariable> {
  const aliases = new Map<string, StateVariable>();
  if (!fn.body) return aliases;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    const value = stmt.fields.value;
    if (!decl?.fields.name || !value) continue;
    const typeText = decl.fields.type ? textOf(src, decl.fields.type) : '';
    const isReference = decl.tokens.location === 'storage' || (!decl.tokens.location && !NON_CONTRACT_TYPE.test(typeText)) || /\[\]/.test(typeText);
    if (!isReference) continue;
    const root = rootName(value, src);
    const v = root && !locals.has(root) ? contract.stateVariables.get(root) : undefined;
    if (v) aliases.set(textOf(src, decl.fields.name), v);
  }
  return aliases;
}

/** The variable an lvalue or access path starts from: `a.b[c].d` → `a`. */
export function rootName(node: SyntaxNode, src: string): string | null {
  let n = unparen(node);
  for (;;) {
    if (n.type === 'identifier') return textOf(src, n);
    if (n.type === 'member_expression' && n.fields.object) n = unparen(n.fields.object);
    else if (n.type === 'array_access' && n.fields.base) n = unparen(n.fields.base);
    else if (n.type === 'slice_access' && n.fields.base) n = unparen(n.fields.base);
    else return null;
  }
}

function stateVariableOf(node: SyntaxNode, ctx: WalkContext): StateVariable | null {
  const name = rootName(node, ctx.src);
  if (!name) return null;
  const alias = ctx.aliases.get(name);
  if (alias) return alias;
  if (ctx.locals.has(name)) return null;
  return ctx.contract.stateVariables.get(name) ?? ctx.fn.contract.stateVariables.get(name) ?? null;
}

function emit(ctx: WalkContext, op: Operation extends infer O ? (O extends Operation ? Omit<O, 'loops' | 'unchecked' | 'conditional' | 'origin'> : never) : never): void {
  ctx.out.push({ ...op, loops: [...ctx.loops], unchecked: ctx.unchecked, conditional: ctx.conditional, origin: ctx.fn } as Operation);
}

/** Writes to an lvalue: index expressions are read first, then the root variable is written. */
function visitLValue(node: SyntaxNode, ctx: WalkContext, alsoRead: boolean): void {
  const n = unparen(node);
  if (n.type === 'tuple_expression') {
    for (const c of n.children) visitLValue(c, ctx, alsoRead);
    return;
  }
  // Index and member-object sub-expressions are evaluated (read), except the root itself.
  let cur = n;
  for (;;) {
    if (cur.type === 'array_access') {
      if (cur.fields.index) visit(cur.fields.index, ctx);
      if (!cur.fields.base) break;
      cur = unparen(cur.fields.base);
    } else if (cur.type === 'member_expression' && cur.fields.object) {
      cur = unparen(cur.fields.object);
    } else break;
  }
  const v = stateVariableOf(n, ctx);
  if (v) {
    if (alsoRead) emit(ctx, { kind: 'state-read', node: n, variable: v });
    emit(ctx, { kind: 'state-write', node: n, variable: v });
  }
}

function isRevertingStatement(node: SyntaxNode, src: string): boolean {
  const n = node.type === 'block_statement' && node.children.length === 1 ? node.children[0]! : node;
  if (n.type === 'revert_statement') return true;
  const t = textOf(src, n).trim();
  return /^(throw|revert\s*\(.*\))\s*;?$/s.test(t) || /^\{\s*(throw|revert\s*\(.*\))\s*;?\s*\}$/s.test(t) || /^return\b[^;]*;?$/.test(t);
}

function visit(node: SyntaxNode, ctx: WalkContext): void {
  switch (node.type) {
    case 'assignment_expression': {
      if (node.fields.right) visit(node.fields.right, ctx);
      if (node.fields.left) visitLValue(node.fields.left, ctx, false);
      return;
    }
    case 'augmented_assignment_expression': {
      if (node.fields.right) visit(node.fields.right, ctx);
      if (node.fields.left) visitLValue(node.fields.left, ctx, true);
      return;
    }
    case 'update_expression': {
      if (node.fields.argument) visitLValue(node.fields.argument, ctx, true);
      return;
    }
    case 'unary_expression': {
      if (node.tokens.operator === 'delete' && node.fields.argument) {
        visitLValue(node.fields.argument, ctx, false);
        return;
      }
      break;
    }
    case 'call_expression':
      visitCall(node, ctx);
      return;
    case 'if_statement': {
      const cond = node.fields.condition;
      if (cond) visit(cond, ctx);
      const body = node.fields.body;
      if (cond && body && isRevertingStatement(body, ctx.src)) emit(ctx, { kind: 'guard', node, condition: cond });
      const saved = ctx.conditional;
      ctx.conditional = true;
      for (const c of node.children) if (c !== cond) visit(c, ctx);
      ctx.conditional = saved;
      return;
    }
    case 'ternary_expression': {
      const [cond, ...rest] = node.children;
      if (cond) visit(cond, ctx);
      const saved = ctx.conditional;
      ctx.conditional = true;
      for (const c of rest) visit(c, ctx);
      ctx.conditional = saved;
      return;
    }
    case 'for_statement':
    case 'while_statement':
    case 'do_while_statement': {
      if (node.fields.initial) visit(node.fields.initial, ctx);
      ctx.loops.push(node);
      for (const c of node.children) if (c !== node.fields.initial) visit(c, ctx);
      ctx.loops.pop();
      return;
    }
    case 'block_statement': {
      const isUnchecked = node.children.some((c) => c.type === 'unchecked');
      const saved = ctx.unchecked;
      if (isUnchecked) ctx.unchecked = true;
      for (const c of node.children) visit(c, ctx);
      ctx.unchecked = saved;
      return;
    }
    case 'identifier':
    case 'member_expression':
    case 'array_access': {
      // A read: evaluate index sub-expressions, then record the root state variable.
      if (node.type === 'array_access' && node.fields.index) visit(node.fields.index, ctx);
      if (node.type === 'member_expression' && node.fields.object && node.fields.object.type !== 'identifier') {
        visitObjectChain(node.fields.object, ctx);
      }
      if (node.type === 'array_access' && node.fields.base && node.fields.base.type !== 'identifier') visitObjectChain(node.fields.base, ctx);
      const v = stateVariableOf(node, ctx);
      if (v) emit(ctx, { kind: 'state-read', node, variable: v });
      return;
    }
    case 'assembly_statement': {
      for (const call of findAll(node, 'yul_function_call')) {
        const builtin = call.fields.function;
        if (builtin?.type === 'yul_evm_builtin') emit(ctx, { kind: 'assembly', node: call, builtin: textOf(ctx.src, builtin) });
      }
      return;
    }
    case 'binary_expression': {
      const op = node.tokens.operator;
      const [left, right] = [node.fields.left, node.fields.right];
      if (left) visit(left, ctx);
      if (op === '&&' || op === '||') {
        const saved = ctx.conditional;
        ctx.conditional = true;
        if (right) visit(right, ctx);
        ctx.conditional = saved;
      } else if (right) visit(right, ctx);
      return;
    }
  }
  for (const c of node.children) visit(c, ctx);
}

/** Reads along `a[i].b` chains without double-counting the root. */
function visitObjectChain(node: SyntaxNode, ctx: WalkContext): void {
  const n = unparen(node);
  if (n.type === 'call_expression') return visit(n, ctx);
  if (n.type === 'array_access') {
    if (n.fields.index) visit(n.fields.index, ctx);
    if (n.fields.base) visitObjectChain(n.fields.base, ctx);
  } else if (n.type === 'member_expression' && n.fields.object) visitObjectChain(n.fields.object, ctx);
  else if (n.type !== 'identifier') visit(n, ctx);
}

function visitCall(node: SyntaxNode, ctx: WalkContext): void {
  const src = ctx.src;
  const args = callArguments(node);
  const { callee, value } = calleeShape(node, src);
  // Evaluate the callee's object (e.g. `getToken().transfer`) and the arguments first.
  if (callee.type === 'member_expression' && callee.fields.object) visitObjectChain(callee.fields.object, ctx);
  if (value) visit(value, ctx);
  for (const a of args) visit(a, ctx);

  const low = lowLevelCall(node, src);
  if (low) {
    emit(ctx, { kind: 'external-call', node, call: { ...low, result: resultUse(node, src) } });
    return;
  }
  const name = calleeName(node, src);
  if (callee.type === 'identifier' && name) {
    if (name === 'require' || name === 'assert') {
      if (args[0]) emit(ctx, { kind: 'guard', node, condition: args[0] });
      return;
    }
    if (name === 'selfdestruct' || name === 'suicide') {
      emit(ctx, { kind: 'selfdestruct', node });
      return;
    }
    const target = findInternal(ctx.contract, name, args.length) ?? findInternal(ctx.fn.contract, name, args.length);
    if (target) emit(ctx, { kind: 'internal-call', node, target });
    return;
  }
  if (callee.type === 'member_expression' && callee.fields.object && name) {
    const objectPath = memberPath(callee.fields.object, src);
    if (objectPath && objectPath.length === 1 && (objectPath[0] === 'super' || objectPath[0] === ctx.contract.name)) {
      const target = objectPath[0] === 'super' ? findSuper(ctx.contract, ctx.fn, name, args.length) : findInternal(ctx.contract, name, args.length);
      if (target) emit(ctx, { kind: 'internal-call', node, target });
      return;
    }
    const external = highLevelCall(node, callee.fields.object, name, args, value, ctx);
    if (external) emit(ctx, { kind: 'external-call', node, call: external });
  }
}

/** `super.f()`: the next definition of `f` after the calling function's contract in the linearisation. */
function findSuper(contract: ContractModel, caller: FunctionModel, name: string, arity: number): FunctionModel | null {
  const order = contract.linearized.includes(caller.contract) ? contract.linearized : caller.contract.linearized;
  const start = order.indexOf(caller.contract) + 1;
  for (const c of order.slice(start)) for (const f of c.ownFunctions) if (f.name === name && f.kind === 'function' && f.params.length === arity) return f;
  return null;
}

function findInternal(contract: ContractModel, name: string, arity: number): FunctionModel | null {
  for (const c of contract.linearized) {
    for (const f of c.ownFunctions) if (f.name === name && f.kind === 'function' && f.params.length === arity) return f;
  }
  for (const c of contract.linearized) for (const f of c.ownFunctions) if (f.name === name && f.kind === 'function') return f;
  return null;
}

/** `token.transfer(a, b)`, `IFoo(x).bar()`, `someContract.baz{value: 1}()` — but not library calls. */
function highLevelCall(
  node: SyntaxNode,
  object: SyntaxNode,
  method: string,
  args: SyntaxNode[],
  value: SyntaxNode | null,
  ctx: WalkContext,
): ExternalCall | null {
  const src = ctx.src;
  const obj = unparen(object);
  const model = ctx.contract;
  const byName = (n: string) => model.linearized.find((c) => c.name === n) ?? null;
  let contractType: string;
  if (obj.type === 'identifier') {
    const name = textOf(src, obj);
    if (name === 'this' || name === 'msg' || name === 'block' || name === 'tx' || name === 'abi') return null;
    if (model.usingLibraries.includes(name) || byName(name)?.kind === 'library') return null;
    // A contract or library name used directly: `Lib.f()` (internal library call) or `Base.f()`.
    if (/^[A-Z]/.test(name) && !ctx.locals.has(name) && !model.stateVariables.has(name)) return null;
    const type = ctx.localTypes.get(name) ?? (ctx.locals.has(name) ? undefined : model.stateVariables.get(name)?.typeText);
    if (type === undefined) return null;
    contractType = type;
  } else if (obj.type === 'call_expression') {
    // A cast: `IERC20(token).transfer(...)`.
    const castName = calleeName(obj, src);
    const castCallee = calleeShape(obj, src).callee;
    if (castName && castCallee.type === 'identifier' && /^[A-Z]/.test(castName) && callArguments(obj).length === 1) contractType = castName;
    else return null;
  } else if (obj.type === 'member_expression' || obj.type === 'array_access') {
    const root = rootName(obj, src);
    if (!root || ['msg', 'block', 'tx', 'this'].includes(root)) return null;
    // Contract-typed members of structs and arrays of contracts: accept only when the method is not
    // a library function attached with `using`.
    contractType = '?';
  } else return null;

  const t = contractType.trim();
  if (t !== '?' && NON_CONTRACT_TYPE.test(t)) return null;
  if (t !== '?' && (model.structNames.has(t) || model.enumNames.has(t))) return null;
  // `using SafeMath for uint` puts `add` on numbers; with an unknown type, trust the library names.
  if (t === '?' && model.usingLibraries.length > 0 && ['add', 'sub', 'mul', 'div', 'mod', 'push', 'pop', 'length'].includes(method)) return null;
  if (['push', 'pop', 'length', 'concat'].includes(method)) return null;
  return { kind: 'high-level', node, target: obj, value, method, args, result: resultUse(node, src) };
}

export { LOOP_TYPES };
