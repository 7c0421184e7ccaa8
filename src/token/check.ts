/**
 * `checkToken`: the whole of `argus token` as a library call. Offline it reads runtime bytecode and/or
 * Solidity source; given a chain (`rpcUrl` + `address`) it reads the deployed code (and the implementation
 * behind an EIP-1967 proxy), who owns it, simulates trades on a fork, reads the market signals, computes
 * the pre-rug model's features from the pool's history, and joins everything into one `TokenReport`.
 *
 * Each part that fails on the node's side (a revert, too much history) leaves its signal null and says why
 * in `notes`; a dead endpoint is an ARGUS_RPC error for the whole check, never a clean bill.
 */
import { erc20Abi, getAddress, parseAbi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { bytecodeFlags } from './flags/bytecode.js';
import { analyzeCode } from './flags/code.js';
import { tinyProxy } from '../evm/code-kind.js';
import { sourceFlags, sourceFlagsFromFile, type SourceOptions } from './flags/source.js';
import { limitSellFromSimulation } from './flags/rules/limit-sell.js';
import { ownerRenouncedFromChain } from './flags/rules/owner-renounced.js';
import { proxyFromImplementationSlot } from './flags/rules/proxy.js';
import { EIP1967_IMPLEMENTATION_SLOT } from './flags/selectors.js';
import { marketSignals, soft, type SignalOptions } from './market/index.js';
import { buildReport, mergeFlags } from './report.js';
import { computeRugFeatures, loadRugModel, type RugScorer } from './score/index.js';
import { pairChainData } from './score/chain-data.js';
import { readContract, rpc } from '../chain/rpc/json-rpc.js';
import { RpcAnswerError } from '../chain/rpc/errors.js';
import { MAINNET_UNISWAP_V2, TradeSimulator, upstreamHead, type DexConfig } from './simulate/index.js';
import { unknownFlags, type RugScore, type TokenFlags, type TokenReport, type TradeSimulation } from './types.js';

export interface TokenCheckOptions {
  /** The token on the chain at `rpcUrl`. */
  address?: string;
  rpcUrl?: string;
  /** Bytecode (hex), offline: runtime code, or creation code (its constructor is run in an in-process EVM). */
  bytecode?: string;
  /** Verified source: a file (with its imports) or text. */
  sourceFile?: string;
  sourceText?: string;
  source?: SourceOptions;
  /** The DEX to trade on; default: Uniswap V2 on mainnet (chain 1), required elsewhere. */
  dex?: DexConfig;
  /** As of this block; default: the head. */
  block?: number;
  /** A warm simulator to reuse (the caller stops it); default: one started and stopped for this check. */
  simulator?: TradeSimulator;
  /** Skip the trade simulation. */
  noSimulation?: boolean;
  lockers?: Address[];
  /** Tokens and pools the monitor saw rugged (lower case), for the creator's history. */
  rugged?: Set<string>;
  rugModel?: RugScorer;
}

const ownerAbi = parseAbi(['function owner() view returns (address)', 'function getOwner() view returns (address)']);

let defaultRugModel: RugScorer | undefined;

function checkAddress(value: string): Address {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) throw new ArgusError(ERROR_CODES.USAGE, `'${value}' is not an address (0x and 40 hex digits)`);
  return getAddress(value.toLowerCase());
}

export function checkBytecode(hex: string): string {
  const clean = hex.trim().replace(/^0x/i, '');
  if (clean.length === 0) throw new ArgusError(ERROR_CODES.USAGE, 'the bytecode is empty');
  if (!/^[0-9a-fA-F]+$/.test(clean) || clean.length % 2 !== 0) throw new ArgusError(ERROR_CODES.USAGE, 'the bytecode is not an even number of hex digits');
  return '0x' + clean;
}

/** Flags that follow from the simulation: a sell that fails for ordinary holders limits selling (rules/limit-sell.ts). */
function simulationFlags(sim: TradeSimulation): TokenFlags {
  const flags = unknownFlags();
  const limit = limitSellFromSimulation(sim);
  if (limit) flags.limit_sell = limit;
  return flags;
}

/** Owner state on the chain: renounced (owner is the zero address), or held, or no owner() at all. */
async function ownership(url: string, token: Address, block: number, notes: string[]): Promise<TokenFlags> {
  const flags = unknownFlags();
  for (const fn of ['owner', 'getOwner'] as const) {
    try {
      const owner = await readContract<Address>(url, token, ownerAbi, fn, [], { block });
      flags.owner_renounced = ownerRenouncedFromChain(fn, owner);
      return flags;
    } catch (error) {
      if (!(error instanceof RpcAnswerError)) throw error;
    }
  }
  notes.push('owner: the token has no owner() or getOwner()');
  return flags;
}

/** The code behind an EIP-1967 proxy (implementation slot), analysed too: a proxy's own code says little. */
async function implementationFlags(url: string, token: Address, block: number): Promise<TokenFlags | null> {
  const slot = await rpc<Hex>(url, 'eth_getStorageAt', [token, `0x${EIP1967_IMPLEMENTATION_SLOT.toString(16)}`, `0x${block.toString(16)}`]);
  const implementation = BigInt(slot);
  if (implementation === 0n) return null;
  const address = getAddress(`0x${implementation.toString(16).padStart(40, '0')}`);
  const code = await rpc<Hex>(url, 'eth_getCode', [address, `0x${block.toString(16)}`]);
  const flags = code === '0x' ? unknownFlags() : bytecodeFlags(code);
  flags.is_proxy = proxyFromImplementationSlot(address, flags.is_proxy);
  return flags;
}

/** The implementation behind a tiny proxy (fixed in its code, or read from the storage slot it uses), analysed. */
async function tinyProxyImplementation(url: string, token: Address, block: number, tiny: NonNullable<ReturnType<typeof tinyProxy>>): Promise<{ address: Address; flags: TokenFlags } | null> {
  const at = `0x${block.toString(16)}`;
  const raw = tiny.address ?? (await rpc<Hex>(url, 'eth_getStorageAt', [token, `0x${tiny.slot!}`, at]));
  const address = getAddress(`0x${BigInt(raw).toString(16).padStart(40, '0').slice(-40)}`);
  const code = await rpc<Hex>(url, 'eth_getCode', [address, at]);
  if (code === '0x') return null;
  const flags = bytecodeFlags(code);
  flags.is_proxy = { value: true, evidence: [{ from: 'chain', detail: `${tiny.eip1167 ? 'EIP-1167 minimal proxy' : 'tiny proxy'}: every call runs the code at ${address}${tiny.address ? ' (fixed: it cannot be upgraded)' : ` (read from storage slot 0x${tiny.slot}: it can be changed)`}` }] };
  return { address, flags };
}

async function rugScoreOnChain(url: string, token: Address, dex: DexConfig, market: Awaited<ReturnType<typeof marketSignals>>, model: RugScorer, notes: string[], lockers?: Address[]): Promise<RugScore | null> {
  const { signals } = market;
  if (!signals.pool || !signals.creator || market.poolCreationBlock === null) {
    notes.push('pre-rug score: needs the pool, its creation block and the token creator');
    return null;
  }
  const data = await soft(notes, 'pre-rug score', () =>
    pairChainData(url, {
      pair: signals.pool as Address,
      token,
      weth: dex.weth,
      fromBlock: market.poolCreationBlock as number,
      block: market.block,
      creator: signals.creator as Address,
      creatorTokenCount: (signals.creatorOtherTokens ?? 0) + 1,
      ...(lockers ? { lockers } : {}),
    }),
  );
  return data ? model.score(computeRugFeatures(data).features) : null;
}

export async function checkToken(options: TokenCheckOptions): Promise<TokenReport> {
  const started = performance.now();
  const notes: string[] = [];
  const parts: TokenFlags[] = [];
  if (options.bytecode !== undefined) {
    const code = await analyzeCode(checkBytecode(options.bytecode));
    parts.push(code.flags);
    notes.push(...code.notes);
  }
  if (options.sourceFile !== undefined) parts.push(await sourceFlagsFromFile(options.sourceFile, options.source));
  else if (options.sourceText !== undefined) parts.push(await sourceFlags(options.sourceText, 'input.sol', options.source));

  if (!options.rpcUrl || !options.address) {
    if (options.address || options.rpcUrl) throw new ArgusError(ERROR_CODES.USAGE, 'a token on a chain needs both its address and an RPC URL');
    if (parts.length === 0) throw new ArgusError(ERROR_CODES.USAGE, 'nothing to check: give a token address with an RPC URL, bytecode or source');
    notes.push('offline: no simulation, market signals or pre-rug score without a chain');
    return buildReport({ flags: mergeFlags(...parts), notes, elapsedMs: performance.now() - started });
  }

  const url = options.rpcUrl;
  const token = checkAddress(options.address);
  const head = await upstreamHead(url);
  const block = options.block ?? head.blockNumber;
  const dex = options.dex ?? (head.chainId === 1 ? MAINNET_UNISWAP_V2 : undefined);
  if (!dex) throw new ArgusError(ERROR_CODES.USAGE, `no DEX is known for chain ${head.chainId}: give its Uniswap V2 router, factory and WETH (or a devnet description)`);
  const code = await rpc<Hex>(url, 'eth_getCode', [token, `0x${block.toString(16)}`]);
  if (code === '0x') throw new ArgusError(ERROR_CODES.USAGE, `there is no contract at ${token} on chain ${head.chainId} (block ${block})`);
  const tiny = tinyProxy(code);
  if (tiny) {
    // A clone or tiny forwarder: its own code says only that; the token is the implementation's code.
    const own = await analyzeCode(code);
    parts.push(own.flags);
    const impl = await tinyProxyImplementation(url, token, block, tiny);
    notes.push(impl ? `the token is ${tiny.eip1167 ? 'an EIP-1167 minimal proxy' : 'a tiny proxy'} of ${impl.address}: that code was analysed` : `the token is a tiny proxy whose implementation has no code at block ${block}`);
    if (impl) parts.push(impl.flags);
  } else {
    parts.push(bytecodeFlags(code));
    const impl = await implementationFlags(url, token, block);
    if (impl) parts.push(impl);
  }
  parts.push(await ownership(url, token, block, notes));
  const [name, symbol] = await Promise.all([soft(notes, 'name', () => readContract<string>(url, token, erc20Abi, 'name', [], { block })), soft(notes, 'symbol', () => readContract<string>(url, token, erc20Abi, 'symbol', [], { block }))]);

  const signalOptions: SignalOptions = { dex, block, ...(options.lockers ? { lockers: options.lockers } : {}), ...(options.rugged ? { rugged: options.rugged } : {}) };
  const simulate = async (): Promise<TradeSimulation | null> => {
    if (options.noSimulation) return null;
    const simulator = options.simulator ?? (await TradeSimulator.start({ upstreamUrl: url, blockNumber: block }));
    try {
      return await simulator.check(token, { dex, block });
    } finally {
      if (!options.simulator) await simulator.stop();
    }
  };
  const [simulation, market] = await Promise.all([simulate(), marketSignals(url, token, signalOptions)]);
  notes.push(...market.notes);
  if (simulation) parts.push(simulationFlags(simulation));
  const model = options.rugModel ?? (defaultRugModel ??= loadRugModel());
  const rugScore = await rugScoreOnChain(url, token, dex, market, model, notes, options.lockers);
  return buildReport({
    chainId: head.chainId,
    address: token,
    name,
    symbol,
    flags: mergeFlags(...parts),
    simulation,
    market: market.signals,
    rugScore,
    notes,
    elapsedMs: performance.now() - started,
  });
}
