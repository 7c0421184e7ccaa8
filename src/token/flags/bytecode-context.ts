/**
 * What every bytecode rule reads, computed once per contract: the facts `evm/interpreter.ts` collects per
 * external function, the storage layout the standard getters reveal, who is privileged, what the owner
 * writes and what the transfer path checks. Each flag's own decision is in its rule module
 * (`rules/*.ts`, its `bytecode.decide`); `bytecode.ts` builds this context and runs them.
 */
import { disassemble, dispatcher, OP, type Code } from '../../evm/disasm.js';
import { exploreFunction, slotKey, type FunctionFacts, type Val } from '../../evm/interpreter.js';
import { unknownFlags, type FlagEvidence, type FlagName, type TokenFlags } from '../types.js';
import { KNOWN_SELECTORS, SELECTOR, type SelectorRole } from './selectors.js';

export interface Layout {
  balances: string | null;
  /**
   * Every map that holds balances: those balanceOf reads keyed by the account and transfer writes (a
   * reflection token keeps two, `_rOwned` and `_tOwned`); `balances` is one of them.
   */
  balanceMaps: string[];
  allowances: string | null;
  totalSupply: string | null;
  owner: string | null;
}

/** A non-panic guard of the transfer path, with the function it is in. */
export interface PathGuard {
  f: FunctionFacts;
  g: FunctionFacts['guards'][number];
}

export interface BytecodeContext {
  code: Code;
  selectors: string[];
  functions: FunctionFacts[];
  /** Everything reachable from pc 0 that is not a dispatched function. */
  fallback: FunctionFacts;
  bySel: Map<string, FunctionFacts>;
  layout: Layout;
  flags: TokenFlags;
  /** Adds evidence to a flag, naming the function (selector and known signature). */
  ev(name: FlagName, f: FunctionFacts | null, detail: string): void;
  setFlag(name: FlagName, value: boolean | null): void;
  /** Every function was explored to the end: absence is then known (`absent` is false, else null). */
  complete: boolean;
  absent: false | null;
  /** The fallback DELEGATECALLs to a stored, fixed or returned address: a proxy, whose logic is elsewhere. */
  proxyCall: FunctionFacts['calls'][number] | undefined;
  /** Functions outside the standard ERC-20 / ownership surface, and those of them guarded by a caller check. */
  custom: FunctionFacts[];
  privileged: FunctionFacts[];
  /** transfer and transferFrom, when present. */
  transferPath: FunctionFacts[];
  /** The token's books (balances, allowances, totalSupply), and those plus the owner slot. */
  books: Set<string>;
  core: Set<string>;
  /**
   * Storage the transfer path itself keeps (reflected totals, fee counters, last-trade times): a check
   * against it is the transfer's own accounting, whatever else an owner may set.
   */
  transferKept: Set<string>;
  /** Storage a privileged non-standard function writes, with the first such function. */
  ownerWritten: Map<string, FunctionFacts>;
  guards: PathGuard[];
  /** The keys among `keys` the owner writes. */
  controlled(keys: string[]): string[];
  /** Functions whose known name has this role. */
  named(role: SelectorRole): FunctionFacts[];
  /** true when found; false when the transfer path was fully explored and it is absent; else null. */
  noneIf(found: boolean): boolean | null;
  /** A value computed once per contract and shared by the rules that need it (two flags of one loop). */
  memo<T>(key: string, compute: () => T): T;
}

export const roleOf = (f: FunctionFacts): SelectorRole | null => (f.selector ? (KNOWN_SELECTORS.get(f.selector)?.role ?? null) : null);
const isStandard = (f: FunctionFacts): boolean => {
  const role = roleOf(f);
  return role === 'standard' || role === 'ownership' || role === 'cap';
};
export const sigOf = (f: FunctionFacts): string | undefined => (f.selector ? KNOWN_SELECTORS.get(f.selector)?.signature : undefined);

/** A guard that checks the caller against storage: `msg.sender == owner`, `admins[msg.sender]`. */
export function callerGuards(f: FunctionFacts) {
  // A guard that turns listed callers away (`require(!claimed[msg.sender])`) restricts nobody to a role.
  return f.guards.filter((g) => !g.panic && g.cond.caller && g.cond.slots.length > 0 && !g.cond.ordered && !(g.cond.lit && g.stopsWhenSet === true));
}
export const isPrivileged = (f: FunctionFacts): boolean => callerGuards(f).length > 0;
/** A setter that checks an argument against a bound (`require(fee <= 500)`): the owner cannot set any value. */
export const boundsArgument = (f: FunctionFacts): boolean => f.guards.some((g) => !g.panic && g.cond.ordered && g.cond.args !== 0);
export const refKey = (v: Val): string | null => (v.ref ? slotKey(v.ref) : v.c !== null ? slotKey({ base: v.c, keys: [] }) : null);
export const isScalar = (key: string): boolean => !key.includes('[');
export const fromArgs = (v: Val | undefined): boolean => Boolean(v && v.args !== 0 && !v.caller);

function scalarLoads(f: FunctionFacts | undefined): string[] {
  return f ? f.loads.map((l) => refKey(l.slot)).filter((k): k is string => k !== null && isScalar(k)) : [];
}

function layoutOf(bySel: Map<string, FunctionFacts>): Layout {
  // balanceOf may read several maps keyed by the account (reflection tokens: `_isExcluded`, `_tOwned`,
  // `_rOwned`): prefer one that transfer() also writes.
  const keyed = bySel.get(SELECTOR.balanceOf)?.loads.filter((l) => l.slot.ref?.keys.length === 1 && (l.slot.ref.keys[0]!.args & 1) !== 0) ?? [];
  const written = new Set((bySel.get(SELECTOR.transfer)?.stores ?? []).map((s) => (s.slot.ref ? slotKey(s.slot.ref) : '')));
  const bal = keyed.find((l) => written.has(slotKey(l.slot.ref!))) ?? keyed[0];
  const alw = bySel.get(SELECTOR.allowance)?.loads.find((l) => l.slot.ref?.keys.length === 2);
  // totalSupply() may read a switch first (a deprecated token forwarding to its successor): the slot it
  // returns as is decides.
  const tsFn = bySel.get(SELECTOR.totalSupply);
  const tsLoads = [...new Set(scalarLoads(tsFn))];
  const tsReturned = [...new Set(tsFn?.returns.map((r) => r.from).filter((k): k is string => k !== undefined && isScalar(k)) ?? [])];
  const ownerFn = bySel.get(SELECTOR.owner) ?? bySel.get(SELECTOR.getOwner);
  const ownerRet = ownerFn?.returns.flatMap((r) => r.slots).find(isScalar) ?? scalarLoads(ownerFn)[0];
  const balances = bal?.slot.ref ? slotKey(bal.slot.ref) : null;
  const balanceMaps = [...new Set(keyed.map((l) => slotKey(l.slot.ref!)).filter((k) => written.has(k)))];
  return {
    balances,
    balanceMaps: balances && !balanceMaps.includes(balances) ? [balances, ...balanceMaps] : balanceMaps,
    allowances: alw?.slot.ref ? slotKey(alw.slot.ref) : null,
    totalSupply: tsLoads.length === 1 ? tsLoads[0]! : tsReturned.length === 1 ? tsReturned[0]! : null,
    owner: ownerRet ?? soleController(bySel) ?? null,
  };
}

/**
 * Without an owner() getter (old tokens name it `admin`, or keep it internal): the one stored address every
 * caller check compares `msg.sender` with, when there is exactly one.
 */
function soleController(bySel: Map<string, FunctionFacts>): string | null {
  const slots = new Set<string>();
  for (const f of bySel.values()) {
    for (const g of callerGuards(f)) for (const k of g.cond.slots) if (isScalar(k)) slots.add(k);
  }
  return slots.size === 1 ? [...slots][0]! : null;
}

export function describe(f: FunctionFacts): string {
  return sigOf(f) ?? `function ${f.selector ?? '(fallback)'}`;
}

export function hasOpcode(code: Code, op: number): boolean {
  return code.instrs.some((i) => i.op === op);
}

export function bytecodeContext(hex: string): BytecodeContext {
  const code = disassemble(hex);
  const entries = dispatcher(code);
  const functions = entries.map((e) => exploreFunction(code, e.entry, e.selector));
  const fallback = exploreFunction(code, 0, null, 0, new Set(entries.map((e) => e.entry)));
  const bySel = new Map(functions.map((f) => [f.selector!, f]));
  const layout = layoutOf(bySel);
  const flags = unknownFlags();
  const all = [...functions, fallback];
  const complete = all.every((f) => !f.truncated);
  const proxyCall = fallback.calls.find((c) => c.op === OP.DELEGATECALL && (c.target.slots.length > 0 || c.target.callResult || c.target.c !== null));

  const custom = functions.filter((f) => !isStandard(f));
  const privileged = custom.filter(isPrivileged);
  const transferPath = [bySel.get(SELECTOR.transfer), bySel.get(SELECTOR.transferFrom)].filter((f): f is FunctionFacts => f !== undefined);
  // The token's books: what transfers themselves keep.
  const books = new Set([layout.balances, ...layout.balanceMaps, layout.allowances, layout.totalSupply].filter((k): k is string => k !== null));
  // A second supply counter kept beside totalSupply (a reflection token's `_rTotal` next to `_tTotal`): a
  // scalar a function raises from itself in the same function that raises the supply from itself. It is
  // bookkeeping, like the supply; without this a transfer's `rAmount <= _rTotal` read as an owner switch.
  const ts = layout.totalSupply;
  const raisesItself = (st: FunctionFacts['stores'][number], k: string) => st.value.viaAdd && st.value.slots.includes(k);
  for (const f of functions) {
    if (!ts || !f.stores.some((st) => refKey(st.slot) === ts && raisesItself(st, ts))) continue;
    for (const st of f.stores) {
      const k = refKey(st.slot);
      if (k && k !== ts && isScalar(k) && raisesItself(st, k)) books.add(k);
    }
  }
  const core = new Set([...books, ...(layout.owner ? [layout.owner] : [])]);
  // Storage an owner controls: written by a privileged non-standard function. The owner slot counts only
  // when it is not an ownership change (a packed `paused` flag shares the owner's slot in OpenZeppelin 5).
  const ownerWritten = new Map<string, FunctionFacts>();
  for (const f of privileged) {
    for (const s of f.stores) {
      const k = refKey(s.slot);
      if (!k || books.has(k) || ownerWritten.has(k)) continue;
      if (k === layout.owner && (s.value.args !== 0 || s.value.caller)) continue;
      ownerWritten.set(k, f);
    }
  }
  const haveTransfer = transferPath.length > 0;
  const transferKept = new Set(transferPath.flatMap((f) => f.stores.map((x) => refKey(x.slot)).filter((k): k is string => k !== null)));
  const cache = new Map<string, unknown>();
  return {
    code,
    selectors: entries.map((e) => e.selector),
    functions,
    fallback,
    bySel,
    layout,
    flags,
    ev(name, f, detail) {
      const e: FlagEvidence = { from: 'bytecode', detail };
      if (f?.selector) e.selector = f.selector;
      const sig = f ? sigOf(f) : undefined;
      if (sig) e.signature = sig;
      flags[name].evidence.push(e);
    },
    setFlag(name, value) {
      flags[name].value = value;
    },
    complete,
    absent: complete ? false : null,
    proxyCall,
    custom,
    privileged,
    transferPath,
    books,
    transferKept,
    core,
    ownerWritten,
    guards: transferPath.flatMap((f) => f.guards.filter((g) => !g.panic).map((g) => ({ f, g }))),
    controlled: (keys) => keys.filter((k) => ownerWritten.has(k)),
    named: (role) => functions.filter((f) => roleOf(f) === role),
    noneIf: (found) => (found ? true : haveTransfer && complete ? false : null),
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
