/**
 * The guardian (`argus guard --protect ADDRESSES --guardian-key KEY`): for protocols. It watches the
 * upstream's pending transactions, simulates each new one on the fork of the latest state, and when one
 * would take more than `maxLossShare` of a protected contract's ETH or tokens in a single transaction (the
 * signature of an exploit or of a stolen admin key, whatever the bug), it sends the configured response
 * (by default `pause()` on each protected contract) signed by the guardian key, with a higher priority fee
 * than the exploit's so that it is mined ahead of it.
 *
 * What it cannot stop: an exploit sent straight to a block builder (a private mempool), one mined in the
 * block where it first appears (no interval between), and a protocol without a pause.
 */
import { encodeFunctionData, getAddress, parseAbi, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ArgusError, ERROR_CODES, toArgusError } from '../core/errors.js';
import { rpc, rpcBatch } from '../chain/rpc/json-rpc.js';
import { Simulator } from './simulate.js';

const PAUSE = encodeFunctionData({ abi: parseAbi(['function pause()']), functionName: 'pause' });
const balanceOfAbi = parseAbi(['function balanceOf(address) view returns (uint256)']);

export interface GuardianOptions {
  upstreamUrl: string;
  protect: Address[];
  /** The guardian's private key (holds the pause role). */
  key: Hex;
  /** Transactions sent in response; default: pause() on each protected contract. */
  responses?: Array<{ to: Address; data: Hex }>;
  /** A single transaction taking more than this share of a protected contract's holdings is an attack. */
  maxLossShare?: number;
  pollMs?: number;
  onEvent?: (event: GuardianEvent) => void;
}

export interface GuardianEvent {
  kind: 'attack' | 'response' | 'error';
  txHash?: Hex;
  from?: Address;
  message: string;
  responseHashes?: Hex[];
}

interface PendingTx {
  hash: Hex;
  from: Address;
  to: Address | null;
  input: Hex;
  value: Hex;
  gas: Hex;
  maxPriorityFeePerGas?: Hex;
  gasPrice?: Hex;
}

export class Guardian {
  private readonly seen = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private readonly account;
  readonly stats = { pendingSeen: 0, simulated: 0, attacks: 0, responses: 0 };

  private constructor(
    private readonly options: GuardianOptions,
    private readonly simulator: Simulator,
    private readonly chainId: number,
  ) {
    this.account = privateKeyToAccount(options.key);
  }

  static async start(options: GuardianOptions): Promise<Guardian> {
    if (options.protect.length === 0) throw new ArgusError(ERROR_CODES.USAGE, '--protect needs at least one address');
    const chainId = Number(await rpc<Hex>(options.upstreamUrl, 'eth_chainId'));
    const simulator = await Simulator.start(options.upstreamUrl);
    const g = new Guardian(options, simulator, chainId);
    g.timer = setInterval(() => void g.tick(), options.pollMs ?? 50);
    return g;
  }

  get address(): Address {
    return this.account.address;
  }

  private emit(e: GuardianEvent): void {
    this.options.onEvent?.(e);
  }

  private async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const pending = await rpc<{ transactions: PendingTx[] } | null>(this.options.upstreamUrl, 'eth_getBlockByNumber', ['pending', true]);
      for (const tx of pending?.transactions ?? []) {
        if (this.seen.has(tx.hash)) continue;
        this.seen.add(tx.hash);
        this.stats.pendingSeen += 1;
        if (getAddress(tx.from) === this.account.address) continue;
        await this.inspect(tx);
      }
    } catch (error) {
      this.emit({ kind: 'error', message: `guardian: ${toArgusError(error).message}` });
    } finally {
      this.busy = false;
    }
  }

  /** Simulates one pending transaction against the protected contracts' holdings. */
  private async inspect(tx: PendingTx): Promise<void> {
    const protect = this.options.protect;
    const sim = await this.simulator.simulate({ from: getAddress(tx.from), ...(tx.to ? { to: getAddress(tx.to) } : {}), data: tx.input, value: BigInt(tx.value), gas: BigInt(tx.gas) }, undefined, protect);
    this.stats.simulated += 1;
    if (!sim.success) return;
    const share = this.options.maxLossShare ?? 0.1;
    const losses: string[] = [];
    for (const p of protect) {
      const w = sim.watched?.[p.toLowerCase()];
      if (w && w.delta < 0n && w.before > 0n && Number(-w.delta) / Number(w.before) > share) losses.push(`${p} loses ${Math.round((100 * Number(-w.delta)) / Number(w.before))} % of its ETH`);
    }
    // Tokens leaving a protected contract: compare with what it held before (read on the upstream).
    const outs = sim.movements.filter((m) => m.standard === 'ERC20' && protect.some((p) => p.toLowerCase() === m.from.toLowerCase()));
    if (outs.length) {
      const held = await rpcBatch(this.options.upstreamUrl, outs.map((m) => ({ method: 'eth_call', params: [{ to: m.token, data: encodeFunctionData({ abi: balanceOfAbi, args: [m.from] }) }, 'latest'] })));
      outs.forEach((m, i) => {
        const h = held[i];
        const before = typeof h === 'string' && h.length > 2 ? BigInt(h) : 0n;
        if (before > 0n && Number(m.amount) / Number(before) > share) losses.push(`${m.from} loses ${Math.round((100 * Number(m.amount)) / Number(before))} % of its ${m.token}`);
      });
    }
    if (losses.length === 0) return;
    this.stats.attacks += 1;
    this.emit({ kind: 'attack', txHash: tx.hash, from: getAddress(tx.from), message: `pending ${tx.hash} from ${tx.from}: ${losses.join('; ')}` });
    await this.respond(tx);
  }

  /** Sends the responses, each outbidding the attack's priority fee. */
  private async respond(attack: PendingTx): Promise<void> {
    const responses = this.options.responses ?? this.options.protect.map((to) => ({ to, data: PAUSE }));
    const theirs = BigInt(attack.maxPriorityFeePerGas ?? attack.gasPrice ?? '0x0');
    const tip = theirs * 2n + 2_000_000_000n;
    let nonce = Number(await rpc<Hex>(this.options.upstreamUrl, 'eth_getTransactionCount', [this.account.address, 'pending']));
    const hashes: Hex[] = [];
    for (const r of responses) {
      const raw = await this.account.signTransaction({ chainId: this.chainId, type: 'eip1559', to: r.to, data: r.data, gas: 200_000n, nonce: nonce++, maxPriorityFeePerGas: tip, maxFeePerGas: tip + 200_000_000_000n });
      try {
        hashes.push(await rpc<Hex>(this.options.upstreamUrl, 'eth_sendRawTransaction', [raw]));
        this.stats.responses += 1;
      } catch (error) {
        this.emit({ kind: 'error', message: `guardian: the response to ${r.to} was refused: ${toArgusError(error).message}` });
      }
    }
    this.emit({ kind: 'response', txHash: attack.hash, message: `sent ${hashes.length} response transaction(s) ahead of ${attack.hash}`, responseHashes: hashes });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.simulator.stop();
  }
}
