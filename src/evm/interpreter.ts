/**
 * A small abstract interpreter over runtime bytecode, run once per external function from the entry the
 * dispatcher jumps to. It follows every path (both sides of each JUMPI unless the condition is a known
 * constant), tracking on the stack and in memory only what the flag rules need:
 *   - constants (jump targets, storage slots, event topics, the zero address), with arithmetic folded;
 *   - where a value comes from: the caller, which calldata arguments, which storage slots, the timestamp;
 *   - storage addresses: a fixed slot, or a mapping entry `keccak(key . slot)` with its keys;
 *   - how it was computed: by an addition, a subtraction, an ordered comparison.
 * That is enough to see, per function, "emits Transfer from the zero address", "writes balances[arg] with
 * a value not derived from it", "reverts unless the caller equals the owner slot", without a solver.
 * Paths are merged by program counter and the jump targets on the stack (internal-call return addresses),
 * so loops end; a step budget bounds the rest and is reported (`truncated`).
 */
import { arity, OP, type Code } from './disasm.js';

/** Where a storage address points: a fixed slot, or a mapping entry under `base` with its keys, inner first. */
export interface SlotRef {
  base: bigint;
  keys: Val[];
}

export interface Val {
  c: bigint | null;
  caller: boolean;
  /** Bit i: derived from calldata argument i. */
  args: number;
  /** Keys (`slotKey`) of the storage slots read into this value. */
  slots: string[];
  timestamp: boolean;
  /** The value is a storage address. */
  ref?: SlotRef;
  viaAdd: boolean;
  viaSub: boolean;
  /** A product or quotient of two unknowns (`c / a == b` is SafeMath's multiplication check). */
  viaMul?: boolean;
  /** Went through a comparison with a constant (a cap in code or an immutable). */
  vsConst?: boolean;
  /** Went through LT/GT/SLT/SGT. */
  ordered: boolean;
  /** The return value of an external call (returndata or the call's success). */
  callResult: boolean;
  /** The value is the content of this storage slot (possibly masked or shifted). */
  from?: string;
  /** Slots whose content is an additive term of the value (`last[from] + cooldown`). */
  terms?: string[];
  /** Slots whose content was compared or tested for zero on the way to this value. */
  tested: string[];
  /** The value is calldata argument `pure` itself (possibly masked). */
  pure?: number;
  /** The value is a zero test of argument `arg` (non-zero iff the argument is zero, or the opposite when `neg`). */
  zt?: { arg: number; neg: boolean };
  /**
   * The value is the truth of storage slot `key` (non-zero iff the slot's content is, or the opposite when
   * `neg`): `frozen[from]`, `!paused`, `list[to] == false`. Gives a guard its polarity.
   */
  lit?: { key: string; neg: boolean };
  /** Went through ISZERO: a boolean (solc cleans a `bool` argument with `iszero(iszero(x))`). */
  boolish?: boolean;
  /** An OR with this non-zero constant: bits set in a packed slot (`open = true` beside other fields). */
  orConst?: bigint;
}

const MASK = (1n << 256n) - 1n;
const TOP: Val = { c: null, caller: false, args: 0, slots: [], tested: [], timestamp: false, viaAdd: false, viaSub: false, ordered: false, callResult: false };
const konst = (c: bigint): Val => ({ ...TOP, c: c & MASK });

/** `5` for slot 5, `5[]` for a mapping at slot 5, `5[][]` for a nested one. */
export function slotKey(ref: SlotRef): string {
  return `${ref.base.toString(16)}${'[]'.repeat(ref.keys.length)}`;
}

const union = (a: string[], b: string[]): string[] => (a.length === 0 ? b : b.length === 0 ? a : [...new Set([...a, ...b])]);

function merge(a: Val, b: Val): Val {
  return {
    c: null,
    caller: a.caller || b.caller,
    args: a.args | b.args,
    slots: union(a.slots, b.slots),
    tested: union(a.tested, b.tested),
    timestamp: a.timestamp || b.timestamp,
    viaAdd: a.viaAdd || b.viaAdd,
    viaSub: a.viaSub || b.viaSub,
    viaMul: a.viaMul || b.viaMul,
    vsConst: a.vsConst || b.vsConst,
    boolish: a.boolish || b.boolish,
    ordered: a.ordered || b.ordered,
    callResult: a.callResult || b.callResult,
  };
}

export interface Guard {
  pc: number;
  cond: Val;
  /** Slots tested by the branches the path took to reach the guard. */
  path: string[];
  /** The revert is a Panic (overflow, division by zero, array bounds): not a business rule. */
  panic: boolean;
  /**
   * For a guard on the truth of a storage slot (`cond.lit`): whether it stops the call when that slot is set
   * (a blocklist, a lock) rather than when it is unset (an allowlist, an `enabled` switch).
   */
  stopsWhenSet?: boolean;
  /** The failing side returns `false` (no revert): the call does nothing, as old tokens did. */
  soft?: boolean;
}

export interface Store {
  pc: number;
  slot: Val;
  value: Val;
  /** Storage read so far on the path (slot keys), e.g. whether an allowance was looked at first. */
  readBefore: ReadonlySet<string>;
}

export interface FunctionFacts {
  selector: string | null;
  entry: number;
  /** Conditions of JUMPIs with one side that reverts. */
  guards: Guard[];
  stores: Store[];
  loads: Array<{ pc: number; slot: Val }>;
  logs: Array<{ pc: number; topics: Val[] }>;
  calls: Array<{ pc: number; op: number; target: Val }>;
  /** Operands of MUL/DIV: where fees are computed. */
  products: Val[];
  /** Values returned (the first word of RETURN data, when it sits at a known memory offset). */
  returns: Val[];
  selfdestruct: number[];
  /**
   * The paths that end without reverting (STOP, RETURN): the storage each read and the SSTOREs (pcs) each
   * made. A check made after an effect still binds it (a revert undoes the effect), so whether a write was
   * checked is told by the path that completes, not by what was read before the write.
   */
  exits: Array<{ pc: number; read: ReadonlySet<string>; stored: readonly number[] }>;
  reached: Set<number>;
  truncated: boolean;
}

interface State {
  pc: number;
  stack: Val[];
  mem: Map<bigint, Val>;
  /** What the path's branches established: argument i is zero (true) or not (false). */
  known: Map<number, boolean>;
  /** Slots tested by the branches taken so far. */
  path: string[];
  /** Slots read so far on this path. */
  read: Set<string>;
  /** SSTOREs (pcs) made so far on this path. */
  stored: number[];
}

const STEP_BUDGET = 60_000;

/** Explores the function entered at `entry` (with `stackDepth` unknown items, e.g. the selector, below). */
export function exploreFunction(code: Code, entry: number, selector: string | null, stackDepth = 1, skip: ReadonlySet<number> = new Set()): FunctionFacts {
  const facts: FunctionFacts = { selector, entry, guards: [], stores: [], loads: [], logs: [], calls: [], products: [], returns: [], selfdestruct: [], exits: [], reached: new Set(), truncated: false };
  const seen = new Set<string>();
  const work: State[] = [{ pc: entry, stack: Array.from({ length: stackDepth }, () => TOP), mem: initialMemory(code), known: new Map(), path: [], read: new Set(), stored: [] }];
  let steps = 0;
  while (work.length > 0) {
    const st = work.pop()!;
    if (skip.has(st.pc)) continue;
    let i = code.index.get(st.pc);
    while (i !== undefined && i < code.instrs.length) {
      if (++steps > STEP_BUDGET) {
        facts.truncated = true;
        return facts;
      }
      const ins = code.instrs[i]!;
      if (ins.op === OP.JUMPDEST) {
        // Merge paths at block starts on the pc, the shape of the stack (return addresses of internal calls,
        // zero or not) and the argument facts: loops end, internal functions are re-entered per call site,
        // and a `cond ? 0 : rate` join is not merged into its constant side.
        const key = `${ins.pc}|${st.stack.map((v) => stackSig(v, code)).join(',')}|${[...st.known].join(',')}`;
        if (seen.has(key)) break;
        seen.add(key);
      }
      facts.reached.add(ins.pc);
      const { op } = ins;
      const shape = arity(op);
      if (!shape) break; // invalid opcode
      const [pops] = shape;
      const args: Val[] = [];
      for (let k = 0; k < pops; k++) args.push(st.stack.pop() ?? TOP);
      const push = (v: Val) => st.stack.push(v);
      if (ins.push !== undefined) {
        push(konst(ins.push));
      } else if (op >= OP.DUP1 && op <= OP.DUP16) {
        // args holds [top, ..., nth]; restore and copy the nth.
        for (let k = args.length - 1; k >= 0; k--) push(args[k]!);
        push(args[args.length - 1]!);
      } else if (op >= OP.SWAP1 && op <= OP.SWAP16) {
        const n = args.length - 1;
        const swapped = [...args];
        [swapped[0], swapped[n]] = [swapped[n]!, swapped[0]!];
        for (let k = swapped.length - 1; k >= 0; k--) push(swapped[k]!);
      } else {
        const next = step(code, facts, st, ins.pc, op, args, work);
        if (next === 'stop') break;
        if (typeof next === 'number') {
          i = code.jumpdests.has(next) && !skip.has(next) ? code.index.get(next) : undefined;
          continue;
        }
      }
      i++;
    }
  }
  return facts;
}

/**
 * Memory as every function finds it: solc's prologue (`PUSH 0x80 PUSH 0x40 MSTORE`, 0x60 before 0.4.22)
 * sets the free memory pointer before dispatching, and unoptimised code reads it (`mload(0x40)`) for return
 * data and event data.
 */
function initialMemory(code: Code): Map<bigint, Val> {
  const [a, b, c] = code.instrs;
  const mem = new Map<bigint, Val>();
  if (a?.push !== undefined && b?.push === 0x40n && c?.op === OP.MSTORE) mem.set(0x40n, konst(a.push));
  return mem;
}

const revertFree = new WeakMap<Code, boolean>();
/** Code without a REVERT opcode: solc before 0.4.10 (or a pre-Byzantium target), where INVALID is `throw`. */
function withoutRevert(code: Code): boolean {
  let v = revertFree.get(code);
  if (v === undefined) {
    v = !code.instrs.some((i) => i.op === OP.REVERT);
    revertFree.set(code, v);
  }
  return v;
}

function stackSig(v: Val, code: Code): string {
  // A slot's truth stays apart: the sides of `a || b` meet at one JUMPDEST with different conditions.
  if (v.c === null) return v.lit ? `${v.lit.key}${v.lit.neg ? '!' : ''}` : '';
  if (code.jumpdests.has(Number(v.c))) return v.c.toString();
  return v.c === 0n ? 'z' : 'k';
}

/** Executes one non-stack opcode; returns a jump target, 'stop' at the end of a path, or undefined. */
function step(code: Code, facts: FunctionFacts, st: State, pc: number, op: number, a: Val[], work: State[]): number | 'stop' | undefined {
  const push = (v: Val) => st.stack.push(v);
  const [x, y] = [a[0] ?? TOP, a[1] ?? TOP];
  switch (op) {
    case OP.STOP:
      facts.exits.push({ pc, read: new Set(st.read), stored: [...st.stored] });
      return 'stop';
    case OP.REVERT:
    case OP.INVALID:
      return 'stop';
    case OP.RETURN: {
      if (x.c !== null) facts.returns.push(st.mem.get(x.c) ?? TOP);
      facts.exits.push({ pc, read: new Set(st.read), stored: [...st.stored] });
      return 'stop';
    }
    case OP.SELFDESTRUCT:
      facts.selfdestruct.push(pc);
      return 'stop';
    case OP.JUMP:
      return x.c !== null ? Number(x.c) : 'stop';
    case OP.JUMPI: {
      const target = x.c !== null ? Number(x.c) : null;
      if (y.c !== null) return y.c !== 0n ? (target ?? 'stop') : undefined;
      // A zero test of an argument the path already decided (`from == address(0)` checked twice); an
      // argument used as the condition itself is non-zero exactly when the argument is.
      const zt = y.zt ?? (y.pure !== undefined ? { arg: y.pure, neg: true } : undefined);
      if (zt && st.known.has(zt.arg)) return st.known.get(zt.arg) !== zt.neg ? (target ?? 'stop') : undefined;
      const kinds = [target !== null ? revertKind(code, target, st.stack) : null, revertKind(code, pc + 1, st.stack)];
      const kind = kinds[0] ?? kinds[1];
      // Overflow checks are not business rules: Panic reverts (0.8), and SafeMath's `c / a == b`.
      if (kind) {
        const guard: Guard = { pc, cond: y, panic: kind === 'panic' || kind === 'assert' || (y.viaMul === true && !y.ordered), path: st.path };
        // The jump is taken when the condition is non-zero: it stops the call on a set slot when the taken
        // side is the failing one and the condition is the slot's truth, or the other way round.
        if (y.lit) guard.stopsWhenSet = (kinds[0] !== null) !== y.lit.neg;
        if (kind === 'soft') guard.soft = true;
        facts.guards.push(guard);
      }
      st.path = union(st.path, y.from ? union(y.tested, [y.from]) : y.tested);
      if (target !== null) {
        const known = new Map(st.known);
        if (zt) known.set(zt.arg, !zt.neg);
        work.push({ pc: target, stack: [...st.stack], mem: new Map(st.mem), known, path: st.path, read: new Set(st.read), stored: [...st.stored] });
      }
      if (zt) st.known.set(zt.arg, zt.neg);
      return undefined;
    }
    case OP.CALLER:
      return void push({ ...TOP, caller: true });
    case OP.TIMESTAMP:
    case OP.NUMBER:
      return void push({ ...TOP, timestamp: true });
    case OP.CALLDATALOAD: {
      const arg = x.c !== null && x.c >= 4n && x.c < 4n + 32n * 30n ? Number((x.c - 4n) / 32n) : -1;
      return void push(arg >= 0 ? { ...TOP, args: 1 << arg, pure: arg } : TOP);
    }
    case OP.MLOAD:
      return void push(x.c !== null ? (st.mem.get(x.c) ?? TOP) : TOP);
    case OP.MSTORE:
      if (x.c !== null) st.mem.set(x.c, y);
      return undefined;
    case OP.SHA3: {
      // keccak(key . slot) over two words: a mapping entry.
      if (x.c !== null && y.c === 0x40n) {
        const key = st.mem.get(x.c) ?? TOP;
        const slot = st.mem.get(x.c + 32n) ?? TOP;
        const inner: SlotRef | null = slot.ref ?? (slot.c !== null ? { base: slot.c, keys: [] } : null);
        if (inner) return void push({ ...TOP, caller: key.caller, args: key.args, slots: key.slots, ref: { base: inner.base, keys: [...inner.keys, key] } });
      }
      return void push(TOP);
    }
    case OP.SLOAD: {
      const ref = x.ref ?? (x.c !== null ? { base: x.c, keys: [] } : null);
      facts.loads.push({ pc, slot: x });
      const key = ref ? slotKey(ref) : undefined;
      if (key) st.read.add(key);
      return void push({ ...TOP, caller: x.caller, args: x.args, slots: key ? [key] : [], from: key, ...(key ? { lit: { key, neg: false } } : {}) });
    }
    case OP.SSTORE:
      facts.stores.push({ pc, slot: x, value: y, readBefore: new Set(st.read) });
      st.stored.push(pc);
      st.path = []; // an effect ends the chain of conditions that led to it
      return undefined;
    case OP.CALL:
    case OP.CALLCODE:
    case OP.DELEGATECALL:
    case OP.STATICCALL:
      facts.calls.push({ pc, op, target: y });
      st.path = [];
      // The call's success flag; returndata read later is unknown too.
      return void push({ ...TOP, callResult: true });
    default:
      break;
  }
  if (op >= OP.LOG0 && op <= OP.LOG4) {
    facts.logs.push({ pc, topics: a.slice(2) });
    st.path = [];
    return undefined;
  }
  const shape = arity(op)!;
  if (shape[1] === 0) return undefined;
  push(fold(op, a, facts));
  return undefined;
}

/** Arithmetic and comparisons: folded on constants, otherwise the union of what the operands carry. */
function fold(op: number, a: Val[], facts: FunctionFacts): Val {
  const [x, y] = [a[0] ?? TOP, a[1] ?? TOP];
  // Rates meet amounts in products of two unknowns (a constant factor is packing or scaling).
  if ((op === OP.MUL || op === OP.DIV) && x.c === null && y.c === null) facts.products.push(x, y);
  if (a.length >= 1 && a.length <= 2 && a.every((v) => v.c !== null)) {
    const r = constant(op, x.c!, y.c ?? 0n);
    if (r !== null) return konst(r);
  }
  if (op === OP.ISZERO) {
    const zt = x.pure !== undefined ? { arg: x.pure, neg: false } : x.zt ? { arg: x.zt.arg, neg: !x.zt.neg } : undefined;
    const lit = x.lit ? { key: x.lit.key, neg: !x.lit.neg } : undefined;
    return { ...x, c: null, ref: undefined, pure: undefined, from: undefined, terms: undefined, zt, lit, boolish: true, tested: x.from ? union(x.tested, [x.from]) : x.tested };
  }
  if (op === OP.NOT) return { ...x, c: null, ref: undefined, pure: undefined, from: undefined, terms: undefined, zt: undefined, lit: undefined };
  if (op === OP.EQ && (x.c === 0n || y.c === 0n)) {
    const v = x.c === 0n ? y : x;
    if (v.pure !== undefined) return { ...v, c: null, pure: undefined, zt: { arg: v.pure, neg: false } };
    // `list[a] == false`: the negated truth of the slot.
    if (v.lit) return { ...v, c: null, ref: undefined, from: undefined, terms: undefined, lit: { key: v.lit.key, neg: !v.lit.neg }, boolish: true, tested: v.from ? union(v.tested, [v.from]) : v.tested };
  }
  if (a.length === 0) return TOP;
  // Masking (`and(x, 0xff..ff)`) and adding a field offset keep a storage address.
  let out = a.slice(1).reduce(merge, { ...x, c: null, from: undefined, terms: undefined, pure: undefined, zt: undefined, ref: undefined, lit: undefined });
  // Masking and shifting keep what the value is (an argument, a storage address, a packed slot's field).
  if (op === OP.AND) out = y.c !== null ? { ...x, c: null, zt: undefined } : x.c !== null ? { ...y, c: null, zt: undefined } : out;
  // Reading a packed field (`div(sload(s), 0x100)`) keeps the slot's truth only approximately; a mask or
  // shift of a whole-slot flag keeps it exactly, which is what solc emits for a bool of its own.
  if ((op === OP.SHR || op === OP.DIV) && (op === OP.SHR ? x : y).c !== null) out = { ...(op === OP.SHR ? y : x), c: null, zt: undefined, pure: undefined, ref: undefined };
  if (op === OP.EQ || op === OP.LT || op === OP.GT || op === OP.SLT || op === OP.SGT) {
    out.tested = union(out.tested, union(termsOf(x), termsOf(y)));
  }
  if (op === OP.ADD || op === OP.SUB) out.terms = union(termsOf(x), termsOf(y));
  if (op === OP.OR && (x.c ?? y.c ?? 0n) !== 0n) out.orConst = (x.c ?? y.c)!;
  if (op === OP.ADD) {
    out.viaAdd = true;
    const ref = x.ref ?? y.ref;
    if (ref && (x.c !== null || y.c !== null)) out.ref = ref;
  }
  if (op === OP.SUB) out.viaSub = true;
  if ((op === OP.MUL || op === OP.DIV) && x.c === null && y.c === null) out.viaMul = true;
  if (op === OP.LT || op === OP.GT || op === OP.SLT || op === OP.SGT) {
    out.ordered = true;
    if (x.c !== null || y.c !== null) out.vsConst = true;
  }
  return out;
}

/** The slots a value is a sum of: itself when it is a slot's content, or its additive terms. */
function termsOf(v: Val): string[] {
  return v.from ? union(v.terms ?? [], [v.from]) : (v.terms ?? []);
}

function constant(op: number, x: bigint, y: bigint): bigint | null {
  switch (op) {
    case OP.ADD:
      return (x + y) & MASK;
    case OP.SUB:
      return (x - y) & MASK;
    case OP.MUL:
      return (x * y) & MASK;
    case OP.DIV:
      return y === 0n ? 0n : x / y;
    case OP.LT:
      return x < y ? 1n : 0n;
    case OP.GT:
      return x > y ? 1n : 0n;
    case OP.EQ:
      return x === y ? 1n : 0n;
    case OP.ISZERO:
      return x === 0n ? 1n : 0n;
    case OP.AND:
      return x & y;
    case OP.OR:
      return x | y;
    case OP.XOR:
      return x ^ y;
    case OP.NOT:
      return ~x & MASK;
    case OP.SHL:
      return x >= 256n ? 0n : (y << x) & MASK;
    case OP.SHR:
      return x >= 256n ? 0n : y >> x;
    case OP.EXP:
      return y > 256n ? null : x ** y & MASK;
    default:
      return null;
  }
}

const PANIC_SELECTOR = 0x4e487b71n;

/**
 * Whether the code at `pc` reverts without a decision of its own: it runs (constants only, from the
 * current stack, following constant jumps and the return jumps of helpers) into REVERT or INVALID
 * without a conditional branch. 'panic' when it builds a Panic(uint256) error (overflow checks and the like).
 */
function revertKind(code: Code, pc: number, stack: Val[]): 'panic' | 'assert' | 'error' | 'soft' | null {
  return straightRevert(code, pc, stack.slice(-24).map((v) => v.c)) ?? branchingRevert(code, pc, stack);
}

/** A push of the Panic(uint256) selector, alone or shifted into place: the revert is a Panic. */
const pushesPanic = (v: bigint): boolean => v === PANIC_SELECTOR || v === PANIC_SELECTOR << 224n;

/** The straight-line case: constants only, no conditional branch on the way. */
function straightRevert(code: Code, pc: number, start: Array<bigint | null>): 'panic' | 'assert' | 'error' | 'soft' | null {
  const s = [...start];
  let panic = false;
  /** The last word written to memory, for a `return false` (constants only). */
  let lastWord: bigint | null = null;
  let i = code.index.get(pc);
  for (let count = 0; i !== undefined && count < 300; count++) {
    const ins = code.instrs[i]!;
    const op = ins.op;
    if (ins.push !== undefined) {
      panic ||= pushesPanic(ins.push);
      s.push(ins.push);
      i++;
      continue;
    }
    if (op === OP.REVERT) return panic ? 'panic' : 'error';
    // INVALID is how solc before 0.4.10 compiled `throw` and `require`: a business rule, like REVERT. Code
    // that has REVERT keeps INVALID for `assert` (SafeMath's overflow checks before 0.8): a panic.
    if (op === OP.INVALID) return panic ? 'panic' : withoutRevert(code) ? 'error' : 'assert';
    // A path that returns the word 0 with no effect on the way: `return false` (old tokens' failed transfer).
    if (op === OP.RETURN) return lastWord === 0n ? 'soft' : null;
    if (op === OP.ISZERO || op === OP.MSTORE) {
      const x = s.pop() ?? null;
      if (op === OP.ISZERO) s.push(x === null ? null : x === 0n ? 1n : 0n);
      else lastWord = s.pop() ?? null;
      i++;
      continue;
    }
    if (op === OP.JUMP) {
      const t = s.pop();
      if (t === null || t === undefined || !code.jumpdests.has(Number(t))) return null;
      i = code.index.get(Number(t));
      continue;
    }
    if (!stepConstants(op, s)) return null;
    i++;
  }
  return null;
}

/**
 * A failing side that branches before it reverts: OpenZeppelin 4's `_checkRole` builds its message with
 * `Strings.toHexString` (a loop, bounds checks) before REVERT, so the straight-line walk above stops at the
 * first JUMPI and the role check went unseen as a guard. Both sides of each branch are followed (constants
 * only, a bounded budget, loops cut by the pc and stack seen before): when every path found ends in REVERT
 * and none can complete, the code reverts whatever the values, so the branch into it is a guard. Any path
 * that returns, stops, writes storage, logs, or jumps where the constants do not say is a "no".
 */
function branchingRevert(code: Code, pc: number, stack: Val[]): 'panic' | 'error' | null {
  const work: Array<{ i: number | undefined; s: Array<bigint | null>; panic: boolean }> = [{ i: code.index.get(pc), s: stack.slice(-24).map((v) => v.c), panic: false }];
  const seen = new Set<string>();
  let budget = 4000;
  let anyError = false;
  let reverts = 0;
  while (work.length > 0) {
    const st = work.pop()!;
    let { i, panic } = st;
    const s = st.s;
    for (;;) {
      if (i === undefined || --budget < 0) return null;
      const ins = code.instrs[i]!;
      const op = ins.op;
      if (ins.push !== undefined) {
        panic ||= pushesPanic(ins.push);
        s.push(ins.push);
        i++;
        continue;
      }
      if (op === OP.REVERT) {
        reverts++;
        if (!panic) anyError = true;
        break;
      }
      if (op === OP.JUMPDEST) {
        const key = `${i}:${s.slice(-8).join(',')}`;
        if (seen.has(key)) break; // a loop back to a state already explored
        seen.add(key);
      }
      if (op === OP.JUMP || op === OP.JUMPI) {
        const t = s.pop();
        const c = op === OP.JUMPI ? s.pop() : 1n;
        if (t === null || t === undefined || !code.jumpdests.has(Number(t))) return null;
        if (op === OP.JUMPI && c !== 0n) {
          // Unknown or true: the taken side; unknown also the fall-through, explored later.
          if (c === null || c === undefined) work.push({ i: i + 1, s: [...s], panic });
          i = code.index.get(Number(t));
          continue;
        }
        i = op === OP.JUMP ? code.index.get(Number(t)) : i + 1;
        continue;
      }
      if (op === OP.ISZERO) {
        const x = s.pop() ?? null;
        s.push(x === null ? null : x === 0n ? 1n : 0n);
        i++;
        continue;
      }
      if (!stepConstants(op, s)) return null;
      i++;
    }
  }
  if (reverts === 0) return null;
  return anyError ? 'error' : 'panic';
}

/**
 * One instruction on a stack of constants (null: unknown) for the walks above: false when the instruction
 * ends the walk without a revert (STOP, RETURN, INVALID, a storage write, a log, a call or create).
 */
function stepConstants(op: number, s: Array<bigint | null>): boolean {
  const shape = arity(op);
  if (!shape || op === OP.JUMPI || op === OP.STOP || op === OP.RETURN || op === OP.INVALID || op === OP.SELFDESTRUCT || op === OP.SSTORE || (op >= OP.LOG0 && op <= OP.LOG4) || op >= OP.CREATE) return false;
  if (op >= OP.DUP1 && op <= OP.DUP16) {
    const n = op - OP.DUP1 + 1;
    s.push(s.length >= n ? s[s.length - n]! : null);
  } else if (op >= OP.SWAP1 && op <= OP.SWAP16) {
    const n = op - OP.SWAP1 + 1;
    if (s.length <= n) return false;
    const top = s.length - 1;
    [s[top], s[top - n]] = [s[top - n]!, s[top]!];
  } else {
    for (let k = 0; k < shape[0]; k++) s.pop();
    for (let k = 0; k < shape[1]; k++) s.push(null);
  }
  return true;
}
