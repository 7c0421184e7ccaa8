/**
 * What every source rule reads about the token contract, computed once: its entry points, the state the
 * standard getters read (balances, allowances, supply, owner), who is privileged, what the owner writes and
 * what the transfer path checks, with the model helpers the rules share. Each flag's own decision is in its
 * rule module (`rules/*.ts`, its `source.decide`); `source.ts` builds this context and runs them.
 */
import { analyzeFunction } from '../../solidity/model/operations.js';
import { callArguments, calleeName, isMsgSender } from '../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel, Operation, StateVariable } from '../../solidity/model/types.js';
import { findAll, textOf, unparen, type SyntaxNode } from '../../solidity/parse/syntax.js';
import type { FlagName, TokenFlags } from '../types.js';
import { ROLE_BY_NAME, type SelectorRole } from './selectors.js';

export const isLibraryCode = (fn: FunctionModel): boolean => /node_modules|@openzeppelin/.test(fn.contract.unit.path);
export const roleByName = (fn: FunctionModel): SelectorRole | null => ROLE_BY_NAME.get(fn.name) ?? null;
export const isStandard = (fn: FunctionModel): boolean => ['standard', 'ownership', 'cap'].includes(roleByName(fn) ?? '');

/** An operation of the transfer path, with the transfer function it was reached from. */
export interface PathOp {
  f: FunctionModel;
  o: Operation;
}

/** A guard of the transfer path (each syntax node once), with what it reads. */
export interface SourceGuard {
  f: FunctionModel;
  o: Extract<Operation, { kind: 'guard' }>;
  src: string;
  /** State variables the condition reads, directly or through a view function. */
  vars: StateVariable[];
  /** Of those and of the enclosing `if`s' (unless the guard is bookkeeping), the ones the owner writes. */
  controlled: StateVariable[];
  /** The condition's text. */
  cond: string;
}

export class SourceContext {
  readonly fns: FunctionModel[];
  readonly byName = new Map<string, FunctionModel>();
  readonly balances: StateVariable | null;
  readonly allowances: StateVariable | null;
  readonly supply: StateVariable | null;
  readonly owner: StateVariable | null;
  /**
   * Every mapping that holds balances: the ones balanceOf reads that the transfer path writes (a reflection
   * token keeps `_rOwned` and `_tOwned`); `balances` is one of them.
   */
  readonly balanceVars: StateVariable[];
  /** The token's books: balances, allowances, supply. */
  readonly books: Set<StateVariable>;
  private readonly cache = new Map<string, unknown>();

  constructor(
    readonly c: ContractModel,
    readonly flags: TokenFlags,
    /** Library functions attached with `using for`: internal code, not external calls. */
    readonly libraryFns: ReadonlySet<string> = new Set(),
  ) {
    this.fns = c.functions.filter((f) => f.isEntryPoint);
    for (const f of this.fns) if (!this.byName.has(f.name)) this.byName.set(f.name, f);
    this.balances = this.readBy('balanceOf', true, /=>\s*uint/);
    this.allowances = this.readBy('allowance', true);
    // totalSupply() may test a switch first (a deprecated token forwarding to its successor): the supply is a number.
    this.supply = this.readBy('totalSupply', false, /^uint/) ?? this.readBy('totalSupply', false);
    this.owner = this.readBy('owner', false) ?? this.readBy('getOwner', false) ?? this.ownerFromGuards();
    const balanceOf = this.byName.get('balanceOf');
    const read = balanceOf ? this.reachable(balanceOf).filter((o) => o.kind === 'state-read' && o.variable.isMapping && !o.variable.isConstant).map((o) => (o as Extract<Operation, { kind: 'state-read' }>).variable) : [];
    const written = new Set(this.transferFns.flatMap((f) => this.reachable(f)).filter((o) => o.kind === 'state-write').map((o) => (o as Extract<Operation, { kind: 'state-write' }>).variable));
    this.balanceVars = [...new Set([...(this.balances ? [this.balances] : []), ...read.filter((v) => written.has(v) && /=>\s*uint/.test(v.typeText))])];
    this.books = new Set([...this.balanceVars, this.allowances, this.supply].filter((v): v is StateVariable => v !== null));
  }

  /**
   * Balances written through inline assembly on a slot computed from a balance mapping's `.slot`
   * (`mstore(0, account) mstore(32, _balances.slot) sstore(keccak256(0, 64), v)`): whether the value adds to
   * what was there (`add(sload(s), v)`, a credit) or replaces it, and whether the account is a parameter.
   */
  assemblyBalanceWrites(f: FunctionModel): Array<{ node: SyntaxNode; kind: 'set' | 'add'; keyedByParam: boolean; variable: StateVariable }> {
    const out: Array<{ node: SyntaxNode; kind: 'set' | 'add'; keyedByParam: boolean; variable: StateVariable }> = [];
    if (!f.body) return out;
    const src = f.contract.unit.text;
    for (const block of findAll(f.body, 'assembly_statement')) {
      const text = textOf(src, block);
      if (!/\bsstore\s*\(/.test(text)) continue;
      const variable = this.balanceVars.find((v) => new RegExp(`\\b${v.name}\\s*\\.\\s*(slot|_slot)\\b|\\b${v.name}_slot\\b`).test(text));
      if (!variable) continue;
      const key = /mstore\s*\(\s*0(?:x0+)?\s*,\s*([A-Za-z_$][\w$]*)\s*\)/.exec(text)?.[1];
      const keyedByParam = key !== undefined && f.params.some((p) => p.name === key);
      const kind = /sstore\s*\([^,]+,\s*add\s*\(\s*sload\s*\(/.test(text) ? 'add' : 'set';
      out.push({ node: block, kind, keyedByParam, variable });
    }
    return out;
  }

  /** A value computed once per contract and shared by the rules that need it (two flags of one loop). */
  memo<T>(key: string, compute: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, compute());
    return this.cache.get(key) as T;
  }

  ops(fn: FunctionModel): Operation[] {
    return analyzeFunction(fn, this.c).flattened;
  }

  set(flag: FlagName, value: boolean | null): void {
    this.flags[flag].value = value;
  }

  ev(flag: FlagName, fn: FunctionModel | null, node: SyntaxNode | null, detail: string, origin?: FunctionModel): void {
    const where = origin ?? fn;
    this.flags[flag].evidence.push({
      from: 'source',
      ...(fn ? { signature: `${fn.name}(${fn.params.map((p) => p.typeText).join(',')})` } : {}),
      ...(where ? { file: where.contract.unit.path } : {}),
      ...(node ? { line: node.startLine } : {}),
      detail,
    });
  }

  /** A proxy base contract, or delegatecalls in the fallback: then the token's logic is in an implementation. */
  get proxyFacts(): { base: ContractModel | undefined; delegating: Operation[] } {
    return this.memo('proxy', () => ({
      base: this.c.linearized.find((b) => /^(ERC1967Proxy|TransparentUpgradeableProxy|BeaconProxy|Proxy|UpgradeableProxy)$/.test(b.name)),
      delegating: this.c.functions.filter((f) => f.kind === 'fallback').flatMap((f) => this.ops(f).filter((o) => (o.kind === 'external-call' && o.call.kind === 'delegatecall') || (o.kind === 'assembly' && o.builtin === 'delegatecall'))),
    }));
  }

  /** Entry points outside the standard ERC-20 / ownership surface. */
  get custom(): FunctionModel[] {
    return this.memo('custom', () => this.fns.filter((f) => !isStandard(f) && f.kind === 'function'));
  }

  /** Of those, the ones restricted to privileged callers. */
  get privileged(): FunctionModel[] {
    return this.memo('privileged', () => this.custom.filter((f) => analyzeFunction(f, this.c).senderGuarded || this.guardsContextSender(f) || this.guardsPassedSender(f)));
  }

  /**
   * A guard on OpenZeppelin's `_msgSender()` (Context: the caller, or the forwarded one) that picks callers:
   * `owner() == _msgSender()`, `_keepers[_msgSender()]`, `isPauser(_msgSender())`, `hasRole(R, _msgSender())`;
   * not an amount check such as `balanceOf(_msgSender()) >= v`.
   */
  private guardsContextSender(f: FunctionModel): boolean {
    return this.ops(f).some((o) => {
      if (o.kind !== 'guard') return false;
      const t = textOf(o.origin.contract.unit.text, o.condition).replace(/\s+/g, '');
      if (!t.includes('_msgSender()')) return false;
      return /(==|!=)_msgSender\(\)|_msgSender\(\)(==|!=)/.test(t) || /^!?[\w.]+\[_msgSender\(\)\]$/.test(t) || /^!?[\w.]+\((?:[\w.]+,)?_msgSender\(\)\)$/.test(t);
    });
  }

  /**
   * A caller check one call deep, where the caller arrives as an argument: OpenZeppelin 4's `onlyRole(R)`
   * runs `_checkRole(R, _msgSender())`, whose guard is `hasRole(role, account)` on its own parameter. The
   * guard picks callers when the parameter it tests is the one given `_msgSender()` or `msg.sender`.
   */
  private guardsPassedSender(f: FunctionModel): boolean {
    return this.ops(f).some((o) => {
      if (o.kind !== 'internal-call') return false;
      const src = o.origin.contract.unit.text;
      const k = callArguments(o.node).findIndex((a) => /^(_msgSender\(\)|msg\.sender)$/.test(textOf(src, a).replace(/\s+/g, '')));
      const p = k >= 0 ? o.target.params[k]?.name : undefined;
      if (!p) return false;
      const tsrc = o.target.contract.unit.text;
      const picks = new RegExp(`(==|!=)${p}$|^!?${p}(==|!=)|^!?[\\w.]+\\[${p}\\]$|^!?[\\w.]+\\((?:[\\w.]+,)?${p}\\)$`);
      return this.ops(o.target).some((g) => g.kind === 'guard' && g.origin === o.target && picks.test(textOf(tsrc, g.condition).replace(/\s+/g, '')));
    });
  }

  /** transfer and transferFrom, when present. */
  get transferFns(): FunctionModel[] {
    return this.memo('transferFns', () => ['transfer', 'transferFrom'].map((n) => this.byName.get(n)).filter((f): f is FunctionModel => f !== undefined));
  }

  /** Every operation the transfer functions reach, at any depth. */
  get pathOps(): PathOp[] {
    return this.memo('pathOps', () => this.transferFns.flatMap((f) => this.reachable(f).map((o) => ({ f, o }))));
  }

  /** State a privileged function writes (the books aside, and the owner when it is an ownership change), with the first writer. */
  get ownerWritten(): Map<StateVariable, FunctionModel> {
    return this.memo('ownerWritten', () => {
      const out = new Map<StateVariable, FunctionModel>();
      for (const f of this.privileged) {
        for (const o of this.ops(f)) {
          if (o.kind !== 'state-write' || this.books.has(o.variable) || out.has(o.variable)) continue;
          if (o.variable === this.owner && /msg\.sender|_msgSender|newOwner/.test(rhsText(o.node, o.origin) ?? '')) continue;
          out.set(o.variable, f);
        }
      }
      return out;
    });
  }

  /** true when found; false when there is a transfer path to look at and it is absent; else null. */
  noneIf(found: boolean): boolean | null {
    return found ? true : this.transferFns.length > 0 ? false : null;
  }

  /** The transfer path's guards, each once, with the state they read and the part of it the owner writes. */
  get guards(): SourceGuard[] {
    return this.memo('guards', () => {
      const out: SourceGuard[] = [];
      const seen = new Set<SyntaxNode>();
      for (const { f, o } of this.pathOps) {
        if (o.kind !== 'guard' || seen.has(o.node)) continue;
        seen.add(o.node);
        const src = o.origin.contract.unit.text;
        const vars = this.varsIn(o.condition, o.origin);
        const bookkeeping = vars.some((v) => this.books.has(v));
        // Conditions of the `if`s around the guard count too (`if (from != owner) require(...)`), unless the
        // guard is the token's own bookkeeping.
        const around = bookkeeping ? [] : enclosingConditions(o.node).flatMap((n) => this.varsIn(n, o.origin));
        const controlled = [...new Set([...vars, ...around])].filter((v) => this.ownerWritten.has(v));
        out.push({ f, o, src, vars, controlled, cond: textOf(src, o.condition) });
      }
      return out;
    });
  }

  /** Custom functions whose name has this role (names add what structure cannot see). */
  named(role: SelectorRole): FunctionModel[] {
    return this.custom.filter((f) => roleByName(f) === role);
  }

  /** The state variable a getter reads (`balanceOf` → `_balances`). */
  private readBy(name: string, mapping: boolean, type: RegExp = /./): StateVariable | null {
    const fn = this.byName.get(name);
    if (!fn) {
      // A public state variable is its own getter (`mapping(address => uint) public balanceOf`).
      const v = this.c.stateVariables.get(name);
      return v && v.visibility === 'public' && v.isMapping === mapping ? v : null;
    }
    const read = this.ops(fn).find((o) => o.kind === 'state-read' && o.variable.isMapping === mapping && !o.variable.isConstant && type.test(o.variable.typeText));
    return read && read.kind === 'state-read' ? read.variable : null;
  }

  /**
   * The operations of `fn` and of every internal function it reaches, at any depth (SafeMoon's fee sits six
   * calls below `transfer`; the model inlines four), each function's own code once.
   */
  reachable(fn: FunctionModel): Operation[] {
    const out: Operation[] = [];
    const seen = new Set<FunctionModel>();
    const queue = [fn];
    while (queue.length > 0) {
      const f = queue.shift()!;
      if (seen.has(f)) continue;
      seen.add(f);
      const a = analyzeFunction(f, this.c);
      out.push(...a.operations);
      queue.push(...a.callees);
    }
    return out;
  }

  /** A write in `helper`'s own code that lowers or sets `balances[p]`, `p` bound to a parameter of `f`. */
  helperTakes(helper: FunctionModel, args: SyntaxNode[], f: FunctionModel, balances: StateVariable): SyntaxNode | null {
    for (const o of analyzeFunction(helper, this.c).operations) {
      if (o.kind !== 'state-write' || o.variable !== balances || o.origin !== helper) continue;
      const n = unparen(o.node);
      const index = n.type === 'array_access' && n.fields.index ? unparen(n.fields.index) : null;
      if (!index || index.type !== 'identifier') continue;
      const at = helper.params.findIndex((p) => p.name === textOf(helper.contract.unit.text, index));
      if (at < 0 || !args[at] || !isParamOf(args[at], f)) continue;
      if (writeKind(o.node, helper) !== 'add') return o.node;
    }
    return null;
  }

  /** The list is read negated in the condition: `!list[a]`, `list[a] == false`, `!isListed(a)`. */
  listNegated(cond: SyntaxNode, v: StateVariable, origin: FunctionModel): boolean {
    const src = origin.contract.unit.text;
    const reads = (n: SyntaxNode) => new RegExp(`^${v.name}\\b`).test(textOf(src, n)) || (n.type === 'call_expression' && this.varsIn(n, origin).includes(v));
    for (const u of findAll(cond, 'unary_expression')) {
      if (u.tokens.operator === '!' && u.fields.argument && reads(unparen(u.fields.argument))) return true;
    }
    for (const b of findAll(cond, 'binary_expression')) {
      const [l, r] = [b.fields.left, b.fields.right];
      if (!l || !r) continue;
      const op = b.tokens.operator ?? src.slice(l.endIndex, r.startIndex).trim();
      const lit = textOf(src, unparen(r)).trim();
      if (reads(unparen(l)) && ((op === '==' && lit === 'false') || (op === '!=' && lit === 'true'))) return true;
    }
    return false;
  }

  /** The owner can turn the switch both ways: with a value it is given, or with both constants. */
  twoWay(v: StateVariable, privileged: FunctionModel[]): boolean {
    const values = new Set<string>();
    for (const f of privileged) {
      for (const o of this.ops(f)) if (o.kind === 'state-write' && o.variable === v) values.add((rhsText(o.node, o.origin) ?? '?').trim());
    }
    return [...values].some((x) => x !== 'true' && x !== 'false') || values.size > 1;
  }

  /** A public variable, or one a view function returns as is. */
  exposed(v: StateVariable): boolean {
    if (v.visibility === 'public') return true;
    const re = new RegExp(`return\\s*\\(?\\s*${v.name}\\s*\\)?\\s*;`);
    return this.fns.some((f) => (f.mutability === 'view' || f.mutability === 'pure') && f.body !== null && re.test(textOf(f.contract.unit.text, f.body)));
  }

  /** Without an owner() getter: the address `transferOwnership` or `onlyOwner` checks the caller against. */
  ownerFromGuards(): StateVariable | null {
    const fn = this.byName.get('transferOwnership') ?? this.byName.get('renounceOwnership');
    if (fn) {
      for (const o of this.ops(fn)) {
        if (o.kind !== 'guard') continue;
        const v = this.varsIn(o.condition, o.origin).find((x) => /^address/.test(x.typeText) && !x.isMapping);
        if (v) return v;
      }
    }
    return this.c.stateVariables.get('owner') ?? this.c.stateVariables.get('_owner') ?? null;
  }

  /** State variables a condition mentions, directly or through a view function it calls (`paused()`). */
  varsIn(node: SyntaxNode, origin: FunctionModel): StateVariable[] {
    const src = origin.contract.unit.text;
    const out = new Set<StateVariable>();
    const locals = new Set(analyzeFunction(origin, this.c).locals);
    for (const id of findAll(node, 'identifier')) {
      const name = textOf(src, id);
      const v = locals.has(name) ? undefined : this.c.stateVariables.get(name);
      if (v) out.add(v);
    }
    for (const call of findAll(node, 'call_expression')) {
      const name = calleeName(call, src);
      const target = name ? this.c.functions.find((f) => f.name === name && f.body && (f.mutability === 'view' || f.mutability === 'pure')) : undefined;
      if (!target) continue;
      for (const o of this.ops(target)) if (o.kind === 'state-read') out.add(o.variable);
    }
    return [...out];
  }
}

export function isZeroAddress(node: SyntaxNode | undefined, origin: FunctionModel): boolean {
  return node !== undefined && /^address\(\s*0(x0+)?\s*\)$/.test(textOf(origin.contract.unit.text, unparen(node)).trim());
}

/** A parameter of `origin` (and not the caller): `from` in `rescue(address from, ...)`. */
export function isParamOf(node: SyntaxNode, origin: FunctionModel): boolean {
  const n = unparen(node);
  const src = origin.contract.unit.text;
  if (isMsgSender(n, src)) return false;
  return n.type === 'identifier' && origin.params.some((p) => p.name === textOf(src, n));
}

/** `_balances[holder]` with `holder` a parameter; `outer` for `_allowances[holder][spender]`. */
export function indexIsParam(lvalue: SyntaxNode, origin: FunctionModel, outer = false): boolean {
  let n = unparen(lvalue);
  if (outer) while (n.type === 'array_access' && n.fields.base && unparen(n.fields.base).type === 'array_access') n = unparen(n.fields.base);
  return n.type === 'array_access' && n.fields.index !== undefined && isParamOf(n.fields.index, origin);
}

export function assignmentOf(lvalue: SyntaxNode): SyntaxNode | null {
  const p = lvalue.parent;
  return p && (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.fields.left === lvalue ? p : null;
}

export function rhsText(lvalue: SyntaxNode, origin: FunctionModel): string | null {
  const a = assignmentOf(lvalue);
  return a?.fields.right ? textOf(origin.contract.unit.text, a.fields.right) : null;
}

/** How a write changes the value: `+=` or `x = y + z` add, `-=` or `x = y - z` subtract, else set. */
export function writeKind(lvalue: SyntaxNode, origin: FunctionModel): 'add' | 'sub' | 'set' {
  const a = assignmentOf(lvalue);
  if (!a) return 'set';
  // The grammar does not name the operator token: read it between the two sides.
  const src = origin.contract.unit.text;
  const op = a.tokens.operator ?? (a.fields.left && a.fields.right ? src.slice(a.fields.left.endIndex, a.fields.right.startIndex).trim() : '=');
  if (op === '+=') return 'add';
  if (op === '-=') return 'sub';
  const rhs = a.fields.right ? unparen(a.fields.right) : null;
  if (rhs?.type === 'binary_expression') {
    const bop = rhs.tokens.operator ?? (rhs.fields.left && rhs.fields.right ? src.slice(rhs.fields.left.endIndex, rhs.fields.right.startIndex).trim() : '');
    if (bop === '+') return 'add';
    if (bop === '-') return 'sub';
  }
  // SafeMath: `x = x.add(y)`, `x = x.sub(y)`.
  // `safeAdd(x, y)`, `add(x, y)`, `x.add(y)` (SafeMath in its library and function forms).
  const method = rhs?.type === 'call_expression' ? (calleeName(rhs, src) ?? '') : '';
  if (/^(safe_?)?add$|^tryAdd$|Add$/i.test(method)) return 'add';
  if (/^(safe_?)?sub$|^trySub$|Sub$/i.test(method)) return 'sub';
  return 'set';
}

export function rhsReads(lvalue: SyntaxNode, name: string, origin: FunctionModel): boolean {
  return new RegExp(`\\b${name}\\b`).test(rhsText(lvalue, origin) ?? '');
}

/** The assigned value mentions a parameter of the function (`_balances[h] = amount`, not `= 0`). */
export function rhsUsesParam(lvalue: SyntaxNode, origin: FunctionModel): boolean {
  const a = assignmentOf(lvalue);
  if (!a?.fields.right) return false;
  const src = origin.contract.unit.text;
  const names = new Set(origin.params.map((p) => p.name).filter((n): n is string => n !== null));
  return findAll(a.fields.right, 'identifier').some((id) => names.has(textOf(src, id)));
}

/** `_owner = _previousOwner`: the owner restored from another stored address. */
export function rhsStateVar(lvalue: SyntaxNode, origin: FunctionModel, c: ContractModel, owner: StateVariable): boolean {
  const a = assignmentOf(lvalue);
  const rhs = a?.fields.right ? unparen(a.fields.right) : null;
  if (!rhs || rhs.type !== 'identifier') return false;
  const v = c.stateVariables.get(textOf(origin.contract.unit.text, rhs));
  return v !== undefined && v !== owner && /^address/.test(v.typeText);
}

/** Conditions of the `if` statements that enclose `node` inside its function. */
export function enclosingConditions(node: SyntaxNode, thenOnly = false): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = node.parent, child: SyntaxNode = node; n && n.type !== 'function_definition' && n.type !== 'modifier_definition'; child = n, n = n.parent) {
    if (n.type === 'if_statement' && n.fields.condition && n.fields.condition !== child && (!thenOnly || n.fields.body === child)) out.push(n.fields.condition);
  }
  return out;
}

/** A setter that checks one of its parameters against a bound (`require(fee <= 500)`): the owner cannot set any value. */
export function boundsParam(ctx: SourceContext, f: FunctionModel): boolean {
  return ctx.ops(f).some((o) => o.kind === 'guard' && /[<>]/.test(textOf(o.origin.contract.unit.text, o.condition)) && f.params.some((p) => p.name && new RegExp(`\\b${p.name}\\b`).test(textOf(o.origin.contract.unit.text, o.condition))));
}

/** `a + b > a`, `a + b >= a`: a comparison whose two sides share a variable (an overflow check, not a limit). */
export function isOverflowCheck(cond: SyntaxNode, src: string): boolean {
  const n = unparen(cond);
  if (n.type !== 'binary_expression' || !n.fields.left || !n.fields.right) return false;
  const op = n.tokens.operator ?? src.slice(n.fields.left.endIndex, n.fields.right.startIndex).trim();
  if (!/^[<>]=?$/.test(op)) return false;
  const ids = (x: SyntaxNode) => new Set(findAll(x, 'identifier').map((i) => textOf(src, i)));
  const right = ids(n.fields.right);
  return [...ids(n.fields.left)].some((i) => right.has(i));
}

/** `if (ok) return doIt();` with no else: the `if` is the way through, not a failure (`return false` after it). */
export function allowsThrough(ifs: SyntaxNode, src: string): boolean {
  const body = ifs.fields.body;
  if (!body || ifs.children.some((c) => c.type === 'else' || textOf(src, c) === 'else')) return false;
  const t = textOf(src, body).replace(/^\{|\}$/g, '').trim();
  const m = /^return\s+(.+?);?$/s.exec(t);
  return m !== null && !/^(false|0)$/.test(m[1]!.trim()) && /\(/.test(m[1]!);
}

/** Inside `a * b`, `a / b`, or SafeMath's `a.mul(b)` / `a.div(b)`. */
export function inProduct(node: SyntaxNode, src: string): boolean {
  for (let n = node.parent; n && n.type !== 'expression_statement' && !n.type.endsWith('_statement'); n = n.parent) {
    if (n.type === 'binary_expression' && n.fields.left && n.fields.right && /^[*/]$/.test(n.tokens.operator ?? src.slice(n.fields.left.endIndex, n.fields.right.startIndex).trim())) return true;
    if (n.type === 'call_expression' && /^(mul|div)$/.test(calleeName(n, src) ?? '')) return true;
  }
  return false;
}

/** `uint rate = cond ? sellTax : buyTax; ... value * rate`: the local is used in a product. */
export function usedInProductViaLocal(node: SyntaxNode, origin: FunctionModel): boolean {
  let decl: SyntaxNode | null = node.parent;
  while (decl && decl.type !== 'variable_declaration_statement' && !decl.type.endsWith('_statement')) decl = decl.parent;
  if (!decl || decl.type !== 'variable_declaration_statement' || !origin.body) return false;
  const v = decl.children.find((ch) => ch.type === 'variable_declaration')?.fields.name;
  if (!v) return false;
  const src = origin.contract.unit.text;
  const local = textOf(src, v);
  return findAll(origin.body, 'identifier').some((id) => textOf(src, id) === local && id !== v && inProduct(id, src));
}
