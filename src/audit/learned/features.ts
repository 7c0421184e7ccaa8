import { findAll, textOf, walk, type SyntaxNode } from '../../solidity/parse/syntax.js';
import { mentionsAny } from '../../solidity/dataflow.js';
import { analyzeFunction } from '../../solidity/model/operations.js';
import { blockValueOf, isMsgSender, isTxOrigin } from '../../solidity/model/expressions.js';
import type { ContractModel, FunctionAnalysis, FunctionModel, Operation } from '../../solidity/model/types.js';

/**
 * Features of one function (or modifier) for the learned audit model, read from the analysis model the
 * rules use: operations in evaluation order (modifier code and inlined callees included), taint from
 * caller-controlled parameters, guards, loops, arithmetic and whether it wraps (unchecked or pre-0.8),
 * block values, tx.origin, low-level calls and what happens to their result, and contract context
 * (who else writes what this function pays from). They describe semantics, not spelling: no identifier
 * names, so that a renamed bug scores the same.
 *
 * Each feature also keeps the first statement that set it, so a finding can name what drove its score.
 */

export const FEATURE_NAMES = [
  'entry-point',
  'payable',
  'view-or-pure',
  'is-modifier',
  'has-modifiers',
  'params',
  'address-param',
  'uint-param',
  'sender-guarded',
  'guards',
  'guard-mentions-sender',
  'guard-mentions-origin',
  'tx-origin-used',
  'tx-origin-in-guard',
  'tx-origin-compared-to-state',
  'ext-calls',
  'call-low-level',
  'call-send',
  'call-transfer',
  'call-high-level',
  'delegatecall',
  'call-with-value',
  'call-value-from-caller',
  'call-value-from-state',
  'call-value-whole-balance',
  'call-target-sender',
  'call-target-from-caller',
  'call-target-state',
  'call-result-ignored',
  'call-result-assigned',
  'call-result-checked',
  'call-in-loop',
  'call-conditional',
  'write-after-call',
  'write-after-value-call',
  'read-before-call-write-after',
  'guard-before-call',
  'sender-check-before-call',
  'state-writes',
  'state-reads',
  'writes-sender-indexed',
  'writes-address-state',
  'writes-from-caller',
  'unguarded-state-write',
  'internal-calls',
  'loops',
  'loop-over-state-length',
  'write-in-loop',
  'timestamp-used',
  'timestamp-in-guard',
  'timestamp-in-arith',
  'timestamp-modulo',
  'blocknumber-used',
  'blockhash-used',
  'block-value-in-hash',
  'block-value-to-payout',
  'arith-ops',
  'arith-add',
  'arith-sub',
  'arith-mul',
  'arith-compound-state',
  'arith-from-caller',
  'arith-wraps',
  'arith-unchecked-block',
  'arith-small-uint',
  'safemath-calls',
  'safemath-in-contract',
  'compare-guard-before-sub',
  'pre-0.8',
  'solidity-minor',
  'msg-value-used',
  'balance-used',
  'selfdestruct',
  'assembly',
  'reads-state-written-by-other-entry',
  'writes-state-read-by-payer',
  'pays-amount-from-mutable-state',
  'hash-compare',
  'contract-has-owner',
  'contract-functions',
] as const;
export type FeatureName = (typeof FEATURE_NAMES)[number];
export const FEATURE_COUNT = FEATURE_NAMES.length;
const INDEX = new Map<string, number>(FEATURE_NAMES.map((n, i) => [n, i]));

export interface FunctionFeatures {
  fn: FunctionModel;
  contract: ContractModel;
  values: number[];
  /** For each feature set by a statement: that statement (the first one). */
  evidence: Map<FeatureName, SyntaxNode>;
}

class Builder {
  values = new Array<number>(FEATURE_COUNT).fill(0);
  evidence = new Map<FeatureName, SyntaxNode>();
  set(name: FeatureName, value: number, node?: SyntaxNode): void {
    this.values[INDEX.get(name)!] = value;
    if (node && value && !this.evidence.has(name)) this.evidence.set(name, node);
  }
  add(name: FeatureName, node?: SyntaxNode, by = 1): void {
    const i = INDEX.get(name)!;
    this.values[i] = this.values[i]! + by;
    if (node && !this.evidence.has(name)) this.evidence.set(name, node);
  }
  flag(name: FeatureName, node?: SyntaxNode): void {
    this.set(name, 1, node);
  }
}

const SMALL_UINT = /\buint(8|16|32)\b/;
const ARITH = new Set(['+', '-', '*', '**']);

function blockValuesIn(node: SyntaxNode, src: string): Array<{ kind: string; node: SyntaxNode }> {
  const out: Array<{ kind: string; node: SyntaxNode }> = [];
  walk(node, (n) => {
    const k = n.type === 'identifier' || n.type === 'member_expression' || n.type === 'call_expression' ? blockValueOf(n, src) : null;
    if (k) {
      out.push({ kind: k, node: n });
      return false;
    }
    return undefined;
  });
  return out;
}

/** Names that carry a block value inside a function: the values themselves and locals computed from them. */
function blockTainted(fn: FunctionModel, src: string): Set<string> {
  const names = new Set<string>();
  if (!fn.body) return names;
  for (let pass = 0; pass < 2; pass++) {
    for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
      const decl = stmt.children.find((c) => c.type === 'variable_declaration');
      const v = stmt.fields.value;
      if (decl?.fields.name && v && (blockValuesIn(v, src).length > 0 || mentionsAny(v, names, src))) names.add(textOf(src, decl.fields.name));
    }
  }
  return names;
}

function statementOf(node: SyntaxNode): SyntaxNode {
  let n: SyntaxNode = node;
  while (n.parent && !/statement$|_definition$|declaration$/.test(n.type)) n = n.parent;
  return n;
}

/** Per contract: state variables each entry point writes, and those read by functions that send ether. */
interface ContractContext {
  writtenBy: Map<string, Set<FunctionModel>>;
  readByPayer: Set<string>;
  hasOwner: boolean;
  safeMath: boolean;
}
const contextCache = new WeakMap<ContractModel, ContractContext>();

function contractContext(contract: ContractModel): ContractContext {
  const hit = contextCache.get(contract);
  if (hit) return hit;
  const writtenBy = new Map<string, Set<FunctionModel>>();
  const readByPayer = new Set<string>();
  for (const f of contract.functions) {
    if (!f.isEntryPoint || f.kind === 'modifier') continue;
    const a = analyzeFunction(f, contract);
    for (const op of a.flattened) {
      if (op.kind === 'state-write') {
        let s = writtenBy.get(op.variable.name);
        if (!s) writtenBy.set(op.variable.name, (s = new Set()));
        s.add(f);
      }
    }
    if (a.flattened.some((op) => op.kind === 'external-call' && op.call.value)) for (const op of a.flattened) if (op.kind === 'state-read') readByPayer.add(op.variable.name);
  }
  const src = contract.unit.text;
  const hasOwner = [...contract.stateVariables.values()].some((v) => /^address/.test(v.typeText) && !v.isMapping && /owner|admin/i.test(v.name));
  const safeMath = contract.usingLibraries.length > 0 || /\.(add|sub|mul)\(/.test(textOf(src, contract.node));
  const ctx = { writtenBy, readByPayer, hasOwner, safeMath };
  contextCache.set(contract, ctx);
  return ctx;
}

/** Features of `fn` as called on `contract` (its most derived contract). */
export function functionFeatures(fn: FunctionModel, contract: ContractModel): FunctionFeatures {
  const b = new Builder();
  const src = fn.contract.unit.text;
  const a: FunctionAnalysis = analyzeFunction(fn, contract);
  const ops = a.flattened;
  const cc = contractContext(contract);
  const minor = fn.contract.unit.solidityMinor ?? 4;
  const caller = a.callerControlled;

  b.set('entry-point', fn.isEntryPoint ? 1 : 0);
  b.set('payable', fn.mutability === 'payable' ? 1 : 0);
  b.set('view-or-pure', fn.mutability === 'view' || fn.mutability === 'pure' ? 1 : 0);
  b.set('is-modifier', fn.kind === 'modifier' ? 1 : 0);
  b.set('has-modifiers', fn.modifiers.length);
  b.set('params', fn.params.length);
  b.set('address-param', fn.params.some((p) => /^address/.test(p.typeText)) ? 1 : 0);
  b.set('uint-param', fn.params.some((p) => /^u?int/.test(p.typeText)) ? 1 : 0);
  b.set('sender-guarded', a.senderGuarded ? 1 : 0);
  b.set('pre-0.8', minor < 8 ? 1 : 0);
  b.set('solidity-minor', minor);
  b.set('contract-has-owner', cc.hasOwner ? 1 : 0);
  b.set('contract-functions', contract.functions.length);
  b.set('safemath-in-contract', cc.safeMath ? 1 : 0);

  const firstCall = ops.findIndex((o) => o.kind === 'external-call');
  const firstValueCall = ops.findIndex((o) => o.kind === 'external-call' && o.call.value !== null);
  const readBeforeCall = new Set<string>();
  let sawGuard = false;
  let sawSenderCheck = false;
  const opSrc = (o: Operation) => o.origin.contract.unit.text;
  ops.forEach((op, i) => {
    const s = opSrc(op);
    const where = statementOf(op.node);
    switch (op.kind) {
      case 'guard': {
        b.add('guards', where);
        sawGuard = true;
        let sender = false;
        let origin = false;
        walk(op.condition, (n) => {
          if (isMsgSender(n, s)) sender = true;
          if (isTxOrigin(n, s)) origin = true;
        });
        if (sender) {
          b.flag('guard-mentions-sender', where);
          sawSenderCheck = true;
        }
        if (origin) {
          b.flag('guard-mentions-origin', where);
          b.flag('tx-origin-in-guard', where);
        }
        if (blockValuesIn(op.condition, s).some((v) => v.kind === 'timestamp')) b.flag('timestamp-in-guard', where);
        break;
      }
      case 'external-call': {
        const c = op.call;
        b.add('ext-calls', where);
        if (c.kind === 'call' || c.kind === 'callcode') b.add('call-low-level', where);
        if (c.kind === 'send') b.add('call-send', where);
        if (c.kind === 'transfer') b.add('call-transfer', where);
        if (c.kind === 'high-level') b.add('call-high-level', where);
        if (c.kind === 'delegatecall' || c.kind === 'callcode') b.flag('delegatecall', where);
        if (c.value) {
          b.add('call-with-value', where);
          if (mentionsAny(c.value, caller, s)) b.flag('call-value-from-caller', where);
          const vt = textOf(s, c.value);
          if (/\bbalance\b/.test(vt)) b.flag('call-value-whole-balance', where);
          for (const id of findAll(c.value, 'identifier')) {
            const name = textOf(s, id);
            if (contract.stateVariables.has(name) && !a.locals.has(name)) {
              b.flag('call-value-from-state', where);
              const writers = cc.writtenBy.get(name);
              if (writers && (writers.size > 1 || !writers.has(fn))) b.flag('pays-amount-from-mutable-state', where);
            }
          }
        }
        walk(c.target, (n) => {
          if (isMsgSender(n, s)) b.flag('call-target-sender', where);
          return undefined;
        });
        if (mentionsAny(c.target, caller, s)) b.flag('call-target-from-caller', where);
        for (const id of findAll(c.target, 'identifier')) if (contract.stateVariables.has(textOf(s, id)) && !a.locals.has(textOf(s, id))) b.flag('call-target-state', where);
        if (c.kind !== 'high-level' && c.kind !== 'transfer') {
          if (c.result === 'ignored') b.add('call-result-ignored', where);
          if (c.result === 'assigned') b.add('call-result-assigned', where);
          if (c.result === 'checked') b.add('call-result-checked', where);
        }
        if (op.loops.length > 0) b.flag('call-in-loop', where);
        if (op.conditional) b.flag('call-conditional', where);
        if (sawGuard) b.flag('guard-before-call', where);
        if (sawSenderCheck || a.senderGuarded) b.flag('sender-check-before-call', where);
        break;
      }
      case 'state-write': {
        b.add('state-writes', where);
        if (firstCall >= 0 && i > firstCall) b.flag('write-after-call', where);
        if (firstValueCall >= 0 && i > firstValueCall) b.flag('write-after-value-call', where);
        if (firstCall >= 0 && i > firstCall && readBeforeCall.has(op.variable.name)) b.flag('read-before-call-write-after', where);
        const t = textOf(s, op.node);
        if (/\[\s*msg\.sender\s*\]/.test(t)) b.flag('writes-sender-indexed', where);
        if (/^address/.test(op.variable.typeText) && !op.variable.isMapping) b.flag('writes-address-state', where);
        if (where.type !== 'function_definition' && mentionsAny(where, caller, s)) b.flag('writes-from-caller', where);
        if (!a.senderGuarded && fn.isEntryPoint) b.flag('unguarded-state-write', where);
        if (op.loops.length > 0) b.flag('write-in-loop', where);
        if (cc.readByPayer.has(op.variable.name)) b.flag('writes-state-read-by-payer', where);
        break;
      }
      case 'state-read': {
        b.add('state-reads');
        if (firstCall < 0 || i < firstCall) readBeforeCall.add(op.variable.name);
        const writers = cc.writtenBy.get(op.variable.name);
        if (writers && (writers.size > 1 || !writers.has(fn))) b.flag('reads-state-written-by-other-entry', where);
        break;
      }
      case 'internal-call':
        b.add('internal-calls', where);
        break;
      case 'selfdestruct':
        b.flag('selfdestruct', where);
        break;
      case 'assembly':
        b.flag('assembly', where);
        break;
    }
  });

  // Syntax-level reads of the body (and of the modifiers' bodies, which run with it).
  const bodies: Array<{ node: SyntaxNode; src: string; fn: FunctionModel }> = [];
  if (fn.body) bodies.push({ node: fn.body, src, fn });
  for (const m of fn.modifiers) if (m.definition?.body) bodies.push({ node: m.definition.body, src: m.definition.contract.unit.text, fn: m.definition });
  for (const c of a.callees) if (c.body && c.kind !== 'modifier') bodies.push({ node: c.body, src: c.contract.unit.text, fn: c });
  for (const { node: body, src: s, fn: owner } of bodies) {
    const blockNames = blockTainted(owner, s);
    const smallLocals = new Set<string>();
    for (const p of owner.params) if (p.name && SMALL_UINT.test(p.typeText)) smallLocals.add(p.name);
    let subGuarded = false;
    walk(body, (n) => {
      if (n.type === 'for_statement' || n.type === 'while_statement' || n.type === 'do_while_statement') {
        b.add('loops', n);
        const cond = n.fields.condition ?? n.children.find((c) => c.type === 'binary_expression');
        if (cond && /\.length\b/.test(textOf(s, cond))) b.flag('loop-over-state-length', n);
      }
      if (isTxOrigin(n, s)) {
        b.flag('tx-origin-used', statementOf(n));
        const p = n.parent;
        if (p?.type === 'binary_expression' && (p.tokens.operator === '==' || p.tokens.operator === '!=')) {
          for (const id of findAll(p, 'identifier')) if (contract.stateVariables.has(textOf(s, id))) b.flag('tx-origin-compared-to-state', statementOf(n));
        }
      }
      if (n.type === 'member_expression') {
        const t = textOf(s, n);
        if (t === 'msg.value') b.flag('msg-value-used', statementOf(n));
        if (/\.balance$/.test(t)) b.flag('balance-used', statementOf(n));
      }
      const bv = n.type === 'identifier' || n.type === 'member_expression' || n.type === 'call_expression' ? blockValueOf(n, s) : null;
      if (bv === 'timestamp') b.flag('timestamp-used', statementOf(n));
      if (bv === 'number') b.flag('blocknumber-used', statementOf(n));
      if (bv === 'blockhash') b.flag('blockhash-used', statementOf(n));
      if (n.type === 'call_expression') {
        const callee = n.children[0] ? textOf(s, n.children[0]) : '';
        // Only calls that can matter are searched (a search per call would make the walk quadratic).
        const hashing = /^(keccak256|sha3|sha256)$/.test(callee);
        const paying = /\.(transfer|send)$/.test(callee);
        if ((hashing || paying) && (blockValuesIn(n, s).length > 0 || mentionsAny(n, blockNames, s))) b.flag(hashing ? 'block-value-in-hash' : 'block-value-to-payout', statementOf(n));
        if (/\.(add|sub|mul|div)$/.test(callee)) b.add('safemath-calls', statementOf(n));
      }
      if (n.type === 'binary_expression') {
        const op = n.tokens.operator ?? '';
        const withBlock = (op === '%' || ARITH.has(op)) && (blockValuesIn(n, s).some((v) => v.kind === 'timestamp') || (blockNames.size > 0 && mentionsAny(n, blockNames, s)));
        if (op === '%' && withBlock) b.flag('timestamp-modulo', statementOf(n));
        if ((op === '==' || op === '!=') && /keccak256|sha3|sha256/.test(textOf(s, n))) b.flag('hash-compare', statementOf(n));
        if ((op === '>=' || op === '>' || op === '<' || op === '<=') && n.parent && ancestorGuard(n)) subGuarded = true;
        if (ARITH.has(op)) arith(n, op, false, withBlock);
      }
      if (n.type === 'augmented_assignment_expression' && n.fields.left && n.fields.right) {
        const between = s.slice(n.fields.left.endIndex, n.fields.right.startIndex).replace(/=\s*$/, '').trim();
        if (ARITH.has(between)) arith(n, between, true, blockValuesIn(n, s).some((v) => v.kind === 'timestamp'));
      }
      if (n.type === 'block_statement' && n.children.some((c) => c.type === 'unchecked')) b.flag('arith-unchecked-block', n);
      return undefined;
    });
    function arith(n: SyntaxNode, op: string, compound: boolean, withBlock: boolean) {
      const where = statementOf(n);
      b.add('arith-ops', where);
      if (op === '+') b.add('arith-add', where);
      if (op === '-') {
        b.add('arith-sub', where);
        if (subGuarded) b.flag('compare-guard-before-sub', where);
      }
      if (op === '*' || op === '**') b.add('arith-mul', where);
      if (withBlock) b.flag('timestamp-in-arith', where);
      const left = n.fields.left;
      if (compound && left) {
        const root = findAll(left, 'identifier')[0];
        if (root && contract.stateVariables.has(textOf(s, root)) && !a.locals.has(textOf(s, root))) b.flag('arith-compound-state', where);
      }
      const callerNames = owner === fn ? caller : new Set(owner.params.flatMap((p) => (p.name ? [p.name] : [])));
      if (mentionsAny(n, callerNames, s)) b.flag('arith-from-caller', where);
      if (mentionsAny(n, smallLocals, s) || SMALL_UINT.test(textOf(s, where))) b.flag('arith-small-uint', where);
      const inUnchecked = (() => {
        for (let p = n.parent; p; p = p.parent) if (p.type === 'block_statement' && p.children.some((c) => c.type === 'unchecked')) return true;
        return false;
      })();
      if (inUnchecked) b.flag('arith-unchecked-block', where);
      if (minor < 8 || inUnchecked) b.flag('arith-wraps', where);
    }
  }
  return { fn, contract, values: b.values, evidence: b.evidence };
}

function ancestorGuard(n: SyntaxNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'if_statement') return true;
    if (p.type === 'call_expression') return true;
    if (/statement$/.test(p.type)) return false;
  }
  return false;
}

/** Every function and modifier with a body declared in the contracts of `own` (each in its own contract). */
export function unitsToScore(contracts: ContractModel[], ownPaths: Set<string>): Array<{ fn: FunctionModel; contract: ContractModel }> {
  const out: Array<{ fn: FunctionModel; contract: ContractModel }> = [];
  for (const c of contracts) {
    if (!ownPaths.has(c.unit.path) || c.kind === 'interface') continue;
    for (const f of c.ownFunctions) if (f.body) out.push({ fn: f, contract: c });
  }
  return out;
}
