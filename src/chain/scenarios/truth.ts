/** The machine-readable ground truth each attack scenario writes. */
import type { Address, Hex } from 'viem';

export const STAGES = ['funding', 'preparation', 'exploitation', 'laundering'] as const;
export type Stage = (typeof STAGES)[number];

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
