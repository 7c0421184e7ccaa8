/**
 * `argus devnet` end to end: a real Hardhat EDR node on a free port, the real Uniswap V2 contracts, real
 * swaps through the router with viem, and a clean stop (process gone, port closed). Then the built CLI
 * with --json, stopped by SIGTERM.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, createWalletClient, erc20Abi, http, parseEther, parseUnits, webSocket, type Address, type PublicClient } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { computePairAddress, isPortOpen, loadUniswapV2, startDevnet, type Devnet, type DevnetDescription } from '../src/chain/devnet/index.js';
import { CLI, ROOT, processAlive } from './cli-helpers.js';

const uniswap = loadUniswapV2();

describe('startDevnet', () => {
  let devnet: Devnet;
  let client: PublicClient;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0 });
    client = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl), pollingInterval: 50 }) as PublicClient;
  }, 30_000);

  afterAll(async () => {
    await devnet?.stop();
  });

  it('serves chain id 31337 over HTTP and WebSocket on 127.0.0.1', async () => {
    expect(devnet.rpcUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(devnet.wsUrl).toBe(devnet.rpcUrl.replace('http:', 'ws:'));
    expect(await client.getChainId()).toBe(31337);
    const ws = createPublicClient({ transport: webSocket(devnet.wsUrl) });
    try {
      expect(await ws.getChainId()).toBe(31337);
      expect(await ws.getBlockNumber()).toBeGreaterThan(10n);
    } finally {
      await ws.transport.getRpcClient().then((c) => c.close());
    }
  });

  it('has the factory, the router and every pool with liquidity', async () => {
    const { uniswapV2Factory: factory, uniswapV2Router02: router, weth9 } = devnet.contracts;
    expect(await client.readContract({ address: router, abi: uniswap.router.abi, functionName: 'factory' })).toBe(factory);
    expect(await client.readContract({ address: router, abi: uniswap.router.abi, functionName: 'WETH' })).toBe(weth9);
    expect(Object.keys(devnet.tokens).sort()).toEqual(['DAI', 'USDC', 'WBTC']);
    expect(devnet.pools.map((p) => p.name)).toEqual(['WETH/DAI', 'WETH/USDC', 'WBTC/WETH', 'DAI/USDC']);
    expect(await client.readContract({ address: factory, abi: uniswap.factory.abi, functionName: 'allPairsLength' })).toBe(BigInt(devnet.pools.length));
    for (const pool of devnet.pools) {
      const onChain = await client.readContract({ address: factory, abi: uniswap.factory.abi, functionName: 'getPair', args: [pool.token1, pool.token0] });
      expect(onChain).toBe(pool.address);
      // What the router computes in pairFor (CREATE2 with its init code hash) is the factory's pair.
      expect(computePairAddress(factory, pool.token0, pool.token1, devnet.pairInitCodeHash)).toBe(pool.address);
      const [r0, r1] = (await client.readContract({ address: pool.address, abi: uniswap.pair.abi, functionName: 'getReserves' })) as readonly [bigint, bigint, number];
      expect(r0 > 0n && r1 > 0n).toBe(true);
    }
    const usdc = devnet.tokens.USDC as { address: Address; decimals: number };
    expect(await client.readContract({ address: usdc.address, abi: erc20Abi, functionName: 'decimals' })).toBe(6);
  });

  it('swaps through the router and moves balances and reserves', async () => {
    const trader = privateKeyToAccount((devnet.accounts[1] as { privateKey: `0x${string}` }).privateKey);
    const wallet = createWalletClient({ account: trader, chain: devnet.chain, transport: http(devnet.rpcUrl) });
    const router = devnet.contracts.uniswapV2Router02;
    const dai = (devnet.tokens.DAI as { address: Address }).address;
    const usdc = (devnet.tokens.USDC as { address: Address }).address;
    const balance = (token: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [trader.address] });
    const deadline = BigInt(Math.floor(Date.now() / 1000) + 600);

    // ETH -> DAI
    const daiBefore = await balance(dai);
    expect(daiBefore).toBe(parseUnits('10000', 18)); // funded at start-up
    const [, daiExpected] = (await client.readContract({ address: router, abi: uniswap.router.abi, functionName: 'getAmountsOut', args: [parseEther('1'), [devnet.contracts.weth9, dai]] })) as bigint[];
    const ethSwap = await wallet.writeContract({ address: router, abi: uniswap.router.abi, functionName: 'swapExactETHForTokens', args: [0n, [devnet.contracts.weth9, dai], trader.address, deadline], value: parseEther('1') });
    expect((await client.waitForTransactionReceipt({ hash: ethSwap })).status).toBe('success');
    const daiAfter = await balance(dai);
    expect(daiAfter - daiBefore).toBe(daiExpected);
    expect(daiExpected! > parseUnits('2900', 18) && daiExpected! < parseUnits('3000', 18)).toBe(true); // ~3,000 DAI an ETH, less fee and slippage

    // DAI -> USDC, token to token, after an approval
    const pool = devnet.pools.find((p) => p.name === 'DAI/USDC')!;
    const reservesBefore = (await client.readContract({ address: pool.address, abi: uniswap.pair.abi, functionName: 'getReserves' })) as readonly [bigint, bigint, number];
    const approve = await wallet.writeContract({ address: dai, abi: erc20Abi, functionName: 'approve', args: [router, parseUnits('1000', 18)] });
    await client.waitForTransactionReceipt({ hash: approve });
    const usdcBefore = await balance(usdc);
    const tokenSwap = await wallet.writeContract({ address: router, abi: uniswap.router.abi, functionName: 'swapExactTokensForTokens', args: [parseUnits('1000', 18), 0n, [dai, usdc], trader.address, deadline] });
    expect((await client.waitForTransactionReceipt({ hash: tokenSwap })).status).toBe('success');
    expect(await balance(dai)).toBe(daiAfter - parseUnits('1000', 18));
    const gained = (await balance(usdc)) - usdcBefore;
    expect(gained > parseUnits('990', 6) && gained < parseUnits('1000', 6)).toBe(true);
    const reservesAfter = (await client.readContract({ address: pool.address, abi: uniswap.pair.abi, functionName: 'getReserves' })) as readonly [bigint, bigint, number];
    const daiIsToken0 = pool.token0 === dai;
    expect(reservesAfter[daiIsToken0 ? 0 : 1] - reservesBefore[daiIsToken0 ? 0 : 1]).toBe(parseUnits('1000', 18));
    expect(reservesBefore[daiIsToken0 ? 1 : 0] - reservesAfter[daiIsToken0 ? 1 : 0]).toBe(gained);
  });

  it('stops: the node process is gone and the port is closed', async () => {
    const port = Number(new URL(devnet.rpcUrl).port);
    expect(await isPortOpen(port)).toBe(true);
    await devnet.stop();
    await devnet.stop(); // twice is harmless
    expect(processAlive(devnet.pid)).toBe(false);
    expect(await isPortOpen(port)).toBe(false);
  });
});

describe('argus devnet (built CLI)', () => {
  it('prints one JSON line, serves it, and exits 0 on SIGTERM without leaving the node', async () => {
    const child = spawn(process.execPath, [CLI, 'devnet', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const line = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const nl = out.indexOf('\n');
        if (nl >= 0) resolve(out.slice(0, nl));
      });
      void exited.then((code) => reject(new Error(`argus devnet exited early (${code}): ${stderr}`)));
    });
    const d = JSON.parse(line) as DevnetDescription;
    expect(d.chainId).toBe(31337);
    expect(d.accounts).toHaveLength(10);
    const client = createPublicClient({ transport: http(d.rpcUrl) });
    expect(await client.getChainId()).toBe(31337);
    expect(await client.getCode({ address: d.contracts.uniswapV2Router02 })).toMatch(/^0x[0-9a-f]{100}/);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(processAlive(d.pid)).toBe(false);
    expect(await isPortOpen(Number(new URL(d.rpcUrl).port))).toBe(false);
  }, 30_000);
});
