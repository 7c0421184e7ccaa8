/**
 * Buy, transfer and sell a token on a fork, from fresh addresses, through its deepest Uniswap V2 pool,
 * and measure what a real holder would see. Scam kits advertise "passes the scanners": they hide the
 * trap from static analysis, but a sell that reverts or pays 99 % tax still does so when it is executed.
 *
 * The addresses are new random ones (no history, no allow-list entry, no code), funded with
 * `hardhat_setBalance` and driven with `hardhat_impersonateAccount`, so the fork must be a Hardhat node.
 *
 * Taxes are measured against the router's own quote (`getAmountsOut`), which already includes the pool
 * fee and the price impact, so what is left is what the token took:
 * - buyTax: 1 − tokens received / tokens quoted, buying with ETH
 *   (swapExactETHForTokensSupportingFeeOnTransferTokens);
 * - transferTax: 1 − tokens arriving / tokens sent, wallet to wallet (a tenth of the bought amount);
 * - sellTax: 1 − ETH received / ETH quoted, selling everything that is left
 *   (swapExactTokensForETHSupportingFeeOnTransferTokens, after approve).
 *
 * Verdicts (thresholds chosen here, documented in the report):
 * - is_honeypot true: selling reverts (all and 99 %), or a round trip returns at most 10 % of its worth
 *   ((1 − buyTax)(1 − sellTax) ≤ 0.1, e.g. a 90 % sell tax): no one trades at such a loss knowingly.
 *   false: a sell went through and the round trip kept more than 10 %. null: nothing could be tried
 *   (no pool, no liquidity, the buy itself reverted: trading may simply not be open yet).
 * - cannot_sell_all true: selling 100 % reverts but 99 % goes through; false: 100 % sells; null when
 *   neither sells (is_honeypot says it) or no sell was tried.
 * A dead fork or upstream throws an ArgusError (code RPC): it never becomes a verdict.
 */
import { encodeFunctionData, erc20Abi, maxUint256, parseAbi, parseEther, toHex, type Address, type Hex } from 'viem';
import { generatePrivateKey, privateKeyToAddress } from 'viem/accounts';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { TradeSimulation } from '../types.js';
import { findDeepestPool, type DexConfig, type PoolInfo } from './pool.js';
import { readContract, rpc, rpcBatch } from '../../chain/rpc/json-rpc.js';
import { revertReason, RpcAnswerError } from '../../chain/rpc/errors.js';

export const routerAbi = parseAbi([
  'function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)',
  'function swapExactETHForTokensSupportingFeeOnTransferTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable',
  'function swapExactTokensForETHSupportingFeeOnTransferTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to, uint256 deadline)',
]);

/** A round trip that keeps at most this share of its worth is a honeypot. */
export const HONEYPOT_ROUND_TRIP_KEEP = 0.1;
/** Default buy: 0.1 ETH, but never more than 1 % of the pool's WETH (keeps max-tx limits and price impact out of it). */
export const DEFAULT_BUY_WEI = parseEther('0.1');
const GAS = 3_000_000n;
const FUNDING = parseEther('1000');

export interface TradeOptions {
  dex: DexConfig;
  buyWei?: bigint;
  /** Pool to trade through; default: the deepest one found. */
  pool?: PoolInfo;
}

type TxOutcome = { ok: true; gasUsed: number } | { ok: false; reason: string };

/** 1 − got / expected, in 0..1 (a token that gives more than quoted has no tax). */
function loss(got: bigint, expected: bigint): number {
  if (expected <= 0n) return 0;
  if (got >= expected) return 0;
  return Number(((expected - got) * 1_000_000n) / expected) / 1_000_000;
}

/** Node error messages that mean the transaction itself failed (as opposed to a broken request). */
const TX_FAILED = /revert|VM Exception|invalid opcode|out of gas|stack (?:over|under)flow|invalid jump/i;

class Trader {
  constructor(readonly url: string) {}

  async fresh(): Promise<Address> {
    const address = privateKeyToAddress(generatePrivateKey());
    const answers = await rpcBatch(this.url, [
      { method: 'hardhat_setBalance', params: [address, toHex(FUNDING)] },
      { method: 'hardhat_impersonateAccount', params: [address] },
    ]);
    const failed = answers.find((a) => a instanceof Error);
    if (failed) throw new ArgusError(ERROR_CODES.RPC, `the fork refused to fund or impersonate a fresh address (is it a Hardhat node?): ${(failed as Error).message}`);
    return address;
  }

  async send(from: Address, to: Address, data: Hex, value = 0n): Promise<TxOutcome> {
    let hash: Hex;
    try {
      hash = await rpc<Hex>(this.url, 'eth_sendTransaction', [{ from, to, data, value: toHex(value), gas: toHex(GAS) }], { timeoutMs: 30_000 });
    } catch (error) {
      if (error instanceof RpcAnswerError && TX_FAILED.test(error.rpcMessage)) return { ok: false, reason: revertReason(error) };
      throw error;
    }
    const receipt = await rpc<{ status: Hex; gasUsed: Hex } | null>(this.url, 'eth_getTransactionReceipt', [hash]);
    if (!receipt) throw new ArgusError(ERROR_CODES.RPC, `the fork mined no receipt for ${hash} (automine off?)`);
    if (receipt.status !== '0x1') return { ok: false, reason: 'reverted without a reason' };
    return { ok: true, gasUsed: Number(receipt.gasUsed) };
  }

  balanceOf(token: Address, owner: Address): Promise<bigint> {
    return readContract<bigint>(this.url, token, erc20Abi, 'balanceOf', [owner]);
  }

  async ethBalance(owner: Address): Promise<bigint> {
    return BigInt(await rpc<Hex>(this.url, 'eth_getBalance', [owner, 'latest']));
  }

  /** The router's quote; null when the router itself refuses (e.g. an amount the pool cannot cover). */
  async quote(router: Address, amountIn: bigint, path: Address[]): Promise<bigint | null> {
    try {
      const amounts = await readContract<readonly bigint[]>(this.url, router, routerAbi, 'getAmountsOut', [amountIn, path]);
      return amounts[amounts.length - 1] ?? null;
    } catch (error) {
      if (error instanceof RpcAnswerError) return null;
      throw error;
    }
  }
}

export function emptySimulation(pool: string | null, errors: string[] = []): TradeSimulation {
  return { pool, buyTax: null, sellTax: null, transferTax: null, buyGas: null, sellGas: null, is_honeypot: null, cannot_sell_all: null, errors };
}

/**
 * Runs the trades on the fork at `forkUrl` (which they change: reset the fork before the next token).
 */
export async function simulateTrades(forkUrl: string, token: Address, options: TradeOptions): Promise<TradeSimulation> {
  const pool = options.pool ?? (await findDeepestPool(forkUrl, token, options.dex));
  if (!pool) return emptySimulation(null, ['no Uniswap V2 pool with WETH or a known quote token']);
  const out = emptySimulation(pool.pair);
  try {
    await trade(new Trader(forkUrl), token, pool, options, out);
  } catch (error) {
    // The node answered with an error where none was expected (e.g. balanceOf reverts for our buyer):
    // what was measured so far stands, the rest stays unknown. A dead node still throws.
    if (!(error instanceof RpcAnswerError)) throw error;
    out.errors.push(`simulation stopped: ${revertReason(error)}`);
  }
  return out;
}

/** The trades themselves; fills `out` step by step. */
async function trade(t: Trader, token: Address, pool: PoolInfo, options: TradeOptions, out: TradeSimulation): Promise<void> {
  const { dex } = options;
  if (pool.wethReserve === 0n || pool.tokenReserve === 0n) {
    out.errors.push('the pool has no liquidity');
    return;
  }
  const buyWei = [options.buyWei ?? DEFAULT_BUY_WEI, pool.wethReserve / 100n].reduce((a, b) => (a < b ? a : b));
  const buyPath = pool.path;
  const sellPath = [...pool.path].reverse();
  const [buyer, friend, payee] = await Promise.all([t.fresh(), t.fresh(), t.fresh()]);

  // Buy.
  const quotedTokens = await t.quote(dex.router, buyWei, buyPath);
  if (quotedTokens === null || quotedTokens === 0n) {
    out.errors.push('buy: the router quotes nothing for the buy');
    return;
  }
  const buy = await t.send(buyer, dex.router, encodeFunctionData({ abi: routerAbi, functionName: 'swapExactETHForTokensSupportingFeeOnTransferTokens', args: [0n, buyPath, buyer, maxUint256] }), buyWei);
  if (!buy.ok) {
    out.errors.push(`buy: ${buy.reason}`);
    await diagnose(t, token, pool.pair, buyer, quotedTokens, 'token transfer out of the pool', out.errors);
    return;
  }
  const bought = await t.balanceOf(token, buyer);
  out.buyGas = buy.gasUsed;
  out.buyTax = loss(bought, quotedTokens);
  if (bought === 0n) {
    out.errors.push('buy: no tokens arrived');
    out.is_honeypot = true;
    return;
  }

  // Wallet to wallet: a tenth of it.
  const part = bought / 10n;
  if (part > 0n) {
    const sent = await t.send(buyer, token, encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [friend, part] }));
    if (sent.ok) out.transferTax = loss(await t.balanceOf(token, friend), part);
    else out.errors.push(`transfer: ${sent.reason}`);
  }

  // Sell everything left, else 99 % of it.
  const approved = await t.send(buyer, token, encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [dex.router, maxUint256] }));
  if (!approved.ok) out.errors.push(`approve: ${approved.reason}`);
  const held = await t.balanceOf(token, buyer);
  const sell = async (amount: bigint): Promise<{ outcome: TxOutcome; quoted: bigint | null; received: bigint }> => {
    const quoted = await t.quote(dex.router, amount, sellPath);
    const before = await t.ethBalance(payee);
    const outcome = await t.send(buyer, dex.router, encodeFunctionData({ abi: routerAbi, functionName: 'swapExactTokensForETHSupportingFeeOnTransferTokens', args: [amount, 0n, sellPath, payee, maxUint256] }));
    const received = outcome.ok ? (await t.ethBalance(payee)) - before : 0n;
    return { outcome, quoted, received };
  };
  let sold = await sell(held);
  if (sold.outcome.ok) {
    out.cannot_sell_all = false;
  } else {
    out.errors.push(`sell 100%: ${sold.outcome.reason}`);
    await diagnose(t, token, buyer, pool.pair, held, 'token transfer into the pool', out.errors);
    const partial = await sell((held * 99n) / 100n);
    if (partial.outcome.ok) out.cannot_sell_all = true;
    else out.errors.push(`sell 99%: ${partial.outcome.reason}`);
    sold = partial;
  }
  if (!sold.outcome.ok) {
    out.is_honeypot = true;
    return;
  }
  out.sellGas = sold.outcome.gasUsed;
  out.sellTax = sold.quoted === null ? null : loss(sold.received, sold.quoted);
  const keep = (1 - out.buyTax) * (1 - (out.sellTax ?? 0));
  out.is_honeypot = out.sellTax === null ? null : keep <= HONEYPOT_ROUND_TRIP_KEEP;
}

/**
 * The pair and the router report a failed token transfer as their own "TRANSFER_FAILED"; the token's
 * reason is what a user can check, so the transfer (out of the pool for a buy, into it for a sell) is
 * replayed as a plain call from the same sender to get it.
 */
async function diagnose(t: Trader, token: Address, from: Address, to: Address, amount: bigint, label: string, errors: string[]): Promise<void> {
  try {
    await rpc(t.url, 'eth_call', [{ from, to: token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'transfer', args: [to, amount] }) }, 'latest']);
  } catch (error) {
    if (error instanceof RpcAnswerError) errors.push(`${label}: ${revertReason(error)}`);
    else throw error;
  }
}
