/**
 * What the privacy heuristics read of a chain, one record per successful transaction: who sent it, to whom,
 * the ether it moved, the fee the sender chose (the gas-price fingerprint), and the events that matter for
 * linking addresses: ERC-20 transfers and approvals, and mixer pool deposits and withdrawals.
 *
 * Mixer pools are recognised by their events, not by a list: any contract that emits Tornado Cash's
 * `Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp)` and
 * `Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee)` is a pool. Its
 * denomination is the value of the deposits sent to it directly (a fixed-denomination pool takes one
 * value); deposits through a router are keyed by the pool alone. Withdrawal calldata is never read: a
 * zero-knowledge pool's calldata shows nothing more, so what is linked here is linkable on a real pool.
 */
import { parseAbi, parseEventLogs, type Log, type Transaction, type TransactionReceipt } from 'viem';
import type { StreamBlock } from '../chain/stream/index.js';

export const MIXER_EVENTS_ABI = parseAbi([
  'event Deposit(bytes32 indexed commitment, uint32 leafIndex, uint256 timestamp)',
  'event Withdrawal(address to, bytes32 nullifierHash, address indexed relayer, uint256 fee)',
]);

export type PrivacyEvent =
  | { kind: 'transfer'; token: string; from: string; to: string; value: string }
  | { kind: 'approval'; token: string; owner: string; spender: string; value: string }
  | { kind: 'mixer-deposit'; pool: string; commitment: string }
  | { kind: 'mixer-withdrawal'; pool: string; to: string; relayer: string; fee: string; nullifierHash: string };

export interface PrivacyTx {
  chainId: number;
  block: number;
  /** UNIX seconds of the block. */
  time: number;
  hash: string;
  /** Position in the block. */
  index: number;
  from: string;
  /** Null for a contract creation (then `created` is the new contract). */
  to: string | null;
  created?: string;
  /** Wei, decimal string. */
  value: string;
  /**
   * The fee the sender chose, as the wallet set it: `legacy:<gasPrice>` or `1559:<maxFee>/<maxPriority>`
   * (wei). A fee few senders use is a fingerprint across the transactions of one person.
   */
  fee: string;
  events: PrivacyEvent[];
}

export const PRIVACY_ITEM = 'privacy-tx';

export function feeFingerprint(tx: Pick<Transaction, 'type' | 'gasPrice' | 'maxFeePerGas' | 'maxPriorityFeePerGas'>): string {
  if (tx.maxFeePerGas !== undefined && tx.maxFeePerGas !== null && tx.type !== 'legacy' && tx.type !== 'eip2930') return `1559:${tx.maxFeePerGas}/${tx.maxPriorityFeePerGas ?? 0n}`;
  return `legacy:${tx.gasPrice ?? 0n}`;
}

const lower = (v: unknown) => String(v).toLowerCase();

/** The records of one block, successful transactions only, in block order. */
export function activityOfBlock(chainId: number, b: StreamBlock): PrivacyTx[] {
  const time = Number(b.block.timestamp);
  const block = Number(b.block.number);
  const out: PrivacyTx[] = [];
  b.transactions.forEach((tx: Transaction, i: number) => {
    const receipt = b.receipts[i] as TransactionReceipt | undefined;
    if (receipt?.status !== 'success') return;
    const events: PrivacyEvent[] = [];
    for (const e of b.decoded) {
      if (e.transactionHash !== tx.hash || e.standard !== 'erc20') continue;
      if (e.event === 'Transfer') events.push({ kind: 'transfer', token: lower(e.address), from: lower(e.args.from), to: lower(e.args.to), value: String(e.args.value) });
      else if (e.event === 'Approval') events.push({ kind: 'approval', token: lower(e.address), owner: lower(e.args.owner), spender: lower(e.args.spender), value: String(e.args.value) });
    }
    events.push(...mixerEvents(receipt.logs));
    const record: PrivacyTx = {
      chainId,
      block,
      time,
      hash: tx.hash,
      index: i,
      from: lower(tx.from),
      to: tx.to ? lower(tx.to) : null,
      value: tx.value.toString(),
      fee: feeFingerprint(tx),
      events,
    };
    if (!tx.to && receipt.contractAddress) record.created = lower(receipt.contractAddress);
    out.push(record);
  });
  return out;
}

/** Mixer deposits and withdrawals among a receipt's logs; a log that only shares a topic is skipped. */
export function mixerEvents(logs: readonly Log[]): PrivacyEvent[] {
  const out: PrivacyEvent[] = [];
  let parsed;
  try {
    parsed = parseEventLogs({ abi: MIXER_EVENTS_ABI, logs: logs as Log[], strict: true });
  } catch {
    return out;
  }
  for (const l of parsed) {
    if (l.eventName === 'Deposit') out.push({ kind: 'mixer-deposit', pool: lower(l.address), commitment: l.args.commitment });
    else out.push({ kind: 'mixer-withdrawal', pool: lower(l.address), to: lower(l.args.to), relayer: lower(l.args.relayer), fee: l.args.fee.toString(), nullifierHash: l.args.nullifierHash });
  }
  return out;
}
