/**
 * Where a token trades: its Uniswap V2 pools against WETH and against a few known quote tokens (stable
 * coins, WBTC…), ranked by their depth in WETH terms. A buyer with ETH reaches a token/quote pool through
 * the quote's own WETH pool, so a quote without a WETH pool is skipped: nothing could be bought there.
 *
 * Addresses differ per chain, so the DEX is a parameter: `MAINNET_UNISWAP_V2` for chain id 1,
 * `devnetDex(description)` for our devnet.
 */
import { parseAbi, zeroAddress, type Address } from 'viem';
import { readContract, type BlockTag } from '../../chain/rpc/json-rpc.js';

export interface DexConfig {
  router: Address;
  factory: Address;
  weth: Address;
  /** Other quote tokens whose pools count (each needs a WETH pool of its own). */
  quoteTokens?: Address[];
}

/** The canonical Uniswap V2 deployment on Ethereum mainnet (chain id 1). */
export const MAINNET_UNISWAP_V2: DexConfig = {
  router: '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D',
  factory: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f',
  weth: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
  quoteTokens: [
    '0x6B175474E89094C44Da98b954EedeAC495271d0F', // DAI
    '0xA0b86991c6218b36c1d19D4a2e9Eb0cE3606eB48', // USDC
    '0xdAC17F958D2ee523a2206206994597C13D831ec7', // USDT
    '0x2260FAC5E5542a773Aa44fBCfeDf7C193bc2C599', // WBTC
  ],
};

/** What `devnetDex` reads of a devnet's description (chain/devnet's `DevnetDescription` is one). */
export interface DevnetDexAddresses {
  contracts: { uniswapV2Router02: Address; uniswapV2Factory: Address; weth9: Address };
  tokens: Record<string, { address: Address }>;
}

/** Our devnet: its router, factory and WETH, and its DevTokens as quote tokens. */
export function devnetDex(devnet: DevnetDexAddresses): DexConfig {
  return {
    router: devnet.contracts.uniswapV2Router02,
    factory: devnet.contracts.uniswapV2Factory,
    weth: devnet.contracts.weth9,
    quoteTokens: Object.values(devnet.tokens).map((t) => t.address),
  };
}

export const factoryAbi = parseAbi(['function getPair(address, address) view returns (address)', 'event PairCreated(address indexed token0, address indexed token1, address pair, uint256)']);
export const pairAbi = parseAbi([
  'function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)',
  'function token0() view returns (address)',
  'function totalSupply() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
]);

export interface PoolInfo {
  pair: Address;
  /** WETH, or the quote token the pool pairs the token with. */
  quote: Address;
  tokenReserve: bigint;
  quoteReserve: bigint;
  /** The quote side's worth in WETH (wei): the pool's depth for ranking, and its liquidity. */
  wethReserve: bigint;
  /** Router path from WETH to the token (reverse it to sell). */
  path: Address[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

async function reservesOf(url: string, pair: Address, token: Address, block: BlockTag): Promise<{ mine: bigint; other: bigint }> {
  const [[r0, r1], token0] = await Promise.all([
    readContract<readonly [bigint, bigint, number]>(url, pair, pairAbi, 'getReserves', [], { block }),
    readContract<Address>(url, pair, pairAbi, 'token0', [], { block }),
  ]);
  return same(token0, token) ? { mine: r0, other: r1 } : { mine: r1, other: r0 };
}

async function pairOf(url: string, dex: DexConfig, a: Address, b: Address, block: BlockTag): Promise<Address | null> {
  const pair = await readContract<Address>(url, dex.factory, factoryAbi, 'getPair', [a, b], { block });
  return same(pair, zeroAddress) ? null : pair;
}

/** Every pool of the token with WETH or a routable quote token, deepest (in WETH) first. */
export async function findPools(url: string, token: Address, dex: DexConfig, block: BlockTag = 'latest'): Promise<PoolInfo[]> {
  const quotes = [dex.weth, ...(dex.quoteTokens ?? []).filter((q) => !same(q, dex.weth) && !same(q, token))];
  const found = await Promise.all(
    quotes.map(async (quote): Promise<PoolInfo | null> => {
      const pair = await pairOf(url, dex, token, quote, block);
      if (!pair) return null;
      const { mine, other } = await reservesOf(url, pair, token, block);
      if (same(quote, dex.weth)) return { pair, quote, tokenReserve: mine, quoteReserve: other, wethReserve: other, path: [dex.weth, token] };
      const bridge = await pairOf(url, dex, quote, dex.weth, block);
      if (!bridge) return null;
      const q = await reservesOf(url, bridge, quote, block);
      const wethReserve = q.mine === 0n ? 0n : (other * q.other) / q.mine;
      return { pair, quote, tokenReserve: mine, quoteReserve: other, wethReserve, path: [dex.weth, quote, token] };
    }),
  );
  return found.filter((p): p is PoolInfo => p !== null).sort((a, b) => (a.wethReserve === b.wethReserve ? 0 : a.wethReserve > b.wethReserve ? -1 : 1));
}

export async function findDeepestPool(url: string, token: Address, dex: DexConfig, block: BlockTag = 'latest'): Promise<PoolInfo | null> {
  return (await findPools(url, token, dex, block))[0] ?? null;
}
