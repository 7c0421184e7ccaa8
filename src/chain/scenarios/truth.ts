/** The machine-readable ground truth each attack scenario writes. */
import type { Address, Hex } from 'viem';
import type { Stage, ThreatKind } from '../../core/threats.js';

export { STAGES, type Stage } from '../../core/threats.js';

export const ATTACK_KINDS = [
  'soft-rug-pull',
  'hard-rug-pull',
  'honeypot',
  'honeypot-sell-tax',
  'approval-phishing',
  'reentrancy',
  'price-manipulation',
  'wash-trading',
  'treasury-drain',
  'address-poisoning',
  'sanctions',
] as const;
export type AttackKind = (typeof ATTACK_KINDS)[number];

/**
 * The product's name for what a simulated attack is. The simulator's kinds were named after the
 * product's from the start, so the map is one to one; it is written out so that the two vocabularies
 * can drift apart without the monitor ever importing the simulator's.
 */
export const THREAT_KIND_OF: Readonly<Record<AttackKind, ThreatKind>> = {
  'soft-rug-pull': 'soft-rug-pull',
  'hard-rug-pull': 'hard-rug-pull',
  honeypot: 'honeypot',
  'honeypot-sell-tax': 'honeypot-sell-tax',
  'approval-phishing': 'approval-phishing',
  reentrancy: 'reentrancy',
  'price-manipulation': 'price-manipulation',
  'wash-trading': 'wash-trading',
  'treasury-drain': 'treasury-drain',
  'address-poisoning': 'address-poisoning',
  sanctions: 'sanctions',
};

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
