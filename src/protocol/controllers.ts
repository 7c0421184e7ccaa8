/**
 * Who an address that holds a power is: nobody (the zero address: renounced), a single key (an EOA), a
 * multisig (Safe's getOwners/getThreshold), a timelock (getMinDelay, and who may propose to it), a
 * governor (votingDelay/votingPeriod, and its timelock), a ProxyAdmin-like contract with an owner, or a
 * contract Argus cannot identify. The last is "unknown", never counted as safe: whoever controls that
 * contract controls the power, and Argus could not see who.
 */
import { getAddress, keccak256, toHex, type Hex } from 'viem';
import type { ChainReader } from './chain.js';
import { ZERO } from './chain.js';
import { roleHolders } from './roles.js';

export type ControllerKind = 'none' | 'eoa' | 'multisig' | 'timelock' | 'governor' | 'owned-contract' | 'contract' | 'unknown';

export interface Controller {
  address: string;
  kind: ControllerKind;
  /** Multisig owners and threshold. */
  owners?: string[];
  threshold?: number;
  /** Timelock delay, seconds. */
  delay?: number;
  /** Who may schedule on a timelock (PROPOSER_ROLE holders), or the owner of an owned contract. */
  controlledBy?: Controller[];
  /** Governor voting delay and period (in the governor's clock units). */
  votingDelay?: number;
  votingPeriod?: number;
  /** Why the kind is what it is, in words. */
  note: string;
}

export const PROPOSER_ROLE: Hex = keccak256(toHex('PROPOSER_ROLE'));

const fmtDelay = (s: number) => (s >= 86_400 ? `${(s / 86_400).toFixed(s % 86_400 ? 1 : 0)} d` : s >= 3600 ? `${(s / 3600).toFixed(s % 3600 ? 1 : 0)} h` : `${s} s`);

/** Classifies `address`; `depth` bounds how far timelocks and owned contracts are followed. */
export async function classify(reader: ChainReader, address: string, fromBlock: bigint, depth = 0): Promise<Controller> {
  const a = address.toLowerCase();
  if (a === ZERO) return { address: a, kind: 'none', note: 'the zero address: the power was renounced' };
  let code: Hex;
  try {
    code = await reader.code(a);
  } catch (error) {
    return { address: a, kind: 'unknown', note: `could not read its code: ${(error as Error).message}` };
  }
  if (code === '0x') return { address: a, kind: 'eoa', note: 'a single key (an externally owned account)' };
  const [owners, threshold] = await Promise.all([reader.view<string[]>(a, 'getOwners'), reader.view<bigint>(a, 'getThreshold')]);
  if (owners.ok && threshold.ok) {
    const list = owners.value.map((o) => o.toLowerCase());
    return { address: a, kind: 'multisig', owners: list, threshold: Number(threshold.value), note: `a ${Number(threshold.value)}-of-${list.length} multisig` };
  }
  const delay = await reader.view<bigint>(a, 'getMinDelay');
  if (delay.ok) {
    const seconds = Number(delay.value);
    const c: Controller = { address: a, kind: 'timelock', delay: seconds, note: `a timelock with a ${fmtDelay(seconds)} delay` };
    if (depth < 3) {
      const proposers = await roleHolders(reader, a, PROPOSER_ROLE, fromBlock);
      if (proposers.ok) {
        c.controlledBy = await Promise.all(proposers.value.map((p) => classify(reader, p, fromBlock, depth + 1)));
        c.note += c.controlledBy.length ? `; proposals by ${c.controlledBy.map((p) => `${p.kind} ${p.address}`).join(', ')}` : '; no proposer holds the role';
      } else c.note += `; its proposers could not be read (${proposers.why})`;
    }
    return c;
  }
  const [vd, vp] = await Promise.all([reader.view<bigint>(a, 'votingDelay'), reader.view<bigint>(a, 'votingPeriod')]);
  if (vd.ok && vp.ok) {
    const tl = await reader.view<string>(a, 'timelock');
    return { address: a, kind: 'governor', votingDelay: Number(vd.value), votingPeriod: Number(vp.value), note: `token-holder governance (voting delay ${vd.value}, period ${vp.value}${tl.ok ? `, executes through timelock ${tl.value.toLowerCase()}` : ''})` };
  }
  const owner = await reader.view<string>(a, 'owner');
  if (owner.ok && depth < 3) {
    const inner = await classify(reader, getAddress(owner.value), fromBlock, depth + 1);
    return { address: a, kind: 'owned-contract', controlledBy: [inner], note: `a contract owned by ${inner.kind} ${inner.address} (${inner.note})` };
  }
  if (owners.ok === false && owners.outage) return { address: a, kind: 'unknown', note: `the node failed while identifying it: ${owners.why}` };
  return { address: a, kind: 'contract', note: 'a contract that is neither a multisig, a timelock, a governor nor owned: Argus cannot tell who controls it' };
}

/** The controller at the end of the chain (an owned contract's owner), for scoring. */
export function effective(c: Controller): Controller {
  if (c.kind === 'owned-contract' && c.controlledBy?.[0]) return effective(c.controlledBy[0]);
  return c;
}

/** One line for a report. */
export function describeController(c: Controller): string {
  return `${c.kind} ${c.address} (${c.note})`;
}
