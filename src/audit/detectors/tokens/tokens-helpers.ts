import { findAll, textOf, unparen, walk, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { analyzeFunction } from '../../../solidity/model/operations.js';
import { isRestricted } from '../../../solidity/model/access.js';
import { mentionsTainted, valueTaintedLocals } from '../../../solidity/dataflow.js';
import { calleeName, calleeShape, callArguments, isMsgSender, memberPath } from '../../../solidity/model/expressions.js';
import type { AnalysisContext, ContractModel, FunctionModel } from '../../../solidity/model/types.js';

/**
 * What the token detectors share: finding ERC-20 calls (`transfer`, `transferFrom` and SafeERC20's
 * `safeTransfer*`) by their shape, the declared type of a name, and whether an address expression is
 * provably the caller or the contract itself.
 */

/** The declared type of `name` inside `fn`: a parameter, return, local or state variable; null when unknown. */
export function typeOfName(fn: FunctionModel, contract: ContractModel, name: string): string | null {
  const src = fn.contract.unit.text;
  for (const p of [...fn.params, ...fn.returns]) if (p.name === name) return p.typeText.trim();
  if (fn.body) {
    for (const decl of findAll(fn.body, 'variable_declaration')) {
      if (decl.fields.name && textOf(src, decl.fields.name) === name && decl.fields.type) return textOf(src, decl.fields.type).trim();
    }
  }
  const v = contract.stateVariables.get(name) ?? fn.contract.stateVariables.get(name);
  return v ? v.typeText.trim() : null;
}

/** The callee's object: `token` in `token.transferFrom(...)`; null for a plain function call. */
export function calleeObject(call: SyntaxNode, src: string): SyntaxNode | null {
  const callee = unparen(calleeShape(call, src).callee);
  return callee.type === 'member_expression' && callee.fields.object ? unparen(callee.fields.object) : null;
}

/** `super.f()`, `this.f()`, `Base.f()`-style calls and library calls by name are not calls to a token. */
export function isTokenReceiver(object: SyntaxNode, contract: ContractModel, src: string): boolean {
  const path = memberPath(object, src);
  if (path && path.length === 1) {
    const name = path[0]!;
    if (name === 'super' || name === 'this' || name === 'msg' || name === 'abi') return false;
    const known = contract.linearized.some((c) => c.name === name);
    if (known) return false;
  }
  return true;
}

export interface TokenPull {
  call: SyntaxNode;
  /** The `from` argument. */
  from: SyntaxNode;
  method: string;
}

/**
 * `x.transferFrom(from, to, v)`, `x.safeTransferFrom(from, to, v)` (SafeERC20 through `using`) and
 * `SafeERC20.safeTransferFrom(token, from, to, v)` in `body`.
 */
export function tokenPulls(body: SyntaxNode, contract: ContractModel, src: string): TokenPull[] {
  const out: TokenPull[] = [];
  for (const call of findAll(body, 'call_expression')) {
    const method = calleeName(call, src);
    if (method !== 'transferFrom' && method !== 'safeTransferFrom') continue;
    const object = calleeObject(call, src);
    if (!object) continue;
    const args = callArguments(call);
    const path = memberPath(object, src);
    const isLibraryCall = path?.length === 1 && /^SafeERC20|^TransferHelper|^SafeTransfer/.test(path[0]!);
    if (isLibraryCall && args.length === 4) {
      out.push({ call, from: args[1]!, method });
      continue;
    }
    if (args.length !== 3 || !isTokenReceiver(object, contract, src)) continue;
    out.push({ call, from: args[0]!, method });
  }
  return out;
}

/** `msg.sender`, `_msgSender()`, `address(this)`, `this` (through casts and parentheses). */
export function isCallerOrSelf(node: SyntaxNode, src: string): boolean {
  let n = unparen(node);
  for (;;) {
    if (n.type === 'type_cast_expression') {
      const arg = n.children.find((c) => c.type === 'call_argument')?.children[0];
      if (!arg) return false;
      n = unparen(arg);
      continue;
    }
    if (n.type === 'call_expression') {
      const name = calleeName(n, src);
      const args = callArguments(n);
      if ((name === 'address' || name === 'payable') && args.length === 1) {
        n = unparen(args[0]!);
        continue;
      }
      return args.length === 0 && name !== null && /^_?msgSender$/.test(name);
    }
    break;
  }
  if (n.type === 'identifier' && textOf(src, n) === 'this') return true;
  return isMsgSender(n, src);
}

/** Locals of `fn` whose every assignment is the caller or the contract itself. */
export function callerOrSelfLocals(fn: FunctionModel, src: string): Set<string> {
  const out = new Set<string>();
  if (!fn.body) return out;
  const values = new Map<string, SyntaxNode[]>();
  const add = (name: string, v: SyntaxNode) => values.set(name, [...(values.get(name) ?? []), v]);
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && stmt.fields.value) add(textOf(src, decl.fields.name), stmt.fields.value);
  }
  for (const a of findAll(fn.body, 'assignment_expression')) {
    const left = a.fields.left ? unparen(a.fields.left) : null;
    if (left?.type === 'identifier' && a.fields.right) add(textOf(src, left), a.fields.right);
  }
  for (const [name, vs] of values) if (vs.every((v) => isCallerOrSelf(v, src))) out.add(name);
  return out;
}

/**
 * A guard of `fn` (its body, modifiers or inlined callees) ties `name` to the caller: `require(from ==
 * msg.sender)`, or an allowance lookup keyed by both (`allowed[from][msg.sender] >= v`).
 */
export function guardTiesToCaller(fn: FunctionModel, contract: ContractModel, name: string): boolean {
  const analysis = analyzeFunction(fn, contract);
  for (const op of analysis.flattened) {
    if (op.kind !== 'guard') continue;
    const src = op.origin.contract.unit.text;
    let mentionsName = false;
    let mentionsCaller = false;
    walk(op.condition, (n) => {
      if (n.type === 'identifier' && textOf(src, n) === name && !(n.parent?.type === 'member_expression' && n.parent.fields.property === n)) mentionsName = true;
      if (n.type === 'member_expression' && isMsgSender(n, src)) mentionsCaller = true;
      if (n.type === 'call_expression' && /^_?msgSender$/.test(calleeName(n, src) ?? '')) mentionsCaller = true;
    });
    if (mentionsName && mentionsCaller) return true;
  }
  return false;
}

export interface ArbitraryFrom {
  contract: ContractModel;
  fn: FunctionModel;
  pull: TokenPull;
  withPermit: boolean;
}

/**
 * `transferFrom` calls in entry points whose `from` the caller chooses (it carries a parameter, not
 * only as an index that selects a stored account) and
 * that nothing ties to the caller: anyone can move the tokens of any account that approved this
 * contract. Functions restricted to privileged callers are left out (an administrator pulling from a
 * chosen account is a trust question, not an open door), as is a token's own `transferFrom` forwarding
 * to its parent or implementation, which checks the allowance itself.
 */
export function arbitraryFromPulls(ctx: AnalysisContext): ArbitraryFrom[] {
  const out: ArbitraryFrom[] = [];
  for (const contract of ctx.contracts) {
    if (contract.kind === 'interface' || contract.kind === 'library') continue;
    const src = contract.unit.text;
    for (const fn of contract.ownFunctions) {
      if (!fn.body || !fn.isEntryPoint || fn.kind === 'modifier') continue;
      if (/^(safe)?transferFrom$/i.test(fn.name)) continue;
      const pulls = tokenPulls(fn.body, contract, src);
      if (pulls.length === 0) continue;
      if (isRestricted(fn, contract, { modifierNames: 'access' })) continue;
      const safeLocals = callerOrSelfLocals(fn, src);
      const chosen = valueTaintedLocals(fn, new Set(fn.params.flatMap((p) => (p.name ? [p.name] : []))), src);
      const withPermit = findAll(fn.body, 'call_expression').some((c) => calleeName(c, src) === 'permit');
      for (const pull of pulls) {
        const from = unparen(pull.from);
        if (isCallerOrSelf(from, src)) continue;
        if (from.type === 'identifier' && safeLocals.has(textOf(src, from))) continue;
        // The caller must choose the account, not merely select a stored one (`listing[id].seller`).
        if (!mentionsTainted(from, chosen, src)) continue;
        const names = findAll(from, 'identifier').map((i) => textOf(src, i)).filter((n) => chosen.has(n));
        if (names.some((n) => guardTiesToCaller(fn, contract, n))) continue;
        out.push({ contract, fn, pull, withPermit });
      }
    }
  }
  return out;
}
