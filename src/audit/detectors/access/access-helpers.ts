import { findAll, textOf, unparen, type SyntaxNode } from '../../parse/syntax.js';
import { calleeName, callArguments, isMsgSender, isTxOrigin } from '../../model/expressions.js';
import { analyzeFunction, isIdentityCheck, rootName } from '../../model/operations.js';
import type { ContractModel, FunctionModel, Operation, SourceUnit, StateVariable } from '../../model/types.js';

/**
 * Shared questions of the access-control detectors: is a function restricted to some callers, which
 * state variables hold authority (owners, admins), which functions hand that authority to anyone.
 *
 * `senderGuarded` of the model covers `require(msg.sender == owner)` and modifiers built that way. The
 * shapes added here are the ones access-control bugs hinge on: `if (msg.sender == owner) _;` in a
 * modifier, a condition on a local read from a caller-keyed lookup (`uint i = ownerIndex[msg.sender];
 * if (i == 0) return;`), and a condition that calls an internal function which checks the caller
 * (Parity's `onlymanyowners` → `confirmAndCheck`).
 */

const CALLER_EXPR = (n: SyntaxNode, src: string): boolean => isMsgSender(n, src) || isTxOrigin(n, src);

/** `msg.sender`, or a cast of it: `uint(msg.sender)`, `address(msg.sender)`. */
export function isCallerExpr(node: SyntaxNode, src: string): boolean {
  const n = unparen(node);
  if (CALLER_EXPR(n, src)) return true;
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

function mentionsCaller(node: SyntaxNode, src: string): boolean {
  for (const m of findAll(node, 'member_expression')) if (CALLER_EXPR(m, src)) return true;
  return false;
}

/** Locals of `fn` whose declared value mentions the caller: `uint idx = m_ownerIndex[uint(msg.sender)]`. */
function callerDerivedLocals(fn: FunctionModel): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  const src = fn.contract.unit.text;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    const value = stmt.fields.value;
    if (decl?.fields.name && value && mentionsCaller(value, src)) out.add(textOf(src, decl.fields.name));
  }
  return out;
}

const derivedCache = new WeakMap<FunctionModel, Set<string>>();
function derivedOf(fn: FunctionModel): Set<string> {
  let s = derivedCache.get(fn);
  if (!s) derivedCache.set(fn, (s = callerDerivedLocals(fn)));
  return s;
}

/**
 * A condition that restricts who may proceed: the model's identity checks, a comparison of a lookup
 * keyed by the caller (`owners[msg.sender] != 0`), a local read from such a lookup, or a call to an
 * internal function that itself checks the caller.
 */
export function isCallerCheck(condition: SyntaxNode, origin: FunctionModel, contract: ContractModel, depth = 0): boolean {
  const src = origin.contract.unit.text;
  const c = unparen(condition);
  if (c.type === 'unary_expression' && c.tokens.operator === '!' && c.fields.argument) return isCallerCheck(c.fields.argument, origin, contract, depth);
  if (c.type === 'binary_expression') {
    const op = c.tokens.operator;
    const [l, r] = [c.fields.left, c.fields.right];
    if (!l || !r) return false;
    if (op === '&&' || op === '||') return isCallerCheck(l, origin, contract, depth) || isCallerCheck(r, origin, contract, depth);
    // Equality only: `balances[msg.sender] >= amount` bounds an amount, it does not pick callers.
    if (op === '==' || op === '!=') {
      // The grammar parses `a == b || c == d` as `(a == b || c) == d`: re-associate.
      const ul = unparen(l);
      if (ul === l && ul.type === 'binary_expression' && (ul.tokens.operator === '||' || ul.tokens.operator === '&&') && ul.fields.left && ul.fields.right) {
        if (isCallerCheck(ul.fields.left, origin, contract, depth)) return true;
        return isCallerKeyed(ul.fields.right, origin) || isCallerKeyed(r, origin);
      }
      if (isCallerKeyed(l, origin) || isCallerKeyed(r, origin)) return true;
      // `isOwner(msg.sender) == true`
      return [l, r].some((side) => unparen(side).type === 'call_expression' && isCallerCheck(side, origin, contract, depth));
    }
    return false;
  }
  if (isCallerKeyed(c, origin)) return true;
  if (c.type === 'call_expression') {
    if (isIdentityCheck(c, src)) return true;
    if (depth >= 2) return false;
    const name = calleeName(c, src);
    const target = name ? contract.functions.find((f) => f.name === name && f.kind === 'function' && f.body) : undefined;
    return Boolean(target && functionChecksCaller(target, contract, depth + 1));
  }
  return false;
}

/** `msg.sender`, `uint(msg.sender)`, `admins[msg.sender]`, `members[msg.sender].active`, or a local read from one. */
function isCallerKeyed(node: SyntaxNode, origin: FunctionModel): boolean {
  const src = origin.contract.unit.text;
  const n = unparen(node);
  if (isCallerExpr(n, src)) return true;
  if (n.type === 'array_access' || n.type === 'member_expression') {
    for (const a of findAll(n, 'array_access')) if (a.fields.index && isCallerExpr(a.fields.index, src)) return true;
  }
  if (n.type === 'identifier') return derivedOf(origin).has(textOf(src, n));
  return false;
}

/** The function (with what it calls) refuses or skips its work for some callers. */
function functionChecksCaller(fn: FunctionModel, contract: ContractModel, depth: number): boolean {
  const analysis = analyzeFunction(fn, contract);
  if (analysis.senderGuarded) return true;
  for (const op of analysis.flattened) if (op.kind === 'guard' && isCallerCheck(op.condition, op.origin, contract, depth)) return true;
  // `return ownerIndex[msg.sender] > 0;` style predicates.
  if (fn.body) {
    const src = fn.contract.unit.text;
    for (const ret of findAll(fn.body, 'return_statement')) if (mentionsCaller(ret, src)) return true;
  }
  return false;
}

function placeholderInside(node: SyntaxNode, src: string): boolean {
  return findAll(node, 'identifier').some((id) => textOf(src, id) === '_');
}

const protectedCache = new WeakMap<ContractModel, Map<FunctionModel, boolean>>();

/** True when some check on the caller's identity stands between an outside caller and the body. */
export function isProtected(fn: FunctionModel, contract: ContractModel = fn.contract): boolean {
  let perContract = protectedCache.get(contract);
  if (!perContract) protectedCache.set(contract, (perContract = new Map()));
  const cached = perContract.get(fn);
  if (cached !== undefined) return cached;
  const result = computeProtected(fn, contract);
  perContract.set(fn, result);
  return result;
}

function computeProtected(fn: FunctionModel, contract: ContractModel): boolean {
  const analysis = analyzeFunction(fn, contract);
  if (analysis.senderGuarded) return true;
  for (const op of analysis.flattened) {
    if (op.kind === 'guard' && isCallerCheck(op.condition, op.origin, contract)) return true;
  }
  // `modifier onlyowner { if (msg.sender == owner) _; }`
  for (const use of fn.modifiers) {
    const def = use.definition ?? contract.modifiers.get(use.name) ?? null;
    if (!def?.body) continue;
    const src = def.contract.unit.text;
    for (const ifs of findAll(def.body, 'if_statement')) {
      const cond = ifs.fields.condition;
      if (cond && placeholderInside(ifs, src) && !placeholderInside(cond, src) && isCallerCheck(cond, def, contract)) return true;
    }
  }
  // `if (msg.sender == owner) { ... }` or `if (isOwner(msg.sender)) { ... }` around the effects.
  if (fn.body) {
    for (const ifs of findAll(fn.body, 'if_statement')) {
      const cond = ifs.fields.condition;
      if (cond && isCallerCheck(cond, fn, contract) && coversEffects(ifs, analysis.flattened, fn)) return true;
    }
  }
  return false;
}

function coversEffects(ifs: SyntaxNode, ops: Operation[], fn: FunctionModel): boolean {
  for (const op of ops) {
    if (op.origin !== fn) continue;
    if (op.kind === 'state-write' || op.kind === 'external-call' || op.kind === 'selfdestruct') {
      if (op.node.startIndex < ifs.startIndex || op.node.endIndex > ifs.endIndex) return false;
    }
  }
  return true;
}

/** The contract declares (or inherits) a constructor, new or old style. */
export function hasConstructor(contract: ContractModel): boolean {
  return contract.linearized.some((c) => c.ownFunctions.some((f) => f.kind === 'constructor'));
}

const AUTHORITY_NAME = /(^|_)(owner|owners|admin|admins|administrator|creator|root|ceo|cfo|coo|governor|governance|controller|operator|operators|manager|managers|authority|authorities|authorized|master|superuser|guardian|minter|minters|signer|signers|dev|developer|beneficiary)$/i;
const AUTHORITY_PREFIX = /^(m_|_|s_)?(owner|admin|creator|ceo|governor|controller|operator|manager|master|guardian)/i;

function addressLike(v: StateVariable): boolean {
  const t = v.typeText.replace(/\s+/g, ' ');
  if (/count|balance|token|amount|approv|allowance/i.test(v.name)) return false;
  // An address, a list of addresses, or a one-level map from addresses to a yes/no or an address.
  return /^address\b/.test(t) || /^mapping ?\( ?address ?=> ?(bool|address)\b/.test(t);
}

/**
 * State variables that decide who may act: those compared with (or indexed by) the caller in some
 * check of the contract, and address-typed variables named like an owner or admin.
 */
export function authorityVariables(contract: ContractModel): Set<StateVariable> {
  const cached = authorityCache.get(contract);
  if (cached) return cached;
  const out = new Set<StateVariable>();
  for (const v of contract.stateVariables.values()) {
    if (v.isConstant || v.isImmutable) continue;
    if (addressLike(v) && (AUTHORITY_NAME.test(v.name) || AUTHORITY_PREFIX.test(v.name))) out.add(v);
  }
  const seen = new Set<FunctionModel>();
  for (const c of contract.linearized) {
    for (const fn of c.ownFunctions) {
      if (!fn.body || seen.has(fn)) continue;
      seen.add(fn);
      const src = fn.contract.unit.text;
      const conditions: SyntaxNode[] = [];
      for (const op of analyzeFunction(fn, contract).operations) if (op.kind === 'guard' && op.origin === fn) conditions.push(op.condition);
      for (const ifs of findAll(fn.body, 'if_statement')) if (ifs.fields.condition) conditions.push(ifs.fields.condition);
      const derivedDecls = new Map<string, SyntaxNode>();
      for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
        const decl = stmt.children.find((x) => x.type === 'variable_declaration');
        if (decl?.fields.name && stmt.fields.value && mentionsCaller(stmt.fields.value, src)) derivedDecls.set(textOf(src, decl.fields.name), stmt.fields.value);
      }
      for (const whole of conditions) {
        for (const cond of callerCheckParts(whole, fn, contract)) {
        const scan: SyntaxNode[] = [cond];
        for (const id of findAll(cond, 'identifier')) {
          const d = derivedDecls.get(textOf(src, id));
          if (d) scan.push(d);
        }
        for (const s of scan) {
          for (const id of findAll(s, 'identifier')) {
            if (id.parent?.type === 'member_expression' && id.parent.fields.property === id) continue;
            const name = textOf(src, id);
            if (analyzeFunction(fn, contract).locals.has(name)) continue;
            const v = contract.stateVariables.get(name);
            if (v && !v.isConstant && !v.isImmutable && decidesAuthority(v, id, src)) out.add(v);
          }
        }
        }
      }
    }
  }
  authorityCache.set(contract, out);
  return out;
}
const authorityCache = new WeakMap<ContractModel, Set<StateVariable>>();

/**
 * A variable met in a caller check holds contract-wide authority when it is a plain value
 * (`owner`, `m_numOwners`) or a membership map keyed by the caller whose values say yes/no or who
 * (`admins[msg.sender]`, `owners[msg.sender] != 0`). Per-item ownership (`tokenOwner[id] == msg.sender`)
 * and amounts (`allowed[msg.sender][s] == 0`) are not contract authority.
 */
function decidesAuthority(v: StateVariable, use: SyntaxNode, src: string): boolean {
  if (!v.isMapping && !v.isArray) return true;
  const access = use.parent;
  if (access?.type !== 'array_access' || access.fields.base !== use || !access.fields.index || !isCallerExpr(access.fields.index, src)) return false;
  if (access.parent?.type === 'array_access') return false; // nested map: allowances
  const valueType = v.typeText.replace(/\s+/g, ' ').split('=>').pop() ?? '';
  if (/^\s*(bool|address)\b/.test(valueType)) return true;
  return AUTHORITY_PREFIX.test(v.name) && !/count|balance|token|amount/i.test(v.name);
}

/** The caller-checking leaves of a condition: `msg.sender == owner && now > t` → `msg.sender == owner`. */
function callerCheckParts(condition: SyntaxNode, fn: FunctionModel, contract: ContractModel): SyntaxNode[] {
  let c = unparen(condition);
  while (c.type === 'unary_expression' && c.tokens.operator === '!' && c.fields.argument) c = unparen(c.fields.argument);
  if (c.type === 'binary_expression' && (c.tokens.operator === '&&' || c.tokens.operator === '||') && c.fields.left && c.fields.right) {
    return [...callerCheckParts(c.fields.left, fn, contract), ...callerCheckParts(c.fields.right, fn, contract)];
  }
  return isCallerCheck(c, fn, contract, 2) ? [c] : [];
}

/** Levenshtein distance, for constructor-name typos. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}

/**
 * An old-style (pre-0.5) function that was meant to be the constructor: the contract has none, and the
 * function's name is the contract's name with different case or a small typo, or is `Constructor`.
 */
export function isMisnamedConstructor(fn: FunctionModel, contract: ContractModel): boolean {
  if (fn.kind !== 'function' || contract.kind !== 'contract' || fn.contract !== contract) return false;
  const minor = contract.unit.solidityMinor;
  if (minor !== null && minor >= 5) return false;
  if (hasConstructor(contract)) return false;
  const name = fn.name.toLowerCase();
  const cname = contract.name.toLowerCase();
  if (name === 'constructor') return true;
  if (name === cname) return true; // case differs (same case would be the constructor)
  return cname.length >= 6 && editDistance(name, cname) <= 2 && name[0] === cname[0];
}

/** Source text convenience. */
export function text(unit: SourceUnit, node: SyntaxNode): string {
  return textOf(unit.text, node);
}

/** A node covering the function header through `stmt`, for one-statement functions such as `kill`. */
export function headerToStatement(fn: FunctionModel, stmt: SyntaxNode): SyntaxNode {
  return { ...fn.node, endIndex: stmt.endIndex, endLine: stmt.endLine, endColumn: stmt.endColumn, fields: {}, children: [] };
}

/** The statement that holds `node` (the nearest ancestor ending in a statement type). */
export function statementOf(node: SyntaxNode): SyntaxNode {
  for (let n: SyntaxNode | null = node; n; n = n.parent) {
    if (/_statement$/.test(n.type) && n.type !== 'block_statement') return n;
  }
  return node;
}

/** The first statement of the function body, when the body is a block. */
export function firstStatement(fn: FunctionModel): SyntaxNode | null {
  return fn.body?.children[0] ?? null;
}

export { rootName, mentionsCaller };
