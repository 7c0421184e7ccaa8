/**
 * `argus token`'s dynamic half on a real devnet with real scam scenarios: trades simulated on a Hardhat
 * fork of the devnet (buy, transfer, sell from fresh addresses through the deepest Uniswap V2 pool), and
 * market signals read from the devnet's JSON-RPC. Timings live in bench/token.ts, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { erc20Abi, maxUint256, parseEther, parseUnits, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import { startHardhatNode } from '../src/evm/hardhat-node.js';
import { SimContext, seededKey, simulate, type GroundTruth, type SimulationResult } from '../src/chain/scenarios/index.js';
import { Fork, TradeSimulator, devnetDex, simulateTrades, type DexConfig } from '../src/token/simulate/index.js';
import { marketSignals, ruggedFromAlerts } from '../src/token/market/index.js';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { revertReason, RpcAnswerError } from '../src/chain/rpc/errors.js';

const SEED = 'token-simulate';
const TRAPS = 'test/fixtures/token-sim/TradeTraps.sol';
const DEAD_URL = 'http://127.0.0.1:9'; // discard port: nothing listens

describe('token trade simulation and market signals on the devnet', () => {
  let devnet: Devnet;
  let run: SimulationResult;
  let simulator: TradeSimulator;
  let dex: DexConfig;
  const attack = (kind: string): GroundTruth => {
    const t = run.attacks.find((a) => a.kind === kind);
    if (!t) throw new Error(`no ${kind} attack`);
    return t;
  };
  const tokenOf = (kind: string) => attack(kind).addresses.token as Address;
  const blockOf = (kind: string, method: string) => {
    const tx = attack(kind).txs.find((x) => x.method === method);
    if (!tx) throw new Error(`no ${method} in ${kind}`);
    return tx.block;
  };

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0 });
    run = await simulate(devnet.describe(), { seed: SEED, mode: 'alone', scenarios: ['honeypot', 'honeypot-tax', 'hard-rug', 'soft-rug'] });
    simulator = await TradeSimulator.start({ upstreamUrl: devnet.rpcUrl });
    dex = devnetDex(devnet.describe());
  }, 90_000);

  afterAll(async () => {
    await simulator?.stop();
    await devnet?.stop();
  });

  it('forks the devnet at its head: the fork sees its contracts, and trades on the fork stay there', async () => {
    const head = Number(await rpc<string>(devnet.rpcUrl, 'eth_blockNumber'));
    expect(simulator.fork.state).toMatchObject({ upstreamUrl: devnet.rpcUrl, blockNumber: head, upstreamChainId: 31337 });
    const code = (url: string) => rpc<string>(url, 'eth_getCode', [dex.router, 'latest']);
    expect(await code(simulator.fork.rpcUrl)).toBe(await code(devnet.rpcUrl));
    const sim = await simulator.check(devnet.tokens.DAI!.address, { dex });
    expect(sim.buyGas).toBeGreaterThan(0);
    expect(Number(await rpc<string>(devnet.rpcUrl, 'eth_blockNumber'))).toBe(head);
  });

  it('the honeypot (GuardedLaunchToken): selling reverts with the token\'s own reason, is_honeypot true', async () => {
    const sim = await simulator.check(tokenOf('honeypot'), { dex });
    expect(sim.pool?.toLowerCase()).toBe((attack('honeypot').addresses.pool as string).toLowerCase());
    expect(sim.buyTax).toBe(0);
    expect(sim.is_honeypot).toBe(true);
    expect(sim.sellTax).toBeNull();
    expect(sim.cannot_sell_all).toBeNull();
    expect(sim.errors.join('\n')).toContain('GuardedLaunch: anti-bot cooldown');
    expect(sim.errors.join('\n')).toContain('TRANSFER_FROM_FAILED');
  });

  it('the sell-tax token (FeeOnSellToken): 3 % before the raise, 99 % after it, which makes it a honeypot', async () => {
    const token = tokenOf('honeypot-sell-tax');
    const before = await simulator.check(token, { dex, block: blockOf('honeypot-sell-tax', 'setFees') - 1 });
    expect(before.sellTax).toBeCloseTo(0.03, 2);
    expect(before.is_honeypot).toBe(false);
    expect(before.cannot_sell_all).toBe(false);
    const after = await simulator.check(token, { dex });
    expect(after.buyTax).toBe(0);
    expect(after.transferTax).toBe(0);
    expect(after.sellTax).toBeCloseTo(0.99, 2);
    expect(after.is_honeypot).toBe(true);
    expect(after.sellGas).toBeGreaterThan(0);
  });

  it('clean code (the hard-rug and soft-rug tokens) trades clean: no tax, not a honeypot, all of it sells', async () => {
    for (const kind of ['hard-rug-pull', 'soft-rug-pull']) {
      const sim = await simulator.check(tokenOf(kind), { dex });
      expect(sim, kind).toMatchObject({ buyTax: 0, sellTax: 0, transferTax: 0, is_honeypot: false, cannot_sell_all: false, errors: [] });
      expect(sim.buyGas).toBeGreaterThan(50_000);
      expect(sim.sellGas).toBeGreaterThan(50_000);
    }
  });

  it('a DevToken (DAI) is clean, traded through its deepest pool', async () => {
    const sim = await simulator.check(devnet.tokens.DAI!.address, { dex });
    // DAI/USDC (1M each, ~333 ETH) is deeper than WETH/DAI (100 ETH): the path goes through USDC.
    expect(sim.pool).toBe(devnet.pools.find((p) => p.name === 'DAI/USDC')!.address);
    expect(sim).toMatchObject({ buyTax: 0, sellTax: 0, transferTax: 0, is_honeypot: false, cannot_sell_all: false });
  });

  it('an address without a pool gets nulls, not a clean bill', async () => {
    const sim = await simulator.check(dex.factory, { dex });
    expect(sim).toMatchObject({ pool: null, buyTax: null, sellTax: null, is_honeypot: null, cannot_sell_all: null });
    expect(sim.errors[0]).toMatch(/no Uniswap V2 pool/);
  });

  it('a dead endpoint is an ARGUS_RPC error, never a verdict', async () => {
    await expect(Fork.start({ upstreamUrl: DEAD_URL })).rejects.toMatchObject({ code: 'ARGUS_RPC' });
    await expect(simulateTrades(DEAD_URL, tokenOf('honeypot'), { dex })).rejects.toMatchObject({ code: 'ARGUS_RPC' });
    await expect(marketSignals(DEAD_URL, tokenOf('honeypot'), { dex })).rejects.toMatchObject({ code: 'ARGUS_RPC' });
  });

  it('market signals of the soft-rug token, before and after the LP pull', async () => {
    const t = attack('soft-rug-pull');
    const token = t.addresses.token as Address;
    const pull = blockOf('soft-rug-pull', 'removeLiquidityETH');
    const before = await marketSignals(devnet.rpcUrl, token, { dex, block: pull - 1 });
    const after = await marketSignals(devnet.rpcUrl, token, { dex, block: pull });
    for (const m of [before, after]) {
      expect(m.signals.pool).toBe(t.addresses.pool);
      expect(m.signals.creator).toBe(t.addresses.attacker);
      expect(m.signals.creatorOtherTokens).toBe(0);
      expect(m.signals.creatorEarlierRugs).toBeNull(); // no rug list given: unknown, not zero
      expect(m.signals.lpBurnedShare).toBeLessThan(0.001); // only Uniswap's 1,000-wei minimum
      expect(m.signals.lpLockedShare).toBe(0);
      expect(m.signals.poolAgeBlocks).toBe(m.block - (m.poolCreationBlock as number));
    }
    expect(before.signals.liquidityEth).toBeCloseTo(Number(t.facts.poolWethBefore) / 1e18, 6);
    expect(after.signals.liquidityEth).toBeCloseTo(Number(t.facts.poolWethAfter) / 1e18, 6);
    expect(after.signals.liquidityEth!).toBeLessThan(before.signals.liquidityEth! * 0.15);
    // The deployer holds all the LP but the minimum before, and still all of what is left after.
    expect(before.signals.lpCreatorShare).toBeGreaterThan(0.999);
    expect(after.signals.lpCreatorShare).toBeGreaterThan(0.99);
    // 10 % of the supply stayed with the deployer; the pull brought back most of the pool's tokens.
    expect(before.signals.creatorShare).toBeCloseTo(0.1, 6);
    expect(after.signals.creatorShare!).toBeGreaterThan(0.5);
    expect(before.signals.top10HolderShare!).toBeGreaterThan(0.1);
    expect(after.signals.top10HolderShare!).toBeGreaterThan(before.signals.top10HolderShare!);
    expect(before.topHolders.map((h) => h.holder)).not.toContain(t.addresses.pool);
  });

  it('creator history: the soft-rug deployer\'s next token counts the earlier one and its rug', async () => {
    const t = attack('soft-rug-pull');
    const deployer = privateKeyToAccount(seededKey(SEED, `${t.attackId}:deployer`, 0));
    expect(deployer.address).toBe(t.addresses.attacker);
    const ctx = await SimContext.create(devnet.describe());
    const { address: next } = await ctx.deploy(deployer, 'MemeToken', ['Moon Shot 2', 'MOON2', parseUnits('1000000', 18)]);
    const rugged = ruggedFromAlerts([{ finding: { detector: 'monitor/liquidity-pull', evidence: { pool: t.addresses.pool } } }]);
    const m = await marketSignals(devnet.rpcUrl, next, { dex, rugged });
    expect(m.signals).toMatchObject({ creator: deployer.address, creatorOtherTokens: 1, creatorEarlierRugs: 1, creatorShare: 1, pool: null, liquidityEth: null });
    expect(m.creatorTokens).toEqual([t.addresses.token]);
    expect(m.notes.join('\n')).toMatch(/no Uniswap V2 pool/);
    // A retracted alert does not count.
    const retracted = ruggedFromAlerts([{ finding: { detector: 'monitor/liquidity-pull', evidence: { pool: t.addresses.pool } }, retractedAt: '2026-01-01T00:00:00Z' }]);
    expect((await marketSignals(devnet.rpcUrl, next, { dex, rugged: retracted })).signals.creatorEarlierRugs).toBe(0);
  });

  describe('trap fixtures (test/fixtures/token-sim)', () => {
    let dust: Address;
    let closed: Address;

    beforeAll(async () => {
      const ctx = new SimContext(devnet.describe(), await compileDevContracts({ sources: [TRAPS] }));
      const launch = async (name: string) => {
        const supply = parseUnits('1000000', 18);
        const { address } = await ctx.deploy(ctx.funder, name, [supply]);
        await ctx.call(ctx.funder, address, erc20Abi, 'approve', [ctx.router, maxUint256]);
        await ctx.call(ctx.funder, ctx.router, ctx.uniswap.router.abi, 'addLiquidityETH', [address, supply / 2n, 0n, 0n, ctx.funder.address, maxUint256], { value: parseEther('10') });
        await ctx.call(ctx.funder, address, ctx.artifact(name).abi, 'setPool', [await ctx.pairOf(address, ctx.weth)]);
        return address;
      };
      dust = await launch('KeepDustToken');
      closed = await launch('ClosedTradingToken');
    }, 60_000);

    it('selling the whole balance reverts but 99 % sells: cannot_sell_all true, not a honeypot', async () => {
      const sim = await simulator.check(dust, { dex });
      expect(sim).toMatchObject({ cannot_sell_all: true, is_honeypot: false, sellTax: 0, buyTax: 0 });
      expect(sim.errors.join('\n')).toContain('KeepDust: cannot sell the whole balance');
    });

    it('a buy that reverts (trading not open) leaves is_honeypot unknown (null), with the reason', async () => {
      const sim = await simulator.check(closed, { dex });
      expect(sim).toMatchObject({ is_honeypot: null, cannot_sell_all: null, buyTax: null, sellTax: null });
      expect(sim.errors.join('\n')).toContain('Closed: trading not open');
    });
  });

  it('answers with its upstream\'s chain id, and moves to an upstream of another chain with a new node', async () => {
    expect(Number(await rpc<string>(simulator.fork.rpcUrl, 'eth_chainId'))).toBe(31337);
    const other = await startHardhatNode({ port: 0, accounts: 1, chainId: 4242 });
    try {
      expect(await simulator.fork.reset({ upstreamUrl: other.rpcUrl })).toBe('restart');
      expect(Number(await rpc<string>(simulator.fork.rpcUrl, 'eth_chainId'))).toBe(4242);
      expect(simulator.fork.state).toMatchObject({ upstreamUrl: other.rpcUrl, upstreamChainId: 4242 });
    } finally {
      await simulator.fork.reset({ upstreamUrl: devnet.rpcUrl });
      await other.stop();
    }
    expect(Number(await rpc<string>(simulator.fork.rpcUrl, 'eth_chainId'))).toBe(31337);
    expect((await simulator.check(devnet.tokens.USDC!.address, { dex })).is_honeypot).toBe(false);
  });
});

describe('revertReason', () => {
  it('says the reason the way each node words it', () => {
    const answer = (m: string) => new RpcAnswerError('eth_sendTransaction', -32603, m, null);
    expect(revertReason(answer("Error: VM Exception while processing transaction: reverted with reason string 'GuardedLaunch: anti-bot cooldown'"))).toBe('GuardedLaunch: anti-bot cooldown');
    expect(revertReason(answer('execution reverted: TransferHelper: TRANSFER_FROM_FAILED'))).toBe('TransferHelper: TRANSFER_FROM_FAILED');
    expect(revertReason(answer("VM Exception while processing transaction: reverted with custom error 'Blocked()'"))).toBe("'Blocked()'");
    expect(revertReason(answer('Transaction ran out of gas'))).toBe('Transaction ran out of gas');
  });
});
