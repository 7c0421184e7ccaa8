/**
 * The real Uniswap V2 contracts, loaded from the build JSONs that @uniswap/v2-core and
 * @uniswap/v2-periphery publish on npm (their `bytecode` has no `0x` prefix).
 *
 * UniswapV2Router02 finds a pair without a call: `pairFor` computes the CREATE2 address from the factory,
 * the sorted token pair and a hard-coded init code hash, keccak256 of the pair's creation code. The npm
 * build of the router carries the mainnet hash. If the pair bytecode the factory deploys hashes to
 * something else, the router would send tokens to an empty address, so `loadUniswapV2` patches the hash
 * inside the router's bytecode with the real one (with today's packages the two are equal and nothing is
 * patched; `routerPatched` says which happened).
 */
import { createRequire } from 'node:module';
import { keccak256, type Abi, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';

const require = createRequire(import.meta.url);

/** keccak256 of UniswapV2Pair's creation code on mainnet, as baked into the published router builds. */
export const MAINNET_PAIR_INIT_CODE_HASH: Hex = '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f';

export interface Artifact {
  contractName: string;
  abi: Abi;
  bytecode: Hex;
}

export interface UniswapV2Artifacts {
  factory: Artifact;
  pair: Artifact;
  router: Artifact;
  weth: Artifact;
  /** keccak256 of the pair creation code the factory deploys, i.e. what `pairFor` must use. */
  pairInitCodeHash: Hex;
  /** True when the router's bytecode had to be patched to carry `pairInitCodeHash`. */
  routerPatched: boolean;
}

interface BuildJson {
  abi: Abi;
  bytecode: string;
}

function loadBuild(packagePath: string, contractName: string): Artifact {
  const json = require(packagePath) as BuildJson;
  if (!Array.isArray(json.abi) || typeof json.bytecode !== 'string' || json.bytecode.length === 0) {
    throw new ArgusError(ERROR_CODES.DEVNET, `${packagePath} is not a contract build (no abi or bytecode)`);
  }
  const bytecode = (json.bytecode.startsWith('0x') ? json.bytecode : `0x${json.bytecode}`) as Hex;
  return { contractName, abi: json.abi, bytecode };
}

/**
 * Replaces the init code hash constant inside a router's creation code. Throws when the expected hash is
 * not there exactly once (a different router build), since patching blindly could corrupt the code.
 */
export function patchInitCodeHash(routerBytecode: Hex, from: Hex, to: Hex): Hex {
  const needle = from.slice(2).toLowerCase();
  const code = routerBytecode.toLowerCase();
  const first = code.indexOf(needle);
  if (first < 0 || code.indexOf(needle, first + 1) >= 0) {
    throw new ArgusError(ERROR_CODES.DEVNET, `the router bytecode does not contain the init code hash ${from} exactly once`);
  }
  return (code.slice(0, first) + to.slice(2).toLowerCase() + code.slice(first + needle.length)) as Hex;
}

let cached: UniswapV2Artifacts | undefined;

export function loadUniswapV2(): UniswapV2Artifacts {
  if (cached) return cached;
  const factory = loadBuild('@uniswap/v2-core/build/UniswapV2Factory.json', 'UniswapV2Factory');
  const pair = loadBuild('@uniswap/v2-core/build/UniswapV2Pair.json', 'UniswapV2Pair');
  const router = loadBuild('@uniswap/v2-periphery/build/UniswapV2Router02.json', 'UniswapV2Router02');
  const weth = loadBuild('@uniswap/v2-periphery/build/WETH9.json', 'WETH9');
  if (!factory.bytecode.includes(pair.bytecode.slice(2))) {
    throw new ArgusError(ERROR_CODES.DEVNET, 'the UniswapV2Factory build does not embed the UniswapV2Pair build it ships with');
  }
  const pairInitCodeHash = keccak256(pair.bytecode);
  const routerPatched = pairInitCodeHash !== MAINNET_PAIR_INIT_CODE_HASH;
  if (routerPatched) router.bytecode = patchInitCodeHash(router.bytecode, MAINNET_PAIR_INIT_CODE_HASH, pairInitCodeHash);
  cached = { factory, pair, router, weth, pairInitCodeHash, routerPatched };
  return cached;
}
