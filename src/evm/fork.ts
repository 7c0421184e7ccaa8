/**
 * A local EVM forked from the chain under test: Hardhat's EDR node started with `forking: { url,
 * blockNumber }`, whose state is read lazily from the upstream. Trades run there, on the real contracts
 * and balances, and touch nothing upstream.
 *
 * Starting a node costs about half a second here (a Node process, Hardhat's startup), so a long-lived `Fork`
 * serves many tokens: `reset(block)` re-forks the running node with `hardhat_reset` (same upstream or
 * another), and when the block asked for is the one it is already forked at, it reverts to a snapshot
 * taken right after the fork instead, which also keeps the state already fetched from the upstream.
 *
 * The fork answers with its upstream's chain id: a token that behaves only when `block.chainid` is the
 * real chain's must not see Hardhat's 31337.
 */
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import { startHardhatNode, type HardhatNode } from './hardhat-node.js';
import { rpc, type RpcOptions } from '../chain/rpc/json-rpc.js';
import { redactUrl } from '../chain/rpc/errors.js';

export interface ForkOptions {
  /** JSON-RPC URL of the chain to fork. */
  upstreamUrl: string;
  /** Block to fork at; default: the upstream's latest block at start. */
  blockNumber?: number;
  startTimeoutMs?: number;
  onLog?: (line: string) => void;
  /** EVM rules of the fork's own blocks; give the upstream's (e.g. `shanghai`) so execution matches it. */
  hardfork?: string;
}

export interface ForkState {
  upstreamUrl: string;
  blockNumber: number;
  /** Chain id of the upstream, which the fork answers with too. */
  upstreamChainId: number;
}

/** The upstream's head and chain id; a dead upstream is an ARGUS_RPC error, not a verdict. */
export async function upstreamHead(url: string, options: RpcOptions = {}): Promise<{ blockNumber: number; chainId: number }> {
  const [block, chain] = await Promise.all([rpc<string>(url, 'eth_blockNumber', [], options), rpc<string>(url, 'eth_chainId', [], options)]);
  const blockNumber = Number(block);
  const chainId = Number(chain);
  if (!Number.isSafeInteger(blockNumber) || !Number.isSafeInteger(chainId)) throw new ArgusError(ERROR_CODES.RPC, `${redactUrl(url)} answered a block number or chain id that is not a number`, { url: redactUrl(url) });
  return { blockNumber, chainId };
}

export class Fork {
  private snapshot: string | undefined;

  private constructor(
    private node: HardhatNode,
    private current: ForkState,
    private readonly options: ForkOptions,
  ) {}

  /**
   * Starts a node forked from the upstream (cold start: a new process). Without `onLog` nobody reads the
   * node's request log, so the node is told not to write it: formatting each call and its logs costs it
   * about as much as running the call.
   */
  static async start(options: ForkOptions): Promise<Fork> {
    const head = await upstreamHead(options.upstreamUrl);
    const blockNumber = options.blockNumber ?? head.blockNumber;
    if (blockNumber > head.blockNumber) throw new ArgusError(ERROR_CODES.USAGE, `block ${blockNumber} is beyond the upstream's head (${head.blockNumber})`);
    const fork = new Fork(await spawnFork(options, blockNumber, head.chainId), { upstreamUrl: options.upstreamUrl, blockNumber, upstreamChainId: head.chainId }, options);
    try {
      await fork.quiet();
      await fork.takeSnapshot();
    } catch (error) {
      await fork.stop(); // no half-started node left behind
      throw error;
    }
    return fork;
  }

  get rpcUrl(): string {
    return this.node.rpcUrl;
  }

  get state(): ForkState {
    return { ...this.current };
  }

  /** JSON-RPC on the fork. */
  request<T>(method: string, params: unknown[] = [], options: RpcOptions = {}): Promise<T> {
    return rpc<T>(this.node.rpcUrl, method, params, { timeoutMs: options.timeoutMs ?? 30_000 });
  }

  /**
   * Back to a clean fork of `blockNumber` (default: the upstream's head now) of `upstreamUrl` (default: the
   * current upstream). Returns how it got there: a snapshot revert (same block, same upstream), a
   * `hardhat_reset` re-fork, or a new node (an upstream with another chain id).
   */
  async reset(options: { blockNumber?: number; upstreamUrl?: string } = {}): Promise<'revert' | 'refork' | 'restart'> {
    const upstreamUrl = options.upstreamUrl ?? this.current.upstreamUrl;
    const sameUpstream = upstreamUrl === this.current.upstreamUrl;
    const head = options.blockNumber === undefined || !sameUpstream ? await upstreamHead(upstreamUrl) : undefined;
    const blockNumber = options.blockNumber ?? (head as { blockNumber: number }).blockNumber;
    if (sameUpstream && blockNumber === this.current.blockNumber && this.snapshot) {
      const reverted = await this.request<boolean>('evm_revert', [this.snapshot]);
      this.snapshot = undefined;
      if (reverted) {
        await this.takeSnapshot();
        return 'revert';
      }
    }
    if (head && head.chainId !== this.current.upstreamChainId) {
      // The chain id is fixed at node start (and code may read it): another chain needs another node.
      const next = await spawnFork({ ...this.options, upstreamUrl }, blockNumber, head.chainId);
      await this.node.stop();
      this.node = next;
      this.current = { upstreamUrl, blockNumber, upstreamChainId: head.chainId };
      await this.quiet();
      await this.takeSnapshot();
      return 'restart';
    }
    await this.request('hardhat_reset', [{ forking: { jsonRpcUrl: upstreamUrl, blockNumber } }], { timeoutMs: 60_000 }).catch((error: unknown) => {
      throw new ArgusError(ERROR_CODES.RPC, `could not re-fork ${redactUrl(upstreamUrl)} at block ${blockNumber}: ${toArgusError(error).message}`, { url: redactUrl(upstreamUrl), blockNumber }, { cause: error });
    });
    this.current = { upstreamUrl, blockNumber, upstreamChainId: this.current.upstreamChainId };
    await this.takeSnapshot();
    return 'refork';
  }

  /** Ends the node; resolves once its process is gone. */
  stop(): Promise<void> {
    return this.node.stop();
  }

  private async quiet(): Promise<void> {
    if (!this.options.onLog) await this.request('hardhat_setLoggingEnabled', [false]);
  }

  /**
   * Mines one local block, then snapshots. Calls at `latest` right after a fork run "on" the fork block,
   * which Hardhat executes with the upstream's hardfork history, unknown for chains other than Ethereum's
   * (our devnet included): it refuses them. On a local block the node's own hardfork applies.
   */
  private async takeSnapshot(): Promise<void> {
    await this.request('hardhat_mine', ['0x1']);
    this.snapshot = await this.request<string>('evm_snapshot');
  }
}

async function spawnFork(options: ForkOptions, blockNumber: number, chainId: number): Promise<HardhatNode> {
  try {
    // One account is enough: trades use fresh, impersonated addresses. Fewer accounts start faster. The
    // upstream URL (maybe with an API key) goes into the node's generated config, removed when it stops.
    return await startHardhatNode({ port: 0, accounts: 1, chainId, forking: { url: options.upstreamUrl, blockNumber }, hardfork: options.hardfork, startTimeoutMs: options.startTimeoutMs ?? 30_000, onLog: options.onLog });
  } catch (error) {
    throw new ArgusError(ERROR_CODES.RPC, `could not fork ${redactUrl(options.upstreamUrl)} at block ${blockNumber}: ${toArgusError(error).message}`, { url: redactUrl(options.upstreamUrl), blockNumber }, { cause: error });
  }
}
