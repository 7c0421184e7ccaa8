/**
 * Background traffic: dozens of wallets derived from the seed, funded by the devnet's first account,
 * swapping on the devnet's pools, adding and removing liquidity, transferring and approving tokens, with
 * amounts and gaps (blocks between actions) drawn from the seeded PRNG. With `txsPerBlock`, several
 * wallets act in the same block (SimContext batching), as on a real chain.
 */
import { erc20Abi, maxUint256, parseEther, parseUnits, type Address, type PrivateKeyAccount } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import { DEADLINE, type SimContext } from './context.js';
import { Rng, seededKey } from './prng.js';
import { ORDINARY_WEIGHTS, OrdinaryProtocols, type OrdinaryKind } from './ordinary.js';

export interface BackgroundOptions {
  /** Wallets taking part (default 30). */
  wallets?: number;
  /** Add the richer ordinary protocols (src/chain/scenarios/ordinary.ts) to the swaps and transfers. */
  rich?: boolean;
  /** With `rich`, also the extended ordinary set (liquidations, a Safe-like multisig, team launches). */
  extended?: boolean;
  /**
   * Actions per block, drawn between the two bounds (distinct wallets in a block), mined together; an
   * action that cannot be carried out (its gas estimate fails on the pending state) is skipped and
   * counted. Without it, one action per block and any failure throws (the scenarios' replayable mix).
   */
  txsPerBlock?: [number, number];
}

/** With `rich`, the share of actions that use the ordinary protocols rather than swaps and transfers. */
const ORDINARY_SHARE = 0.45;

type Kind = 'swapEthForToken' | 'swapTokenForEth' | 'swapTokenForToken' | 'addLiquidity' | 'removeLiquidity' | 'transfer' | 'approve' | 'sendEth';

const WEIGHTS: Array<[Kind, number]> = [
  ['swapEthForToken', 26],
  ['swapTokenForEth', 16],
  ['swapTokenForToken', 12],
  ['addLiquidity', 8],
  ['removeLiquidity', 5],
  ['transfer', 16],
  ['approve', 9],
  ['sendEth', 8],
];

export class BackgroundTraffic {
  readonly wallets: PrivateKeyAccount[];
  private readonly rng: Rng;
  private readonly approved = new Set<string>();
  private funded = false;
  private readonly ordinary: OrdinaryProtocols | undefined;
  private readonly perBlock: [number, number] | undefined;
  count = 0;
  /** Actions skipped because they could no longer be carried out (batched runs only). */
  skipped = 0;

  constructor(
    private readonly ctx: SimContext,
    seed: string,
    options: BackgroundOptions = {},
  ) {
    const n = options.wallets ?? 30;
    this.rng = new Rng(seed, 'background');
    this.wallets = Array.from({ length: n }, (_, i) => privateKeyToAccount(seededKey(seed, 'background', i)));
    this.ordinary = options.rich ? new OrdinaryProtocols(ctx, new Rng(seed, 'ordinary'), seed, options.extended ?? false) : undefined;
    this.perBlock = options.txsPerBlock;
  }

  /** Funds every wallet with ETH and each devnet token (minted by their owner, the funder). */
  async setup(): Promise<void> {
    if (this.funded) return;
    for (const w of this.wallets) {
      await this.ctx.fundEth(w.address, parseEther(String(this.rng.int(20, 60))));
      for (const [symbol, t] of Object.entries(this.ctx.devnet.tokens)) {
        const whole = t.decimals >= 18 ? this.rng.int(2_000, 30_000) : t.decimals >= 8 ? this.rng.int(1, 3) : this.rng.int(2_000, 30_000);
        await this.ctx.mintDevToken(symbol, w.address, parseUnits(String(whole), t.decimals));
      }
    }
    await this.ordinary?.setup(this.wallets);
    this.funded = true;
  }

  private pickKind(): Kind {
    const total = WEIGHTS.reduce((s, [, w]) => s + w, 0);
    let r = this.rng.int(1, total);
    for (const [k, w] of WEIGHTS) {
      r -= w;
      if (r <= 0) return k;
    }
    return 'sendEth';
  }

  private pickOrdinary(): OrdinaryKind {
    const weights = this.ordinary?.weights ?? ORDINARY_WEIGHTS;
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let r = this.rng.int(1, total);
    for (const [k, w] of weights) {
      r -= w;
      if (r <= 0) return k;
    }
    return 'wrap';
  }

  private async ensureApproval(wallet: PrivateKeyAccount, token: Address, spender: Address): Promise<void> {
    const key = `${wallet.address}:${token}:${spender}`;
    if (this.approved.has(key)) return;
    await this.ctx.call(wallet, token, erc20Abi, 'approve', [spender, maxUint256], { amount: maxUint256 });
    this.approved.add(key);
  }

  private symbols(): string[] {
    return Object.keys(this.ctx.devnet.tokens).sort();
  }

  /** A fraction (1–30 %) of the wallet's balance of a token; 0n when it holds none. */
  private async part(token: Address, owner: Address, maxPct = 30): Promise<bigint> {
    const bal = await this.ctx.balanceOf(token, owner);
    return (bal * BigInt(this.rng.int(1, maxPct))) / 100n;
  }

  /** One action by one wallet, then a gap of 0–3 blocks. */
  async step(): Promise<void> {
    await this.act(this.rng.pick(this.wallets));
    this.count += 1;
    const gap = this.rng.chance(0.6) ? 0 : this.rng.int(1, 3);
    await this.ctx.mine(gap);
  }

  /**
   * One block of `txsPerBlock` actions by distinct wallets, mined together, then a gap of 0–3 blocks. An
   * action whose transaction the node would not accept (its estimate fails on the pending state, e.g. a
   * listing bought a moment earlier) is skipped, as a wallet would drop it.
   */
  async block(): Promise<number> {
    const [lo, hi] = this.perBlock ?? [1, 1];
    const k = this.rng.int(lo, Math.min(hi, this.wallets.length));
    const free = [...this.wallets];
    let done = 0;
    for (let i = 0; i < k; i++) {
      const [w] = free.splice(this.rng.int(0, free.length - 1), 1) as [PrivateKeyAccount];
      try {
        await this.act(w);
        done++;
      } catch (error) {
        if (!(error instanceof ArgusError) || error.code !== ERROR_CODES.DEVNET) throw error;
        this.skipped++;
      }
    }
    await this.ctx.flush();
    this.count += done;
    await this.ctx.mine(this.rng.chance(0.6) ? 0 : this.rng.int(1, 3));
    return done;
  }

  /** One action by `w` (no mining). */
  private async act(w: PrivateKeyAccount): Promise<void> {
    const ctx = this.ctx;
    const router = ctx.router;
    const rabi = ctx.uniswap.router.abi;
    const kind = this.pickKind();
    const symbol = this.rng.pick(this.symbols());
    const token = ctx.token(symbol);
    const other = this.rng.pick(this.wallets.filter((x) => x !== w));
    // A long (continuous) run: top up a wallet that is running out of ETH.
    if ((await ctx.ethBalance(w.address)) < parseEther('5')) await ctx.fundEth(w.address, parseEther('20'));
    if (this.ordinary && this.rng.chance(ORDINARY_SHARE)) {
      const okind = this.pickOrdinary();
      if (await this.ordinary.step(okind, w, this.wallets)) return;
    }
    switch (kind) {
      case 'swapEthForToken': {
        const value = this.rng.between(parseEther('0.01'), parseEther('2'));
        await ctx.call(w, router, rabi, 'swapExactETHForTokens', [0n, [ctx.weth, token], w.address, DEADLINE], { value, amount: value });
        break;
      }
      case 'swapTokenForEth': {
        const amount = await this.part(token, w.address);
        if (amount === 0n) break;
        await this.ensureApproval(w, token, router);
        await ctx.call(w, router, rabi, 'swapExactTokensForETH', [amount, 0n, [token, ctx.weth], w.address, DEADLINE], { amount });
        break;
      }
      case 'swapTokenForToken': {
        const [a, b] = this.rng.chance(0.5) ? ['DAI', 'USDC'] : ['USDC', 'DAI'];
        const from = ctx.token(a as string);
        const amount = await this.part(from, w.address);
        if (amount === 0n) break;
        await this.ensureApproval(w, from, router);
        await ctx.call(w, router, rabi, 'swapExactTokensForTokens', [amount, 0n, [from, ctx.token(b as string)], w.address, DEADLINE], { amount });
        break;
      }
      case 'addLiquidity': {
        const amount = await this.part(token, w.address, 10);
        if (amount === 0n) break;
        const pair = await ctx.pairOf(token, ctx.weth);
        const [r0, r1] = await ctx.read<readonly [bigint, bigint, number]>(pair, ctx.uniswap.pair.abi, 'getReserves');
        const token0 = await ctx.read<Address>(pair, ctx.uniswap.pair.abi, 'token0');
        const [rt, re] = token0.toLowerCase() === token.toLowerCase() ? [r0, r1] : [r1, r0];
        const value = (amount * re) / rt + 1n;
        await this.ensureApproval(w, token, router);
        await ctx.call(w, router, rabi, 'addLiquidityETH', [token, amount, 0n, 0n, w.address, DEADLINE], { value, amount: value });
        break;
      }
      case 'removeLiquidity': {
        const pair = await ctx.pairOf(token, ctx.weth);
        const lp = await this.part(pair, w.address, 100);
        if (lp === 0n) {
          await this.stepFallback(w, token, other.address);
          break;
        }
        await this.ensureApproval(w, pair, router);
        await ctx.call(w, router, rabi, 'removeLiquidityETH', [token, lp, 0n, 0n, w.address, DEADLINE], { amount: lp });
        break;
      }
      case 'transfer':
        await this.stepFallback(w, token, other.address);
        break;
      case 'approve': {
        const amount = await this.part(token, w.address, 100);
        const spender = this.rng.chance(0.5) ? router : other.address;
        await ctx.call(w, token, erc20Abi, 'approve', [spender, amount], { amount });
        // A limited approval replaces an unlimited one: approve again before the next swap.
        this.approved.delete(`${w.address}:${token}:${spender}`);
        break;
      }
      case 'sendEth': {
        const value = this.rng.between(parseEther('0.001'), parseEther('1'));
        await ctx.send(w, { to: other.address, value }, { method: 'transfer ETH', amount: value });
        break;
      }
    }
  }

  private async stepFallback(w: PrivateKeyAccount, token: Address, to: Address): Promise<void> {
    const amount = await this.part(token, w.address);
    if (amount > 0n) await this.ctx.call(w, token, erc20Abi, 'transfer', [to, amount], { amount });
  }

  /** `steps` actions: one per block, or `txsPerBlock` per block when batching. */
  async run(steps: number): Promise<void> {
    if (!this.perBlock) {
      for (let i = 0; i < steps; i++) await this.step();
      return;
    }
    await this.ctx.startBatching();
    try {
      for (let done = 0; done < steps; ) done += Math.max(1, await this.block());
    } finally {
      await this.ctx.stopBatching();
    }
  }
}
