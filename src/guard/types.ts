/**
 * What the guard decides about one request, and what it saw: the sender's asset changes in the
 * simulation, the permissions granted (from the simulation's events, the calldata or the signed message),
 * and the reasons, in words.
 */
import type { Address } from 'viem';

export type Verdict = 'allow' | 'warn' | 'block';

export interface Reason {
  /** Policy id, e.g. `spender-untrusted`. */
  rule: string;
  verdict: Exclude<Verdict, 'allow'>;
  message: string;
}

export type AssetStandard = 'ETH' | 'ERC20' | 'ERC721' | 'ERC1155';

/** The sender's net change of one asset (negative: it leaves the sender). */
export interface AssetChange {
  standard: AssetStandard;
  /** The token contract; absent for ETH. */
  token?: Address;
  /** ERC-721/1155 token id (decimal). */
  id?: string;
  /** Signed amount in the token's smallest unit (decimal string). */
  amount: string;
  /** Where it went to (outflows) or came from (inflows), as the events say. */
  counterparties: Address[];
}

export type PermissionKind = 'ERC20-approve' | 'ERC20-increaseAllowance' | 'ERC721-approve' | 'approval-for-all' | 'Permit2-allowance' | 'Permit2-transfer' | 'EIP-2612-permit' | 'DAI-permit';

/** A permission over the sender's assets, granted (or revoked) by the request. */
export interface Permission {
  kind: PermissionKind;
  token: Address;
  spender: Address;
  /** Amount (decimal) for allowances; absent for all-or-nothing approvals. */
  amount?: string;
  /** True when the request takes the permission away (amount 0, approved false). */
  revoked: boolean;
  source: 'simulation' | 'calldata' | 'signature';
}

/** A marketplace order the sender signs: what it gives, and what comes back to it. */
export interface OrderSummary {
  venue: 'Seaport' | 'Blur';
  /** Items the signer offers (gives). */
  gives: Array<{ standard: AssetStandard; token: Address; id?: string; amount: string }>;
  /** Payments to the signer, by token ('ETH' for native). */
  receives: Array<{ token: Address | 'ETH'; amount: string }>;
  /** Everyone else paid by the order. */
  otherRecipients: Address[];
}

export interface Decision {
  verdict: Verdict;
  reasons: Reason[];
  method: string;
  from?: Address;
  to?: Address;
  changes: AssetChange[];
  permissions: Permission[];
  order?: OrderSummary;
  /** True when a simulation ran to a result (success or revert). */
  simulated: boolean;
  /** Milliseconds spent deciding. */
  ms: number;
}

/** The JSON-RPC error code of a blocked request (EIP-1474 "Transaction rejected"); see README, "argus guard". */
export const GUARD_BLOCK_CODE = -32003;
