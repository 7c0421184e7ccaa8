/**
 * `startDevnet`: a local EVM chain with real DeFi on it, for the scenarios, the monitor, the demo and the
 * tests. It starts Hardhat's EDR node on 127.0.0.1 (chain id 31337, HTTP and WebSocket JSON-RPC on one
 * port), deploys WETH9, the Uniswap V2 factory and router, three ERC-20 tokens and four pools, and hands
 * back every address and the funded accounts. `stop()` ends the node and waits until it is gone.
 */
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import { toHex, type Address, type Chain, type Hex } from 'viem';
import { ArgusError, ERROR_CODES, toArgusError } from '../../core/errors.js';
import { loadUniswapV2 } from './artifacts.js';
import { compileDevContracts } from './compile.js';
import { deployDevnetContracts, devnetChain, type DeployedContracts, type PoolSpec, type TokenSpec } from './deploy.js';
import { DEVNET_CHAIN_ID, DEVNET_MNEMONIC, startHardhatNode } from '../../evm/hardhat-node.js';
import { rpc } from '../rpc/json-rpc.js';

export interface DevnetOptions {
  /** Port on 127.0.0.1 (HTTP and WebSocket); 0, the default, picks a free one. */
  port?: number;
  /** Funded accounts, 10,000 ETH each; account 0 deploys. Default 10. */
  accounts?: number;
  /** Mine a block every `blockTimeMs` instead of one per transaction (set after deployment). */
  blockTimeMs?: number;
  tokens?: TokenSpec[];
  pools?: PoolSpec[];
  /** Each line the node logs (one per JSON-RPC request); dropped by default. */
  onNodeLog?: (line: string) => void;
  /** Progress messages while starting. */
  onProgress?: (message: string) => void;
  /** How long the node may take to start (default 30 s; a loaded shared machine needs more). */
  startTimeoutMs?: number;
}

export interface DevnetAccount {
  address: Address;
  /** Hardhat's public development keys: never use them anywhere else. */
  privateKey: Hex;
}

/** What `argus devnet --json` prints and `--out` writes. */
export interface DevnetDescription {
  chainId: number;
  rpcUrl: string;
  wsUrl: string;
  /** Automine (one block per transaction) unless a block time was asked for. */
  blockTimeMs: number | null;
  contracts: { weth9: Address; uniswapV2Factory: Address; uniswapV2Router02: Address };
  /** keccak256 of the UniswapV2Pair creation code, the hash the router uses in pairFor. */
  pairInitCodeHash: Hex;
  /** True when the published router's init code hash had to be patched to match the pair bytecode. */
  routerPatched: boolean;
  tokens: DeployedContracts['tokens'];
  pools: DeployedContracts['pools'];
  deployer: Address;
  accounts: DevnetAccount[];
  mnemonic: string;
  /** Process id of the node. */
  pid: number;
  startupMs: number;
}

export interface Devnet extends DevnetDescription {
  /** A viem chain for this devnet (id 31337, its RPC URLs). */
  chain: Chain;
  /** Resolves when the node process has exited (after `stop()`, or if it died). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The JSON-safe description. */
  describe(): DevnetDescription;
  /** Stops the node; resolves once its process has exited and its port is closed. */
  stop(): Promise<void>;
}

export function devnetAccounts(count: number): DevnetAccount[] {
  const out: DevnetAccount[] = [];
  for (let i = 0; i < count; i++) {
    const key = mnemonicToAccount(DEVNET_MNEMONIC, { addressIndex: i }).getHdKey().privateKey;
    if (!key) throw new ArgusError(ERROR_CODES.INTERNAL, 'could not derive a devnet key');
    const privateKey = toHex(key);
    out.push({ address: privateKeyToAccount(privateKey).address, privateKey });
  }
  return out;
}

export async function startDevnet(options: DevnetOptions = {}): Promise<Devnet> {
  const started = performance.now();
  const count = options.accounts ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > 1000) throw new ArgusError(ERROR_CODES.USAGE, 'accounts must be a whole number from 1 to 1000');
  const blockTimeMs = options.blockTimeMs ?? null;
  if (blockTimeMs !== null && !(Number.isInteger(blockTimeMs) && blockTimeMs > 0)) throw new ArgusError(ERROR_CODES.USAGE, 'the block time must be a positive whole number of milliseconds');
  const progress = options.onProgress ?? (() => undefined);

  // Compile while the node boots; both take about a second.
  progress('starting the Hardhat node and compiling the tokens');
  const compiling = compileDevContracts();
  compiling.catch(() => undefined);
  const node = await startHardhatNode({ port: options.port ?? 0, accounts: count, onLog: options.onNodeLog, ...(options.startTimeoutMs ? { startTimeoutMs: options.startTimeoutMs } : {}) });
  try {
    const devToken = (await compiling).DevToken;
    if (!devToken) throw new ArgusError(ERROR_CODES.DEVNET, 'DevToken is missing from the compiled contracts');
    const uniswap = loadUniswapV2();
    const accounts = devnetAccounts(count);
    const deployer = privateKeyToAccount((accounts[0] as DevnetAccount).privateKey);
    const chain = devnetChain(node.rpcUrl, node.wsUrl, DEVNET_CHAIN_ID);
    progress(`node up at ${node.rpcUrl}; deploying Uniswap V2, tokens and pools`);
    const contracts = await deployDevnetContracts({
      rpcUrl: node.rpcUrl,
      chain,
      deployer,
      others: accounts.slice(1).map((a) => a.address),
      uniswap,
      devToken,
      tokens: options.tokens,
      pools: options.pools,
    });
    if (blockTimeMs !== null) {
      for (const [method, params] of [['evm_setAutomine', [false]], ['evm_setIntervalMining', [blockTimeMs]]] as const) {
        try {
          await rpc(node.rpcUrl, method, [...params]);
        } catch (error) {
          throw new ArgusError(ERROR_CODES.DEVNET, `${method} failed: ${(error as Error).message}`, {}, { cause: error });
        }
      }
    }
    const description: DevnetDescription = {
      chainId: DEVNET_CHAIN_ID,
      rpcUrl: node.rpcUrl,
      wsUrl: node.wsUrl,
      blockTimeMs,
      contracts: { weth9: contracts.weth9, uniswapV2Factory: contracts.uniswapV2Factory, uniswapV2Router02: contracts.uniswapV2Router02 },
      pairInitCodeHash: uniswap.pairInitCodeHash,
      routerPatched: uniswap.routerPatched,
      tokens: contracts.tokens,
      pools: contracts.pools,
      deployer: deployer.address,
      accounts,
      mnemonic: DEVNET_MNEMONIC,
      pid: node.pid,
      startupMs: Math.round(performance.now() - started),
    };
    return { ...description, chain, exited: node.exited, describe: () => description, stop: () => node.stop() };
  } catch (error) {
    const gone = await Promise.race([node.exited, new Promise<undefined>((r) => setTimeout(r, 0))]);
    await node.stop(1_000);
    if (gone) throw new ArgusError(ERROR_CODES.DEVNET, `the Hardhat node exited during setup (${gone.signal ?? `code ${gone.code}`})`, {}, { cause: error });
    throw error instanceof ArgusError ? error : new ArgusError(ERROR_CODES.DEVNET, `devnet setup failed: ${toArgusError(error).message}`, {}, { cause: error });
  }
}
