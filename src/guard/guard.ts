/**
 * The guard: decides allow, warn or block for one state-changing JSON-RPC request, and keeps every
 * decision as a `Finding` (in the store when one is given). Transactions are simulated on a fork of the
 * upstream's latest state (the one fork service); signatures are decoded. What the guard could not decide
 * (the fork or the upstream failing) it says, and blocks unless the policy says to warn.
 */
import { getAddress, isAddress, keccak256, parseTransaction, recoverTransactionAddress, stringToHex, type Address, type Hex, type TransactionSerialized } from 'viem';
import { makeAlert } from '../core/alert-id.js';
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import type { Finding, Severity } from '../core/finding.js';
import { IntelStore } from '../fraud/intel/store.js';
import { rpc } from '../chain/rpc/json-rpc.js';
import type { AlertStore } from '../store/store.js';
import { simulateTrades } from '../token/simulate/trade.js';
import { TradeSimulator } from '../token/simulate/simulator.js';
import type { TradeSimulation } from '../token/types.js';
import { parseGuardPolicy, type GuardPolicy, type GuardPolicyInput } from './config.js';
import { parseTypedData, permissionsInCalldata, readMessage, readTypedData } from './decode.js';
import { flagged, lossReasons, orderReasons, outflows, permissionReasons, recipientReasons, unrequitedReasons, type PolicyContext } from './policies.js';
import { ChainReputation } from './reputation.js';
import { Simulator, type TxRequest } from './simulate.js';
import type { Decision, Permission, Reason, Verdict } from './types.js';

export const GUARDED_METHODS = new Set(['eth_sendTransaction', 'eth_sendRawTransaction', 'eth_sign', 'personal_sign', 'eth_signTypedData', 'eth_signTypedData_v3', 'eth_signTypedData_v4']);

export interface GuardOptions {
  upstreamUrl: string;
  policy?: GuardPolicyInput;
  /** Where decisions are kept as findings (alerts of detector `guard/decision`). */
  store?: AlertStore;
  onLog?: (line: string) => void;
  /** How often the fork catches up with the upstream between requests, in ms (0: only when asked); default 1,000. */
  followMs?: number;
}

function verdictOf(reasons: Reason[]): Verdict {
  if (reasons.some((r) => r.verdict === 'block')) return 'block';
  return reasons.length ? 'warn' : 'allow';
}

const SEVERITY: Record<Verdict, Severity> = { allow: 'info', warn: 'medium', block: 'high' };

function hexOrUndefined(v: unknown): bigint | undefined {
  return typeof v === 'string' && /^0x[0-9a-fA-F]*$/u.test(v) && v.length > 2 ? BigInt(v) : typeof v === 'number' ? BigInt(v) : undefined;
}

function txFromParams(p: unknown): TxRequest {
  if (!p || typeof p !== 'object') throw new ArgusError(ERROR_CODES.USAGE, 'eth_sendTransaction needs a transaction object');
  const o = p as Record<string, unknown>;
  if (typeof o.from !== 'string' || !isAddress(o.from, { strict: false })) throw new ArgusError(ERROR_CODES.USAGE, 'the transaction has no valid from address');
  if (o.to !== undefined && o.to !== null && (typeof o.to !== 'string' || !isAddress(o.to, { strict: false }))) throw new ArgusError(ERROR_CODES.USAGE, 'the transaction has an invalid to address');
  const data = (o.data ?? o.input) as Hex | undefined;
  return { from: getAddress(o.from.toLowerCase()), ...(typeof o.to === 'string' ? { to: getAddress(o.to.toLowerCase()) } : {}), ...(data ? { data } : {}), value: hexOrUndefined(o.value) ?? 0n, ...(hexOrUndefined(o.gas) ? { gas: hexOrUndefined(o.gas) } : {}) };
}

async function txFromRaw(raw: unknown): Promise<TxRequest & { hash: Hex }> {
  if (typeof raw !== 'string' || !/^0x[0-9a-fA-F]+$/u.test(raw)) throw new ArgusError(ERROR_CODES.USAGE, 'eth_sendRawTransaction needs a signed transaction in hex');
  let tx;
  let from: Address;
  try {
    tx = parseTransaction(raw as TransactionSerialized);
    from = await recoverTransactionAddress({ serializedTransaction: raw as TransactionSerialized });
  } catch (error) {
    throw new ArgusError(ERROR_CODES.USAGE, `the signed transaction cannot be read: ${(error as Error).message.split('\n')[0]}`);
  }
  return { from, ...(tx.to ? { to: getAddress(tx.to) } : {}), ...(tx.data ? { data: tx.data } : {}), value: tx.value ?? 0n, ...(tx.gas ? { gas: tx.gas } : {}), hash: keccak256(raw as Hex) };
}

/** Dedupes permissions seen twice (in the calldata and in the simulation's events): the simulation's win. */
function mergePermissions(sim: Permission[], stat: Permission[]): Permission[] {
  const out = [...sim];
  for (const p of stat) if (!sim.some((s) => s.spender === p.spender && s.token === p.token)) out.push(p);
  return out;
}

export class Guard {
  readonly policy: GuardPolicy;
  readonly intel: IntelStore;
  readonly reputation: ChainReputation;
  private chainId = 0;
  private readonly honeypots = new Map<string, { block: number; reason?: string; unknown?: string }>();
  private readonly refreshing = new Set<string>();
  private side: Promise<TradeSimulator> | undefined;
  private follower: NodeJS.Timeout | undefined;
  private catchingUp: Promise<void> | undefined;
  decisions = 0;

  private constructor(
    readonly upstreamUrl: string,
    readonly simulator: Simulator,
    policy: GuardPolicy,
    private readonly store: AlertStore | undefined,
    private readonly log: (line: string) => void,
  ) {
    this.policy = policy;
    this.intel = IntelStore.create();
    this.reputation = new ChainReputation(upstreamUrl, (n) => simulator.recentBlock(n));
  }

  static async start(options: GuardOptions): Promise<Guard> {
    const policy = parseGuardPolicy(options.policy ?? {});
    const simulator = await Simulator.start(options.upstreamUrl);
    const guard = new Guard(options.upstreamUrl, simulator, policy, options.store, options.onLog ?? (() => undefined));
    try {
      for (const file of policy.intelFiles) {
        const info = guard.intel.loadFile(file);
        guard.log(`intel: ${info.addresses} addresses from ${file}`);
      }
      guard.chainId = Number(await rpc<Hex>(options.upstreamUrl, 'eth_chainId'));
      const head = Number(await rpc<Hex>(options.upstreamUrl, 'eth_blockNumber'));
      const txs = await guard.reputation.scan(Math.max(0, head - policy.historyBlocks) - 1, head);
      guard.log(`history: ${txs} transactions in blocks ${Math.max(0, head - policy.historyBlocks)}..${head}`);
      if ((options.followMs ?? 1_000) > 0) guard.follow(options.followMs ?? 1_000);
    } catch (error) {
      await simulator.stop();
      throw error instanceof ArgusError ? error : new ArgusError(ERROR_CODES.RPC, `the guard could not start: ${toArgusError(error).message}`, {}, { cause: error });
    }
    return guard;
  }

  /** The decision for one request (never forwards anything). */
  async decide(method: string, params: unknown[]): Promise<Decision> {
    const started = performance.now();
    const done = (d: Omit<Decision, 'ms' | 'verdict'>): Decision => ({ ...d, verdict: verdictOf(d.reasons), ms: Math.round((performance.now() - started) * 100) / 100 });
    switch (method) {
      case 'eth_sendTransaction':
        return done(await this.decideTx(method, txFromParams(params[0])));
      case 'eth_sendRawTransaction': {
        // The head is asked for while the signature is recovered (a few ms of CPU).
        const head = this.simulator.peekHead();
        head.catch(() => undefined);
        return done(await this.decideTx(method, await txFromRaw(params[0]), head));
      }
      case 'eth_sign': {
        const from = typeof params[0] === 'string' && isAddress(params[0], { strict: false }) ? getAddress(params[0].toLowerCase()) : undefined;
        return done({ method, ...(from ? { from } : {}), reasons: [{ rule: 'blind-signature', verdict: 'block', message: 'eth_sign signs raw bytes the wallet cannot show: a transaction or order hash signed this way can move all your assets' }], changes: [], permissions: [], simulated: false });
      }
      case 'personal_sign': {
        // MetaMask's order is (message, address); some clients send (address, message).
        const [a, b] = params;
        const swapped = typeof a === 'string' && isAddress(a, { strict: false }) && !(typeof b === 'string' && isAddress(b, { strict: false }));
        const [message, address] = swapped ? [b, a] : [a, b];
        const from = typeof address === 'string' && isAddress(address, { strict: false }) ? getAddress(address.toLowerCase()) : undefined;
        const read = readMessage(message);
        const reasons: Reason[] = [];
        if (read.opaque && read.bytes === 32) reasons.push({ rule: 'blind-signature', verdict: 'block', message: 'personal_sign of a 32-byte value that is not text: it may be the hash of a transaction or an order' });
        else if (read.opaque) reasons.push({ rule: 'opaque-message', verdict: 'warn', message: `personal_sign of ${read.bytes} bytes that are not readable text` });
        return done({ method, ...(from ? { from } : {}), reasons, changes: [], permissions: [], simulated: false });
      }
      case 'eth_signTypedData':
      case 'eth_signTypedData_v3':
      case 'eth_signTypedData_v4':
        return done(await this.decideTypedData(method, params));
      default:
        throw new ArgusError(ERROR_CODES.USAGE, `${method} is not a request the guard decides on`);
    }
  }

  /**
   * The upstream's head, and the history up to it read; `alongside` (the simulation) runs beside the scan,
   * and so do the look-ups of `prefetch` (code and age of the addresses the policies will ask about).
   */
  private async context<T>(alongside?: (head: number) => Promise<T>, prefetch: readonly Address[] = [], headAsked?: Promise<number>): Promise<{ ctx: PolicyContext; value: T | undefined }> {
    const head = await (headAsked ?? this.simulator.peekHead());
    const early = Promise.all(prefetch.map((a) => this.reputation.contract(a, head).catch(() => undefined)));
    const [, value] = await Promise.all([this.reputation.scanTo(head), alongside?.(head), early]);
    return { ctx: { policy: this.policy, intel: this.intel, reputation: this.reputation, head }, value };
  }

  /**
   * Keeps the fork and the history at the upstream's head between requests (every `everyMs`, and when
   * `nudge` says a send went through), so that a decision seldom has blocks to replay first.
   */
  follow(everyMs: number): void {
    if (this.follower) clearInterval(this.follower);
    this.follower = setInterval(() => this.nudge(), everyMs);
    this.follower.unref();
  }

  /** Catches up with the upstream now, in the background, unless a decision or a catch-up is under way. */
  nudge(): void {
    if (this.catchingUp || !this.simulator.idle) return;
    this.catchingUp = (async () => {
      const head = await this.simulator.follow();
      if (head !== undefined) await this.reputation.scanTo(head);
    })()
      .catch((error: unknown) => this.log(`guard: could not follow the upstream: ${toArgusError(error).message}`))
      .finally(() => (this.catchingUp = undefined));
  }

  private async decideTypedData(method: string, params: unknown[]): Promise<Omit<Decision, 'ms' | 'verdict'>> {
    const [a, b] = params;
    const [address, raw] = typeof a === 'string' && isAddress(a, { strict: false }) ? [a, b] : [b, a];
    const from = typeof address === 'string' && isAddress(address, { strict: false }) ? getAddress(address.toLowerCase()) : undefined;
    let reading;
    try {
      reading = readTypedData(parseTypedData(raw), from);
    } catch (error) {
      return { method, ...(from ? { from } : {}), reasons: [{ rule: 'undecodable', verdict: 'block', message: `the typed data cannot be read (${(error as Error).message}); nothing unreadable is signed` }], changes: [], permissions: [], simulated: false };
    }
    let ctx: PolicyContext;
    try {
      ctx = (await this.context()).ctx;
    } catch (error) {
      return { method, ...(from ? { from } : {}), reasons: [this.undecided(error)], changes: [], permissions: reading.permissions, simulated: false };
    }
    const reasons: Reason[] = [];
    if (reading.verifyingContract) {
      const flag = flagged(ctx, reading.verifyingContract);
      if (flag) reasons.push({ rule: 'recipient-flagged', verdict: 'block', message: `the message is for ${reading.verifyingContract}, which is ${flag}` });
    }
    reasons.push(...(await permissionReasons(ctx, reading.permissions)));
    if (reading.order) reasons.push(...orderReasons(ctx, reading.order));
    return { method, ...(from ? { from } : {}), reasons, changes: [], permissions: reading.permissions, ...(reading.order ? { order: reading.order } : {}), simulated: false };
  }

  private undecided(error: unknown): Reason {
    const why = toArgusError(error).message.split('\n')[0];
    return { rule: 'undecided', verdict: this.policy.onSimulationFailure, message: `the guard could not decide: ${why} (fail ${this.policy.onSimulationFailure === 'block' ? 'closed' : 'open, with a warning'})` };
  }

  private async decideTx(method: string, tx: TxRequest, headAsked?: Promise<number>): Promise<Omit<Decision, 'ms' | 'verdict'>> {
    const base = { method, from: tx.from, ...(tx.to ? { to: tx.to } : {}) };
    const stat = permissionsInCalldata(tx.to, tx.data);
    let ctx: PolicyContext;
    let sim;
    try {
      // The policies' look-ups of the callee and of spenders named in the calldata run beside the simulation.
      const got = await this.context((head) => this.simulator.simulate(tx, head), [...(tx.to ? [tx.to] : []), ...stat.map((p) => p.spender)], headAsked);
      ctx = got.ctx;
      sim = got.value as NonNullable<typeof got.value>;
    } catch (error) {
      return { ...base, reasons: [this.undecided(error)], changes: [], permissions: stat, simulated: false };
    }
    const permissions = mergePermissions(sim.permissions, stat);
    const reasons: Reason[] = [];
    try {
      if (tx.to) {
        const flag = flagged(ctx, tx.to);
        if (flag) reasons.push({ rule: 'recipient-flagged', verdict: 'block', message: `the transaction goes to ${tx.to}, which is ${flag}` });
      }
      reasons.push(...(await permissionReasons(ctx, permissions)));
      if (!sim.success) {
        // Nothing moves when it reverts; the permissions read from the calldata were still judged above.
        reasons.push({ rule: 'reverts', verdict: 'warn', message: `the transaction would fail on the current state: ${sim.error ?? 'reverted'}` });
        return { ...base, reasons: dedupe(reasons), changes: [], permissions, simulated: true };
      }
      const plainEthTo = tx.to && (!tx.data || tx.data === '0x') ? tx.to : undefined;
      const flows = outflows(sim.changes, sim.movements, tx.from, plainEthTo);
      reasons.push(...recipientReasons(ctx, tx.from, flows));
      reasons.push(...(await this.honeypotReasons(sim.changes)));
      reasons.push(...(await unrequitedReasons(ctx, tx, sim.changes)));
      reasons.push(...lossReasons(ctx, sim.changes));
    } catch (error) {
      reasons.push(this.undecided(error));
    }
    return { ...base, reasons: dedupe(reasons), changes: sim.changes, permissions, simulated: true };
  }

  /** A token the sender buys (gains while paying) that cannot be sold back on the DEX. */
  private async honeypotReasons(changes: Decision['changes']): Promise<Reason[]> {
    const dex = this.policy.dex;
    if (!dex) return [];
    const paid = changes.some((c) => BigInt(c.amount) < 0n && (c.standard === 'ETH' || c.standard === 'ERC20'));
    if (!paid) return [];
    const out: Reason[] = [];
    for (const c of changes) {
      if (c.standard !== 'ERC20' || !c.token || BigInt(c.amount) <= 0n) continue;
      if (c.token.toLowerCase() === dex.weth.toLowerCase()) continue;
      const verdict = await this.sellable(c.token);
      if (verdict.reason) out.push({ rule: 'honeypot', verdict: 'block', message: `buys ${c.token}, which cannot be sold back: ${verdict.reason}` });
      else if (verdict.unknown) out.push({ rule: 'honeypot-unknown', verdict: 'warn', message: `buys ${c.token}; whether it can be sold back is unknown: ${verdict.unknown}` });
    }
    return out;
  }

  private async sellable(token: Address): Promise<{ reason?: string; unknown?: string }> {
    const dex = this.policy.dex;
    if (!dex) return {};
    const key = token.toLowerCase();
    const cached = this.honeypots.get(key);
    if (cached) {
      // A token's code can change its mind (fees raised, trading "paused"): an answer older than 50 blocks
      // is used once more while a fresh one is worked out in the background.
      if (this.simulator.block - cached.block >= 50 && !this.refreshing.has(key)) {
        this.refreshing.add(key);
        void this.recheckSellable(token, dex)
          .then((r) => this.honeypots.set(key, { block: this.simulator.block, ...r }))
          .catch(() => undefined)
          .finally(() => this.refreshing.delete(key));
      }
      return cached;
    }
    const result = await this.checkSellable(token, dex);
    this.honeypots.set(key, { block: this.simulator.block, ...result });
    return result;
  }

  /**
   * A re-check in the background runs on a second fork (the token checker's own simulator, started on first
   * use), so that it never holds up the decisions queued on the guard's fork.
   */
  private async recheckSellable(token: Address, dex: NonNullable<GuardPolicy['dex']>): Promise<{ reason?: string; unknown?: string }> {
    this.side ??= TradeSimulator.start({ upstreamUrl: this.upstreamUrl });
    const side = await this.side;
    const trades = await side.check(token, { dex: { router: dex.router as Address, factory: dex.factory as Address, weth: dex.weth as Address, quoteTokens: dex.quoteTokens as Address[] } });
    return sellVerdict(trades);
  }

  private checkSellable(token: Address, dex: NonNullable<GuardPolicy['dex']>): Promise<{ reason?: string; unknown?: string }> {
    return this.simulator.withSnapshot(async (forkUrl) => {
      // A Uniswap pair's share (liquidity added) is redeemed, not sold.
      const factory = await rpc<Hex>(forkUrl, 'eth_call', [{ to: token, data: '0xc45a0155' }, 'latest']).catch(() => '0x');
      if (factory.length >= 66 && `0x${factory.slice(-40)}`.toLowerCase() === dex.factory.toLowerCase()) return {};
      const trades = await simulateTrades(forkUrl, token, { dex: { router: dex.router as Address, factory: dex.factory as Address, weth: dex.weth as Address, quoteTokens: dex.quoteTokens as Address[] } });
      return sellVerdict(trades);
    });
  }

  /** Keeps the decision as a finding in the store (when there is one); returns it. */
  async record(decision: Decision, requestKey: string): Promise<Finding> {
    this.decisions += 1;
    const finding: Finding = {
      detector: 'guard/decision',
      title: `${decision.verdict} ${decision.method}${decision.reasons[0] ? `: ${decision.reasons[0].rule}` : ''}`,
      severity: SEVERITY[decision.verdict],
      confidence: decision.verdict === 'allow' ? 1 : 0.9,
      tags: [`guard:${decision.verdict}`, ...new Set(decision.reasons.map((r) => `rule:${r.rule}`))],
      subject: { kind: 'address', chainId: this.chainId, address: decision.from ?? '0x0000000000000000000000000000000000000000', role: 'sender' },
      explanation: decision.reasons.length ? decision.reasons.map((r) => r.message).join(' ') : `${decision.method} allowed: no policy objected`,
      evidence: { verdict: decision.verdict, method: decision.method, to: decision.to, reasons: decision.reasons, changes: decision.changes, permissions: decision.permissions, order: decision.order, simulated: decision.simulated, ms: decision.ms, blockNumber: this.simulator.block },
      ...(decision.verdict === 'block' ? { recommendation: 'Do not sign or send this; if a site asked for it, leave the site.' } : {}),
    };
    if (this.store) {
      const alert = makeAlert(finding, { chainId: this.chainId, blockNumber: this.simulator.block, blockHash: `0x${'0'.repeat(64)}`, txHash: keccak256(stringToHex(requestKey)) });
      try {
        await this.store.saveAlert(alert);
        await this.store.markDispatched(alert.id);
      } catch (error) {
        throw new ArgusError(ERROR_CODES.STORE, `could not keep the guard's decision: ${toArgusError(error).message}`, {}, { cause: error });
      }
    }
    return finding;
  }

  async stop(): Promise<void> {
    if (this.follower) clearInterval(this.follower);
    this.follower = undefined;
    await this.catchingUp;
    const side = this.side;
    this.side = undefined;
    await Promise.all([this.simulator.stop(), side?.then((s) => s.stop(), () => undefined)]);
  }
}

function sellVerdict(trades: TradeSimulation): { reason?: string; unknown?: string } {
  if (trades.is_honeypot === true) return { reason: trades.errors.join('; ') || `a round trip keeps ${trades.sellTax !== null ? `${Math.round((1 - trades.sellTax) * 100)} %` : 'almost nothing'}` };
  if (trades.is_honeypot === null) return { unknown: trades.errors.join('; ') || 'the trade simulation could not finish' };
  return {};
}

function dedupe(reasons: Reason[]): Reason[] {
  const seen = new Set<string>();
  return reasons.filter((r) => (seen.has(r.message) ? false : (seen.add(r.message), true)));
}
