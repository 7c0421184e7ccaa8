/**
 * `argus simulate` on the real devnet: every attack scenario, mixed into seeded background traffic, really
 * succeeds on chain (balances show it), its ground truth lists real transactions with stages and a correct
 * block range, and the same seed on a fresh devnet replays exactly the same transactions.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicClient, erc20Abi, http, parseEther, type Address, type Hex, type PublicClient } from 'viem';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { SCENARIOS, STAGES, simulate, type GroundTruth, type SimulationResult, type TruthFile } from '../src/chain/scenarios/index.js';
import { runCli, tempDir } from './cli-helpers.js';

/** Tornado Cash's router, on the OFAC list: the caller's sanctions list in this test. */
const LISTED = '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b' as Address;
const SEED = 'test-7';

const options = { seed: SEED, mode: 'mixed' as const, wallets: 10, backgroundBefore: 8, backgroundBetween: [1, 3] as [number, number], backgroundAfter: 4, sanctioned: [LISTED] };

describe('argus simulate on the devnet', () => {
  let a: Devnet;
  let b: Devnet;
  let runA: SimulationResult;
  let runB: SimulationResult;
  let client: PublicClient;
  const attack = (kind: string): GroundTruth => {
    const t = runA.attacks.find((x) => x.kind === kind);
    if (!t) throw new Error(`no ${kind} attack`);
    return t;
  };
  const addr = (t: GroundTruth, role: string) => t.addresses[role] as Address;
  const addrs = (t: GroundTruth, role: string) => t.addresses[role] as Address[];
  const erc20 = (token: Address, owner: Address) => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

  beforeAll(async () => {
    [a, b] = await Promise.all([startDevnet({ port: 0 }), startDevnet({ port: 0 })]);
    client = createPublicClient({ chain: a.chain, transport: http(a.rpcUrl) }) as PublicClient;
    [runA, runB] = await Promise.all([simulate(a.describe(), options), simulate(b.describe(), options)]);
  }, 80_000);

  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('runs every scenario inside background traffic', () => {
    expect(runA.attacks.map((t) => t.kind)).toEqual(SCENARIOS.map((s) => s.kind));
    expect(runA.backgroundActions).toBeGreaterThan(40);
    const background = runA.actions.filter((x) => !x.attackId);
    const methods = new Set(background.map((x) => x.method));
    for (const m of ['swapExactETHForTokens', 'swapExactTokensForETH', 'addLiquidityETH', 'transfer', 'approve', 'transfer ETH', 'mint']) expect(methods).toContain(m);
    expect(new Set(background.map((x) => x.from)).size).toBeGreaterThanOrEqual(10);
  });

  it('the same seed on a fresh devnet gives the same transactions, in the same order', () => {
    const shape = (r: SimulationResult) => r.actions.map((x) => [x.from, x.to, x.method, x.amount, x.attackId ?? ''].join(' '));
    expect(runB.actions.length).toBe(runA.actions.length);
    expect(shape(runB)).toEqual(shape(runA));
    expect(runB.actions.map((x) => x.hash)).toEqual(runA.actions.map((x) => x.hash));
    expect(runB.truth.attacks).toEqual(runA.truth.attacks);
  });

  it('ground truth: real receipts with the recorded status and block, stages, block ranges', async () => {
    for (const t of runA.attacks) {
      expect(t.txs.length).toBeGreaterThan(0);
      expect(t.addresses.attacker).toMatch(/^0x[0-9a-fA-F]{40}$/);
      expect(t.txs.some((x) => x.stage === 'exploitation' || x.stage === 'laundering')).toBe(true);
      for (const tx of t.txs) {
        expect(STAGES).toContain(tx.stage);
        const receipt = await client.getTransactionReceipt({ hash: tx.hash });
        expect(receipt.status).toBe(tx.status);
        expect(Number(receipt.blockNumber)).toBe(tx.block);
        expect(receipt.from.toLowerCase()).toBe(tx.from.toLowerCase());
        expect(tx.block >= t.blockRange[0] && tx.block <= t.blockRange[1]).toBe(true);
      }
      expect(t.blockRange[0]).toBe(Math.min(...t.txs.map((x) => x.block)));
      expect(t.blockRange[1]).toBe(Math.max(...t.txs.map((x) => x.block)));
      // Only the honeypot's victim sell is meant to fail.
      const reverted = t.txs.filter((x) => x.status === 'reverted');
      expect(reverted.length).toBe(t.kind === 'honeypot' ? 1 : 0);
    }
  });

  it('soft rug pull: the deployer pulls most of the liquidity buyers paid into', async () => {
    const t = attack('soft-rug-pull');
    const pool = addr(t, 'pool');
    const before = BigInt(t.facts.poolWethBefore as string);
    expect(await erc20(a.contracts.weth9, pool)).toBe(BigInt(t.facts.poolWethAfter as string));
    expect(await erc20(a.contracts.weth9, pool) * 10n).toBeLessThan(before);
    for (const v of addrs(t, 'victims')) expect(await erc20(addr(t, 'token'), v)).toBeGreaterThan(0n); // still holding the token
    const remove = t.txs.find((x) => x.method === 'removeLiquidityETH');
    expect(remove?.stage).toBe('exploitation');
    expect(remove?.from).toBe(addr(t, 'attacker'));
  });

  it('hard rug pull: rebase() mints to the owner, who dumps it and empties the pool', async () => {
    const t = attack('hard-rug-pull');
    const supply = await client.readContract({ address: addr(t, 'token'), abi: erc20Abi, functionName: 'totalSupply' });
    expect(supply).toBe(parseEther('1000000') + BigInt(t.facts.minted as string));
    expect(t.txs.filter((x) => x.stage === 'exploitation').map((x) => x.method)).toEqual(['rebase', 'swapExactTokensForETH']);
    expect((await erc20(a.contracts.weth9, addr(t, 'pool'))) * 20n).toBeLessThan(BigInt(t.facts.poolWethBefore as string));
  });

  it('honeypot: the buyer cannot sell, the owner can', async () => {
    const t = attack('honeypot');
    const victimSell = await client.getTransactionReceipt({ hash: t.facts.victimSellTx as Hex });
    expect(victimSell.status).toBe('reverted');
    expect(victimSell.from.toLowerCase()).toBe(addrs(t, 'victims')[0]?.toLowerCase());
    const ownerSell = await client.getTransactionReceipt({ hash: t.facts.ownerSellTx as Hex });
    expect(ownerSell.status).toBe('success');
    expect(ownerSell.from.toLowerCase()).toBe(addr(t, 'attacker').toLowerCase());
    expect(await erc20(addr(t, 'token'), addrs(t, 'victims')[0] as Address)).toBeGreaterThan(0n); // still stuck with it
    expect(BigInt(t.facts.poolWethAfter as string) * 2n).toBeLessThan(BigInt(t.facts.poolWethBefore as string));
  });

  it('sell-tax honeypot: after setFees(9900) the seller gets about 1 % of the quote', async () => {
    const t = attack('honeypot-sell-tax');
    const fee = await client.readContract({ address: addr(t, 'token'), abi: [{ type: 'function', name: 'sellFeeBps', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint256' }] }], functionName: 'sellFeeBps' });
    expect(fee).toBe(9_900n);
    const received = BigInt(t.facts.victimReceivedWei as string);
    const quoted = BigInt(t.facts.victimQuotedWei as string);
    expect(received > 0n && received * 50n < quoted).toBe(true);
  });

  it('approval phishing: the approved (and permitted) address takes the victims\' tokens', async () => {
    const t = attack('approval-phishing');
    const [dai, pusd] = addrs(t, 'tokens') as [Address, Address];
    const [v0, v1, v2] = addrs(t, 'victims') as [Address, Address, Address];
    expect(await erc20(dai, v0)).toBe(0n);
    expect(await erc20(dai, v1)).toBe(0n);
    expect(await erc20(pusd, v2)).toBe(0n);
    expect(await erc20(pusd, addr(t, 'attacker'))).toBe(BigInt(t.facts.stolenPusd as string));
    const drains = t.txs.filter((x) => x.method === 'transferFrom');
    expect(drains).toHaveLength(3);
    expect(drains.every((x) => x.stage === 'exploitation' && x.from === addr(t, 'attacker'))).toBe(true);
    expect(t.txs.filter((x) => x.method === 'approve' && x.actor === 'victim')).toHaveLength(2);
    expect(t.txs.some((x) => x.method === 'permit')).toBe(true);
  });

  it('reentrancy: the vault is emptied and the loot leaves the attacker', async () => {
    const t = attack('reentrancy');
    expect(BigInt(t.facts.vaultBalanceBefore as string)).toBeGreaterThan(parseEther('3'));
    expect(await client.getBalance({ address: addr(t, 'vault') })).toBe(0n);
    let laundered = 0n;
    for (const sink of addrs(t, 'launderingSinks')) laundered += await client.getBalance({ address: sink });
    expect(laundered).toBeGreaterThan(BigInt(t.facts.vaultBalanceBefore as string));
    expect(t.txs.find((x) => x.stage === 'funding')?.block).toBeLessThan(t.txs.find((x) => x.method === 'deploy VaultReentrancyAttacker')!.block);
  });

  it('price manipulation: the lender reading the spot price loses its WETH to the flash-swap attacker', async () => {
    const t = attack('price-manipulation');
    expect(BigInt(t.facts.lenderWethBefore as string)).toBeGreaterThan(parseEther('20'));
    expect(await erc20(a.contracts.weth9, addr(t, 'lender'))).toBe(0n);
    expect(BigInt(t.facts.attackerProfitWeth as string)).toBeGreaterThan(parseEther('1'));
  });

  it('wash trading: the ring trades the token back and forth and returns the ETH to the organiser', () => {
    const t = attack('wash-trading');
    const ring = new Set(addrs(t, 'ring'));
    const trades = t.txs.filter((x) => x.method.startsWith('swap'));
    expect(trades.length).toBe(t.facts.trades);
    expect(trades.every((x) => ring.has(x.from))).toBe(true);
    expect(t.txs.filter((x) => x.stage === 'laundering').every((x) => x.to === addr(t, 'attacker'))).toBe(true);
  });

  it('treasury drain: one transfer takes 90 % or more of the treasury', async () => {
    const t = attack('treasury-drain');
    const left = await erc20(addr(t, 'token'), addr(t, 'treasury'));
    expect(left * 10n).toBeLessThan(BigInt(t.facts.treasuryBalanceBefore as string));
    expect(t.txs.filter((x) => x.stage === 'exploitation')).toHaveLength(1);
  });

  it('address poisoning: a lookalike of the counterparty, zero and dust transfers, then the victim pays it', async () => {
    const t = attack('address-poisoning');
    const look = addr(t, 'lookalike').toLowerCase();
    const real = addr(t, 'counterparty').toLowerCase();
    expect(look).not.toBe(real);
    expect(look.slice(0, 4)).toBe(real.slice(0, 4));
    expect(look.slice(-1)).toBe(real.slice(-1));
    expect(t.txs.filter((x) => x.stage === 'exploitation').map((x) => x.method)).toEqual(['transferFrom', 'transfer', 'transfer']);
    expect(await erc20(addr(t, 'token'), addr(t, 'attacker'))).toBe(BigInt(t.facts.lostToLookalike as string) + 9n); // 10 minted, 1 sent as dust;
  });

  it('sanctions: funds go to and come from the listed address', () => {
    const t = attack('sanctions');
    expect(addr(t, 'sanctioned')).toBe(LISTED);
    expect(t.txs.some((x) => x.to === LISTED)).toBe(true);
    expect(t.txs.some((x) => x.from === LISTED && x.status === 'success')).toBe(true);
  });

  it('the built CLI runs a scenario against a running devnet and writes the truth file', async () => {
    const dir = tempDir();
    const devnetFile = path.join(dir, 'devnet.json');
    const truthFile = path.join(dir, 'truth.json');
    writeFileSync(devnetFile, JSON.stringify(a.describe()));
    const r = runCli(['simulate', 'reentrancy', 'soft-rug', '--seed', '42', '--devnet', devnetFile, '--rpc', a.rpcUrl, '--truth', truthFile, '--json']);
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { attacks: GroundTruth[] };
    const file = JSON.parse(readFileSync(truthFile, 'utf8')) as TruthFile;
    expect(file.seed).toBe('42');
    expect(file.attacks.map((x) => x.attackId)).toEqual(['reentrancy-1', 'soft-rug-1']);
    expect(out.attacks).toEqual(file.attacks);
    for (const tx of file.attacks.flatMap((x) => x.txs)) expect((await client.getTransactionReceipt({ hash: tx.hash })).status).toBe('success');
    expect(runCli(['simulate', 'no-such-attack']).status).toBe(2);
    expect(runCli(['simulate', '--rpc', a.rpcUrl]).status).toBe(2);
    expect(runCli(['simulate', '--list']).stdout).toContain('price-manipulation');
  }, 40_000);
});
