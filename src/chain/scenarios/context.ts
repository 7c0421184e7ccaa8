/**
 * The chain side of `argus simulate`: one public client, transactions signed locally and sent one after
 * the other with tracked nonces (Hardhat's automine rejects out-of-order nonces), gas estimates padded
 * by 25 %, fixed fees and deadlines (so the same seed gives the same transaction hashes), and a log of
 * every action as (from, to, method, amount, hash).
 */
import {
  encodeDeployData,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  getContractAddress,
  keccak256,
  maxUint256,
  toHex,
  TransactionReceiptNotFoundError,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type PrivateKeyAccount,
  type PublicClient,
  type TransactionReceipt,
  parseEther,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { loadUniswapV2, type Artifact, type UniswapV2Artifacts } from '../devnet/artifacts.js';
import { compileDevContracts } from '../devnet/compile.js';
import { devnetChain } from '../devnet/deploy.js';
import type { DevnetDescription } from '../devnet/devnet.js';
import { createRpcClient } from '../rpc/client.js';
import type { GroundTruth, Stage, TruthTx, AttackKind } from './truth.js';

export const SCENARIO_SOURCES = ['contracts/scenarios/ScamTokens.sol', 'contracts/scenarios/DefiExploits.sol', 'contracts/scenarios/NovelExploits.sol', 'contracts/scenarios/Ordinary.sol', 'contracts/scenarios/OrdinaryExtended.sol'] as const;

/** Router deadlines: a constant, not the clock, so that calldata (and hashes) repeat. */
export const DEADLINE = maxUint256;
const MAX_FEE = 100_000_000_000n;
const PRIORITY_FEE = 1_000_000_000n;
/** Gas for a transaction expected to revert (an estimate would fail). */
const REVERT_GAS = 600_000n;

export interface Action {
  from: Address;
  to: Address | null;
  method: string;
  /** The amount that matters for the method (value, tokens, LP), base units as a decimal string. */
  amount: string;
  hash: Hex;
  block: number;
  status: 'success' | 'reverted';
  /** Set for the transactions of an attack scenario; absent for background traffic. */
  attackId?: string;
}

export interface Sent {
  hash: Hex;
  receipt: TransactionReceipt;
  block: number;
  status: 'success' | 'reverted';
  from: Address;
  to: Address | null;
  method: string;
  /** The contract a creation makes (from the sender and nonce; known before the block is mined). */
  contractAddress?: Address;
}

export interface SendOptions {
  method: string;
  amount?: bigint;
  /** The transaction is meant to revert: send it with fixed gas and do not throw. */
  expectRevert?: boolean;
  attackId?: string;
  /** A legacy transaction with this gas price (wei) instead of the fixed EIP-1559 fees: a wallet's custom fee. */
  gasPrice?: bigint;
  /** A fixed gas limit instead of an estimate (one round trip less per transaction on a loaded machine). */
  gas?: bigint;
}

/** A sender: a local key, or an address the node impersonates (hardhat_impersonateAccount). */
export type Signer = PrivateKeyAccount | { address: Address; impersonated: true };

export class SimContext {
  readonly client: PublicClient;
  readonly chain: Chain;
  readonly uniswap: UniswapV2Artifacts;
  readonly actions: Action[] = [];
  /** Devnet account 0: deploys and owns the DevTokens, funds the simulation's wallets (the "exchange"). */
  readonly funder: PrivateKeyAccount;
  onAction: ((action: Action) => void) | undefined;
  /**
   * While batching (`startBatching`): the transactions sent since the last `flush()`, waiting in the node's
   * mempool for one block to hold them all.
   */
  private batch: Array<{ hash: Hex; action: Action; expectRevert: boolean }> | undefined;
  /** Batched transactions that were mined reverted (ordinary failed transactions; not thrown). */
  revertedInBatches = 0;
  private readonly nonces = new Map<Address, number>();
  private readonly impersonating = new Set<Address>();

  constructor(
    readonly devnet: DevnetDescription,
    readonly artifacts: Record<string, Artifact>,
  ) {
    this.chain = devnetChain(devnet.rpcUrl, devnet.wsUrl, devnet.chainId);
    // A machine shared by several evaluations can take well over viem's 10 s to estimate a long attack
    // (a loop of 200 calls): a slow answer is not a failed attack, so the simulator waits up to 2 minutes.
    this.client = createRpcClient(devnet.rpcUrl, { profile: 'devnet', chain: this.chain, timeoutMs: 120_000 });
    this.uniswap = loadUniswapV2();
    const first = devnet.accounts[0];
    if (!first) throw new ArgusError(ERROR_CODES.USAGE, 'the devnet description has no accounts');
    this.funder = privateKeyToAccount(first.privateKey);
  }

  static async create(devnet: DevnetDescription): Promise<SimContext> {
    const artifacts = await compileDevContracts({ sources: SCENARIO_SOURCES });
    return new SimContext(devnet, artifacts);
  }

  artifact(name: string): Artifact {
    const a = this.artifacts[name];
    if (!a) throw new ArgusError(ERROR_CODES.INTERNAL, `contract ${name} is missing from contracts/scenarios`);
    return a;
  }

  get router(): Address {
    return this.devnet.contracts.uniswapV2Router02;
  }

  get weth(): Address {
    return this.devnet.contracts.weth9;
  }

  token(symbol: string): Address {
    const t = this.devnet.tokens[symbol];
    if (!t) throw new ArgusError(ERROR_CODES.USAGE, `the devnet has no token ${symbol}`);
    return t.address;
  }

  async rpc<T>(method: string, params: unknown[]): Promise<T> {
    return (await this.client.request({ method: method as never, params: params as never })) as T;
  }

  /** Mines `blocks` empty blocks (the gaps between actions). */
  async mine(blocks: number): Promise<void> {
    if (this.batch?.length) await this.flush();
    if (blocks > 0) await this.rpc('hardhat_mine', [toHex(blocks)]);
  }

  /**
   * Refills the funder ("the exchange") when it runs low: a continuous mix pays out ~10,000 ETH in about
   * 20,000 blocks, and the devnet's accounts start with 10,000. A balance set by the node, not a
   * transaction, so the monitor never sees it.
   */
  async topUpFunder(min: bigint = parseEther('1000'), to: bigint = parseEther('10000')): Promise<boolean> {
    if ((await this.client.getBalance({ address: this.funder.address })) >= min) return false;
    await this.rpc('hardhat_setBalance', [this.funder.address, toHex(to)]);
    return true;
  }

  async blockNumber(): Promise<number> {
    return Number(await this.client.getBlockNumber());
  }

  /**
   * Several transactions per block, as on a real chain: automine off, each `send` goes to the mempool
   * without waiting, reads and gas estimates see the pending state (so a sequence of actions decides as if
   * each had been mined), and `flush()` mines them into one block. Only for traffic whose transactions need
   * no receipt before the block ends (the background); `stopBatching` flushes and turns automine back on.
   */
  async startBatching(): Promise<void> {
    if (this.batch) return;
    await this.rpc('evm_setAutomine', [false]);
    this.batch = [];
  }

  async stopBatching(): Promise<void> {
    if (!this.batch) return;
    await this.flush();
    await this.rpc('evm_setAutomine', [true]);
    this.batch = undefined;
  }

  get batching(): boolean {
    return this.batch !== undefined;
  }

  /**
   * Mines the batched transactions (one block, more if the block gas limit leaves some pending) and
   * records their actions from the receipts. A reverted one is counted (`revertedInBatches`), not thrown:
   * the sender decided on the pending state, and a block's order can still differ.
   */
  async flush(): Promise<number> {
    const pending = this.batch;
    if (!pending || pending.length === 0) return 0;
    this.batch = [];
    const left = new Map(pending.map((p) => [p.hash, p]));
    for (let round = 0; left.size > 0; round++) {
      if (round >= 20) throw new ArgusError(ERROR_CODES.DEVNET, `${left.size} batched transactions were not mined after ${round} blocks`);
      await this.rpc('evm_mine', []);
      for (const [hash, p] of [...left]) {
        const receipt = await this.receipt(hash, 0);
        if (!receipt) continue;
        left.delete(hash);
        p.action.block = Number(receipt.blockNumber);
        p.action.status = receipt.status === 'success' ? 'success' : 'reverted';
        if (p.action.status === 'reverted' && !p.expectRevert) this.revertedInBatches++;
        this.actions.push(p.action);
        this.onAction?.(p.action);
      }
    }
    return pending.length;
  }

  read<T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> {
    return this.client.readContract({ address, abi, functionName, args, ...(this.batch ? { blockTag: 'pending' as const } : {}) }) as Promise<T>;
  }

  balanceOf(token: Address, owner: Address): Promise<bigint> {
    return this.client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner], ...(this.batch ? { blockTag: 'pending' as const } : {}) });
  }

  ethBalance(address: Address): Promise<bigint> {
    return this.client.getBalance({ address, ...(this.batch ? { blockTag: 'pending' as const } : {}) });
  }

  private async nextNonce(address: Address): Promise<number> {
    let nonce = this.nonces.get(address);
    if (nonce === undefined) nonce = await this.client.getTransactionCount({ address, blockTag: 'pending' });
    this.nonces.set(address, nonce + 1);
    return nonce;
  }

  private async receipt(hash: Hex, timeoutMs: number): Promise<TransactionReceipt | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await this.client.getTransactionReceipt({ hash });
      } catch (error) {
        if (!(error instanceof TransactionReceiptNotFoundError)) throw error;
      }
      if (Date.now() > deadline) return undefined;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Sends one transaction and waits for its receipt. Throws when it reverts, unless `expectRevert`. */
  async send(signer: Signer, tx: { to?: Address; data?: Hex; value?: bigint }, options: SendOptions): Promise<Sent> {
    const from = signer.address;
    const what = `${options.method} from ${from}`;
    let gas = options.gas ?? REVERT_GAS;
    if (!options.expectRevert && options.gas === undefined) {
      try {
        gas = ((await this.client.estimateGas({ account: from, to: tx.to, data: tx.data, value: tx.value })) * 125n) / 100n;
      } catch (error) {
        throw new ArgusError(ERROR_CODES.DEVNET, `${what} would fail: ${(error as Error).message.split('\n')[0]}`, {}, { cause: error });
      }
    }
    const nonce = await this.nextNonce(from);
    const contractAddress = tx.to ? undefined : getContractAddress({ from, nonce: BigInt(nonce) });
    let hash: Hex;
    let sendError: unknown;
    if ('impersonated' in signer) {
      if (!this.impersonating.has(from)) {
        await this.rpc('hardhat_impersonateAccount', [from]);
        this.impersonating.add(from);
      }
      hash = await this.rpc<Hex>('eth_sendTransaction', [
        { from, to: tx.to, data: tx.data ?? '0x', value: toHex(tx.value ?? 0n), gas: toHex(gas), nonce: toHex(nonce), ...(options.gasPrice !== undefined ? { gasPrice: toHex(options.gasPrice) } : { maxFeePerGas: toHex(MAX_FEE), maxPriorityFeePerGas: toHex(PRIORITY_FEE) }) },
      ]);
    } else {
      const serialized =
        options.gasPrice !== undefined
          ? await signer.signTransaction({ chainId: this.chain.id, type: 'legacy', to: tx.to ?? null, data: tx.data, value: tx.value ?? 0n, gas, nonce, gasPrice: options.gasPrice })
          : await signer.signTransaction({
              chainId: this.chain.id,
              type: 'eip1559',
              to: tx.to ?? null,
              data: tx.data,
              value: tx.value ?? 0n,
              gas,
              nonce,
              maxFeePerGas: MAX_FEE,
              maxPriorityFeePerGas: PRIORITY_FEE,
            });
      hash = keccak256(serialized);
      try {
        await this.rpc('eth_sendRawTransaction', [serialized]);
      } catch (error) {
        // Hardhat answers a mined-but-reverted transaction with an error; the receipt tells.
        sendError = error;
      }
    }
    if (this.batch) {
      // Batching: the node took it into its mempool (or refused it: then the nonce was not used).
      if (sendError) {
        this.nonces.delete(from);
        throw new ArgusError(ERROR_CODES.DEVNET, `${what} was refused: ${sendError instanceof Error ? sendError.message.split('\n')[0] : String(sendError)}`, {}, { cause: sendError });
      }
      const to = tx.to ? getAddress(tx.to) : null;
      const action: Action = { from, to, method: options.method, amount: (options.amount ?? tx.value ?? 0n).toString(), hash, block: -1, status: 'success' };
      if (options.attackId) action.attackId = options.attackId;
      this.batch.push({ hash, action, expectRevert: options.expectRevert ?? false });
      const sent = { hash, block: -1, status: 'success' as const, from, to, method: options.method, ...(contractAddress ? { contractAddress } : {}) };
      return Object.defineProperty(sent, 'receipt', {
        get: () => {
          throw new ArgusError(ERROR_CODES.INTERNAL, `${what}: no receipt before the batch is mined (SimContext.flush)`);
        },
      }) as Sent;
    }
    const receipt = await this.receipt(hash, sendError ? 2_000 : 30_000);
    if (!receipt) {
      this.nonces.delete(from);
      const reason = sendError instanceof Error ? sendError.message.split('\n')[0] : 'not mined within 30 s';
      throw new ArgusError(ERROR_CODES.DEVNET, `${what} was not mined: ${reason}`, {}, { cause: sendError });
    }
    const status = receipt.status === 'success' ? 'success' : 'reverted';
    if (status === 'reverted' && !options.expectRevert) throw new ArgusError(ERROR_CODES.DEVNET, `${what} reverted (tx ${hash})`);
    const to = tx.to ? getAddress(tx.to) : null;
    const action: Action = { from, to, method: options.method, amount: (options.amount ?? tx.value ?? 0n).toString(), hash, block: Number(receipt.blockNumber), status };
    if (options.attackId) action.attackId = options.attackId;
    this.actions.push(action);
    this.onAction?.(action);
    return { hash, receipt, block: action.block, status, from, to, method: options.method, ...(contractAddress ? { contractAddress } : {}) };
  }

  call(signer: Signer, to: Address, abi: Abi, functionName: string, args: readonly unknown[], options: Partial<SendOptions> & { value?: bigint } = {}): Promise<Sent> {
    const data = encodeFunctionData({ abi, functionName, args });
    return this.send(signer, { to, data, value: options.value }, { ...options, method: options.method ?? functionName });
  }

  async deploy(signer: Signer, name: string, args: readonly unknown[] = [], options: Partial<SendOptions> = {}): Promise<{ address: Address; sent: Sent }> {
    const artifact = this.artifact(name);
    const data = encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args });
    const sent = await this.send(signer, { data }, { ...options, method: options.method ?? `deploy ${name}` });
    if (this.batch && sent.contractAddress) return { address: sent.contractAddress, sent };
    if (!sent.receipt.contractAddress) throw new ArgusError(ERROR_CODES.DEVNET, `deploying ${name} created no contract`);
    return { address: getAddress(sent.receipt.contractAddress), sent };
  }

  /** ETH from the funder ("the exchange"). */
  fundEth(to: Address, value: bigint, attackId?: string): Promise<Sent> {
    return this.send(this.funder, { to, value }, { method: 'transfer ETH', attackId });
  }

  /** DevTokens minted by their owner, the funder. */
  mintDevToken(symbol: string, to: Address, amount: bigint, attackId?: string): Promise<Sent> {
    const mintAbi = [{ type: 'function', name: 'mint', stateMutability: 'nonpayable', inputs: [{ name: 'to', type: 'address' }, { name: 'amount', type: 'uint256' }], outputs: [] }] as const;
    return this.call(this.funder, this.token(symbol), mintAbi, 'mint', [to, amount], { amount, attackId });
  }

  pairOf(a: Address, b: Address): Promise<Address> {
    return this.read<Address>(this.devnet.contracts.uniswapV2Factory, this.uniswap.factory.abi, 'getPair', [a, b]);
  }
}

/** Collects an attack's transactions and addresses, then builds its GroundTruth. */
export class TruthBuilder {
  readonly addresses: Record<string, Address | Address[]> = {};
  readonly facts: Record<string, string | number | boolean> = {};
  /** The attack class within its kind (GroundTruth.family), when it has one. */
  family: string | undefined;
  private readonly txs: TruthTx[] = [];

  constructor(
    readonly attackId: string,
    readonly kind: AttackKind,
    readonly description: string,
  ) {}

  add(stage: Stage, sent: Sent, actor: 'attacker' | 'victim' = 'attacker'): Sent {
    this.txs.push({ hash: sent.hash, stage, actor, from: sent.from, to: sent.to, method: sent.method, block: sent.block, status: sent.status });
    return sent;
  }

  build(): GroundTruth {
    if (this.txs.length === 0) throw new ArgusError(ERROR_CODES.INTERNAL, `attack ${this.attackId} recorded no transaction`);
    const blocks = this.txs.map((t) => t.block);
    return {
      attackId: this.attackId,
      kind: this.kind,
      ...(this.family ? { family: this.family } : {}),
      description: this.description,
      addresses: this.addresses,
      txs: [...this.txs],
      blockRange: [Math.min(...blocks), Math.max(...blocks)],
      facts: this.facts,
    };
  }
}
