/**
 * Public infrastructure that is never the attacker: routers, factories, wrapped ether, Permit2 and the
 * hot wallets of large exchanges. Findings whose subject is one of them are suppressed (they are the
 * middlemen of almost every attack and of all normal trading), and the incident combiner does not join
 * incidents through them. Mainnet addresses from the projects' own deployment pages and Etherscan labels;
 * other chains add theirs here. The devnet has its own list (`devnetKnownGood`), and users add theirs
 * with `argus watch --known-good`.
 */
import { createRequire } from 'node:module';

export interface KnownGoodEntry {
  address: string;
  label: string;
}

const ETHEREUM_MAINNET: KnownGoodEntry[] = [
  { address: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2', label: 'WETH9' },
  { address: '0x5C69bEe701ef814a2B6a3EDD4B1652CB9cc5aA6f', label: 'Uniswap V2 factory' },
  { address: '0x7a250d5630B4cF539739dF2C5dAcb4c659F2488D', label: 'Uniswap V2 router 02' },
  { address: '0x1F98431c8aD98523631AE4a59f267346ea31F984', label: 'Uniswap V3 factory' },
  { address: '0xE592427A0AEce92De3Edee1F18E0157C05861564', label: 'Uniswap V3 SwapRouter' },
  { address: '0x68b3465833fb72A70ecDF485E0e4C7bD8665Fc45', label: 'Uniswap SwapRouter02' },
  { address: '0x3fC91A3afd70395Cd496C647d5a6CC9D4B2b7FAD', label: 'Uniswap Universal Router' },
  { address: '0x000000000022D473030F116dDEE9F6B43aC78BA3', label: 'Uniswap Permit2' },
  { address: '0xd9e1cE17f2641f24aE83637ab66a2cca9C378B9F', label: 'SushiSwap router' },
  { address: '0x1111111254EEB25477B68fb85Ed929f73A960582', label: '1inch aggregation router v5' },
  { address: '0xDef1C0ded9bec7F1a1670819833240f027b25EfF', label: '0x exchange proxy' },
  { address: '0x28C6c06298d514Db089934071355E5743bf21d60', label: 'Binance 14 (hot wallet)' },
  { address: '0x21a31Ee1afC51d94C2eFcCAa2092aD1028285549', label: 'Binance 15 (hot wallet)' },
  { address: '0xA9D1e08C7793af67e9d92fe308d5697FB81d3E43', label: 'Coinbase 10 (hot wallet)' },
];

export const KNOWN_GOOD_BY_CHAIN: Readonly<Record<number, readonly KnownGoodEntry[]>> = { 1: ETHEREUM_MAINNET };

interface TokenList {
  name: string;
  version: { major: number; minor: number; patch: number };
  tokens: Array<{ chainId: number; address: string; symbol: string }>;
}

let tokenList: TokenList | null | undefined;

/**
 * The major tokens of every chain Uniswap lists, from the maintained `@uniswap/default-token-list` package
 * (updated by its maintainers, not by hand here): a token contract on that list is infrastructure, never
 * an attacker, and its symbol is an established one (a copy of it is a preparation signal). Read once;
 * null when the package cannot be read (then only the hand-kept list above applies).
 */
function loadTokenList(): TokenList | null {
  if (tokenList !== undefined) return tokenList;
  try {
    const require = createRequire(import.meta.url);
    tokenList = require('@uniswap/default-token-list') as TokenList;
  } catch {
    tokenList = null;
  }
  return tokenList;
}

/** Known-good entries of a chain with their labels: the hand-kept infrastructure, then the token list's tokens. */
export function knownGoodEntries(chainId: number): KnownGoodEntry[] {
  const out = [...(KNOWN_GOOD_BY_CHAIN[chainId] ?? [])];
  const list = loadTokenList();
  if (list) {
    const v = `${list.name} ${list.version.major}.${list.version.minor}.${list.version.patch}`;
    for (const t of list.tokens) if (t.chainId === chainId) out.push({ address: t.address, label: `${t.symbol} (${v})` });
  }
  return out;
}

/**
 * The bundled known-good addresses of a chain, lower case (empty for a chain we have no list for): the
 * hand-kept routers and exchanges, and the maintained token list's tokens. Users add theirs with
 * `argus watch --known-good`.
 */
export function knownGoodFor(chainId: number): string[] {
  return [...new Set(knownGoodEntries(chainId).map((e) => e.address.toLowerCase()))];
}
