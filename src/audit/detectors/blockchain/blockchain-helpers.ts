import { findAll, textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { blockValueOf, calleeName, calleeShape, callArguments, type BlockValue } from '../../../solidity/model/expressions.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import type { AnalysisContext, ContractModel, FunctionModel, StateVariable } from '../../../solidity/model/types.js';

/**
 * Where block values (timestamp, number, hashes, difficulty, coinbase, gas limit) flow, and where the
 * flow ends as a random number. Shared by the weak-randomness and timestamp-dependence detectors.
 *
 * The flow is a small taint analysis: locals in statement order (two passes, for loops), state
 * variables across the contract (their initialisers and every write), and internal functions whose
 * return value is derived from block values. A value that passed through a hash or `blockhash` is
 * marked "random". Sinks are where such a value is used as entropy: a hash whose result is reduced,
 * truncated or compared; a `%` that picks an outcome; a `blockhash` read; a function named like a
 * random-number generator that returns a block-derived value.
 */

export interface Taint {
  kinds: Set<BlockValue>;
  /** The block-value reads the value is derived from (expression nodes, possibly in other functions). */
  origins: Set<SyntaxNode>;
  /** The value passed through a hash or `blockhash`: it is meant as a random number. */
  random: boolean;
}

export interface EntropySink {
  node: SyntaxNode;
  contract: ContractModel;
  fn: FunctionModel | null;
  kinds: Set<BlockValue>;
  origins: Set<SyntaxNode>;
  /** Declarations (same function) of the locals hashed together with the block values: the seed parts. */
  inputs: SyntaxNode[];
  what: 'blockhash' | 'hash' | 'modulo' | 'generator';
}

const HASHES = new Set(['keccak256', 'sha3', 'sha256', 'ripemd160']);
/** Names that say a value or a function is a random draw. */
export const RANDOM_NAME = /rand|seed|entropy|lott|winn|lucky|dice|shuffle|answer|guess/i;
/** Function names of random-number generators: `random`, `_rand`, `getRandom`, `generateSeed`. */
export const GENERATOR_NAME = /^_?(get|gen|generate|make|new|draw|compute|calc|create)?_?(rand|random|seed|entropy)/i;
const NARROW_INT = /^(u?int(8|16|24|32|40|48|56|64|72|80|88|96|104|112|120|128)|bytes(1|2|3|4|5|6|7|8|16)|byte)$/;

const empty = (): Taint => ({ kinds: new Set(), origins: new Set(), random: false });
const isEmpty = (t: Taint) => t.kinds.size === 0;
function merge(into: Taint, from: Taint | undefined): boolean {
  if (!from || isEmpty(from)) return false;
  let changed = false;
  for (const k of from.kinds) {
    if (into.kinds.has(k)) continue;
    into.kinds.add(k);
    changed = true;
  }
  for (const o of from.origins) {
    if (into.origins.has(o)) continue;
    into.origins.add(o);
    changed = true;
  }
  if (from.random && !into.random) {
    into.random = true;
    changed = true;
  }
  return changed;
}

interface ContractFlow {
  contract: ContractModel;
  src: string;
  state: Map<string, Taint>;
  returns: Map<FunctionModel, Taint>;
  locals: Map<FunctionModel, Map<string, Taint>>;
}

function localNames(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  for (const p of [...fn.params, ...fn.returns]) if (p.name) out.add(p.name);
  if (fn.body) for (const d of findAll(fn.body, 'variable_declaration')) if (d.fields.name) out.add(textOf(src, d.fields.name));
  return out;
}

/** The taint of an expression in a function's environment. */
function exprTaint(node: SyntaxNode, flow: ContractFlow, env: Map<string, Taint> | null, locals: Set<string>): Taint {
  const t = empty();
  const src = flow.src;
  walk(node, (n) => {
    if (n.type === 'call_expression') {
      const kind = blockValueOf(n, src);
      if (kind) {
        t.kinds.add(kind);
        t.origins.add(n);
        t.random = true;
        for (const a of callArguments(n)) merge(t, exprTaint(a, flow, env, locals));
        return false;
      }
      const name = calleeName(n, src);
      if (name && HASHES.has(name)) {
        const inner = empty();
        for (const a of callArguments(n)) merge(inner, exprTaint(a, flow, env, locals));
        if (!isEmpty(inner)) inner.random = true;
        merge(t, inner);
        return false;
      }
      const callee = calleeShape(n, src).callee;
      if (name && (callee.type === 'identifier' || (callee.type === 'member_expression' && callee.fields.object?.type === 'identifier'))) {
        for (const [f, rt] of flow.returns) if (f.name === name) merge(t, rt);
      }
      return;
    }
    const kind = n.type === 'identifier' || n.type === 'member_expression' ? blockValueOf(n, src) : null;
    if (kind) {
      t.kinds.add(kind);
      t.origins.add(n);
      return false;
    }
    if (n.type === 'identifier') {
      const p = n.parent;
      if (p?.type === 'member_expression' && p.fields.property === n) return;
      const name = textOf(src, n);
      if (locals.has(name)) merge(t, env?.get(name));
      else {
        // State taint is kept per field: `bets[i].blockNum` is not `bets[i].amount`.
        merge(t, flow.state.get(name));
        let cur: SyntaxNode = n;
        for (let q = cur.parent; q; cur = q, q = q.parent) {
          if (q.type === 'array_access' && q.fields.base === cur) continue;
          if (q.type === 'member_expression' && q.fields.object === cur && q.fields.property) merge(t, flow.state.get(`${name}.${textOf(src, q.fields.property)}`));
          break;
        }
      }
    }
  });
  return t;
}

/** Assignments in source order: [target node, value node, declared name or null]. */
function assignmentsOf(body: SyntaxNode, src: string): Array<{ target: SyntaxNode | null; name: SyntaxNode | null; value: SyntaxNode }> {
  const out: Array<{ target: SyntaxNode | null; name: SyntaxNode | null; value: SyntaxNode }> = [];
  walk(body, (n) => {
    if (n.type === 'variable_declaration_statement' && n.fields.value) {
      const decl = n.children.find((c) => c.type === 'variable_declaration');
      if (decl?.fields.name) out.push({ target: null, name: decl.fields.name, value: n.fields.value });
    } else if ((n.type === 'assignment_expression' || n.type === 'augmented_assignment_expression') && n.fields.left && n.fields.right) {
      out.push({ target: n.fields.left, name: null, value: n.fields.right });
    } else if (n.type === 'call_expression') {
      // `records.push(x)` stores x in `records`.
      const fn = n.fields.function ? unparen(n.fields.function) : null;
      const args = callArguments(n);
      if (fn?.type === 'member_expression' && fn.fields.object && fn.fields.property && args[0] && textOf(src, fn.fields.property) === 'push') {
        out.push({ target: fn.fields.object, name: null, value: args[0] });
      }
    }
  });
  return out;
}

/** `a[i].f.g` → 'f' (the member right after the root and its indexes), or null. */
function firstField(target: SyntaxNode, src: string): string | null {
  let n = unparen(target);
  let field: string | null = null;
  for (;;) {
    if (n.type === 'member_expression' && n.fields.object && n.fields.property) {
      field = textOf(src, n.fields.property);
      n = unparen(n.fields.object);
    } else if (n.type === 'array_access' && n.fields.base) n = unparen(n.fields.base);
    else return field;
  }
}

function isStructValue(value: SyntaxNode, contract: ContractModel, src: string): boolean {
  const v = unparen(value);
  if (v.type === 'struct_expression') return true;
  if (v.type !== 'call_expression') return false;
  const name = calleeName(v, src);
  return !!name && contract.linearized.some((c) => c.structNames.has(name));
}

function functionsOf(contract: ContractModel): FunctionModel[] {
  const out = [...contract.functions];
  for (const m of contract.modifiers.values()) if (!out.includes(m)) out.push(m);
  for (const f of contract.ownFunctions) if (!out.includes(f)) out.push(f);
  return out;
}

function computeFlow(contract: ContractModel): ContractFlow {
  const src = contract.unit.text;
  const flow: ContractFlow = { contract, src, state: new Map(), returns: new Map(), locals: new Map() };
  const fns = functionsOf(contract).filter((f) => f.body);
  const localsOf = new Map(fns.map((f) => [f, localNames(f, f.contract.unit.text)] as const));
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const v of contract.stateVariables.values()) {
      if (!v.initialValue || v.contract.unit !== contract.unit) continue;
      const t = exprTaint(v.initialValue, flow, null, new Set());
      if (isEmpty(t)) continue;
      const cur = flow.state.get(v.name) ?? empty();
      if (merge(cur, t)) changed = true;
      flow.state.set(v.name, cur);
    }
    for (const fn of fns) {
      if (fn.contract.unit !== contract.unit) continue;
      const locals = localsOf.get(fn)!;
      const env = flow.locals.get(fn) ?? new Map<string, Taint>();
      flow.locals.set(fn, env);
      const assigns = assignmentsOf(fn.body!, src);
      for (let pass = 0; pass < 2; pass++) {
        for (const a of assigns) {
          const t = exprTaint(a.value, flow, env, locals);
          if (isEmpty(t)) continue;
          const name = a.name ? textOf(src, a.name) : a.target ? rootName(a.target, src) : null;
          if (!name) continue;
          const table = locals.has(name) ? env : contract.stateVariables.has(name) ? flow.state : null;
          if (!table) continue;
          let key = name;
          if (table === flow.state && a.target) {
            // A whole struct stored at once (`records.push(Rec(msg.value, now))`) does not make every
            // field block-derived; a field write (`g.block = block.number`) taints that field.
            if (isStructValue(a.value, contract, src)) continue;
            const field = firstField(a.target, src);
            if (field) key = `${name}.${field}`;
          }
          const cur = table.get(key) ?? empty();
          if (merge(cur, t) && table === flow.state) changed = true;
          table.set(key, cur);
        }
      }
      // Return value: `return e;` statements and named returns.
      const rt = flow.returns.get(fn) ?? empty();
      for (const r of findAll(fn.body!, 'return_statement')) {
        const e = r.children[0];
        if (e && merge(rt, exprTaint(e, flow, env, locals))) changed = true;
      }
      for (const p of fn.returns) if (p.name && merge(rt, env.get(p.name))) changed = true;
      // What a random-number generator returns is meant as a random number.
      if (!isEmpty(rt) && GENERATOR_NAME.test(fn.name)) rt.random = true;
      if (!isEmpty(rt)) flow.returns.set(fn, rt);
      // Internal calls pass taint to the callee's parameters.
      for (const call of findAll(fn.body!, 'call_expression')) {
        const cname = calleeName(call, src);
        const callee = cname ? fns.find((f) => f.name === cname && f !== fn && f.params.length === callArguments(call).length && (f.visibility === 'internal' || f.visibility === 'private')) : undefined;
        if (!callee) continue;
        const args = callArguments(call);
        const calleeEnv = flow.locals.get(callee) ?? new Map<string, Taint>();
        flow.locals.set(callee, calleeEnv);
        callee.params.forEach((p, i) => {
          const at = args[i];
          if (!p.name || !at) return;
          const t = exprTaint(at, flow, env, locals);
          if (isEmpty(t)) return;
          const cur = calleeEnv.get(p.name) ?? empty();
          if (merge(cur, t)) changed = true;
          calleeEnv.set(p.name, cur);
        });
      }
    }
    if (!changed) break;
  }
  return flow;
}

/** Climbs through parentheses, casts and unary operators; notes a cast to a narrow type. */
function climb(node: SyntaxNode, src: string): { top: SyntaxNode; narrowed: boolean } {
  let n = node;
  let narrowed = false;
  for (let p = n.parent; p; n = p, p = p.parent) {
    if (p.type === 'parenthesized_expression' || p.type === 'call_argument' || p.type === 'unary_expression') continue;
    if (p.type === 'type_cast_expression') {
      const t = p.children.find((c) => c.type === 'primitive_type' || c.type === 'type_name');
      if (t && NARROW_INT.test(textOf(src, t).trim())) narrowed = true;
      continue;
    }
    break;
  }
  return { top: n, narrowed };
}

/** The name a value is stored into, when `top` is the right side of a declaration or assignment. */
function storedInto(top: SyntaxNode, src: string): string | null {
  const p = top.parent;
  if (!p) return null;
  if (p.type === 'variable_declaration_statement' && p.fields.value === top) {
    const decl = p.children.find((c) => c.type === 'variable_declaration');
    return decl?.fields.name ? textOf(src, decl.fields.name) : null;
  }
  if (p.type === 'assignment_expression' && p.fields.right === top && p.fields.left) return rootName(p.fields.left, src);
  return null;
}

type UseTest = (top: SyntaxNode, narrowed: boolean) => boolean;

/**
 * True when the value at `node` is used as a random outcome: directly by `test`, or after being
 * stored in a local or state variable whose uses pass `test` (one step), or stored under a name
 * that says it is random.
 */
function usedAsRandom(node: SyntaxNode, fn: FunctionModel | null, contract: ContractModel, src: string, test: UseTest): boolean {
  const { top, narrowed } = climb(node, src);
  if (test(top, narrowed)) return true;
  const name = storedInto(top, src);
  if (!name) return false;
  if (RANDOM_NAME.test(name)) return true;
  const scopes: SyntaxNode[] = [];
  if (fn?.body && localNames(fn, src).has(name)) scopes.push(fn.body);
  else for (const f of functionsOf(contract)) if (f.body && f.contract.unit === contract.unit) scopes.push(f.body);
  for (const scope of scopes) {
    for (const id of findAll(scope, 'identifier')) {
      if (textOf(src, id) !== name || id.startIndex === top.parent?.startIndex) continue;
      if (id.parent?.type === 'member_expression' && id.parent.fields.property === id) continue;
      const use = climb(id, src);
      if (use.top.parent && (use.top.parent.type === 'assignment_expression' && use.top.parent.fields.left === use.top)) continue;
      if (test(use.top, use.narrowed)) return true;
    }
  }
  return false;
}

const isCompare = (op: string | undefined) => op === '==' || op === '!=';

/** A hash's result is a random draw when it is reduced with `%`, truncated, or compared for equality. */
const hashUse: UseTest = (top, narrowed) => {
  if (narrowed) return true;
  const p = top.parent;
  if (p?.type === 'binary_expression' && (p.tokens.operator === '%' || isCompare(p.tokens.operator))) return true;
  return false;
};

/** A `%` result picks an outcome when it is compared for equality or used as an index. */
const moduloUse: UseTest = (top, narrowed) => {
  const p = top.parent;
  if (narrowed && p?.type !== 'binary_expression') return false;
  if (p?.type === 'binary_expression' && isCompare(p.tokens.operator)) return true;
  if (p?.type === 'array_access' && p.fields.index === top) return true;
  return false;
};

function enclosingFunction(contract: ContractModel, node: SyntaxNode): FunctionModel | null {
  for (const f of functionsOf(contract)) if (f.body && f.contract.unit === contract.unit && f.node.startIndex <= node.startIndex && node.endIndex <= f.node.endIndex) return f;
  return null;
}

/** A `blockhash(n)` of a block number committed earlier, read only within the 256-block window. */
function isCommittedWindowRead(call: SyntaxNode, argTaint: Taint, fn: FunctionModel | null, src: string): boolean {
  if (!fn?.body) return false;
  for (const o of argTaint.origins) if (o.startIndex >= fn.node.startIndex && o.endIndex <= fn.node.endIndex) return false;
  // An ordering comparison with 256 in it, before the read: `require(block.number < committed + 256)`.
  return findAll(fn.body, 'binary_expression').some(
    (b) => b.startIndex < call.startIndex && ['<', '<=', '>', '>='].includes(b.tokens.operator ?? '') && findAll(b, 'number_literal').some((n) => textOf(src, n) === '256'),
  );
}

function sinksOf(flow: ContractFlow): EntropySink[] {
  const { contract, src } = flow;
  const out: EntropySink[] = [];
  const roots: Array<{ fn: FunctionModel | null; node: SyntaxNode }> = [];
  for (const f of contract.ownFunctions) if (f.body) roots.push({ fn: f, node: f.body });
  for (const v of contract.ownStateVariables) if (v.initialValue) roots.push({ fn: null, node: v.initialValue });
  for (const { fn, node } of roots) {
    const locals = fn ? localNames(fn, src) : new Set<string>();
    const env = fn ? (flow.locals.get(fn) ?? null) : null;
    walk(node, (n) => {
      if (n.type === 'call_expression') {
        const kind = blockValueOf(n, src);
        const name = calleeName(n, src);
        if (kind === 'blockhash') {
          const argTaint = empty();
          for (const a of callArguments(n)) merge(argTaint, exprTaint(a, flow, env, locals));
          if (!isCommittedWindowRead(n, argTaint, fn, src)) {
            out.push({ node: n, contract, fn, kinds: new Set(['blockhash', ...argTaint.kinds]), origins: argTaint.origins, inputs: [], what: 'blockhash' });
          }
        } else if (name && HASHES.has(name)) {
          const t = empty();
          for (const a of callArguments(n)) merge(t, exprTaint(a, flow, env, locals));
          if (!isEmpty(t) && (usedAsRandom(n, fn, contract, src, hashUse) || GENERATOR_NAME.test(fn?.name ?? ''))) {
            out.push({ node: n, contract, fn, kinds: t.kinds, origins: t.origins, inputs: seedInputs(n, fn, locals, src), what: 'hash' });
          }
        }
      } else if (n.type === 'binary_expression' && n.tokens.operator === '%' && n.fields.left) {
        const t = exprTaint(n.fields.left, flow, env, locals);
        if (!isEmpty(t)) {
          const left = unparen(n.fields.left);
          // A raw block value must be read in the operand itself: `block.number % 2`, `uint(block.coinbase) % n`.
          const direct = (left.type !== 'binary_expression' || !['-', '+'].includes(left.tokens.operator ?? '')) && [...t.origins].some((o) => o.startIndex >= left.startIndex && o.endIndex <= left.endIndex);
          if (t.random || (direct && (usedAsRandom(n, fn, contract, src, moduloUse) || GENERATOR_NAME.test(fn?.name ?? '')))) {
            out.push({ node: n, contract, fn, kinds: t.kinds, origins: t.origins, inputs: [], what: 'modulo' });
          }
        }
      } else if (n.type === 'return_statement' && fn && GENERATOR_NAME.test(fn.name) && n.children[0]) {
        const t = exprTaint(n.children[0], flow, env, locals);
        if (!isEmpty(t)) out.push({ node: n, contract, fn, kinds: t.kinds, origins: t.origins, inputs: [], what: 'generator' });
      }
    });
  }
  return out;
}

/** Declarations in `fn` of the locals hashed by `call` (the seed's parts), when not set from parameters. */
function seedInputs(call: SyntaxNode, fn: FunctionModel | null, locals: Set<string>, src: string): SyntaxNode[] {
  if (!fn?.body) return [];
  const params = new Set(fn.params.map((p) => p.name).filter(Boolean) as string[]);
  const names = new Set<string>();
  for (const a of callArguments(call)) {
    const arg = unparen(a);
    const ids = arg.type === 'identifier' ? [arg] : arg.type === 'call_expression' ? callArguments(arg).map(unparen).filter((x) => x.type === 'identifier') : [];
    for (const id of ids) {
      const name = textOf(src, id);
      if (locals.has(name) && !params.has(name)) names.add(name);
    }
  }
  const out: SyntaxNode[] = [];
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (!decl?.fields.name || !names.has(textOf(src, decl.fields.name)) || stmt.startIndex > call.startIndex) continue;
    const value = stmt.fields.value;
    if (value && findAll(value, 'identifier').some((i) => params.has(textOf(src, i)))) continue;
    out.push(stmt);
  }
  return out;
}

export interface BlockchainFacts {
  flows: Map<ContractModel, ContractFlow>;
  sinks: EntropySink[];
}

const cache = new WeakMap<AnalysisContext, BlockchainFacts>();

/** Flows and entropy sinks of every contract in the file (computed once per analysis). */
export function blockchainFacts(ctx: AnalysisContext): BlockchainFacts {
  const hit = cache.get(ctx);
  if (hit) return hit;
  const flows = new Map<ContractModel, ContractFlow>();
  const sinks: EntropySink[] = [];
  for (const contract of ctx.contracts) {
    if (contract.kind === 'interface') continue;
    const flow = computeFlow(contract);
    flows.set(contract, flow);
    sinks.push(...sinksOf(flow));
  }
  const facts = { flows, sinks };
  cache.set(ctx, facts);
  return facts;
}

/** The taint of an expression inside `fn` of `contract` (after the contract's flow is computed). */
export function taintOf(facts: BlockchainFacts, contract: ContractModel, fn: FunctionModel | null, node: SyntaxNode): Taint {
  const flow = facts.flows.get(contract);
  if (!flow) return empty();
  const locals = fn ? localNames(fn, flow.src) : new Set<string>();
  return exprTaint(node, flow, fn ? (flow.locals.get(fn) ?? null) : null, locals);
}

/** The state variable a block value is stored into at an assignment, if any. */
export function stateTaint(facts: BlockchainFacts, contract: ContractModel, name: string): Taint | undefined {
  return facts.flows.get(contract)?.state.get(name);
}

/** True when the only block values are timestamps. */
export const timestampOnly = (kinds: Set<BlockValue>): boolean => kinds.size > 0 && [...kinds].every((k) => k === 'timestamp');

export { enclosingFunction, empty as emptyTaint };
export type { StateVariable };

/** Ether-sending calls (send, transfer, call with value) among a function's operations, callees inlined. */
export function etherTransfers(fn: FunctionModel, contract: ContractModel): Array<{ node: SyntaxNode; value: SyntaxNode | null; target: SyntaxNode; origin: FunctionModel }> {
  // Lazy import avoided: operations.ts is already a dependency through rootName.
  const out: Array<{ node: SyntaxNode; value: SyntaxNode | null; target: SyntaxNode; origin: FunctionModel }> = [];
  for (const op of analyzeFunction(fn, contract).flattened) {
    if (op.kind !== 'external-call') continue;
    const c = op.call;
    if (c.kind === 'send' || c.kind === 'transfer' || (c.value !== null && c.kind !== 'delegatecall')) out.push({ node: c.node, value: c.value, target: c.target, origin: op.origin });
  }
  return out;
}

/** Hash calls (keccak256, sha3, sha256, ripemd160) inside a node. */
export function hashCalls(node: SyntaxNode, src: string): SyntaxNode[] {
  return findAll(node, 'call_expression').filter((c) => HASHES.has(calleeName(c, src) ?? ''));
}
