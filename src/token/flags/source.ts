/**
 * Token flags from Solidity source, through the auditor's parser and model (src/audit): contracts with
 * inheritance linearised, functions with their operations (state reads and writes, guards, calls) and
 * internal calls inlined, and `senderGuarded` for "restricted to privileged callers". The rules mirror
 * those of `bytecode.ts` so that both sides agree: what privileged functions write, what the transfer path
 * (transfer, transferFrom and what they call) checks, multiplies and calls.
 * OpenZeppelin's own code is trusted for its plumbing (`_update` serves mint, burn and transfer alike): a
 * privileged function is judged by how it calls `_mint`, `_burn`, `_transfer`, `_approve`, `_update`.
 */
import path from 'node:path';
import { buildContracts } from '../../solidity/model/build.js';
import { analyzeFunction } from '../../solidity/model/operations.js';
import { isIdentityCheck, mentionsCaller } from '../../solidity/model/access.js';
import { callArguments, calleeName, isMsgSender } from '../../solidity/model/expressions.js';
import type { ContractModel, FunctionModel, Operation, SourceUnit, StateVariable } from '../../solidity/model/types.js';
import { findAll, textOf, unparen, type SyntaxNode } from '../../solidity/parse/syntax.js';
import { loadCompilationUnit, parseUnit } from '../../solidity/sources.js';
import { FLAG_NAMES, unknownFlags, type FlagName, type TokenFlags } from '../types.js';
import { ROLE_BY_NAME, type SelectorRole } from './selectors.js';

export interface SourceOptions {
  /** The token contract; default: the most derived deployable contract of the file with a `transfer`. */
  contract?: string;
  /** Where `node_modules` is looked for (imports such as `@openzeppelin/...`). */
  cwd?: string;
}

/** Reads `file` and its imports, and returns the flags of its token contract. */
export async function sourceFlagsFromFile(file: string, options: SourceOptions = {}): Promise<TokenFlags> {
  const cwd = options.cwd ?? process.cwd();
  const { own, imported } = await loadCompilationUnit(file, path.relative(cwd, file) || file, { maxFileBytes: 8 * 1024 * 1024, cwd }, []);
  return flagsOfUnits(own, imported, options.contract);
}

/** Flags from source text alone (imports that are not given are unknown: their code is not seen). */
export async function sourceFlags(text: string, file = 'input.sol', options: SourceOptions = {}): Promise<TokenFlags> {
  return flagsOfUnits([await parseUnit(file, text)], [], options.contract);
}

const isLibraryCode = (fn: FunctionModel): boolean => /node_modules|@openzeppelin/.test(fn.contract.unit.path);
const roleOf = (fn: FunctionModel): SelectorRole | null => ROLE_BY_NAME.get(fn.name) ?? null;
const isStandard = (fn: FunctionModel): boolean => ['standard', 'ownership', 'cap'].includes(roleOf(fn) ?? '');

function pickToken(contracts: ContractModel[], own: SourceUnit[], name?: string): ContractModel | null {
  if (name) return contracts.find((c) => c.name === name) ?? null;
  const candidates = contracts.filter((c) => own.includes(c.unit) && c.kind === 'contract' && c.functions.some((f) => f.name === 'transfer' || f.kind === 'fallback'));
  // The most derived: not a base of another candidate.
  return candidates.find((c) => !candidates.some((o) => o !== c && o.linearized.includes(c))) ?? null;
}

function flagsOfUnits(own: SourceUnit[], imported: SourceUnit[], contractName?: string): TokenFlags {
  const { contracts } = buildContracts([...own, ...imported]);
  const token = pickToken(contracts, own, contractName);
  const flags = unknownFlags();
  if (!token) return flags;
  // Library functions attached with `using for` (`store.push(...)` on a Checkpoints trace) are internal code.
  const libraryFns = new Set(contracts.filter((c) => c.kind === 'library').flatMap((c) => c.ownFunctions.filter((f) => f.visibility === 'internal' || f.visibility === 'private').map((f) => f.name)));
  return new SourceAnalysis(token, flags, libraryFns).run();
}

class SourceAnalysis {
  private readonly fns: FunctionModel[];
  private readonly byName = new Map<string, FunctionModel>();

  constructor(
    private readonly c: ContractModel,
    private readonly flags: TokenFlags,
    private readonly libraryFns: ReadonlySet<string> = new Set(),
  ) {
    this.fns = c.functions.filter((f) => f.isEntryPoint);
    for (const f of this.fns) if (!this.byName.has(f.name)) this.byName.set(f.name, f);
  }

  private ops(fn: FunctionModel): Operation[] {
    return analyzeFunction(fn, this.c).flattened;
  }

  private ev(flag: FlagName, fn: FunctionModel | null, node: SyntaxNode | null, detail: string, origin?: FunctionModel): void {
    const where = origin ?? fn;
    this.flags[flag].evidence.push({
      from: 'source',
      ...(fn ? { signature: `${fn.name}(${fn.params.map((p) => p.typeText).join(',')})` } : {}),
      ...(where ? { file: where.contract.unit.path } : {}),
      ...(node ? { line: node.startLine } : {}),
      detail,
    });
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

  run(): TokenFlags {
    const { flags, c } = this;
    const set = (f: FlagName, v: boolean | null) => (flags[f].value = v);
    const balances = this.readBy('balanceOf', true, /=>\s*uint/);
    const allowances = this.readBy('allowance', true);
    // totalSupply() may test a switch first (a deprecated token forwarding to its successor): the supply is a number.
    const supply = this.readBy('totalSupply', false, /^uint/) ?? this.readBy('totalSupply', false);
    const owner = this.readBy('owner', false) ?? this.readBy('getOwner', false) ?? this.ownerFromGuards();
    const books = new Set([balances, allowances, supply].filter((v): v is StateVariable => v !== null));

    // selfdestruct and proxies.
    const proxyBase = c.linearized.find((b) => /^(ERC1967Proxy|TransparentUpgradeableProxy|BeaconProxy|Proxy|UpgradeableProxy)$/.test(b.name));
    const delegating = c.functions.filter((f) => f.kind === 'fallback').flatMap((f) => this.ops(f).filter((o) => (o.kind === 'external-call' && o.call.kind === 'delegatecall') || (o.kind === 'assembly' && o.builtin === 'delegatecall')));
    if (proxyBase) this.ev('is_proxy', null, proxyBase.node, `inherits ${proxyBase.name}: calls are delegated to an implementation that can be replaced`, undefined);
    for (const o of delegating) this.ev('is_proxy', null, o.node, 'the fallback delegates calls to another contract', o.origin);
    set('is_proxy', proxyBase !== undefined || delegating.length > 0);
    const sd: Array<[FunctionModel, Operation]> = [];
    for (const f of this.fns) for (const o of this.ops(f)) if (o.kind === 'selfdestruct' || (o.kind === 'assembly' && o.builtin === 'selfdestruct')) sd.push([f, o]);
    for (const [f, o] of sd) this.ev('selfdestruct', f, o.node, `${f.name} can destroy the contract`, o.origin);
    set('selfdestruct', sd.length > 0);
    set('owner_renounced', null); // chain state, not code
    if (proxyBase || delegating.length > 0) return flags; // the token's logic is in the implementation

    const custom = this.fns.filter((f) => !isStandard(f) && f.kind === 'function');
    const privileged = custom.filter((f) => analyzeFunction(f, c).senderGuarded);

    // --- Supply.
    let mintable = false;
    let hidden = false;
    for (const f of custom) {
      if (!privileged.includes(f) && roleOf(f) !== 'mint') continue;
      const raises: Array<[SyntaxNode, string, FunctionModel]> = [];
      let setsBalance = false;
      for (const o of this.ops(f)) {
        if (isLibraryCode(o.origin)) continue;
        if (o.kind === 'internal-call' && (o.target.name === '_mint' || (o.target.name === '_update' && isZeroAddress(callArguments(o.node)[0], o.origin)))) {
          raises.push([o.node, `calls ${o.target.name}`, o.origin]);
        }
        if (o.kind === 'state-write' && supply && o.variable === supply && writeKind(o.node, o.origin) === 'add') raises.push([o.node, `increases ${supply.name}`, o.origin]);
        if (o.kind === 'state-write' && balances && o.variable === balances && writeKind(o.node, o.origin) === 'set' && !rhsReads(o.node, balances.name, o.origin) && rhsUsesParam(o.node, o.origin)) {
          setsBalance = true;
          raises.push([o.node, `sets ${balances.name}[…] to a value it is given`, o.origin]);
        }
      }
      // Credits a balance with an amount it is given and debits none: tokens from nothing, even when the
      // supply variable is left alone (`balances[address(this)] += amt`).
      if (raises.length === 0 && balances) {
        const own = this.ops(f).filter((o) => o.origin === f && !isLibraryCode(o.origin));
        const credit = own.find((o) => o.kind === 'state-write' && o.variable === balances && writeKind(o.node, o.origin) === 'add' && rhsUsesParam(o.node, o.origin));
        const debit = own.some((o) => (o.kind === 'state-write' && o.variable === balances && writeKind(o.node, o.origin) !== 'add') || (o.kind === 'internal-call' && ['_transfer', '_update', '_burn'].includes(o.target.name)));
        if (credit && !debit) raises.push([credit.node, `credits ${balances.name}[…] with an amount it is given, taken from no balance${supply ? ` and without raising ${supply.name}` : ''}`, f]);
      }
      if (raises.length === 0) continue;
      mintable = true;
      for (const [node, why, origin] of raises) this.ev('is_mintable', f, node, `${f.name} ${why}`, origin);
      // A cap compares the supply with a limit; `supply + amount > supply` (the overflow check of old code) is none.
      const capped = this.ops(f).some((o) => o.kind === 'guard' && /supply|\bcap\b|_cap\b|maxSupply|MAX_SUPPLY/i.test(textOf(o.origin.contract.unit.text, o.condition)) && !isOverflowCheck(o.condition, o.origin.contract.unit.text));
      if (setsBalance || roleOf(f) !== 'mint' || !capped) {
        hidden = true;
        const [node, , origin] = raises[0]!;
        this.ev('hidden_mint', f, node, setsBalance ? `${f.name} sets balances: supply created outside any mint` : roleOf(f) !== 'mint' ? `${f.name} raises the supply under a name that is not a mint` : `${f.name} mints without a cap on the supply`, origin);
      }
    }
    set('is_mintable', mintable);
    set('hidden_mint', hidden);

    // --- Others' balances and allowances.
    let changes = false;
    let leaks = false;
    for (const f of privileged) {
      for (const o of this.ops(f)) {
        if (isLibraryCode(o.origin)) continue;
        // A helper of the token's own (`_move(from, to, v)`) writing balances[p] where F passes its own parameter as p.
        if (o.kind === 'internal-call' && o.origin === f && !isLibraryCode(o.target) && !isStandard(o.target) && balances) {
          const taken = this.helperTakes(o.target, callArguments(o.node), f, balances);
          if (taken) {
            changes = leaks = true;
            this.ev('owner_change_balance', f, taken, `${f.name} passes an address it is given to ${o.target.name}, which lowers or sets its balance`, o.target);
            this.ev('leaking_token', f, taken, `${f.name} can take or burn holders' tokens through ${o.target.name}`, o.target);
          }
        }
        if (o.kind === 'internal-call' && ['_transfer', '_update', '_burn', '_approve'].includes(o.target.name)) {
          const first = callArguments(o.node)[0];
          if (!first || !isParamOf(first, o.origin)) continue;
          leaks = true;
          this.ev('leaking_token', f, o.node, `${f.name} calls ${o.target.name} on an address it is given: the owner ${o.target.name === '_approve' ? 'approves for' : 'takes from'} holders`, o.origin);
          if (o.target.name !== '_approve') {
            changes = true;
            this.ev('owner_change_balance', f, o.node, `${f.name} moves or burns the tokens of an address it is given`, o.origin);
          }
        }
        if (o.kind === 'state-write' && balances && o.variable === balances && o.origin === f && indexIsParam(o.node, o.origin)) {
          const kind = writeKind(o.node, o.origin);
          if (kind === 'add') continue; // crediting a chosen account: a mint, above
          changes = leaks = true;
          this.ev('owner_change_balance', f, o.node, `${f.name} ${kind === 'set' ? 'sets' : 'decreases'} the balance of an address it is given`, o.origin);
          this.ev('leaking_token', f, o.node, `${f.name} can take or burn holders' tokens`, o.origin);
        }
        if (o.kind === 'state-write' && allowances && o.variable === allowances && o.origin === f && indexIsParam(o.node, o.origin, true)) {
          leaks = true;
          this.ev('leaking_token', f, o.node, `${f.name} writes the allowance of an address it is given`, o.origin);
        }
      }
    }
    // transferFrom with a branch for a privileged caller that moves tokens without the allowance.
    const tf = this.byName.get('transferFrom');
    if (tf?.body && !isLibraryCode(tf)) {
      const src = tf.contract.unit.text;
      for (const ifs of findAll(tf.body, 'if_statement')) {
        const cond = ifs.fields.condition;
        const body = ifs.fields.body;
        if (!cond || !body || !(mentionsCaller(cond, src) || /_msgSender\(\)/.test(textOf(src, cond)))) continue;
        const text = textOf(src, body);
        const moves = /\b_transfer\s*\(|\b_update\s*\(/.test(text) || (balances !== null && new RegExp(`\\b${balances.name}\\s*\\[`).test(text));
        const spends = /allowance|_spendAllowance|_approve/i.test(text) || (allowances !== null && text.includes(allowances.name));
        if (!moves || spends) continue;
        changes = leaks = true;
        this.ev('leaking_token', tf, ifs, 'transferFrom moves tokens for a privileged caller without an allowance', tf);
        this.ev('owner_change_balance', tf, ifs, 'transferFrom lets a privileged caller move anyone\'s tokens', tf);
      }
    }
    set('owner_change_balance', changes);
    set('leaking_token', leaks);

    // --- Owners.
    let takeBack = false;
    let hiddenOwner = false;
    let unsureOwner = false;
    for (const f of custom) {
      const ops = this.ops(f);
      const back = owner ? ops.find((o) => o.kind === 'state-write' && o.variable === owner && rhsStateVar(o.node, o.origin, c, owner)) : undefined;
      if (back) {
        takeBack = true;
        this.ev('can_take_back_ownership', f, back.node, `${f.name} restores the owner from another stored address`, back.origin);
        continue;
      }
      // It must change something with a value it is given or reads (a fee, a balance), not only flip a
      // lock flag: a tax wallet's `manualSwap` is not a second owner.
      const acts = ops.some((o) => o.kind === 'state-write' && !/^(true|false|\d+|address\(0\))$/.test((rhsText(o.node, o.origin) ?? 'x').trim()));
      if (!acts) continue;
      for (const o of ops) {
        if (o.kind !== 'guard') continue;
        const src = o.origin.contract.unit.text;
        if (!isIdentityCheck(o.condition, src) && !mentionsCaller(o.condition, src) && !/_msgSender\(\)/.test(textOf(src, o.condition))) continue;
        // Hidden: an address the contract does not show (no getter), not a declared role such as `minter`.
        const other = this.varsIn(o.condition, o.origin).find((v) => v !== owner && /^address/.test(v.typeText) && !v.isMapping && !v.isConstant && !v.isImmutable && !this.exposed(v));
        if (!other) continue;
        if (owner === null) {
          unsureOwner = true;
          break;
        }
        hiddenOwner = true;
        this.ev('hidden_owner', f, o.node, `${f.name} is restricted to ${other.name}, an address other than owner()`, o.origin);
        break;
      }
    }
    set('can_take_back_ownership', takeBack);
    set('hidden_owner', hiddenOwner ? true : unsureOwner ? null : false);

    // --- The transfer path.
    const transferFns = ['transfer', 'transferFrom'].map((n) => this.byName.get(n)).filter((f): f is FunctionModel => f !== undefined);
    const pathOps = transferFns.flatMap((f) => this.reachable(f).map((o) => ({ f, o })));
    const ownerWritten = new Map<StateVariable, FunctionModel>();
    for (const f of privileged) {
      for (const o of this.ops(f)) {
        if (o.kind !== 'state-write' || books.has(o.variable) || ownerWritten.has(o.variable)) continue;
        if (o.variable === owner && /msg\.sender|_msgSender|newOwner/.test(rhsText(o.node, o.origin) ?? '')) continue;
        ownerWritten.set(o.variable, f);
      }
    }
    const noneIf = (found: boolean): boolean | null => (found ? true : transferFns.length > 0 ? false : null);
    let limit = false;
    let pausable = false;
    let cooldown = false;
    let whale = false;
    let whaleModifiable = false;
    let black = false;
    let white = false;
    const seenGuards = new Set<SyntaxNode>();
    for (const { f, o } of pathOps) {
      if (o.kind !== 'guard' || seenGuards.has(o.node)) continue;
      seenGuards.add(o.node);
      const src = o.origin.contract.unit.text;
      const vars = this.varsIn(o.condition, o.origin);
      const bookkeeping = vars.some((v) => books.has(v));
      // Conditions of the `if`s around the guard count too (`if (from != owner) require(...)`), unless the
      // guard is the token's own bookkeeping.
      const around = bookkeeping ? [] : enclosingConditions(o.node).flatMap((n) => this.varsIn(n, o.origin));
      const controlled = [...new Set([...vars, ...around])].filter((v) => ownerWritten.has(v));
      if (controlled.length > 0) {
        limit = true;
        this.ev('limit_sell', f, o.node, `transfers revert on ${controlled.map((v) => v.name).join(', ')}, which ${ownerWritten.get(controlled[0]!)!.name} sets`, o.origin);
      }
      for (const v of vars.filter((x) => ownerWritten.has(x))) {
        if (v.isMapping && /=>\s*bool/.test(v.typeText)) {
          // `require(!list[a])` refuses listed addresses; `if (list[a]) revert()` too; `if (ok || list[a]) return
          // doIt();` (the `if` guards the way through) requires them.
          const revertsIf = o.node.type === 'if_statement' && !allowsThrough(o.node, src);
          const negated = this.listNegated(o.condition, v, o.origin) !== revertsIf;
          if (negated) black = true;
          else white = true;
          this.ev(negated ? 'is_blacklisted' : 'is_whitelisted', f, o.node, `transfers ${negated ? 'refuse addresses in' : 'require addresses in'} ${v.name}, set by ${ownerWritten.get(v)!.name}`, o.origin);
        } else if (!v.isMapping && /^bool/.test(v.typeText) && this.twoWay(v, privileged)) {
          pausable = true;
          this.ev('transfer_pausable', f, o.node, `transfers revert on the switch ${v.name}, set by ${ownerWritten.get(v)!.name}`, o.origin);
        }
      }
      const cond = textOf(src, o.condition);
      if (/block\.(timestamp|number)|\bnow\b/.test(cond) && vars.length > 0) {
        cooldown = true;
        this.ev('trading_cooldown', f, o.node, 'transfers revert on a time check against stored state', o.origin);
      }
      const limits = vars.filter((v) => !v.isMapping && /^uint/.test(v.typeText) && !books.has(v) && !v.isConstant);
      if (limits.length > 0 && /[<>]/.test(cond) && !/block\./.test(cond)) {
        whale = true;
        this.ev('is_anti_whale', f, o.node, `transfers revert when an amount exceeds ${limits.map((v) => v.name).join(', ')}`, o.origin);
        for (const v of limits.filter((x) => ownerWritten.has(x))) {
          whaleModifiable = true;
          this.ev('anti_whale_modifiable', ownerWritten.get(v)!, null, `${ownerWritten.get(v)!.name} changes ${v.name}`);
        }
      }
    }
    // Names add what structure cannot see (a list kept elsewhere, a pause in a modifier of another file).
    for (const f of custom) {
      const role = roleOf(f);
      const flag = role === 'blacklist' ? 'is_blacklisted' : role === 'whitelist' ? 'is_whitelisted' : role === 'pause' ? 'transfer_pausable' : role === 'cooldown' ? 'trading_cooldown' : null;
      if (!flag) continue;
      this.ev(flag, f, f.node, `function ${f.name} named like a ${role === 'pause' ? 'pause switch' : role}`);
      if (flag === 'is_blacklisted') black = true;
      if (flag === 'is_whitelisted') white = true;
      if (flag === 'transfer_pausable') pausable = true;
      if (flag === 'trading_cooldown') cooldown = true;
    }
    set('limit_sell', noneIf(limit));
    set('is_blacklisted', noneIf(black));
    set('is_whitelisted', noneIf(white));
    set('transfer_pausable', noneIf(pausable));
    set('trading_cooldown', noneIf(cooldown));
    set('is_anti_whale', noneIf(whale));
    set('anti_whale_modifiable', noneIf(whaleModifiable));

    // --- Taxes: stored rates in a product or quotient of the transfer path, set without an upper bound.
    const rates = new Set<StateVariable>();
    for (const { o } of pathOps) {
      if (o.kind !== 'state-read' || books.has(o.variable) || o.variable.isConstant || o.variable.isImmutable) continue;
      if (inProduct(o.node, o.origin.contract.unit.text) || usedInProductViaLocal(o.node, o.origin)) rates.add(o.variable);
    }
    let slippage = false;
    let personal = false;
    for (const v of rates) {
      for (const f of privileged) {
        const write = this.ops(f).find((o) => o.kind === 'state-write' && o.variable === v);
        if (!write) continue;
        const bounded = this.ops(f).some((o) => o.kind === 'guard' && /[<>]/.test(textOf(o.origin.contract.unit.text, o.condition)) && f.params.some((p) => p.name && new RegExp(`\\b${p.name}\\b`).test(textOf(o.origin.contract.unit.text, o.condition))));
        if (bounded) continue;
        if (v.isMapping) personal = true;
        else slippage = true;
        this.ev(v.isMapping ? 'personal_slippage_modifiable' : 'slippage_modifiable', f, write.node, `${f.name} sets ${v.name}, a ${v.isMapping ? 'per-address ' : ''}rate used in transfers, with no upper bound`, write.origin);
      }
    }
    set('slippage_modifiable', noneIf(slippage));
    set('personal_slippage_modifiable', noneIf(personal));

    const ext = pathOps.filter(({ o }) => o.kind === 'external-call' && !(o.call.kind === 'high-level' && o.call.method !== null && this.libraryFns.has(o.call.method)));
    for (const { f, o } of ext) this.ev('external_call', f, o.node, 'the transfer path calls another contract', o.origin);
    set('external_call', noneIf(ext.length > 0));

    for (const name of FLAG_NAMES) if (flags[name].value === false) flags[name].evidence = [];
    return flags;
  }

  /**
   * The operations of `fn` and of every internal function it reaches, at any depth (SafeMoon's fee sits six
   * calls below `transfer`; the model inlines four), each function's own code once.
   */
  private reachable(fn: FunctionModel): Operation[] {
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
  private helperTakes(helper: FunctionModel, args: SyntaxNode[], f: FunctionModel, balances: StateVariable): SyntaxNode | null {
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
  private listNegated(cond: SyntaxNode, v: StateVariable, origin: FunctionModel): boolean {
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
  private twoWay(v: StateVariable, privileged: FunctionModel[]): boolean {
    const values = new Set<string>();
    for (const f of privileged) {
      for (const o of this.ops(f)) if (o.kind === 'state-write' && o.variable === v) values.add((rhsText(o.node, o.origin) ?? '?').trim());
    }
    return [...values].some((x) => x !== 'true' && x !== 'false') || values.size > 1;
  }

  /** A public variable, or one a view function returns as is. */
  private exposed(v: StateVariable): boolean {
    if (v.visibility === 'public') return true;
    const re = new RegExp(`return\\s*\\(?\\s*${v.name}\\s*\\)?\\s*;`);
    return this.fns.some((f) => (f.mutability === 'view' || f.mutability === 'pure') && f.body !== null && re.test(textOf(f.contract.unit.text, f.body)));
  }

  /** Without an owner() getter: the address `transferOwnership` or `onlyOwner` checks the caller against. */
  private ownerFromGuards(): StateVariable | null {
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
  private varsIn(node: SyntaxNode, origin: FunctionModel): StateVariable[] {
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

function isZeroAddress(node: SyntaxNode | undefined, origin: FunctionModel): boolean {
  return node !== undefined && /^address\(\s*0(x0+)?\s*\)$/.test(textOf(origin.contract.unit.text, unparen(node)).trim());
}

/** A parameter of `origin` (and not the caller): `from` in `rescue(address from, ...)`. */
function isParamOf(node: SyntaxNode, origin: FunctionModel): boolean {
  const n = unparen(node);
  const src = origin.contract.unit.text;
  if (isMsgSender(n, src)) return false;
  return n.type === 'identifier' && origin.params.some((p) => p.name === textOf(src, n));
}

/** `_balances[holder]` with `holder` a parameter; `outer` for `_allowances[holder][spender]`. */
function indexIsParam(lvalue: SyntaxNode, origin: FunctionModel, outer = false): boolean {
  let n = unparen(lvalue);
  if (outer) while (n.type === 'array_access' && n.fields.base && unparen(n.fields.base).type === 'array_access') n = unparen(n.fields.base);
  return n.type === 'array_access' && n.fields.index !== undefined && isParamOf(n.fields.index, origin);
}

function assignmentOf(lvalue: SyntaxNode): SyntaxNode | null {
  const p = lvalue.parent;
  return p && (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.fields.left === lvalue ? p : null;
}

function rhsText(lvalue: SyntaxNode, origin: FunctionModel): string | null {
  const a = assignmentOf(lvalue);
  return a?.fields.right ? textOf(origin.contract.unit.text, a.fields.right) : null;
}

/** How a write changes the value: `+=` or `x = y + z` add, `-=` or `x = y - z` subtract, else set. */
function writeKind(lvalue: SyntaxNode, origin: FunctionModel): 'add' | 'sub' | 'set' {
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

function rhsReads(lvalue: SyntaxNode, name: string, origin: FunctionModel): boolean {
  return new RegExp(`\\b${name}\\b`).test(rhsText(lvalue, origin) ?? '');
}

/** The assigned value mentions a parameter of the function (`_balances[h] = amount`, not `= 0`). */
function rhsUsesParam(lvalue: SyntaxNode, origin: FunctionModel): boolean {
  const a = assignmentOf(lvalue);
  if (!a?.fields.right) return false;
  const src = origin.contract.unit.text;
  const names = new Set(origin.params.map((p) => p.name).filter((n): n is string => n !== null));
  return findAll(a.fields.right, 'identifier').some((id) => names.has(textOf(src, id)));
}

/** `_owner = _previousOwner`: the owner restored from another stored address. */
function rhsStateVar(lvalue: SyntaxNode, origin: FunctionModel, c: ContractModel, owner: StateVariable): boolean {
  const a = assignmentOf(lvalue);
  const rhs = a?.fields.right ? unparen(a.fields.right) : null;
  if (!rhs || rhs.type !== 'identifier') return false;
  const v = c.stateVariables.get(textOf(origin.contract.unit.text, rhs));
  return v !== undefined && v !== owner && /^address/.test(v.typeText);
}

/** Conditions of the `if` statements that enclose `node` inside its function. */
function enclosingConditions(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let n = node.parent, child: SyntaxNode = node; n && n.type !== 'function_definition' && n.type !== 'modifier_definition'; child = n, n = n.parent) {
    if (n.type === 'if_statement' && n.fields.condition && n.fields.condition !== child) out.push(n.fields.condition);
  }
  return out;
}

/** `a + b > a`, `a + b >= a`: a comparison whose two sides share a variable (an overflow check, not a limit). */
function isOverflowCheck(cond: SyntaxNode, src: string): boolean {
  const n = unparen(cond);
  if (n.type !== 'binary_expression' || !n.fields.left || !n.fields.right) return false;
  const op = n.tokens.operator ?? src.slice(n.fields.left.endIndex, n.fields.right.startIndex).trim();
  if (!/^[<>]=?$/.test(op)) return false;
  const ids = (x: SyntaxNode) => new Set(findAll(x, 'identifier').map((i) => textOf(src, i)));
  const right = ids(n.fields.right);
  return [...ids(n.fields.left)].some((i) => right.has(i));
}

/** `if (ok) return doIt();` with no else: the `if` is the way through, not a failure (`return false` after it). */
function allowsThrough(ifs: SyntaxNode, src: string): boolean {
  const body = ifs.fields.body;
  if (!body || ifs.children.some((c) => c.type === 'else' || textOf(src, c) === 'else')) return false;
  const t = textOf(src, body).replace(/^\{|\}$/g, '').trim();
  const m = /^return\s+(.+?);?$/s.exec(t);
  return m !== null && !/^(false|0)$/.test(m[1]!.trim()) && /\(/.test(m[1]!);
}

/** Inside `a * b`, `a / b`, or SafeMath's `a.mul(b)` / `a.div(b)`. */
function inProduct(node: SyntaxNode, src: string): boolean {
  for (let n = node.parent; n && n.type !== 'expression_statement' && !n.type.endsWith('_statement'); n = n.parent) {
    if (n.type === 'binary_expression' && n.fields.left && n.fields.right && /^[*/]$/.test(n.tokens.operator ?? src.slice(n.fields.left.endIndex, n.fields.right.startIndex).trim())) return true;
    if (n.type === 'call_expression' && /^(mul|div)$/.test(calleeName(n, src) ?? '')) return true;
  }
  return false;
}

/** `uint rate = cond ? sellTax : buyTax; ... value * rate`: the local is used in a product. */
function usedInProductViaLocal(node: SyntaxNode, origin: FunctionModel): boolean {
  let decl: SyntaxNode | null = node.parent;
  while (decl && decl.type !== 'variable_declaration_statement' && !decl.type.endsWith('_statement')) decl = decl.parent;
  if (!decl || decl.type !== 'variable_declaration_statement' || !origin.body) return false;
  const v = decl.children.find((ch) => ch.type === 'variable_declaration')?.fields.name;
  if (!v) return false;
  const src = origin.contract.unit.text;
  const local = textOf(src, v);
  return findAll(origin.body, 'identifier').some((id) => textOf(src, id) === local && id !== v && inProduct(id, src));
}
