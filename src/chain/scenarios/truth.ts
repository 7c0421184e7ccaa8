/** The machine-readable ground truth each attack scenario writes. */
import type { Address, Hex } from 'viem';
import { THREAT_KINDS, type Stage, type ThreatKind } from '../../core/threats.js';

export { STAGES, type Stage } from '../../core/threats.js';

/**
 * The kinds of attack the simulator stages: every threat kind of the product's vocabulary but the
 * baseline's `anomaly`, which names no attack. The ground truth is written in the product's words, so
 * the monitor never needs the simulator's.
 */
export type AttackKind = Exclude<ThreatKind, 'anomaly'>;
export const ATTACK_KINDS: readonly AttackKind[] = THREAT_KINDS.filter((k): k is AttackKind => k !== 'anomaly');

export interface TruthTx {
  hash: Hex;
  stage: Stage;
  /** Who sent it, in the attack's terms: the attacker side or a victim. */
  actor: 'attacker' | 'victim';
  from: Address;
  to: Address | null;
  method: string;
  block: number;
  status: 'success' | 'reverted';
}

export interface GroundTruth {
  attackId: string;
  kind: AttackKind;
  /** The attack class within its kind (the DeFiHackLabs class of the second scenario set), when it has one. */
  family?: string;
  description: string;
  /** attacker, victim(s), contracts, pools… by role. */
  addresses: Record<string, Address | Address[]>;
  txs: TruthTx[];
  /** First and last block holding one of `txs` (inclusive). */
  blockRange: [number, number];
  /** Facts a detector may use or a test checks, e.g. amounts drained (decimal strings). */
  facts: Record<string, string | number | boolean>;
}

export interface TruthFile {
  tool: 'argus simulate';
  seed: string;
  chainId: number;
  rpcUrl: string;
  mode: 'alone' | 'mixed' | 'continuous';
  attacks: GroundTruth[];
}
