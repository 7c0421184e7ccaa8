/**
 * Transactions on a local node (devnet or fork) from an unlocked or impersonated account: sent with
 * `eth_sendTransaction`, mined at once by automine, receipt checked. A revert is an error that says so.
 */
import type { Address, Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { rpc } from '../chain/rpc/json-rpc.js';

export interface LocalReceipt {
  transactionHash: Hex;
  status: Hex;
  blockNumber: Hex;
  contractAddress: Address | null;
  gasUsed: Hex;
  logs: Array<{ address: Address; topics: Hex[]; data: Hex }>;
}

export class RevertedError extends ArgusError {}

export async function sendLocal(url: string, tx: { from: Address; to?: Address; data?: Hex; value?: bigint; gas?: bigint }): Promise<LocalReceipt> {
  const params = {
    from: tx.from,
    ...(tx.to ? { to: tx.to } : {}),
    data: tx.data ?? '0x',
    value: `0x${(tx.value ?? 0n).toString(16)}`,
    gas: `0x${(tx.gas ?? 15_000_000n).toString(16)}`,
  };
  let hash: Hex;
  try {
    hash = await rpc<Hex>(url, 'eth_sendTransaction', [params], { timeoutMs: 60_000 });
  } catch (error) {
    // Hardhat refuses a transaction that reverts at send time, with the reason in the message.
    throw new RevertedError(ERROR_CODES.RPC, `transaction to ${tx.to ?? '(create)'} reverted: ${(error as Error).message}`, {}, { cause: error });
  }
  const receipt = await rpc<LocalReceipt | null>(url, 'eth_getTransactionReceipt', [hash]);
  if (!receipt) throw new ArgusError(ERROR_CODES.RPC, `no receipt for ${hash}: is the node automining?`);
  if (receipt.status !== '0x1') throw new RevertedError(ERROR_CODES.RPC, `transaction ${hash} to ${tx.to ?? '(create)'} reverted`);
  return receipt;
}

/** Lets the node send from `address` (a fork's holder, a governance contract) and gives it gas money. */
export async function impersonate(url: string, address: Address): Promise<void> {
  await rpc(url, 'hardhat_impersonateAccount', [address]);
  const balance = BigInt(await rpc<Hex>(url, 'eth_getBalance', [address, 'latest']));
  if (balance < 10n ** 18n) await rpc(url, 'hardhat_setBalance', [address, `0x${(balance + 10n ** 18n).toString(16)}`]);
}
