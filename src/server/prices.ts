/**
 * What the dashboard needs to read evidence as money and names: USD prices (`ETH`, or a token's
 * lower-case address, to USD per whole unit) and known labels of addresses per chain (routers, pools,
 * tokens, WETH). Prices come from configuration (`argus serve --price ETH=3000`), or from Uniswap V2
 * pool reserves (`pricesFromPools`: the demo's devnet pools); labels from the bundled known-good list
 * and `--label`. A price is only ever stated for an asset named in one of these ways: anything else is
 * shown as "not priced", never as zero.
 */
import { KNOWN_GOOD_BY_CHAIN } from '../monitor/known-good.js';

/** Tokens taken to be worth one US dollar when they price ETH through a pool (by symbol, on a chain the caller vouches for). */
export const USD_STABLECOINS: readonly string[] = ['USDC', 'USDT', 'DAI'];

export interface PoolForPrice {
  token0: string;
  token1: string;
  reserve0: string;
  reserve1: string;
}

export interface TokenForPrice {
  address: string;
  symbol: string;
  decimals: number;
}

/** `raw` base units as whole units (a float, for prices). */
function whole(raw: string, decimals: number): number {
  return Number(raw) / 10 ** decimals;
}

/**
 * USD prices from pool reserves: ETH from the deepest stablecoin/WETH pool, then every token paired with
 * WETH at its pool's ratio. Pools with an empty side price nothing.
 */
export function pricesFromPools(pools: readonly PoolForPrice[], tokens: readonly TokenForPrice[], weth: string): Record<string, number> {
  const byAddress = new Map(tokens.map((t) => [t.address.toLowerCase(), t]));
  const w = weth.toLowerCase();
  // Each pool with WETH: [token, whole tokens, whole ETH].
  const withWeth = pools.flatMap((p) => {
    const [a, b] = [p.token0.toLowerCase(), p.token1.toLowerCase()];
    if (a !== w && b !== w) return [];
    const [token, raw, eth] = a === w ? [b, p.reserve1, p.reserve0] : [a, p.reserve0, p.reserve1];
    const info = byAddress.get(token);
    if (!info) return [];
    const amount = whole(raw, info.decimals);
    const ethAmount = whole(eth, 18);
    return amount > 0 && ethAmount > 0 ? [{ token, symbol: info.symbol, amount, ethAmount }] : [];
  });
  const stable = withWeth.filter((p) => USD_STABLECOINS.includes(p.symbol)).sort((x, y) => y.ethAmount - x.ethAmount)[0];
  if (!stable) return {};
  const ethUsd = stable.amount / stable.ethAmount;
  const out: Record<string, number> = { ETH: ethUsd, [w]: ethUsd };
  for (const p of withWeth) out[p.token] = USD_STABLECOINS.includes(p.symbol) ? 1 : (p.ethAmount / p.amount) * ethUsd;
  return out;
}

/** Known labels per chain: the bundled known-good list, with the configured ones over it. */
export function labelsOf(configured: Record<string, Record<string, string>> | undefined): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const [chain, entries] of Object.entries(KNOWN_GOOD_BY_CHAIN)) out[chain] = Object.fromEntries(entries.map((e) => [e.address.toLowerCase(), e.label]));
  for (const [chain, entries] of Object.entries(configured ?? {})) out[chain] = { ...(out[chain] ?? {}), ...Object.fromEntries(Object.entries(entries).map(([a, l]) => [a.toLowerCase(), l])) };
  return out;
}
