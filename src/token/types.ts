/**
 * The vocabulary of `argus token`: tri-state flags (GoPlus names where one exists, plus the three
 * backdoors of the CRPWarner study), each with its evidence; the results of simulated trades; the market
 * signals; the learned pre-rug score; and the report that joins them. A flag is `null` when the analysis
 * could not tell, never `false` by default.
 */
import type { Finding } from '../core/finding.js';

/** true: the token has it; false: checked and absent; null: unknown. */
export type Tri = boolean | null;

export const FLAG_NAMES = [
  'is_mintable',
  'owner_change_balance',
  'hidden_owner',
  'can_take_back_ownership',
  'is_blacklisted',
  'is_whitelisted',
  'transfer_pausable',
  'trading_cooldown',
  'is_anti_whale',
  'anti_whale_modifiable',
  'slippage_modifiable',
  'personal_slippage_modifiable',
  'is_proxy',
  'selfdestruct',
  'external_call',
  'owner_renounced',
  'hidden_mint',
  'leaking_token',
  'limit_sell',
] as const;
export type FlagName = (typeof FLAG_NAMES)[number];

export interface FlagEvidence {
  /** Which analysis saw it. */
  from: 'bytecode' | 'source' | 'simulation' | 'chain';
  /** 4-byte selector (0x…) of the function involved, when there is one. */
  selector?: string;
  /** Function signature when known (from source, or a known selector). */
  signature?: string;
  /** Source file and 1-based line, for `from: 'source'`. */
  file?: string;
  line?: number;
  /** One sentence a user can check. */
  detail: string;
}

export interface TokenFlag {
  value: Tri;
  evidence: FlagEvidence[];
}

export type TokenFlags = Record<FlagName, TokenFlag>;

/** All flags unknown: the starting point of every analysis. */
export function unknownFlags(): TokenFlags {
  return Object.fromEntries(FLAG_NAMES.map((n) => [n, { value: null, evidence: [] }])) as unknown as TokenFlags;
}

/** Buy, sell and transfer from fresh addresses on a fork, through the deepest Uniswap V2 pool. */
export interface TradeSimulation {
  pool: string | null;
  /** Share of the quoted amount lost, 0..1; null when the trade could not be made. */
  buyTax: number | null;
  sellTax: number | null;
  transferTax: number | null;
  buyGas: number | null;
  sellGas: number | null;
  is_honeypot: Tri;
  cannot_sell_all: Tri;
  /** Why a trade failed, in the node's words. */
  errors: string[];
}

export interface MarketSignals {
  pool: string | null;
  /** WETH in the pool, in ether. */
  liquidityEth: number | null;
  /** Shares of the LP supply, 0..1. */
  lpCreatorShare: number | null;
  lpBurnedShare: number | null;
  lpLockedShare: number | null;
  top10HolderShare: number | null;
  creatorShare: number | null;
  poolAgeBlocks: number | null;
  creator: string | null;
  creatorOtherTokens: number | null;
  /** Rugs of the creator's earlier tokens the monitor saw. */
  creatorEarlierRugs: number | null;
}

export interface RugScore {
  /** 0..1 probability of a rug pull from the learned model. */
  probability: number;
  /** The features the model saw, by name. */
  features: Record<string, number>;
  /** The features that pushed the score up most, with their contribution. */
  drivers: Array<{ feature: string; value: number; contribution: number }>;
  model: string;
}

export interface TokenReport {
  chainId: number | null;
  address: string | null;
  name: string | null;
  symbol: string | null;
  /** 0 (no sign of risk) .. 100 (certain scam). */
  riskScore: number;
  /** What drives the score, most important first: the findings that carry a weight, in words. */
  reasons: Array<{ points: number; reason: string }>;
  /**
   * Everything found, most important first: one `token/<flag rule>` finding per true flag (see
   * flags/registry.ts) and one per risk signal of the simulation, the market and the pre-rug model.
   * `evidence.weight` is what the finding adds to the score (null: nothing).
   */
  findings: Finding[];
  /** The GoPlus-style view of the findings: true where a finding says so, else what the analyses concluded. */
  flags: TokenFlags;
  simulation: TradeSimulation | null;
  market: MarketSignals | null;
  rugScore: RugScore | null;
  /** What could not be checked, and why (a signal left null says so here). */
  notes: string[];
  elapsedMs: number;
}
