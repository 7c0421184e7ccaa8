import { findAll, textOf, unparen, type SyntaxNode } from '../../../solidity/parse/syntax.js';
import { callArguments, calleeName, calleeShape, isMsgSender, isTxOrigin } from '../../../solidity/model/expressions.js';
import { isRestricted, mentionsCaller } from '../../../solidity/model/access.js';
import { analyzeFunction, rootName } from '../../../solidity/model/operations.js';
import { mentionsAny } from '../../../solidity/dataflow.js';
import type { AnalysisContext, ContractModel, FunctionAnalysis, FunctionModel, Operation, SourceUnit, StateVariable } from '../../../solidity/model/types.js';

/**
 * Shared reentrancy analysis (SWC-107) for the four reentrancy detectors.
 *
 * The rule follows what an auditor checks by hand and what Slither's reentrancy detectors encode:
 * an external call that hands control to another contract, followed (in evaluation order, internal
 * callees and modifier code included) by a write to contract state. What makes such a write
 * exploitable is who relies on the stale value while the callee runs:
 *   - the same function read it before the call (balance-after-send: `reentrancy-eth` when the call
 *     forwards all gas or ether, `reentrancy-no-eth` when it is a high-level call to another contract);
 *   - another state-changing entry point reads and updates it (`reentrancy-cross-function`);
 *   - a view function exposes it (`reentrancy-read-only`).
 * Each call site gets at most one of these findings, the most specific one.
 *
 * Not vectors: `send` and `transfer` (2300 gas), calls to `this`, static calls to view functions
 * (Solidity >= 0.5) and getters, and functions protected by a reentrancy guard (a `nonReentrant`-style
 * modifier, or a lock variable that is checked and set before the call).
 *
 * Who can re-enter matters: the called address must be one the caller chooses — msg.sender, a
 * parameter, or state any caller can set (a per-channel token address, a pushed participant). Calls
 * to constants or to contracts only the deployer or an admin sets are trusted code, as are high-level
 * calls made from admin-only functions. Without this, every token sale calling its own token floods
 * real code with findings.
 */

export type ReentrancyKind = 'eth' | 'no-eth' | 'cross-function' | 'read-only' | 'stipend' | 'events';

export interface ReentrancyCandidate {
  kind: ReentrancyKind;
  /** Where to report: the call, or the statement / modifier use of the analysed function that leads to it. */
  anchor: SyntaxNode;
  unit: SourceUnit;
  contract: ContractModel;
  fn: FunctionModel;
  call: Operation & { kind: 'external-call' };
  /** The state variables written after the call that make it exploitable. */
  variables: StateVariable[];
  /** First late write, for the message. */
  write: Operation;
  /** For cross-function and read-only: the function that relies on the stale value. */
  other?: FunctionModel;
  /** For 'events': the events emitted after the call. */
  events?: SyntaxNode[];
  /** The call does not transfer ether (plain `.call()` or a high-level call). */
  noValue: boolean;
  senderGuarded: boolean;
}

const GUARD_MODIFIER = /^(non|no|not|anti|prevent)_?re_?entr|re_?entr(ancy|ant)?(guard|lock|protect)|^(lock|locked|mutex|noReentry|singleEntry|guarded|whenNotLocked)$/i;
/**
 * Restricted to an administrator: a privileged-role modifier name, or a check of msg.sender against
 * contract-wide authority (`owner`) rather than a per-record party (`channel.partyA`), which anyone can
 * become. Stricter than `senderGuarded` on purpose: it decides whether the callee was chosen by an admin.
 */
const ADMIN_ONLY = { modifierNames: 'admin', adminOnly: true } as const;
/** Getter-style names (`getPrice`, `isValid`, `FEE_ADDRESS`): the call reads, it does not act. */
const GETTER_NAME = /^(?:(?:get|is|has|can|calc|compute|view|query|current|total)[A-Z0-9_]\w*|version|[A-Z][A-Z0-9_]*)$/;
/** ERC-20/721 getters: calling them cannot hand over control in any token an auditor would accept. */
const VIEW_METHODS = new Set(['balanceOf', 'allowance', 'totalSupply', 'decimals', 'symbol', 'name', 'owner', 'getReserves', 'supportsInterface', 'ownerOf', 'getApproved', 'isApprovedForAll', 'tokenURI']);

const cache = new WeakMap<AnalysisContext, ReentrancyCandidate[]>();

export function reentrancyCandidates(ctx: AnalysisContext): ReentrancyCandidate[] {
  let out = cache.get(ctx);
  if (!out) {
    out = computeCandidates(ctx);
    cache.set(ctx, out);
  }
  return out;
}

type CallOp = Operation & { kind: 'external-call' };

/**
 * Whether a call hands over control to code the caller may control, and how: 'eth' (ether sent),
 * 'plain' (a low-level call forwarding all gas), 'contract' (a high-level call).
 */
function callClass(op: CallOp, fn: FunctionModel, contract: ContractModel, ctx: AnalysisContext, facts: ContractFacts): 'eth' | 'plain' | 'contract' | 'stipend' | null {
  const call = op.call;
  const src = op.origin.contract.unit.text;
  const target = unparen(call.target);
  const targetText = textOf(src, target).replace(/\s+/g, '');
  if (targetText === 'this' || targetText === 'address(this)') return null;
  const hasValue = call.value !== null && !/^0+$/.test(textOf(src, call.value).trim());
  let trust = targetTrust(op, contract, facts);
  // Ether paid to a member of a list or map of addresses (payees, winners, investors) goes to whoever
  // got on that list, not to a contract the deployer vetted, even when only an admin fills the list.
  if (trust === 'trusted' && (hasValue || call.kind === 'send' || call.kind === 'transfer') && fromAddressCollection(call.target, op.origin, contract)) trust = 'user';
  // A contract the caller cannot choose (a constant, or set by the deployer or an admin) is trusted code.
  if (trust === 'trusted') return null;
  // send/transfer (and calls with a literal gas as small) forward 2,300 gas: today too little for a
  // re-entrant state change, but gas costs are repriced (EIP-1884 raised SLOAD), so relying on the
  // stipend is reported at a lower severity of its own.
  if (call.kind === 'send' || call.kind === 'transfer') return 'stipend';
  if (call.kind === 'call') {
    const gas = gasLimit(call.node, src);
    if (gas !== null && gas <= 2300) return 'stipend';
    return hasValue ? 'eth' : 'plain';
  }
  if (call.kind !== 'high-level') return null;
  const method = call.method ?? '';
  // `addr.call.value(x)` never invoked (a bug of its own, but no call happens).
  if (method === 'value' || method === 'gas') return null;
  if (isLibraryMethod(method, contract, ctx)) return null;
  if (hasValue) return 'eth';
  if (VIEW_METHODS.has(method)) return null;
  // Getters cannot change state. From 0.5 on, calls to view/pure functions are STATICCALLs; before,
  // the declaration is only a promise, which the caller breaks when the target is its own contract
  // (`Bank(msg.sender).supportsToken()`).
  const minor = op.origin.contract.unit.solidityMinor;
  const declaredView = isDeclaredView(target, method, call.args.length, src, op.origin, contract, ctx);
  const promiseOnly = trust === 'sender' && (minor === null || minor < 5);
  if ((declaredView === true || (declaredView === null && GETTER_NAME.test(method))) && !promiseOnly) return null;
  // In a function only an administrator may call, the administrator chose the contract.
  if (isRestricted(fn, contract, ADMIN_ONLY)) return null;
  return 'contract';
}

function gasLimit(node: SyntaxNode, src: string): number | null {
  const m = /\.gas\s*\(\s*(\d+)\s*\)|\bgas\s*:\s*(\d+)/.exec(textOf(src, node));
  return m ? Number(m[1] ?? m[2]) : null;
}

/** True / false when the target's type is known, null when it is not. */
function isDeclaredView(target: SyntaxNode, method: string, arity: number, src: string, fn: FunctionModel, contract: ContractModel, ctx: AnalysisContext): boolean | null {
  let typeName: string | null = null;
  if (target.type === 'call_expression' && callArguments(target).length === 1) {
    const callee = calleeShape(target, src).callee;
    if (callee.type === 'identifier') typeName = textOf(src, callee);
  } else if (target.type === 'identifier') {
    const name = textOf(src, target);
    const param = [...fn.params, ...fn.returns].find((p) => p.name === name);
    const decl = fn.body ? findAll(fn.body, 'variable_declaration').find((d) => d.fields.name && textOf(src, d.fields.name) === name) : undefined;
    const v = contract.stateVariables.get(name);
    typeName = param ? param.typeText.trim() : decl?.fields.type ? textOf(src, decl.fields.type).trim() : v ? v.typeText.trim() : null;
  }
  const type = typeName ? ctx.contractsByName.get(typeName) : undefined;
  if (!type) return null;
  const f = type.functions.find((g) => g.name === method && g.params.length === arity);
  if (!f) return null;
  return f.mutability === 'view' || f.mutability === 'pure';
}

function isGuardModifier(fn: FunctionModel): boolean {
  return fn.modifiers.some((m) => GUARD_MODIFIER.test(m.name));
}

/** A lock variable: a scalar state variable both tested by a guard and written before the call. */
function lockedBefore(ops: Operation[], index: number): boolean {
  const guarded = new Set<StateVariable>();
  for (let i = 0; i < index; i++) {
    const op = ops[i]!;
    if (op.kind === 'guard') {
      const src = op.origin.contract.unit.text;
      for (const v of op.origin.contract.stateVariables.values()) {
        if (!v.isMapping && !v.isArray && /^(bool|uint\d*|u?int8)$/.test(v.typeText.trim()) && mentionsAny(op.condition, new Set([v.name]), src)) guarded.add(v);
      }
    } else if (op.kind === 'state-write' && guarded.has(op.variable)) return true;
  }
  return false;
}

/** Normalised text of a written location, to recognise the same slot written before and after the call. */
function slotText(op: Operation): string {
  return textOf(op.origin.contract.unit.text, op.node).replace(/\s+/g, '');
}

interface Segments {
  /** For each flattened index, the key of the top-level statement or modifier it belongs to. */
  key: string[];
  /** For each flattened index, the node to report at when the operation is reached through it. */
  anchor: SyntaxNode[];
}

/**
 * Maps every flattened operation to the top-level operation it was reached through: itself, the
 * internal call that inlined it, or the modifier whose code it is.
 */
function segments(fn: FunctionModel, analysis: FunctionAnalysis, contract: ContractModel): Segments {
  const top = new Map<Operation, number>();
  analysis.operations.forEach((op, i) => top.set(op, i));
  const key: string[] = [];
  const anchor: SyntaxNode[] = [];
  let currentKey = '';
  let currentAnchor: SyntaxNode = fn.node;
  for (const op of analysis.flattened) {
    const i = top.get(op);
    if (i !== undefined) {
      if (op.origin === fn) {
        currentKey = `top:${i}`;
        currentAnchor = op.node;
      } else {
        const use = fn.modifiers.find((m) => (m.definition ?? contract.modifiers.get(m.name)) === op.origin);
        currentKey = `mod:${op.origin.name}`;
        currentAnchor = use?.node ?? op.node;
      }
    }
    key.push(currentKey);
    anchor.push(currentAnchor);
  }
  return { key, anchor };
}

interface ContractFacts {
  contract: ContractModel;
  /** Non-view entry points that read a variable where it decides something, and write it. */
  readWriters: Map<StateVariable, FunctionModel[]>;
  /** Explicit view or pure entry points that read a variable. */
  viewReaders: Map<StateVariable, FunctionModel[]>;
  /**
   * State an unrestricted caller can set to a value of their choosing (e.g. a token address per channel).
   * Narrower than calls' `publiclyWritable` on purpose: only values from the caller (parameters,
   * msg.sender, pushes of them) make a call target attacker-chosen, and only admins count as restriction.
   */
  userSettable: Set<StateVariable>;
}

/** Names whose value the caller of `fn` chooses: parameters (also of internal functions, which callers pass on) and locals derived from them. */
const callerNamesCache = new WeakMap<FunctionModel, Set<string>>();
function callerNames(fn: FunctionModel): Set<string> {
  let names = callerNamesCache.get(fn);
  if (!names) {
    names = new Set(analyzeFunction(fn, fn.contract).callerControlled);
    for (const p of fn.params) if (p.name) names.add(p.name);
    callerNamesCache.set(fn, names);
  }
  return names;
}

function contractFacts(contract: ContractModel, cache: Map<ContractModel, ContractFacts>): ContractFacts {
  let facts = cache.get(contract);
  if (facts) return facts;
  facts = { contract, readWriters: new Map(), viewReaders: new Map(), userSettable: new Set() };
  for (const f of contract.functions) {
    if (!f.isEntryPoint || !f.body) continue;
    // In its own contract's context: cached, and what inheritance changes rarely matters here.
    const a = analyzeFunction(f, f.contract);
    const decisive = new Set<StateVariable>();
    const reads = new Set<StateVariable>();
    const writes = new Set<StateVariable>();
    const callNodes = a.flattened.filter((op) => op.kind === 'external-call').map((op) => op.node);
    const restricted = isRestricted(f, f.contract, ADMIN_ONLY);
    for (const op of a.flattened) {
      const src = op.origin.contract.unit.text;
      if (op.kind === 'state-read') {
        reads.add(op.variable);
        if (isDecisiveRead(op.node, src, callNodes)) decisive.add(op.variable);
      } else if (op.kind === 'state-write') {
        writes.add(op.variable);
        if (!restricted) {
          const assign = op.node.parent;
          const right = assign?.type === 'assignment_expression' && assign.fields.left === op.node ? assign.fields.right : null;
          if (right && (mentionsAny(right, callerNames(op.origin), src) || mentionsCaller(right, src))) facts.userSettable.add(op.variable);
        }
      }
    }
    // `list.push(msg.sender)` / `list.push(Entry(_addr, ...))`: the model records no write for push.
    if (!restricted) {
      const src = f.contract.unit.text;
      const names = callerNames(f);
      for (const c of findAll(f.body, 'call_expression')) {
        const callee = c.fields.function;
        if (callee?.type !== 'member_expression' || !callee.fields.property || textOf(src, callee.fields.property) !== 'push' || !callee.fields.object) continue;
        const args = callArguments(c);
        if (!args.some((x) => mentionsCaller(x, src) || mentionsAny(x, names, src))) continue;
        const root = rootName(callee.fields.object, src);
        const v = root ? (a.storageAliases.get(root) ?? (a.locals.has(root) ? undefined : contract.stateVariables.get(root))) : undefined;
        if (v) facts.userSettable.add(v);
      }
    }
    const isView = f.mutability === 'view' || f.mutability === 'pure';
    const add = (map: Map<StateVariable, FunctionModel[]>, v: StateVariable) => {
      const list = map.get(v) ?? [];
      list.push(f);
      map.set(v, list);
    };
    if (isView) for (const v of reads) add(facts.viewReaders, v);
    else for (const v of decisive) if (writes.has(v)) add(facts.readWriters, v);
  }
  cache.set(contract, facts);
  return facts;
}

/**
 * A read that decides something: a condition (if, require, loop, ternary), an external call's target,
 * value or arguments, or a local computed from it. A counter's own `x += 1` is not decisive.
 */
function isDecisiveRead(node: SyntaxNode, src: string, callNodes: SyntaxNode[]): boolean {
  let child = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    switch (p.type) {
      case 'if_statement':
      case 'while_statement':
      case 'for_statement':
        return p.fields.condition === child;
      case 'ternary_expression':
        return p.children[0] === child;
      case 'variable_declaration_statement':
      case 'return_statement':
        return p.type === 'variable_declaration_statement';
      case 'call_expression': {
        const name = calleeName(p, src);
        if (name === 'require' || name === 'assert') return true;
        if (callNodes.includes(p)) return true;
        break;
      }
      case 'expression_statement':
      case 'block_statement':
      case 'function_body':
        return false;
    }
  }
  return false;
}

function isLibraryMethod(method: string, contract: ContractModel, ctx: AnalysisContext): boolean {
  for (const lib of contract.usingLibraries) {
    const l = ctx.contractsByName.get(lib.split(/\s+for\s+/)[0]!.trim());
    if (l?.ownFunctions.some((f) => f.name === method)) return true;
  }
  return false;
}

/**
 * Who chooses the called address: 'sender' (the caller itself), 'caller' (a parameter or what is computed from it),
 * 'user' (state that any caller can set, e.g. a token address stored per channel), or 'trusted'
 * (constants, immutables, state only the deployer or an admin sets).
 */
function targetTrust(op: CallOp, contract: ContractModel, facts: ContractFacts): 'sender' | 'caller' | 'user' | 'trusted' {
  return traceAddress(op.call.target, op.origin, contract, facts, 0);
}

type Trust = 'sender' | 'caller' | 'user' | 'trusted';

/** Follows an address expression back to where it comes from, through casts and local variables. */
function traceAddress(expr: SyntaxNode, fn: FunctionModel, contract: ContractModel, facts: ContractFacts, depth: number): Trust {
  const src = fn.contract.unit.text;
  // Look through casts: `IERC20(token)`, `address(uint160(x))`, `payable(to)`.
  let target = unparen(expr);
  while (target.type === 'call_expression' && callArguments(target).length === 1 && calleeShape(target, src).callee.type === 'identifier') {
    target = unparen(callArguments(target)[0]!);
  }
  if (isMsgSender(target, src) || isTxOrigin(target, src)) return 'sender';
  if (target.type === 'ternary_expression') {
    const branches = target.children.slice(1).map((b) => traceAddress(b, fn, contract, facts, depth + 1));
    for (const t of ['sender', 'caller', 'user'] as const) if (branches.includes(t)) return t;
    return 'trusted';
  }
  const root = rootName(target, src);
  // Function results, `this`, literals: the contract's own choice.
  if (root === null || root === 'this' || root === 'msg' || root === 'tx' || root === 'block') return 'trusted';
  const a = analyzeFunction(fn, fn.contract);
  if (fn.params.some((p) => p.name === root)) return 'caller';
  const alias = a.storageAliases.get(root);
  if (alias) return facts.userSettable.has(alias) ? 'user' : 'trusted';
  if (a.locals.has(root)) {
    const value = depth < 4 ? localValue(fn, root, src) : null;
    return value ? traceAddress(value, fn, contract, facts, depth + 1) : 'trusted';
  }
  const v = contract.stateVariables.get(root);
  return v && facts.userSettable.has(v) ? 'user' : 'trusted';
}

/** The address is read from a state array or mapping (directly, or through a local): `payees[i]`. */
function fromAddressCollection(expr: SyntaxNode, fn: FunctionModel, contract: ContractModel, depth = 0): boolean {
  const src = fn.contract.unit.text;
  const target = unparen(expr);
  if (target.type === 'array_access') {
    const root = rootName(target, src);
    const v = root ? contract.stateVariables.get(root) : undefined;
    return !!v && (v.isArray || v.isMapping);
  }
  if (target.type === 'identifier' && depth < 3) {
    const value = localValue(fn, textOf(src, target), src);
    return value ? fromAddressCollection(value, fn, contract, depth + 1) : false;
  }
  return false;
}

/** The value a local is declared with, or first assigned. */
function localValue(fn: FunctionModel, name: string, src: string): SyntaxNode | null {
  if (!fn.body) return null;
  for (const stmt of findAll(fn.body, 'variable_declaration_statement')) {
    const decl = stmt.children.find((c) => c.type === 'variable_declaration');
    if (decl?.fields.name && textOf(src, decl.fields.name) === name && stmt.fields.value) return stmt.fields.value;
  }
  for (const asg of findAll(fn.body, 'assignment_expression')) {
    const left = asg.fields.left ? unparen(asg.fields.left) : null;
    if (left?.type === 'identifier' && textOf(src, left) === name && asg.fields.right) return asg.fields.right;
  }
  return null;
}

/** The call and the write sit in different branches of one `if`/ternary: never both executed. */
function exclusive(a: SyntaxNode, b: SyntaxNode): boolean {
  for (let p = a.parent; p; p = p.parent) {
    if (p.type !== 'if_statement' && p.type !== 'ternary_expression') continue;
    if (!(b.startIndex >= p.startIndex && b.endIndex <= p.endIndex)) continue;
    const branches = p.type === 'if_statement' ? p.children.filter((c) => c !== p.fields.condition) : p.children.slice(1);
    const ia = branches.findIndex((c) => a.startIndex >= c.startIndex && a.endIndex <= c.endIndex);
    const ib = branches.findIndex((c) => b.startIndex >= c.startIndex && b.endIndex <= c.endIndex);
    return ia >= 0 && ib >= 0 && ia !== ib;
  }
  return false;
}

function computeCandidates(ctx: AnalysisContext): ReentrancyCandidate[] {
  const out: ReentrancyCandidate[] = [];
  const seen = new Set<string>();
  const factsCache = new Map<ContractModel, ContractFacts>();
  for (const contract of ctx.contracts) {
    if (contract.kind === 'interface' || contract.kind === 'library') continue;
    for (const fn of contract.ownFunctions) {
      if (!fn.body || fn.kind === 'constructor') continue;
      if (fn.mutability === 'view' || fn.mutability === 'pure') continue;
      if (isGuardModifier(fn)) continue;
      const analysis = analyzeFunction(fn, contract);
      const ops = analysis.flattened;
      if (!ops.some((op) => op.kind === 'external-call')) continue;
      const facts = contractFacts(contract, factsCache);
      const seg = segments(fn, analysis, contract);
      const topIndex = new Map<Operation, number>();
      analysis.operations.forEach((op, i) => topIndex.set(op, i));
      // Where an operation sits in this function: itself, or the statement / modifier use that reaches it.
      const place = (j: number) => (ops[j]!.origin === fn ? ops[j]!.node : seg.anchor[j]!);
      const reported = new Set<ReentrancyKind>();
      for (let i = 0; i < ops.length; i++) {
        const op = ops[i]!;
        if (op.kind !== 'external-call') continue;
        const cls = callClass(op, fn, contract, ctx, facts);
        if (!cls) continue;
        if (lockedBefore(ops, i)) continue;
        const callKey = seg.key[i]!;
        const direct = op.origin === fn && topIndex.has(op);
        const readBefore = new Map<StateVariable, boolean>(); // variable -> read outside the call's segment
        const readInSegment = new Set<StateVariable>();
        const writtenBefore = new Set<string>();
        for (let j = 0; j < i; j++) {
          const r = ops[j]!;
          if (r.kind === 'state-read') {
            readBefore.set(r.variable, (readBefore.get(r.variable) ?? false) || seg.key[j] !== callKey);
            if (seg.key[j] === callKey) readInSegment.add(r.variable);
          } else if (r.kind === 'state-write') writtenBefore.add(slotText(r));
        }
        const stale: Array<{ op: Operation; variable: StateVariable }> = [];
        const late: Array<{ op: Operation; variable: StateVariable }> = [];
        let completeInSegment = false;
        for (let j = i + 1; j < ops.length; j++) {
          const w = ops[j]!;
          if (w.kind !== 'state-write' || w.variable.isConstant || w.variable.isImmutable) continue;
          // The same slot already updated before the call: the callee sees the new value.
          if (writtenBefore.has(slotText(w))) continue;
          // Different branches of one `if`: the write never follows the call.
          if (w.origin === op.origin && exclusive(op.node, w.node)) continue;
          if (exclusive(place(i), place(j))) continue;
          const inSegment = seg.key[j] === callKey;
          if (inSegment && readInSegment.has(w.variable)) completeInSegment = true;
          if (!direct && inSegment && !readBefore.get(w.variable)) {
            // Read and write inside the callee (or modifier) only: reported where it lives.
            continue;
          }
          if (readBefore.has(w.variable)) stale.push({ op: w, variable: w.variable });
          else late.push({ op: w, variable: w.variable });
        }
        // The callee (or modifier) holds a complete pattern of its own: reported there, not again here.
        if (!direct && completeInSegment) continue;
        let kind: ReentrancyKind | null = null;
        let vars: StateVariable[] = [];
        let write: Operation | null = null;
        let other: FunctionModel | undefined;
        if (cls === 'stipend') {
          // Only the plain stale-state pattern, on state that decided the payment (a check, the amount,
          // the recipient): with 2,300 gas nothing else is within reach.
          const decided = new Set<StateVariable>();
          for (let j = 0; j < i; j++) {
            const r = ops[j]!;
            if (r.kind === 'state-read' && isDecisiveRead(r.node, r.origin.contract.unit.text, [op.node])) decided.add(r.variable);
          }
          const decisive = stale.filter((x) => decided.has(x.variable));
          if (decisive.length > 0) {
            kind = 'stipend';
            vars = unique(decisive.map((x) => x.variable));
            write = decisive[0]!.op;
          }
        } else if (stale.length > 0) {
          kind = cls === 'contract' ? 'no-eth' : 'eth';
          vars = unique(stale.map((s) => s.variable));
          write = stale[0]!.op;
        } else if (late.length > 0 && cls !== 'contract') {
          for (const l of late) {
            const users = (facts.readWriters.get(l.variable) ?? []).filter((g) => g !== fn);
            if (users.length > 0) {
              kind = 'cross-function';
              vars = [l.variable];
              write = l.op;
              other = users[0];
              break;
            }
          }
          if (!kind) {
            for (const l of late) {
              const views = facts.viewReaders.get(l.variable) ?? [];
              if (views.length > 0) {
                kind = 'read-only';
                vars = [l.variable];
                write = l.op;
                other = views[0];
                break;
              }
            }
          }
        }
        let events: SyntaxNode[] | undefined;
        if (!kind && cls !== 'stipend' && direct && fn.body) {
          // Nothing stale, but events emitted after the call: a re-entrant call makes the log show
          // them out of order (or twice), which off-chain indexers and monitors believe.
          const after = findAll(fn.body, 'emit_statement').filter((e) => e.startIndex > op.node.endIndex && !exclusive(op.node, e));
          if (after.length > 0) {
            kind = 'events';
            events = after;
            write = op;
          }
        }
        if (!kind || !write) continue;
        // One finding per function and kind: the first call that opens the window; the fix is the same.
        if (reported.has(kind)) continue;
        const anchor = direct ? op.node : seg.anchor[i]!;
        const unit = anchor === op.node ? op.origin.contract.unit : fn.contract.unit;
        const key = `${unit.path}:${anchor.startIndex}:${anchor.endIndex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reported.add(kind);
        out.push({
          kind,
          anchor,
          unit,
          contract,
          fn,
          call: op,
          variables: vars,
          write,
          other,
          ...(events ? { events } : {}),
          noValue: cls !== 'eth',
          senderGuarded: analysis.senderGuarded,
        });
      }
    }
  }
  return out;
}

function unique<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** A short description of a candidate for messages. */
export function describe(c: ReentrancyCandidate): string {
  const src = c.call.origin.contract.unit.text;
  const callText = textOf(src, c.call.node).split('\n')[0]!.trim().slice(0, 80);
  const where = c.call.origin === c.fn ? '' : ` (in ${c.call.origin.kind === 'modifier' ? 'modifier' : 'function'} ${c.call.origin.name})`;
  const names = c.variables.map((v) => v.name).join(', ');
  return `\`${callText}\`${where} hands control to another contract before ${names} is updated (line ${c.write.node.startLine})`;
}

