/**
 * Privileged changes in the recent past, from the events of the protocol and of whoever controls it:
 * upgrades, admin and beacon changes, ownership transfers, role grants and revocations, pauses, timelock
 * delay changes and multisig owner or threshold changes.
 */
import { decodeEventLog, parseAbi, toEventSelector, type Hex } from 'viem';
import type { ChainReader } from './chain.js';

export const PRIVILEGED_EVENTS = parseAbi([
  'event Upgraded(address indexed implementation)',
  'event AdminChanged(address previousAdmin, address newAdmin)',
  'event BeaconUpgraded(address indexed beacon)',
  'event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)',
  'event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)',
  'event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)',
  'event Paused(address account)',
  'event Unpaused(address account)',
  'event MinDelayChange(uint256 oldDuration, uint256 newDuration)',
  'event AddedOwner(address indexed owner)',
  'event RemovedOwner(address indexed owner)',
  'event ChangedThreshold(uint256 threshold)',
]);
export const PRIVILEGED_TOPICS = new Set(PRIVILEGED_EVENTS.map((e) => toEventSelector(e).toLowerCase()));

export interface PrivilegedChange {
  contract: string;
  event: string;
  block: number;
  tx: string;
  args: Record<string, string>;
}

export function decodePrivileged(log: { address: string; topics: Hex[]; data: Hex; blockNumber: Hex | bigint; transactionHash: Hex }): PrivilegedChange | null {
  if (!log.topics[0] || !PRIVILEGED_TOPICS.has(log.topics[0].toLowerCase())) return null;
  try {
    const ev = decodeEventLog({ abi: PRIVILEGED_EVENTS, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    const args = Object.fromEntries(Object.entries((ev.args ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v).toLowerCase()]));
    return { contract: log.address.toLowerCase(), event: ev.eventName, block: Number(BigInt(log.blockNumber)), tx: log.transactionHash, args };
  } catch {
    return null; // same topic, another shape (indexing differs): not one of these
  }
}

export async function privilegedChanges(reader: ChainReader, contracts: string[], fromBlock: bigint): Promise<PrivilegedChange[]> {
  if (contracts.length === 0) return [];
  const logs = await reader.logs({ address: contracts, topics: [[...PRIVILEGED_TOPICS] as Hex[]], fromBlock });
  return logs.map(decodePrivileged).filter((c): c is PrivilegedChange => c !== null);
}
