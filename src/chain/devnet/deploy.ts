/**
 * Deploys the devnet's contracts with viem from one funded account: WETH9, the real UniswapV2Factory and
 * UniswapV2Router02, the DevToken ERC-20s, then pools with liquidity added through the router. Every
 * transaction is sent one after the other with a locally tracked nonce (Hardhat's automine rejects
 * out-of-order nonces sent in parallel), a gas estimate padded by 25 %, and a status check.
 */
import {
  defineChain,
  encodeDeployData,
  encodeFunctionData,
  encodePacked,
  getAddress,
  getContractAddress,
  keccak256,
  maxUint256,
  parseUnits,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type PrivateKeyAccount,
  type PublicClient,
  type TransactionReceipt,
  TransactionReceiptNotFoundError,
} from 'viem';
import { ArgusError, ERROR_CODES } from '../../core/errors.js';
import type { Artifact, UniswapV2Artifacts } from './artifacts.js';
import { createRpcClient, createRpcWalletClient } from '../rpc/client.js';

export interface TokenSpec {
  symbol: string;
  name: string;
  decimals: number;
  /** Whole tokens minted to the deployer. */
  supply: string;
  /** Whole tokens minted to every other account. */
  perAccount: string;
}

/** One pool; `WETH` stands for the wrapped ether, funded with ETH through addLiquidityETH. */
export interface PoolSpec {
  a: string;
  b: string;
  /** Whole tokens (or ETH) of `a` and `b` deposited. */
  amountA: string;
  amountB: string;
}

export const DEFAULT_TOKENS: TokenSpec[] = [
  { symbol: 'DAI', name: 'Dev Dai Stablecoin', decimals: 18, supply: '100000000', perAccount: '10000' },
  { symbol: 'USDC', name: 'Dev USD Coin', decimals: 6, supply: '100000000', perAccount: '10000' },
  { symbol: 'WBTC', name: 'Dev Wrapped BTC', decimals: 8, supply: '10000', perAccount: '1' },
];

/** Prices roughly 1 ETH = 3,000 USD and 1 BTC = 30 ETH. */
export const DEFAULT_POOLS: PoolSpec[] = [
  { a: 'WETH', b: 'DAI', amountA: '100', amountB: '300000' },
  { a: 'WETH', b: 'USDC', amountA: '100', amountB: '300000' },
  { a: 'WBTC', b: 'WETH', amountA: '10', amountB: '300' },
  { a: 'DAI', b: 'USDC', amountA: '1000000', amountB: '1000000' },
];

export interface DeployedToken {
  symbol: string;
  name: string;
  decimals: number;
  address: Address;
}

export interface DeployedPool {
  /** `A/B` as in the spec, e.g. `WETH/DAI`. */
  name: string;
  address: Address;
  token0: Address;
  token1: Address;
  /** Reserves after the initial deposit, in base units (decimal strings, for JSON). */
  reserve0: string;
  reserve1: string;
}

export interface DeployedContracts {
  weth9: Address;
  uniswapV2Factory: Address;
  uniswapV2Router02: Address;
  tokens: Record<string, DeployedToken>;
  pools: DeployedPool[];
}

const WETH_DECIMALS = 18;

export function devnetChain(rpcUrl: string, wsUrl: string, chainId: number): Chain {
  return defineChain({
    id: chainId,
    name: 'Argus devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl], webSocket: [wsUrl] } },
    testnet: true,
  });
}

/** The pair address the router computes (`UniswapV2Library.pairFor`), from the factory and init code hash. */
export function computePairAddress(factory: Address, tokenA: Address, tokenB: Address, initCodeHash: Hex): Address {
  const [token0, token1] = BigInt(tokenA) < BigInt(tokenB) ? [tokenA, tokenB] : [tokenB, tokenA];
  const salt = keccak256(encodePacked(['address', 'address'], [token0, token1]));
  return getContractAddress({ opcode: 'CREATE2', from: factory, salt, bytecodeHash: initCodeHash });
}

interface Sender {
  deploy(artifact: Artifact, args?: readonly unknown[]): Promise<Address>;
  call(to: Address, abi: Abi, functionName: string, args: readonly unknown[], value?: bigint): Promise<TransactionReceipt>;
}

/**
 * The receipt, polled every 20 ms for up to 30 s. Automine has it ready at once. Not viem's
 * waitForTransactionReceipt: that one keeps polling a node that has died, where this gives up at the first
 * refused connection (the clients here do not retry).
 */
async function receiptOf(client: PublicClient, hash: Hex): Promise<TransactionReceipt> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      return await client.getTransactionReceipt({ hash });
    } catch (error) {
      if (!(error instanceof TransactionReceiptNotFoundError)) throw error;
    }
    if (Date.now() > deadline) throw new ArgusError(ERROR_CODES.DEVNET, `transaction ${hash} was not mined within 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function createSender(client: PublicClient, account: PrivateKeyAccount, chain: Chain, rpcUrl: string): Sender {
  const wallet = createRpcWalletClient(rpcUrl, account, { profile: 'devnet', chain });
  let nonce: number | undefined;
  const send = async (what: string, tx: { to?: Address; data: Hex; value?: bigint }): Promise<TransactionReceipt> => {
    nonce ??= await client.getTransactionCount({ address: account.address, blockTag: 'pending' });
    let gas: bigint;
    try {
      gas = ((await client.estimateGas({ account, ...tx })) * 125n) / 100n;
    } catch (error) {
      throw new ArgusError(ERROR_CODES.DEVNET, `${what} would fail: ${(error as Error).message.split('\n')[0]}`, {}, { cause: error });
    }
    const hash = await wallet.sendTransaction({ ...tx, to: tx.to ?? null, gas, nonce, maxFeePerGas: 100_000_000_000n, maxPriorityFeePerGas: 1_000_000_000n });
    nonce += 1;
    const receipt = await receiptOf(client, hash);
    if (receipt.status !== 'success') throw new ArgusError(ERROR_CODES.DEVNET, `${what} reverted (tx ${hash})`);
    return receipt;
  };
  return {
    async deploy(artifact, args = []) {
      const data = encodeDeployData({ abi: artifact.abi, bytecode: artifact.bytecode, args });
      const receipt = await send(`deploying ${artifact.contractName}`, { data });
      if (!receipt.contractAddress) throw new ArgusError(ERROR_CODES.DEVNET, `deploying ${artifact.contractName} created no contract`);
      return getAddress(receipt.contractAddress);
    },
    call(to, abi, functionName, args, value) {
      return send(`${functionName} on ${to}`, { to, data: encodeFunctionData({ abi, functionName, args }), value });
    },
  };
}

export interface DeployOptions {
  rpcUrl: string;
  chain: Chain;
  deployer: PrivateKeyAccount;
  /** Every other account gets each token's `perAccount` amount. */
  others: Address[];
  uniswap: UniswapV2Artifacts;
  devToken: Artifact;
  tokens?: TokenSpec[];
  pools?: PoolSpec[];
}

export async function deployDevnetContracts(options: DeployOptions): Promise<DeployedContracts> {
  const { rpcUrl, chain, deployer, others, uniswap, devToken } = options;
  const tokenSpecs = options.tokens ?? DEFAULT_TOKENS;
  const poolSpecs = options.pools ?? DEFAULT_POOLS;
  // No retries: the node is local, so a failed request means it is gone, and start-up should fail fast.
  const client = createRpcClient(rpcUrl, { profile: 'devnet', chain });
  const tx = createSender(client, deployer, chain, rpcUrl);

  const weth9 = await tx.deploy(uniswap.weth);
  const uniswapV2Factory = await tx.deploy(uniswap.factory, [deployer.address]);
  const uniswapV2Router02 = await tx.deploy(uniswap.router, [uniswapV2Factory, weth9]);

  const tokens: Record<string, DeployedToken> = {};
  for (const spec of tokenSpecs) {
    const supply = parseUnits(spec.supply, spec.decimals);
    const address = await tx.deploy(devToken, [spec.name, spec.symbol, spec.decimals, supply, deployer.address]);
    tokens[spec.symbol] = { symbol: spec.symbol, name: spec.name, decimals: spec.decimals, address };
    const perAccount = parseUnits(spec.perAccount, spec.decimals);
    if (perAccount > 0n) for (const to of others) await tx.call(address, devToken.abi, 'mint', [to, perAccount]);
    await tx.call(address, devToken.abi, 'approve', [uniswapV2Router02, maxUint256]);
  }

  const deadline = BigInt(Math.floor(Date.now() / 1000) + 86_400);
  const tokenOf = (symbol: string): DeployedToken => {
    if (symbol === 'WETH') return { symbol: 'WETH', name: 'Wrapped Ether', decimals: WETH_DECIMALS, address: weth9 };
    const t = tokens[symbol];
    if (!t) throw new ArgusError(ERROR_CODES.DEVNET, `pool token ${symbol} is not one of the devnet tokens`);
    return t;
  };
  const router = uniswap.router.abi;
  const pools: DeployedPool[] = [];
  for (const spec of poolSpecs) {
    const a = tokenOf(spec.a);
    const b = tokenOf(spec.b);
    const amountA = parseUnits(spec.amountA, a.decimals);
    const amountB = parseUnits(spec.amountB, b.decimals);
    if (a.address === weth9 || b.address === weth9) {
      const [token, amountToken, amountEth] = a.address === weth9 ? [b, amountB, amountA] : [a, amountA, amountB];
      await tx.call(uniswapV2Router02, router, 'addLiquidityETH', [token.address, amountToken, amountToken, amountEth, deployer.address, deadline], amountEth);
    } else {
      await tx.call(uniswapV2Router02, router, 'addLiquidity', [a.address, b.address, amountA, amountB, amountA, amountB, deployer.address, deadline]);
    }
    const pair = (await client.readContract({ address: uniswapV2Factory, abi: uniswap.factory.abi, functionName: 'getPair', args: [a.address, b.address] })) as Address;
    // The router reached this pair through pairFor (CREATE2 with its built-in init code hash); check that
    // the same computation gives the factory's address, or the router would be unusable.
    const computed = computePairAddress(uniswapV2Factory, a.address, b.address, uniswap.pairInitCodeHash);
    if (getAddress(pair) !== computed) {
      throw new ArgusError(ERROR_CODES.DEVNET, `pair ${spec.a}/${spec.b}: the factory created ${pair} but the init code hash gives ${computed}`);
    }
    const [token0, token1, reserves] = await Promise.all([
      client.readContract({ address: pair, abi: uniswap.pair.abi, functionName: 'token0' }) as Promise<Address>,
      client.readContract({ address: pair, abi: uniswap.pair.abi, functionName: 'token1' }) as Promise<Address>,
      client.readContract({ address: pair, abi: uniswap.pair.abi, functionName: 'getReserves' }) as Promise<readonly [bigint, bigint, number]>,
    ]);
    pools.push({ name: `${spec.a}/${spec.b}`, address: getAddress(pair), token0, token1, reserve0: reserves[0].toString(), reserve1: reserves[1].toString() });
  }
  return { weth9, uniswapV2Factory, uniswapV2Router02, tokens, pools };
}
