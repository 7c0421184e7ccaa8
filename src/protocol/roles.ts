/**
 * AccessControl roles from the chain: every RoleGranted and RoleRevoked the contract emitted since
 * `fromBlock`, replayed in order, then each remaining holder confirmed with `hasRole` at the pinned
 * block (events can be emitted by code that lies; the state cannot).
 */
import { decodeEventLog, keccak256, parseAbi, toEventSelector, toHex, zeroHash, type Hex } from 'viem';
import type { ChainReader } from './chain.js';

const ROLE_EVENTS = parseAbi([
  'event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)',
  'event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)',
]);
const GRANTED = toEventSelector(ROLE_EVENTS[0]);
const REVOKED = toEventSelector(ROLE_EVENTS[1]);

const NAMES = ['MINTER_ROLE', 'PAUSER_ROLE', 'UPGRADER_ROLE', 'PROPOSER_ROLE', 'EXECUTOR_ROLE', 'CANCELLER_ROLE', 'BURNER_ROLE', 'ADMIN_ROLE', 'OPERATOR_ROLE', 'GOVERNOR_ROLE', 'GUARDIAN_ROLE', 'TIMELOCK_ADMIN_ROLE', 'MANAGER_ROLE', 'ORACLE_ROLE', 'BLACKLISTER_ROLE', 'FREEZER_ROLE'];
export const ROLE_NAMES = new Map<string, string>([[zeroHash, 'DEFAULT_ADMIN_ROLE'], ...NAMES.map((n): [string, string] => [keccak256(toHex(n)), n])]);
export const roleName = (role: string) => ROLE_NAMES.get(role.toLowerCase()) ?? role;
export const roleOf = (name: string): Hex => (name === 'DEFAULT_ADMIN_ROLE' ? zeroHash : keccak256(toHex(name)));

export type Roles = Map<string, string[]>;

/** Every role of `contract` and its current holders (lower case), or why they could not be read. */
export async function allRoles(reader: ChainReader, contract: string, fromBlock: bigint): Promise<{ ok: true; value: Roles } | { ok: false; why: string }> {
  let logs;
  try {
    logs = await reader.logs({ address: contract, topics: [[GRANTED, REVOKED]], fromBlock });
  } catch (error) {
    return { ok: false, why: `role events could not be read: ${(error as Error).message}` };
  }
  const held = new Map<string, Set<string>>();
  for (const log of logs) {
    let ev;
    try {
      ev = decodeEventLog({ abi: ROLE_EVENTS, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    } catch {
      continue;
    }
    const role = ev.args.role.toLowerCase();
    const set = held.get(role) ?? new Set<string>();
    if (ev.eventName === 'RoleGranted') set.add(ev.args.account.toLowerCase());
    else set.delete(ev.args.account.toLowerCase());
    held.set(role, set);
  }
  const out: Roles = new Map();
  for (const [role, accounts] of held) {
    const confirmed: string[] = [];
    for (const account of accounts) {
      const has = await reader.view<boolean>(contract, 'hasRole', [role, account]);
      if (!has.ok) return { ok: false, why: `hasRole could not be read: ${has.why}` };
      if (has.value) confirmed.push(account);
    }
    out.set(role, confirmed);
  }
  return { ok: true, value: out };
}

export async function roleHolders(reader: ChainReader, contract: string, role: Hex, fromBlock: bigint): Promise<{ ok: true; value: string[] } | { ok: false; why: string }> {
  const r = await allRoles(reader, contract, fromBlock);
  return r.ok ? { ok: true, value: r.value.get(role.toLowerCase()) ?? [] } : r;
}
