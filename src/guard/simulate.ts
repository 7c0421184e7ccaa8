/**
 * Runs a transaction on the fork (src/evm/fork.ts) of the upstream's latest state and reads what it does
 * to the sender: ETH (balance before and after, at a zero gas price so the difference is value only),
 * ERC-20, ERC-721 and ERC-1155 movements and the permissions granted (from the events every standard
 * token emits: Transfer, TransferSingle/Batch, Deposit/Withdrawal of WETH, Approval, ApprovalForAll,
 * Permit2's Approval). Each simulation runs in an EVM snapshot and is reverted: the fork stays at the
 * upstream's state, and is re-forked when the upstream moves on.
 */
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import { Fork } from '../evm/fork.js';
import { rpc, rpcBatch } from '../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../chain/rpc/errors.js';
import type { AssetChange, AssetStandard, Permission } from './types.js';

const topic = (sig: string) => keccak256(toHex(sig));
const T = {
  transfer: topic('Transfer(address,address,uint256)'),
  approval: topic('Approval(address,address,uint256)'),
  approvalForAll: topic('ApprovalForAll(address,address,bool)'),
  transferSingle: topic('TransferSingle(address,address,address,uint256,uint256)'),
  transferBatch: topic('TransferBatch(address,address,address,uint256[],uint256[])'),
  deposit: topic('Deposit(address,uint256)'),
  withdrawal: topic('Withdrawal(address,uint256)'),
  permit2Approval: topic('Approval(address,address,address,uint160,uint48)'),
};

export interface TxRequest {
  from: Address;
  to?: Address;
  data?: Hex;
  value?: bigint;
  gas?: bigint;
}

/** One movement of an asset seen in the simulation's events. */
export interface Movement {
  standard: AssetStandard;
  token: Address;
  from: Address;
  to: Address;
  id?: bigint;
  amount: bigint;
}

export interface SimulationResult {
  /** The transaction ran to its end (status 1). */
  success: boolean;
  /** The revert reason or node message when it did not. */
  error?: string;
  changes: AssetChange[];
  movements: Movement[];
  permissions: Permission[];
  /** ETH the sender ends with minus what it started with (gas excluded). */
  ethDelta: bigint;
  gasUsed?: bigint;
  /** The fork block the simulation ran on. */
  block: number;
  /** ETH of the watched addresses (lower case): before, and the change. */
  watched?: Record<string, { before: bigint; delta: bigint }>;
}

interface Log {
  address: Hex;
  topics: Hex[];
  data: Hex;
}

const word = (data: Hex, i: number): bigint => BigInt(`0x${data.slice(2 + i * 64, 2 + (i + 1) * 64) || '0'}`);
const topicAddress = (t: Hex | undefined): Address => getAddress(`0x${(t ?? '0x').slice(-40).padStart(40, '0')}`);

/** Movements and permissions in a receipt's logs. */
export function readLogs(logs: Log[]): { movements: Movement[]; permissions: Array<Permission & { owner: Address }> } {
  const movements: Movement[] = [];
  const permissions: Array<Permission & { owner: Address }> = [];
  for (const log of logs) {
    const token = getAddress(log.address);
    const [t0, t1, t2, t3] = log.topics;
    if (t0 === T.transfer && log.topics.length === 3) movements.push({ standard: 'ERC20', token, from: topicAddress(t1), to: topicAddress(t2), amount: word(log.data, 0) });
    else if (t0 === T.transfer && log.topics.length === 4) movements.push({ standard: 'ERC721', token, from: topicAddress(t1), to: topicAddress(t2), id: BigInt(t3 as Hex), amount: 1n });
    else if (t0 === T.transferSingle) movements.push({ standard: 'ERC1155', token, from: topicAddress(t2), to: topicAddress(t3), id: word(log.data, 0), amount: word(log.data, 1) });
    else if (t0 === T.transferBatch) {
      // data: offset ids, offset values, then the two arrays
      const idsAt = Number(word(log.data, 0)) / 32;
      const valuesAt = Number(word(log.data, 1)) / 32;
      const n = Number(word(log.data, idsAt));
      for (let i = 0; i < n; i++) movements.push({ standard: 'ERC1155', token, from: topicAddress(t2), to: topicAddress(t3), id: word(log.data, idsAt + 1 + i), amount: word(log.data, valuesAt + 1 + i) });
    } else if (t0 === T.deposit && log.topics.length === 2) movements.push({ standard: 'ERC20', token, from: getAddress('0x0000000000000000000000000000000000000000'), to: topicAddress(t1), amount: word(log.data, 0) });
    else if (t0 === T.withdrawal && log.topics.length === 2) movements.push({ standard: 'ERC20', token, from: topicAddress(t1), to: getAddress('0x0000000000000000000000000000000000000000'), amount: word(log.data, 0) });
    else if (t0 === T.approval && log.topics.length === 3) {
      const amount = word(log.data, 0);
      permissions.push({ kind: 'ERC20-approve', owner: topicAddress(t1), token, spender: topicAddress(t2), amount: amount.toString(), revoked: amount === 0n, source: 'simulation' });
    } else if (t0 === T.approval && log.topics.length === 4) {
      const spender = topicAddress(t2);
      permissions.push({ kind: 'ERC721-approve', owner: topicAddress(t1), token, spender, amount: BigInt(t3 as Hex).toString(), revoked: /^0x0{40}$/iu.test(spender), source: 'simulation' });
    } else if (t0 === T.approvalForAll) permissions.push({ kind: 'approval-for-all', owner: topicAddress(t1), token, spender: topicAddress(t2), revoked: word(log.data, 0) === 0n, source: 'simulation' });
    else if (t0 === T.permit2Approval && log.topics.length === 4) {
      const amount = word(log.data, 0);
      permissions.push({ kind: 'Permit2-allowance', owner: topicAddress(t1), token: topicAddress(t2), spender: topicAddress(t3), amount: amount.toString(), revoked: amount === 0n, source: 'simulation' });
    }
  }
  return { movements, permissions };
}

/** The sender's net changes, asset by asset, with the counterparties each way. */
export function senderChanges(sender: Address, movements: Movement[], ethDelta: bigint, ethTo?: Address): AssetChange[] {
  const s = sender.toLowerCase();
  const byAsset = new Map<string, AssetChange & { net: bigint; parties: Set<Address> }>();
  for (const m of movements) {
    const out = m.from.toLowerCase() === s;
    const inn = m.to.toLowerCase() === s;
    if (out === inn) continue; // not the sender's, or to itself
    const key = `${m.standard}:${m.token}:${m.id ?? ''}`;
    const entry = byAsset.get(key) ?? { standard: m.standard, token: m.token, ...(m.id !== undefined ? { id: m.id.toString() } : {}), amount: '0', counterparties: [], net: 0n, parties: new Set<Address>() };
    entry.net += out ? -m.amount : m.amount;
    entry.parties.add(out ? m.to : m.from);
    byAsset.set(key, entry);
  }
  const changes: AssetChange[] = [];
  if (ethDelta !== 0n) changes.push({ standard: 'ETH', amount: ethDelta.toString(), counterparties: ethTo && ethDelta < 0n ? [ethTo] : [] });
  for (const e of byAsset.values()) {
    if (e.net === 0n) continue;
    changes.push({ standard: e.standard, token: e.token, ...(e.id !== undefined ? { id: e.id } : {}), amount: e.net.toString(), counterparties: [...e.parties] });
  }
  return changes;
}

/** Beyond this many new blocks, a re-fork is cheaper than replaying them. */
const MAX_REPLAY_BLOCKS = 25;

interface UpstreamTx {
  from: Address;
  to: Address | null;
  input: Hex;
  value: Hex;
  gas: Hex;
}

/** Node messages that mean the transaction itself failed, not the node. */
const TX_FAILED = /revert|VM Exception|invalid opcode|out of gas|insufficient funds|stack (?:over|under)flow|invalid jump|nonce|exceeds/i;

export class Simulator {
  private queue: Promise<unknown> = Promise.resolve();
  private forkBlock: number;
  private diverged = false;
  /** Transactions replayed onto the fork since the last re-fork. */
  replayed = 0;
  /** Re-forks since start. */
  reforks = 0;

  private constructor(
    readonly fork: Fork,
    readonly upstreamUrl: string,
  ) {
    this.forkBlock = fork.state.blockNumber;
  }

  static async start(upstreamUrl: string): Promise<Simulator> {
    return new Simulator(await Fork.start({ upstreamUrl }), upstreamUrl);
  }

  get block(): number {
    return this.forkBlock;
  }

  /**
   * Brings the fork to the upstream's head; returns the head. A few new blocks are replayed onto the fork
   * (each transaction sent again from its impersonated sender, at a zero gas price): a few milliseconds
   * a block, where a re-fork costs over a hundred, most of it re-reading state from the upstream. A re-fork
   * (exact) happens when the fork is far behind, when the upstream went back (a reorg, a reset) or when a
   * replay did not go as it did upstream (the states may differ).
   */
  async sync(head?: number): Promise<number> {
    const now = head ?? Number(await rpc<Hex>(this.upstreamUrl, 'eth_blockNumber', [], { timeoutMs: 10_000 }));
    if (now === this.forkBlock) return now;
    if (now < this.forkBlock || now - this.forkBlock > MAX_REPLAY_BLOCKS || this.diverged || !(await this.replay(this.forkBlock + 1, now))) {
      await this.fork.reset({ blockNumber: now });
      this.diverged = false;
      this.replayed = 0;
      this.reforks += 1;
    }
    this.forkBlock = now;
    return now;
  }

  /** Replays blocks from..to of the upstream onto the fork; false when one transaction did not go through. */
  private async replay(from: number, to: number): Promise<boolean> {
    const calls = [];
    for (let b = from; b <= to; b++) calls.push({ method: 'eth_getBlockByNumber', params: [toHex(b), true] });
    const blocks = (await rpcBatch(this.upstreamUrl, calls)) as Array<{ transactions?: UpstreamTx[] } | Error | null>;
    const sends: Array<{ method: string; params: unknown[] }> = [];
    for (const block of blocks) {
      if (!block || block instanceof Error) return false;
      for (const tx of block.transactions ?? []) {
        sends.push({ method: 'hardhat_impersonateAccount', params: [tx.from] });
        sends.push({ method: 'hardhat_setNextBlockBaseFeePerGas', params: ['0x0'] });
        sends.push({ method: 'eth_sendTransaction', params: [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.input, value: tx.value, gas: tx.gas, gasPrice: '0x0' }] });
      }
    }
    if (sends.length === 0) return true;
    const answers = await rpcBatch(this.fork.rpcUrl, sends, { timeoutMs: 30_000 });
    this.replayed += sends.length / 3;
    // A replay that reverts while the original did not, or any refusal, means the states may differ.
    return !answers.some((a) => a instanceof Error);
  }

  /** One simulation at a time: they share the fork. */
  simulate(tx: TxRequest, head?: number, watch: readonly Address[] = []): Promise<SimulationResult> {
    const run = () => this.run(tx, head, watch);
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Runs `fn` against the fork's URL inside a snapshot (for follow-up checks such as a sell), serialised. */
  withSnapshot<T>(fn: (forkUrl: string) => Promise<T>): Promise<T> {
    const run = async () => {
      const snap = await this.fork.request<Hex>('evm_snapshot');
      try {
        return await fn(this.fork.rpcUrl);
      } finally {
        await this.fork.request('evm_revert', [snap]);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async run(tx: TxRequest, head: number | undefined, watch: readonly Address[]): Promise<SimulationResult> {
    await this.sync(head);
    const url = this.fork.rpcUrl;
    const [snap, , , before, ...watchedBefore] = await rpcBatch(url, [
      { method: 'evm_snapshot', params: [] },
      { method: 'hardhat_impersonateAccount', params: [tx.from] },
      { method: 'hardhat_setNextBlockBaseFeePerGas', params: ['0x0'] },
      { method: 'eth_getBalance', params: [tx.from, 'latest'] },
      ...watch.map((a) => ({ method: 'eth_getBalance', params: [a, 'latest'] })),
    ]);
    if (typeof snap !== 'string' || typeof before !== 'string') throw new ArgusError(ERROR_CODES.RPC, `the fork refused to prepare the simulation: ${String(snap instanceof Error ? snap.message : before)}`);
    try {
      let hash: Hex | undefined;
      let error: string | undefined;
      try {
        hash = await rpc<Hex>(url, 'eth_sendTransaction', [{ from: tx.from, ...(tx.to ? { to: tx.to } : {}), data: tx.data ?? '0x', value: toHex(tx.value ?? 0n), gas: toHex(tx.gas && tx.gas > 21_000n ? tx.gas : 3_000_000n), gasPrice: '0x0' }], { timeoutMs: 30_000 });
      } catch (e) {
        if (e instanceof RpcAnswerError && TX_FAILED.test(e.rpcMessage)) error = e.rpcMessage;
        else throw e;
      }
      if (error !== undefined || !hash) return { success: false, error: error ?? 'no transaction hash', changes: [], movements: [], permissions: [], ethDelta: 0n, block: this.forkBlock };
      const [receipt, after, ...watchedAfter] = await rpcBatch(url, [
        { method: 'eth_getTransactionReceipt', params: [hash] },
        { method: 'eth_getBalance', params: [tx.from, 'latest'] },
        ...watch.map((a) => ({ method: 'eth_getBalance', params: [a, 'latest'] })),
      ]);
      const r = receipt as { status: Hex; logs: Log[]; gasUsed: Hex } | null;
      if (!r || typeof after !== 'string') throw new ArgusError(ERROR_CODES.RPC, 'the fork mined no receipt for the simulated transaction');
      const ethDelta = BigInt(after) - BigInt(before);
      if (r.status !== '0x1') return { success: false, error: 'reverted', changes: [], movements: [], permissions: [], ethDelta: 0n, block: this.forkBlock };
      const { movements, permissions } = readLogs(r.logs);
      const own = permissions.filter((p) => p.owner.toLowerCase() === tx.from.toLowerCase()).map(({ owner: _o, ...p }) => p);
      const watched: Record<string, { before: bigint; delta: bigint }> = {};
      watch.forEach((a, i) => {
        const b0 = watchedBefore[i];
        const b1 = watchedAfter[i];
        if (typeof b0 === 'string' && typeof b1 === 'string') watched[a.toLowerCase()] = { before: BigInt(b0), delta: BigInt(b1) - BigInt(b0) };
      });
      return { success: true, changes: senderChanges(tx.from, movements, ethDelta, tx.to), movements, permissions: own, ethDelta, gasUsed: BigInt(r.gasUsed), block: this.forkBlock, watched };
    } finally {
      await this.fork.request('evm_revert', [snap]).catch((e: unknown) => {
        throw new ArgusError(ERROR_CODES.RPC, `could not revert the fork after a simulation: ${toArgusError(e).message}`);
      });
    }
  }

  stop(): Promise<void> {
    return this.fork.stop();
  }
}
