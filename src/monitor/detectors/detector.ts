/**
 * What an on-chain (monitor) detector is: metadata beside its logic, in the style of the auditor's
 * detectors (src/audit/detectors/detector.ts), and a function of one transaction of a decoded block, the
 * chain history seen so far (`ChainState`, shared, maintained by the engine) and the detector's own
 * per-entity state. Every finding is about a transaction or an address on the chain being watched.
 */
import { evidenceUnits } from './evidence-units.js';
import type { Hex } from 'viem';
import type { Finding, Severity } from '../../core/finding.js';
import type { Stage, ThreatKind } from '../../core/threats.js';
import type { ChainState, TxView } from '../state.js';
import type { TokenInfo } from '../../core/amounts.js';
import type { TraceSummary } from '../trace.js';

export interface MonitorDetectorMeta {
  /** Short id without the `monitor/` prefix, e.g. `liquidity-pull`. */
  id: string;
  title: string;
  severity: Severity;
  confidence: number;
  description: string;
  recommendation: string;
  /**
   * The kind of threat this detector is meant to catch, for `kind:` tags; `anomaly` for a detector that
   * flags departures from learnt behaviour whatever the attack.
   */
  kind: ThreatKind;
}

/** What a detector may ask of the chain beyond the decoded block (the engine's RPC; optional). */
export interface ChainAccess {
  getBalance(address: string, blockNumber: bigint): Promise<bigint>;
  /**
   * Simulates a call (`eth_call`) on the state after `blockNumber`. A revert is an answer, not an error:
   * `{ reverted: true, reason }`. A dead endpoint throws, so a detector never mistakes an outage for a revert.
   */
  call(request: { from: string; to: string; data: Hex; blockNumber: bigint }): Promise<CallOutcome>;
  /**
   * The transaction's call tree (src/monitor/trace.ts), where the node offers traces; undefined where it
   * does not (then detectors work from logs alone).
   */
  trace?(hash: Hex, to: string | null, created: string | null): Promise<TraceSummary | undefined>;
}

export type CallOutcome = { reverted: false; data: Hex } | { reverted: true; reason: string };

export interface DetectorEnv {
  chainId: number;
  state: ChainState;
  /** Addresses whose actions are never reported (router, factory, pools, WETH…), lower case. */
  knownGood: ReadonlySet<string>;
  /** The caller's sanctions list, lower case. */
  sanctioned: ReadonlySet<string>;
  /** What a sanctioned address is listed as, where the list says (lower-case keys). */
  sanctionLabels: ReadonlyMap<string, string>;
  chain?: ChainAccess;
  /**
   * Symbol and decimals of the tokens seen so far, for explanations (src/monitor/amounts.ts): every token
   * of the current block's transfers, approvals and permits is asked before the detectors run. Without
   * `chain` nothing is known (`get` gives undefined) and amounts are printed in base units.
   */
  tokens: { get(address: string): TokenInfo | undefined };
}

export interface MonitorDetector<S = unknown> {
  meta: MonitorDetectorMeta;
  createState(): S;
  /** Called for every transaction, in chain order, before the shared state learns from it. */
  inspect(tx: TxView, own: S, env: DetectorEnv): Finding[] | Promise<Finding[]>;
}

export function defineMonitorDetector<S>(meta: MonitorDetectorMeta, createState: () => S, inspect: MonitorDetector<S>['inspect']): MonitorDetector<S> {
  return { meta, createState, inspect };
}

export interface ReportInput {
  tx: TxView;
  stage: Stage;
  message: string;
  /** Report the address rather than the transaction. */
  address?: string;
  role?: string;
  evidence?: Record<string, unknown>;
  severity?: Severity;
  confidence?: number;
  /** The threat kind, when it differs from the detector's usual one. */
  kind?: ThreatKind;
}

export function report(meta: MonitorDetectorMeta, env: DetectorEnv, input: ReportInput): Finding {
  const subject = input.address
    ? { kind: 'address' as const, chainId: env.chainId, address: input.address, ...(input.role ? { role: input.role } : {}) }
    : { kind: 'transaction' as const, chainId: env.chainId, hash: input.tx.hash, blockNumber: Number(input.tx.blockNumber) };
  const evidence: Record<string, unknown> = { blockNumber: Number(input.tx.blockNumber), transaction: input.tx.hash, ...input.evidence };
  const units = evidenceUnits(evidence, env.tokens, env.state.wrappedEth);
  if (units) evidence.units = units;
  return {
    detector: `monitor/${meta.id}`,
    title: meta.title,
    severity: input.severity ?? meta.severity,
    confidence: input.confidence ?? meta.confidence,
    tags: [`stage:${input.stage}`, `kind:${input.kind ?? meta.kind}`],
    subject,
    explanation: input.message,
    evidence,
    recommendation: meta.recommendation,
  };
}

/** Lower-case hex address (the state's key form). */
export const lc = (a: unknown): string => String(a).toLowerCase();
export const ZERO = '0x0000000000000000000000000000000000000000';
