/**
 * Can the code at an address change between the vote and the execution? Two ways, both read from the
 * chain rather than from names:
 * - a proxy (ERC-1967 implementation slot set) changes code when whoever may upgrade it does so;
 * - on a pre-Cancun chain, a contract that can SELFDESTRUCT is removed for good, and the same address can
 *   be filled again with other code when it was placed by CREATE2 (same factory, salt and init code; the
 *   init code may fetch its runtime code elsewhere), or by CREATE from a deployer that can itself be
 *   removed and placed again by CREATE2 (its nonce restarts at 1, so its first CREATE lands on the same
 *   address). This is how Tornado Cash's proposal 20 was swapped in May 2023. Since Cancun (EIP-6780) a
 *   SELFDESTRUCT outside the creating transaction no longer removes code.
 * How a contract was created is found by bisecting `eth_getCode` over block numbers, then reading the
 * creating block's transactions (receipt, else struct-log trace). When that cannot be read the answer is
 * "undecided", never "cannot change".
 */
import { getAddress, type Address, type Hex } from 'viem';
import { rpc } from '../chain/rpc/json-rpc.js';
import { disassemble, OP } from '../evm/disasm.js';
import { readTrace } from './trace.js';
import type { CodeChange, ContractState } from './types.js';

/** PUSH1 0, TLOAD, STOP as init code: runs on Cancun and later, an invalid opcode before. */
const TLOAD_PROBE = '0x60005c00';

export async function isPreCancun(url: string): Promise<boolean | null> {
  try {
    await rpc(url, 'eth_call', [{ data: TLOAD_PROBE, gas: '0x30000' }, 'latest']);
    return false;
  } catch (error) {
    return /invalid|opcode|not supported|unknown/i.test((error as Error).message) ? true : null;
  }
}

export const canSelfdestruct = (code: Hex): boolean => code !== '0x' && disassemble(code).instrs.some((i) => i.op === OP.SELFDESTRUCT);

type Creation = NonNullable<CodeChange['creation']>;

/** The first block where `address` has code, at or before `head`; null when it has none at `head`. */
async function creationBlock(url: string, address: Address, head: bigint): Promise<bigint | null> {
  const hasCode = async (b: bigint) => (await rpc<Hex>(url, 'eth_getCode', [address, `0x${b.toString(16)}`])) !== '0x';
  if (!(await hasCode(head))) return null;
  let lo = 0n;
  let hi = head;
  while (lo < hi) {
    const mid = (lo + hi) / 2n;
    if (await hasCode(mid)) hi = mid;
    else lo = mid + 1n;
  }
  return lo;
}

/** Who created `address` and how; null when the chain does not say (no trace, pruned history). */
export async function findCreation(url: string, target: Address, head: bigint): Promise<Creation | null> {
  const address = getAddress(target);
  let block: bigint | null;
  try {
    // A fork runs ahead of its upstream: ask each node no further than its own head.
    const own = BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
    block = await creationBlock(url, address, head < own ? head : own);
  } catch {
    return null;
  }
  if (block === null) return null;
  const { transactions } = await rpc<{ transactions: Hex[] }>(url, 'eth_getBlockByNumber', [`0x${block.toString(16)}`, false]);
  for (const hash of transactions) {
    const receipt = await rpc<{ contractAddress: Address | null; from: Address }>(url, 'eth_getTransactionReceipt', [hash]);
    if (receipt.contractAddress && getAddress(receipt.contractAddress) === address) return { creator: getAddress(receipt.from), op: 'TX', blockNumber: block };
  }
  for (const hash of transactions) {
    const trace = await readTrace(url, hash);
    const made = trace?.calls.find((c) => (c.op === 'CREATE' || c.op === 'CREATE2') && c.to === address);
    if (made) return { creator: made.from, op: made.op as 'CREATE' | 'CREATE2', blockNumber: block };
  }
  return null;
}

interface Provenance {
  redeployable: boolean;
  undecided: boolean;
  creation: Creation | null;
  path: string[];
}

/** Whether `address` can be removed and placed again (pre-Cancun rules), following its creators. */
async function redeployable(urls: string[], address: Address, head: bigint, depth: number): Promise<Provenance> {
  const code = await rpc<Hex>(urls[0] as string, 'eth_getCode', [address, 'latest']);
  if (!canSelfdestruct(code)) return { redeployable: false, undecided: false, creation: null, path: [`${address} cannot self-destruct`] };
  let creation: Creation | null = null;
  for (const url of urls) {
    creation = await findCreation(url, address, head).catch(() => null);
    if (creation) break;
  }
  if (!creation) return { redeployable: false, undecided: true, creation: null, path: [`${address} can self-destruct; how it was created could not be read`] };
  if (creation.op === 'CREATE2') return { redeployable: true, undecided: false, creation, path: [`${address} can self-destruct and was placed by CREATE2 from ${creation.creator} (block ${creation.blockNumber}): it can be placed again`] };
  if (creation.op === 'TX') return { redeployable: false, undecided: false, creation, path: [`${address} can self-destruct but was created by the account ${creation.creator}, whose nonce only grows`] };
  if (depth >= 3) return { redeployable: false, undecided: true, creation, path: [`${address} was created by CREATE from ${creation.creator}; the creation chain is deeper than followed`] };
  const parent = await redeployable(urls, creation.creator, creation.blockNumber, depth + 1);
  const step = `${address} can self-destruct and was placed by CREATE from ${creation.creator} (block ${creation.blockNumber})`;
  return { redeployable: parent.redeployable, undecided: parent.undecided, creation, path: [step, ...parent.path] };
}

/**
 * `address` as the proposal trusts it: a proxy and who may upgrade it, and (on a chain where SELFDESTRUCT
 * still removes code, or where that could not be told) whether it can be swapped in place. `forkUrl` is
 * asked for the code; creations are looked up on the upstream first (a fork cannot always trace the
 * upstream's transactions), then on the fork.
 */
export async function codeCanChange(forkUrl: string, upstreamUrl: string, address: Address, state: ContractState | null, preCancun: boolean | null): Promise<CodeChange> {
  const code = state?.code ?? (await rpc<Hex>(forkUrl, 'eth_getCode', [address, 'latest']));
  const out: CodeChange = { address, proxy: null, selfdestruct: canSelfdestruct(code), creation: null, redeployable: false, path: [], undecided: false };
  if (code === '0x') return out;
  if (state?.implementation) out.proxy = { implementation: state.implementation, upgrader: state.admin ?? state.owner ?? state.controllers.admin ?? null };
  if (out.selfdestruct && preCancun !== false) {
    const head = BigInt(await rpc<Hex>(forkUrl, 'eth_blockNumber'));
    const p = await redeployable([upstreamUrl, forkUrl], address, head, 0);
    Object.assign(out, { creation: p.creation, redeployable: p.redeployable, undecided: p.undecided, path: p.path });
  }
  return out;
}
