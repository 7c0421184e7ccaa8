/**
 * `argus privacy` end to end on a real devnet: the FixedMixer pool and the airdrop token compiled by solc and
 * deployed; one person deposits from one wallet and withdraws, paying the gas with the same custom gas price,
 * to another, and approves that other wallet to pull tokens; a stranger deposits and withdraws through a
 * relayer into the same small pool. The CLI reads the blocks over JSON-RPC into a store, and reads the store again alone.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keccak256, encodePacked, parseEther, toHex, type Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { compileDevContracts } from '../src/chain/devnet/compile.js';
import { SimContext } from '../src/chain/scenarios/context.js';
// The scenario's own contracts and ABIs (contracts/privacy/FixedMixer.sol).
import { MIXER_ABI, PRIVACY_SOURCES, TOKEN_ABI } from '../src/chain/scenarios/privacy.js';
import { seededKey } from '../src/chain/scenarios/prng.js';
import { removeTempDirs, runCli, tempDir } from './cli-helpers.js';

describe('argus privacy on a devnet', () => {
  let devnet: Devnet;
  const key = (label: string) => privateKeyToAccount(seededKey('privacy-test', label));
  const [walletA, walletB, stranger, strangerOut, relayer, distributor] = ['a', 'b', 'stranger', 'stranger-out', 'relayer', 'distributor'].map(key) as ReturnType<typeof key>[];
  const dir = tempDir('argus-privacy-');
  const store = path.join(dir, 'privacy.sqlite');
  let head = 0n;

  beforeAll(async () => {
    devnet = await startDevnet({ port: 0, accounts: 2 });
    const ctx = new SimContext(devnet, await compileDevContracts({ sources: PRIVACY_SOURCES }));
    for (const w of [walletA, walletB, stranger, strangerOut, relayer, distributor]) await ctx.rpc('hardhat_setBalance', [w!.address, toHex(parseEther('50'))]);
    const pool = (await ctx.deploy(ctx.funder, 'FixedMixer', [parseEther('1')])).address;
    const token = (await ctx.deploy(distributor!, 'AirdropToken')).address;
    const note = (n: string) => {
      const nullifier = keccak256(encodePacked(['string'], [n]));
      const secret = keccak256(encodePacked(['string'], [`${n}:secret`]));
      return { nullifier, secret, commitment: keccak256(encodePacked(['bytes32', 'bytes32'], [nullifier, secret])) };
    };
    const odd = 23_417_000_000n;
    const mine = note('a');
    const theirs = note('stranger');
    await ctx.call(stranger!, pool, MIXER_ABI, 'deposit', [theirs.commitment], { value: parseEther('1') });
    await ctx.call(walletA!, pool, MIXER_ABI, 'deposit', [mine.commitment], { value: parseEther('1'), gasPrice: odd });
    await ctx.rpc('evm_increaseTime', [2400]);
    await ctx.call(walletB!, pool, MIXER_ABI, 'withdraw', [mine.nullifier, mine.secret, walletB!.address, '0x0000000000000000000000000000000000000000' as Address, 0n], { gasPrice: odd });
    await ctx.rpc('evm_increaseTime', [1200]);
    await ctx.call(relayer!, pool, MIXER_ABI, 'withdraw', [theirs.nullifier, theirs.secret, strangerOut!.address, relayer!.address, parseEther('0.005')]);
    await ctx.call(distributor!, token, TOKEN_ABI, 'drop', [[walletA!.address, stranger!.address], parseEther('10')]);
    await ctx.call(walletA!, token, TOKEN_ABI, 'approve', [walletB!.address, parseEther('5')]);
    await ctx.call(walletB!, token, TOKEN_ABI, 'transferFrom', [walletA!.address, walletB!.address, parseEther('5')]);
    head = BigInt(await ctx.blockNumber());
  }, 300_000);

  afterAll(async () => {
    await devnet?.stop();
    removeTempDirs();
  });

  it('links the two wallets with their evidence, reading blocks over --rpc into a store', () => {
    const r = runCli(['privacy', walletA!.address, '--rpc', devnet.rpcUrl, '--store', store, '--from', '0', '--to', String(head), '--json'], { timeoutMs: 180_000 });
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as { verdict: string; cluster: { address: string }[]; heuristics: Record<string, number>; withdrawals: { recipient: string; naiveSet: number; heuristicSet: number; linkedBy: string[] }[]; advice: string[]; finding: { detector: string; severity: string } };
    expect(report.verdict).toBe('linked');
    expect(report.cluster.map((m) => m.address)).toEqual([walletA!.address.toLowerCase(), walletB!.address.toLowerCase()]);
    // The allowance B used moved A's tokens to B: a direct movement between the two sides of the mixer too.
    expect(Object.keys(report.heuristics).sort()).toEqual(['mixer-gas-price', 'mixer-linked-addresses', 'self-authorisation']);
    expect(report.withdrawals).toHaveLength(1);
    expect(report.withdrawals[0]).toMatchObject({ recipient: walletB!.address.toLowerCase(), naiveSet: 2, heuristicSet: 1 });
    expect(report.advice.join(' ')).toMatch(/gas price/u);
    expect(report.finding.detector).toBe('privacy/linkable-address');
  }, 200_000);

  it('reads the store alone afterwards; the careful stranger is exposed by elimination in a two-note pool', () => {
    const again = runCli(['privacy', walletB!.address, '--store', store, '--chain', '31337', '--json'], { timeoutMs: 60_000 });
    expect(again.status, again.stderr).toBe(1);
    expect((JSON.parse(again.stdout) as { cluster: unknown[] }).cluster).toHaveLength(2);
    const careful = runCli(['privacy', strangerOut!.address, '--store', store, '--chain', '31337', '--json'], { timeoutMs: 60_000 });
    // One note was left when it withdrew: the other deposit was already spent (and linked) by wallet B.
    expect(careful.status, careful.stderr).toBe(1);
    const report = JSON.parse(careful.stdout) as { verdict: string; withdrawals: { naiveSet: number; heuristicSet: number }[] };
    expect(report.verdict).toBe('exposed');
    expect(report.withdrawals[0]).toMatchObject({ naiveSet: 1, heuristicSet: 1 });
  }, 120_000);

  it('refuses bad input with a usage error', () => {
    expect(runCli(['privacy', 'not-an-address', '--store', store]).status).toBe(2);
    expect(runCli(['privacy', walletA!.address]).status).toBe(2);
  });
});
