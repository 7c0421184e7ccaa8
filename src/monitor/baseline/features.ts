/**
 * The baseline's feature vector: one fixed, named row per successful transaction, describing it RELATIVE
 * to its sender's own history (and, where it helps, to the contract it calls), so that "large" means
 * large for this wallet and not for the chain. The history is streaming statistics kept per entity in a
 * `BaselineState` (Welford mean/variance of log amounts, counts, recent
 * recipients), plain maps and arrays so that the engine's snapshot (codec.ts) persists it.
 *
 * Entities with little history get neutral values (z = 0) and the `historyLength` feature says how much
 * there was: the forest learns what a young wallet normally looks like instead of reading noise as signal.
 *
 * Only departures are features. Context that describes what kind of transaction it is (sender age, blocks
 * since its last one, calldata length, event and token counts, how busy the target is) was tried and
 * dropped: an isolation forest picks split features at random, so each such feature dilutes a departure
 * that shows in one feature only (a drain's amount z-score). On validation seeds (neither training nor
 * evaluation seeds) a 14-feature model ranked attacks well but put none above the no-false-alert threshold,
 * while these 8 put about a sixth of the attacker transactions above it (models/monitor-baseline.md).
 */
import { transfersOf, type ChainState, type Erc20Transfer, type TxView } from '../state.js';

export const FEATURE_NAMES = [
  /** log2(1 + earlier successful transactions sent by the sender): how much history the other features rest on. */
  'historyLength',
  /** z-score of log10(ETH value in wei) against the sender's earlier transactions that carried ETH; 0 without ETH or such history. */
  'ethValueZ',
  /** Largest z-score of log10(token amount) sent by the sender, against its history for that token. */
  'tokenAmountZ',
  /** Largest share (0–1) of the sender's balance of a token that the transaction moves out. */
  'balanceShareMoved',
  /** 1 when a counterparty (the called address or created contract, or a receiver of the sender's tokens) is not among its recent ones. */
  'newRecipient',
  /** Distinct externally owned accounts other than the sender whose tokens the transaction moves out. */
  'foreignOutflows',
  /** Largest relative change of a known pool's reserves (capped at 10). */
  'poolReserveChange',
  /** 1 for a contract creation. */
  'contractCreation',
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

/** Welford's running [count, mean, M2]. */
export type Welford = [number, number, number];

export interface SenderStats {
  n: number;
  /** log10(wei) of the ETH value of each earlier transaction that carried ETH (zero-value calls would make it bimodal). */
  eth: Welford;
  /** The last RECENT_RECIPIENTS distinct counterparties (bounded: a busy hot wallet must not grow forever). */
  recipients: string[];
}

export interface BaselineState {
  senders: Map<string, SenderStats>;
  /** `sender:token` -> log10 amounts the sender sent of that token. */
  tokens: Map<string, Welford>;
}

/** What an explanation needs about the history a row was measured against. */
export interface FeatureContext {
  sender: string;
  /** Earlier transactions of the sender in the baseline. */
  history: number;
  /** Typical ETH value (ETH) of those that carried ETH: the geometric mean; 0 without any. */
  meanEth: number;
  /** For the token behind `tokenAmountZ`: its address, this amount and the history's count and mean. */
  token?: { address: string; amount: bigint; history: number; meanAmount: number };
}

const RECENT_RECIPIENTS = 32;
/** z-scores divide by at least this much (log10 units, a factor of about 1.8) so a steady history does not turn tiny wiggles into large z. */
const MIN_SD = 0.25;
const Z_CAP = 50;
const ZERO = '0x0000000000000000000000000000000000000000';

export function createBaselineState(): BaselineState {
  return { senders: new Map(), tokens: new Map() };
}

const log2p = (x: number): number => Math.log2(1 + Math.max(0, x));
const log10p = (x: bigint): number => Math.log10(1 + Number(x));

function push(w: Welford, x: number): void {
  w[0] += 1;
  const d = x - w[1];
  w[1] += d / w[0];
  w[2] += d * (x - w[1]);
}

/** z of x against w; 0 (neutral) with fewer than two earlier values. */
function zOf(w: Welford | undefined, x: number): number {
  if (!w || w[0] < 2) return 0;
  const sd = Math.max(Math.sqrt(w[2] / (w[0] - 1)), MIN_SD);
  return Math.max(-Z_CAP, Math.min(Z_CAP, (x - w[1]) / sd));
}

/** Who the sender deals with: the called address (or created contract) and the receivers of its tokens. */
function counterparties(tx: TxView, transfers: readonly Erc20Transfer[]): string[] {
  const out = new Set<string>();
  const target = tx.to ?? tx.contractAddress;
  if (target) out.add(target);
  for (const t of transfers) if (t.from === tx.from && t.value > 0n) out.add(t.to);
  return [...out];
}

/** The row for `tx` (before either `state` or `chain` has learnt from it) and the history it was measured against. */
export function extractFeatures(tx: TxView, state: BaselineState, chain: ChainState): { row: number[]; context: FeatureContext } {
  const s = state.senders.get(tx.from);
  const transfers = transfersOf(tx);
  let tokenZ = 0;
  let share = 0;
  let token: FeatureContext['token'];
  const foreign = new Set<string>();
  for (const t of transfers) {
    if (t.value === 0n) continue;
    // LP tokens handed back to their own pool are burnt for the sender's share of its reserves: redeeming a
    // claim, an ordinary liquidity operation, however much of the holding it is (the rug detectors judge
    // who removes liquidity, not this baseline).
    if (t.to === t.token && chain.pools.has(t.token)) continue;
    if (t.from === tx.from) {
      const w = state.tokens.get(`${tx.from}:${t.token}`);
      const z = zOf(w, log10p(t.value));
      if (!token || z > tokenZ) {
        tokenZ = z;
        token = { address: t.token, amount: t.value, history: w?.[0] ?? 0, meanAmount: w ? Math.pow(10, w[1]) : 0 };
      }
      const held = chain.balance(t.token, t.from);
      share = Math.max(share, held > 0n ? Math.min(1, Number((t.value * 10_000n) / held) / 10_000) : 1);
    } else if (t.from !== ZERO && t.from !== tx.to && !chain.isContract(t.from)) foreign.add(t.from);
  }
  let poolChange = 0;
  // A pool that minted or burnt liquidity without a swap moved both reserves in proportion: its price did
  // not change, so its reserve change is an ordinary liquidity operation, not a departure.
  const liquidityOnly = new Set<string>();
  for (const e of tx.events) if (e.standard === 'uniswap-v2' && (e.event === 'Mint' || e.event === 'Burn')) liquidityOnly.add(e.address.toLowerCase());
  for (const e of tx.events) if (e.standard === 'uniswap-v2' && e.event === 'Swap') liquidityOnly.delete(e.address.toLowerCase());
  for (const e of tx.events) {
    if (e.standard !== 'uniswap-v2' || e.event !== 'Sync' || liquidityOnly.has(e.address.toLowerCase())) continue;
    const before = chain.reserves.get(e.address.toLowerCase());
    if (!before) continue;
    const after = [e.args.reserve0 as bigint, e.args.reserve1 as bigint];
    before.forEach((r, i) => {
      const change = r > 0n ? Math.abs(Number(after[i]! - r)) / Number(r) : 10;
      poolChange = Math.max(poolChange, Math.min(10, change));
    });
  }
  const row = [
    log2p(s?.n ?? 0),
    tx.value > 0n ? zOf(s?.eth, log10p(tx.value)) : 0,
    tokenZ,
    share,
    counterparties(tx, transfers).every((c) => s?.recipients.includes(c)) ? 0 : 1,
    foreign.size,
    poolChange,
    tx.to === null ? 1 : 0,
  ];
  const context: FeatureContext = { sender: tx.from, history: s?.n ?? 0, meanEth: s && s.eth[0] > 0 ? Math.pow(10, s.eth[1]) / 1e18 : 0, ...(token ? { token } : {}) };
  return { row, context };
}

/** Learns from `tx` (after it was scored): the sender's count, amounts and recipients. */
export function learnBaseline(tx: TxView, state: BaselineState): void {
  let s = state.senders.get(tx.from);
  if (!s) state.senders.set(tx.from, (s = { n: 0, eth: [0, 0, 0], recipients: [] }));
  s.n += 1;
  if (tx.value > 0n) push(s.eth, log10p(tx.value));
  const transfers = transfersOf(tx);
  const seen = counterparties(tx, transfers);
  s.recipients = [...s.recipients.filter((r) => !seen.includes(r)), ...seen].slice(-RECENT_RECIPIENTS);
  for (const t of transfers) {
    if (t.from !== tx.from || t.value === 0n) continue;
    const key = `${tx.from}:${t.token}`;
    const w = state.tokens.get(key) ?? [0, 0, 0];
    push(w, log10p(t.value));
    state.tokens.set(key, w);
  }
}
