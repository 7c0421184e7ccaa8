/**
 * Token flags from runtime bytecode alone, offline. Unverified tokens are the common case, and names lie
 * (a `rebase` that mints, a `sync` that sets balances), so the rules read what each external function
 * does, from the facts `evm/exec.ts` collects per function:
 *   - privileged: a non-panic revert guards a comparison of the caller with storage (owner, admin map);
 *   - the storage layout the standard getters reveal: balances (`balanceOf`), allowances, totalSupply, owner;
 *   - the transfer path: what `transfer` and `transferFrom` read, check and call.
 * A flag is false only when the code was fully explored and the thing is absent; null when unsure.
 * Function names (known selectors) add evidence and cover what the structure cannot tell (a list's polarity).
 */
import { FLAG_NAMES, unknownFlags, type FlagEvidence, type FlagName, type TokenFlags } from '../types.js';
import { disassemble, dispatcher, OP, type Code } from '../../evm/disasm.js';
import { exploreFunction, slotKey, type FunctionFacts, type Val } from '../../evm/interpreter.js';
import { EIP1822_SLOT, EIP1967_IMPLEMENTATION_SLOT, KNOWN_SELECTORS, SELECTOR, TRANSFER_TOPIC, type SelectorRole } from './selectors.js';

export interface BytecodeAnalysis {
  flags: TokenFlags;
  selectors: string[];
  functions: FunctionFacts[];
  /** The storage slots the standard getters revealed (slot keys as in `evm/exec.ts`). */
  layout: Layout;
}

interface Layout {
  balances: string | null;
  allowances: string | null;
  totalSupply: string | null;
  owner: string | null;
}

const roleOf = (f: FunctionFacts): SelectorRole | null => (f.selector ? (KNOWN_SELECTORS.get(f.selector)?.role ?? null) : null);
const isStandard = (f: FunctionFacts): boolean => {
  const role = roleOf(f);
  return role === 'standard' || role === 'ownership' || role === 'cap';
};
const sigOf = (f: FunctionFacts): string | undefined => (f.selector ? KNOWN_SELECTORS.get(f.selector)?.signature : undefined);

/** A guard that checks the caller against storage: `msg.sender == owner`, `admins[msg.sender]`. */
function callerGuards(f: FunctionFacts) {
  // A guard that turns listed callers away (`require(!claimed[msg.sender])`) restricts nobody to a role.
  return f.guards.filter((g) => !g.panic && g.cond.caller && g.cond.slots.length > 0 && !g.cond.ordered && !(g.cond.lit && g.stopsWhenSet === true));
}
const isPrivileged = (f: FunctionFacts): boolean => callerGuards(f).length > 0;
const refKey = (v: Val): string | null => (v.ref ? slotKey(v.ref) : v.c !== null ? slotKey({ base: v.c, keys: [] }) : null);
const isScalar = (key: string): boolean => !key.includes('[');
const fromArgs = (v: Val | undefined): boolean => Boolean(v && v.args !== 0 && !v.caller);

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
  return {
    balances: bal?.slot.ref ? slotKey(bal.slot.ref) : null,
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

export function analyzeBytecode(hex: string): BytecodeAnalysis {
  const code = disassemble(hex);
  const entries = dispatcher(code);
  const functions = entries.map((e) => exploreFunction(code, e.entry, e.selector));
  // The fallback: everything reachable from pc 0 that is not a dispatched function.
  const fallback = exploreFunction(code, 0, null, 0, new Set(entries.map((e) => e.entry)));
  const bySel = new Map(functions.map((f) => [f.selector!, f]));
  const layout = layoutOf(bySel);
  const flags = unknownFlags();
  const ev = (name: FlagName, f: FunctionFacts | null, detail: string) => {
    const e: FlagEvidence = { from: 'bytecode', detail };
    if (f?.selector) e.selector = f.selector;
    const sig = f ? sigOf(f) : undefined;
    if (sig) e.signature = sig;
    flags[name].evidence.push(e);
  };
  const setFlag = (name: FlagName, value: boolean | null) => {
    flags[name].value = value;
  };
  const all = [...functions, fallback];
  const complete = all.every((f) => !f.truncated);
  const absent = complete ? false : null;

  // selfdestruct and proxies need no layout.
  const sd = all.filter((f) => f.selfdestruct.length > 0);
  for (const f of sd) ev('selfdestruct', f, `SELFDESTRUCT reachable at pc ${f.selfdestruct[0]}`);
  setFlag('selfdestruct', sd.length > 0 ? true : hasOpcode(code, OP.SELFDESTRUCT) ? null : false);

  const proxyCall = fallback.calls.find((c) => c.op === OP.DELEGATECALL && (c.target.slots.length > 0 || c.target.callResult || c.target.c !== null));
  if (proxyCall) {
    const slot = proxyCall.target.slots[0];
    const named = slot === EIP1967_IMPLEMENTATION_SLOT.toString(16) ? 'the EIP-1967 implementation slot' : slot === EIP1822_SLOT.toString(16) ? 'the EIP-1822 (UUPS) slot' : slot ? `storage slot 0x${slot}` : null;
    ev('is_proxy', null, `the fallback DELEGATECALLs (pc ${proxyCall.pc}) to an address ${proxyCall.target.c !== null ? 'fixed in code' : named ? `read from ${named}` : 'returned by a beacon'}`);
    setFlag('is_proxy', true);
    // The token's logic lives in the implementation: nothing else can be told from the proxy's code.
    return { flags, selectors: entries.map((e) => e.selector), functions, layout };
  }
  setFlag('is_proxy', hasOpcode(code, OP.DELEGATECALL) ? null : false);

  const custom = functions.filter((f) => !isStandard(f));
  const privileged = custom.filter(isPrivileged);
  const transferPath = [bySel.get(SELECTOR.transfer), bySel.get(SELECTOR.transferFrom)].filter((f): f is FunctionFacts => f !== undefined);
  // The token's books: what transfers themselves keep.
  const books = new Set([layout.balances, layout.allowances, layout.totalSupply].filter((k): k is string => k !== null));
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

  // --- Names: evidence, and the flags structure cannot tell apart.
  const named = (role: SelectorRole) => functions.filter((f) => roleOf(f) === role);

  // --- Mint: supply raised by a privileged function, capped or not.
  let mintable = false;
  let hidden = false;
  for (const f of custom) {
    const reasons: string[] = [];
    // Transfer from the zero address announces new tokens, unless the function takes them from a balance
    // (a distribution out of the owner's holdings logged as a mint).
    const zeroFrom = f.logs.find((l) => l.topics[0]?.c === TRANSFER_TOPIC && l.topics[1]?.c === 0n);
    const debits = layout.balances !== null && f.stores.some((s) => refKey(s.slot) === layout.balances && s.value.viaSub && s.value.slots.includes(layout.balances!));
    if (zeroFrom && !debits) reasons.push(`emits Transfer from the zero address (pc ${zeroFrom.pc})`);
    if (layout.totalSupply && f.stores.some((s) => refKey(s.slot) === layout.totalSupply && s.value.viaAdd && s.value.slots.includes(layout.totalSupply!))) {
      reasons.push('increases totalSupply');
    }
    const setsBalance = layout.balances ? f.stores.find((s) => refKey(s.slot) === layout.balances && !s.value.slots.includes(layout.balances!) && s.value.args !== 0) : undefined;
    if (setsBalance) reasons.push('overwrites a balance with a value it is given');
    if (reasons.length === 0 || !(isPrivileged(f) || roleOf(f) === 'mint')) continue;
    mintable = true;
    ev('is_mintable', f, `${sigOf(f) ?? 'a function'} ${reasons.join(', ')}`);
    // A cap compares the supply with a constant (an immutable or a literal) or another stored limit;
    // SafeMath's `c >= a` on the supply alone is an overflow check.
    const ts = layout.totalSupply;
    const capped = ts !== null && f.guards.some((g) => !g.panic && g.cond.slots.includes(ts) && (g.cond.vsConst === true || g.cond.slots.some((k) => k !== ts && isScalar(k))));
    if (setsBalance || roleOf(f) !== 'mint' || !capped) {
      hidden = true;
      ev('hidden_mint', f, setsBalance ? 'sets balances directly: supply created outside any mint' : roleOf(f) !== 'mint' ? `raises the supply under a name that is not a mint (${reasons.join(', ')})` : 'mint without a cap on totalSupply');
    }
  }
  setFlag('is_mintable', mintable ? true : absent);
  setFlag('hidden_mint', hidden ? true : mintable ? false : absent);

  // --- Balances and allowances of others.
  let changes = false;
  let leaks = false;
  if (layout.balances) {
    for (const f of privileged) {
      for (const s of f.stores) {
        if (refKey(s.slot) !== layout.balances || !fromArgs(s.slot.ref?.keys[0])) continue;
        const set = !s.value.slots.includes(layout.balances);
        if (!set && !s.value.viaSub) continue; // an increase to a chosen account is a mint, above
        changes = leaks = true;
        const d = set ? 'sets the balance of an address it is given' : 'decreases the balance of an address it is given';
        ev('owner_change_balance', f, `privileged; ${d} (pc ${s.pc})`);
        ev('leaking_token', f, `privileged; ${d}: the owner can take or burn holders' tokens`);
      }
    }
  }
  if (layout.allowances) {
    for (const f of privileged) {
      const s = f.stores.find((x) => refKey(x.slot) === layout.allowances && fromArgs(x.slot.ref?.keys[0]));
      if (!s) continue;
      leaks = true;
      ev('leaking_token', f, `privileged; writes the allowance of an address it is given (pc ${s.pc}): approves for holders`);
    }
  }
  // transferFrom that takes from `from` on some path without looking at the allowance (an owner bypass).
  const tf = bySel.get(SELECTOR.transferFrom);
  if (tf && layout.balances && layout.allowances) {
    const taken = tf.stores.find((s) => refKey(s.slot) === layout.balances && (s.slot.ref!.keys[0]!.args & 1) !== 0 && !s.value.caller && s.value.viaSub && !s.readBefore.has(layout.allowances!));
    if (taken) {
      leaks = changes = true;
      ev('leaking_token', tf, `transferFrom lowers the balance of \`from\` on a path that never reads the allowance (pc ${taken.pc})`);
      ev('owner_change_balance', tf, `transferFrom moves tokens without an allowance on some path (pc ${taken.pc})`);
    }
  }
  for (const f of privileged) {
    const moved = f.logs.find((l) => l.topics[0]?.c === TRANSFER_TOPIC && fromArgs(l.topics[1]));
    if (moved && !flags.leaking_token.evidence.some((e) => e.selector === f.selector)) {
      leaks = changes = true;
      ev('leaking_token', f, `privileged; emits Transfer from an address it is given (pc ${moved.pc})`);
      ev('owner_change_balance', f, `privileged; moves tokens of an address it is given (pc ${moved.pc})`);
    }
  }
  setFlag('owner_change_balance', changes ? true : layout.balances ? absent : null);
  setFlag('leaking_token', leaks ? true : layout.balances ? absent : null);

  // --- Owners: a second controller, or a way back after renouncing.
  const exposed = new Set(functions.flatMap((f) => f.returns.map((r) => r.from).filter((k): k is string => k !== undefined && isScalar(k))));
  let takeBack = false;
  let hiddenOwner = false;
  let unsureOwner = false;
  for (const f of custom) {
    const back = layout.owner ? f.stores.find((s) => refKey(s.slot) === layout.owner && s.value.slots.some((k) => k !== layout.owner) && !s.value.caller && s.value.args === 0) : undefined;
    if (back) {
      takeBack = true;
      ev('can_take_back_ownership', f, `writes the owner slot from another stored address (slot ${back.value.slots.join(', ')}), not from an argument`);
      continue;
    }
    // Hidden: an address the contract does not show through a getter (a declared `minter` is a role).
    const others = [...new Set(callerGuards(f).flatMap((g) => g.cond.slots.filter(isScalar)))].filter((k) => k !== layout.owner && !exposed.has(k));
    // It must change something with a value it is given or reads (a fee, a balance), not only flip a
    // lock flag: a tax wallet's `manualSwap` is not a second owner.
    const acts = f.stores.some((s) => s.value.args !== 0 || s.value.caller || s.value.slots.some((k) => k !== refKey(s.slot)));
    if (others.length === 0 || !acts) continue;
    if (!layout.owner) {
      unsureOwner = true;
      continue;
    }
    hiddenOwner = true;
    ev('hidden_owner', f, `privileged by a stored address other than owner() (slot ${others.join(', ')})`);
  }
  const anyOwner = layout.owner !== null || privileged.length > 0;
  setFlag('can_take_back_ownership', takeBack ? true : layout.owner || !anyOwner ? absent : null);
  setFlag('hidden_owner', hiddenOwner ? true : unsureOwner ? null : absent);

  // --- The transfer path: what can stop or tax a sell.
  const guards = transferPath.flatMap((f) => f.guards.filter((g) => !g.panic).map((g) => ({ f, g })));
  const controlled = (keys: string[]) => keys.filter((k) => ownerWritten.has(k));
  const haveTransfer = transferPath.length > 0;
  const noneIf = (found: boolean): boolean | null => (found ? true : haveTransfer && complete ? false : null);

  let limit = false;
  for (const { f, g } of guards) {
    // The guard tests owner-set storage, or it checks a transfer party (`from != owner()`) and is reached
    // only through a branch on owner-set storage (`to == pool && ...`); balance and allowance checks aside.
    const bookkeeping = g.cond.slots.some((k) => books.has(k));
    const direct = controlled([...g.cond.tested, ...(g.cond.from ? [g.cond.from] : [])]);
    // A party check compares a party with a stored address; a zero test (`from != address(0)`, `feeWallet !=
    // address(0)`) is not one.
    const partyCheck = (g.cond.caller || g.cond.args !== 0) && g.cond.slots.length > 0 && !g.cond.lit;
    const viaPath = bookkeeping || !partyCheck ? [] : controlled(g.path);
    const keys = direct.length > 0 ? direct : viaPath;
    if (keys.length === 0) continue;
    limit = true;
    ev('limit_sell', f, `transfers revert (pc ${g.pc}) on storage the owner sets (slot ${keys.join(', ')}, set by ${describe(ownerWritten.get(keys[0]!)!)})`);
  }
  for (const f of transferPath) {
    for (const c of f.calls) {
      const keys = controlled(c.target.slots);
      if (keys.length === 0) continue;
      limit = true;
      ev('limit_sell', f, `transfers call a contract the owner chooses (pc ${c.pc}); it can make them revert`);
    }
  }
  setFlag('limit_sell', noneIf(limit));

  // Lists: a transfer guard on a per-address map the owner writes. Polarity comes from names.
  const isList = (k: string) => k.endsWith('[]') && !k.endsWith('[][]');
  const listGuards = guards.filter(({ g }) => controlled([...g.cond.tested, ...(g.cond.from ? [g.cond.from] : [])]).some(isList));
  // Polarity from the guard itself when it tests the entry's truth: a call stopped when the entry is set
  // refuses listed addresses (`require(!frozen[from])`), one stopped when it is unset requires them.
  const polar = (stops: boolean) => listGuards.find(({ g }) => g.cond.lit && isList(g.cond.lit.key) && ownerWritten.has(g.cond.lit.key) && g.stopsWhenSet === stops);
  const refusing = polar(true);
  const requiring = polar(false);
  const listGuard = listGuards.find(({ g }) => g !== refusing?.g && g !== requiring?.g);
  // A list getter's name (`blacklist(address)`) says little when the transfers, fully explored, check no
  // list the owner writes: the list may gate something else (an airdrop claim). Setters' names count.
  const namedList = (role: SelectorRole) => named(role).filter((f) => f.stores.length > 0 || listGuards.length > 0 || !complete);
  for (const [flag, role] of [['is_blacklisted', 'blacklist'], ['is_whitelisted', 'whitelist']] as const) {
    for (const f of namedList(role)) ev(flag, f, `function named like a ${role}`);
  }
  if (refusing) ev('is_blacklisted', refusing.f, `transfers stop (pc ${refusing.g.pc}) for addresses in a list the owner writes (slot ${refusing.g.cond.lit!.key})`);
  if (requiring) ev('is_whitelisted', requiring.f, `transfers stop (pc ${requiring.g.pc}) for addresses missing from a list the owner writes (slot ${requiring.g.cond.lit!.key})`);
  const black = namedList('blacklist').length > 0 || refusing !== undefined;
  const white = namedList('whitelist').length > 0 || requiring !== undefined;
  const polarKnown = refusing !== undefined || requiring !== undefined;
  if (listGuard && !black && !white) ev('is_blacklisted', listGuard.f, 'transfers check a per-address list the owner writes (polarity not determined)');
  setFlag('is_blacklisted', black || (listGuard !== undefined && !white) ? true : noneIf(false));
  setFlag('is_whitelisted', white ? true : listGuard && !black && !polarKnown ? null : noneIf(false));

  // Pause: a transfer guard on a flag the owner switches with constants.
  let pausable = named('pause').length > 0;
  for (const f of named('pause')) ev('transfer_pausable', f, 'function named like a pause switch');
  for (const { f, g } of guards) {
    const tested = [...controlled(g.cond.tested), ...(g.cond.lit && ownerWritten.has(g.cond.lit.key) ? [g.cond.lit.key] : [])];
    for (const k of [...new Set(tested)].filter(isScalar)) {
      // Switched with constants (`paused = true`), with a boolean it is given (`enableTransfers(bool)`), or a
      // packed flag updated in place; a switch that can only be turned one way (`openTrading`) stops nothing
      // for good.
      const writes = privileged.flatMap((p) => p.stores.filter((s) => refKey(s.slot) === k).map((s) => ({ p, s })));
      const constants = new Set(writes.filter(({ s }) => s.value.c !== null).map(({ s }) => s.value.c));
      const inPlace = writes.filter(({ s }) => s.value.c === null && s.value.args === 0 && !s.value.caller);
      const setter = writes.find(({ s }) => (s.value.c !== null && constants.size > 1) || (inPlace.length > 1 && inPlace.some((w) => w.s === s)) || (s.value.args !== 0 && s.value.boolish === true && g.cond.lit?.key === k))?.p;
      if (!setter) continue;
      pausable = true;
      ev('transfer_pausable', f, `transfers revert on a switch (slot ${k}) that ${describe(setter)} turns on and off`);
    }
  }
  setFlag('transfer_pausable', noneIf(pausable));

  // Cooldown: a transfer guard over the time and stored state.
  const cooldown = guards.filter(({ g }) => g.cond.timestamp && g.cond.slots.length > 0);
  for (const { f, g } of cooldown) ev('trading_cooldown', f, `transfers revert on a time check against storage (pc ${g.pc})`);
  for (const f of named('cooldown')) ev('trading_cooldown', f, 'function named like a cooldown');
  setFlag('trading_cooldown', noneIf(cooldown.length > 0 || named('cooldown').length > 0));

  // Anti-whale: an amount (or a resulting balance) compared with a stored limit.
  let whale = false;
  let whaleModifiable = false;
  for (const { f, g } of guards) {
    if (!g.cond.ordered || g.cond.timestamp) continue;
    if (g.cond.args === 0 && !(layout.balances && g.cond.slots.includes(layout.balances))) continue;
    const limits = g.cond.tested.filter((k) => isScalar(k) && !core.has(k));
    if (limits.length === 0) continue;
    whale = true;
    ev('is_anti_whale', f, `transfers revert when an amount exceeds a stored limit (slot ${limits.join(', ')})`);
    for (const k of limits) {
      const setter = ownerWritten.get(k);
      if (!setter) continue;
      whaleModifiable = true;
      ev('anti_whale_modifiable', setter, `${describe(setter)} changes the limit (slot ${k})`);
    }
  }
  setFlag('is_anti_whale', noneIf(whale));
  setFlag('anti_whale_modifiable', whale ? whaleModifiable : noneIf(false));

  // Taxes: stored rates multiplied in the transfer path, written by the owner without an upper bound.
  const rates = new Set(transferPath.flatMap((f) => f.products.flatMap((v) => v.slots)).filter((k) => !core.has(k)));
  let slippage = false;
  let personal = false;
  for (const k of rates) {
    const setters = privileged.filter((p) => p.stores.some((s) => refKey(s.slot) === k && s.value.args !== 0));
    for (const setter of setters) {
      if (setter.guards.some((g) => !g.panic && g.cond.ordered && g.cond.args !== 0)) continue; // bounded
      if (isScalar(k)) {
        slippage = true;
        ev('slippage_modifiable', setter, `${describe(setter)} sets a rate used in transfers (slot ${k}) with no upper bound`);
      } else {
        personal = true;
        ev('personal_slippage_modifiable', setter, `${describe(setter)} sets a per-address rate used in transfers (slot ${k})`);
      }
    }
  }
  setFlag('slippage_modifiable', noneIf(slippage));
  setFlag('personal_slippage_modifiable', noneIf(personal));

  // External calls on the transfer path; precompiles (ecrecover at 0x01 ...) excluded. A zero address is an
  // immutable not filled in yet (compiler output before deployment), so it counts.
  const ext = transferPath.flatMap((f) => f.calls.filter((c) => !(c.target.c !== null && c.target.c >= 1n && c.target.c <= 0xffn)).map((c) => ({ f, c })));
  for (const { f, c } of ext) ev('external_call', f, `the transfer path makes an external call (pc ${c.pc})`);
  setFlag('external_call', noneIf(ext.length > 0));

  // Whether the owner renounced is chain state, not code.
  setFlag('owner_renounced', null);
  for (const name of FLAG_NAMES) if (flags[name].value === false) flags[name].evidence = [];
  return { flags, selectors: entries.map((e) => e.selector), functions, layout };
}

export function bytecodeFlags(hex: string): TokenFlags {
  return analyzeBytecode(hex).flags;
}

function describe(f: FunctionFacts): string {
  return sigOf(f) ?? `function ${f.selector ?? '(fallback)'}`;
}

function hasOpcode(code: Code, op: number): boolean {
  return code.instrs.some((i) => i.op === op);
}
