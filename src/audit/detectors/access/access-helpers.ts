import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { isCallerCheck, isCallerExpr, mentionsCaller } from '../../../solidity/model/access.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import type { ContractModel, FunctionModel, SourceUnit, StateVariable } from '../../../solidity/model/types.js';

/**
 * Shared questions of the access-control detectors: which state variables hold authority (owners,
 * admins), and constructor mistakes. Whether a function is restricted to some callers is the model's
 * `senderGuarded` (src/audit/model/access.ts).
 */

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

