/**
 * The shapes the proposal simulator shares between its parts (simulate, governor kinds, provenance).
 */
import type { Address, Hex } from 'viem';

export interface ProposalActions {
  targets: Address[];
  values: bigint[];
  /** As proposed: with a Bravo signature, the arguments only (the selector comes from the signature). */
  calldatas: Hex[];
  description: string;
  /** GovernorBravo's function signatures ('' where the calldata is complete). */
  signatures?: string[];
}

export interface GovernanceParams {
  minDelay: bigint | null;
  votingDelay: bigint | null;
  votingPeriod: bigint | null;
  proposalThreshold: bigint | null;
  quorumNumerator: bigint | null;
  /** GovernorBravo's fixed quorum, in votes. */
  quorumVotes: bigint | null;
  timelock: Address | null;
}

export interface ContractState {
  address: Address;
  code: Hex;
  balance: bigint;
  nonce: number;
  owner: Address | null;
  implementation: Address | null;
  admin: Address | null;
  /** Who else controls it, from the well-known getters (pendingOwner, admin, pendingAdmin, minter). */
  controllers: Partial<Record<Controller, Address | null>>;
}

export const CONTROLLERS = ['pendingOwner', 'admin', 'pendingAdmin', 'minter'] as const;

export type Controller = (typeof CONTROLLERS)[number];

/** Whether and how the code at an address the proposal trusts can change between the vote and the execution. */
export interface CodeChange {
  address: Address;
  /** ERC-1967 proxy: who can upgrade it (admin slot, else the implementation's owner/admin), null when unknown. */
  proxy: { implementation: Address; upgrader: Address | null } | null;
  selfdestruct: boolean;
  /** How it was created, when found: by whom, with CREATE or CREATE2, in which block. */
  creation: { creator: Address; op: 'CREATE' | 'CREATE2' | 'TX'; blockNumber: bigint } | null;
  /** On a pre-Cancun chain: can be removed and placed again at the same address with other code. */
  redeployable: boolean;
  /** The creation chain that makes it so, in words. */
  path: string[];
  /** Provenance could not be read (no trace on the upstream): undecided, reported as such. */
  undecided: boolean;
}
