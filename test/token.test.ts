/**
 * `argus token` through the built CLI, on a real devnet with real scam scenarios: the honeypot is caught by
 * simulation and by its code, the hidden mint by its code, with exit code 1 above --fail-above; offline
 * from runtime bytecode and from source; and bad input (no target, a malformed bytecode file, a huge one,
 * an address without code, a dead endpoint) gets a clear error and exit code 2.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevnet, type Devnet } from '../src/chain/devnet/index.js';
import { simulate, type SimulationResult } from '../src/chain/scenarios/index.js';
import type { TokenReport } from '../src/token/types.js';
import { runCli, tempDir } from './cli-helpers.js';
import { compileSolidity } from '../src/evm/solc.js';

let devnet: Devnet;
let sim: SimulationResult;
const dir = tempDir('argus-token-');
const description = path.join(dir, 'devnet.json');
const token = (kind: string) => String(sim.attacks.find((a) => a.kind === kind)?.addresses.token);

beforeAll(async () => {
  devnet = await startDevnet({ port: 0 });
  writeFileSync(description, JSON.stringify(devnet.describe()));
  sim = await simulate(devnet.describe(), { seed: 'token-cli', mode: 'alone', scenarios: ['honeypot', 'hard-rug'], wallets: 4 });
}, 90_000);

afterAll(async () => {
  await devnet?.stop();
});

const onChain = (address: string, ...extra: string[]) => runCli(['token', address, '--rpc', devnet.rpcUrl, '--devnet', description, ...extra], { timeoutMs: 60_000 });

describe('argus token on the devnet (built CLI)', () => {
  it('calls the honeypot a honeypot: the simulated sell reverts with its reason, the code limits selling, exit 1', () => {
    const r = onChain(token('honeypot'), '--json');
    expect(r.status, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as TokenReport;
    expect(report.riskScore).toBeGreaterThanOrEqual(95);
    expect(report.simulation?.is_honeypot).toBe(true);
    expect(report.simulation?.errors.join(' ')).toContain('GuardedLaunch: anti-bot cooldown');
    expect(report.flags.limit_sell.value).toBe(true);
    expect(report.flags.limit_sell.evidence.map((e) => e.from)).toEqual(expect.arrayContaining(['bytecode', 'simulation']));
    expect(report.reasons[0]?.reason).toMatch(/selling fails/);
  }, 60_000);

  it('finds the hidden mint behind rebase() in the deployed code, while trading looks clean', () => {
    const r = onChain(token('hard-rug-pull'));
    expect(r.status, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/risk \d+\/100/);
    expect(r.stdout).toMatch(/hidden_mint\s+yes/);
    expect(r.stdout).toMatch(/honeypot no/);
    // --fail-above 101 never fails.
    expect(onChain(token('hard-rug-pull'), '--fail-above', '101', '--no-simulation').status).toBe(0);
  }, 60_000);

  it('an EIP-1167 clone of the honeypot: says it is a proxy of the honeypot and finds the honeypot code behind it', async () => {
    const client = createPublicClient({ transport: http(devnet.rpcUrl) });
    const wallet = createWalletClient({ transport: http(devnet.rpcUrl) });
    const [from] = await wallet.getAddresses();
    const init = `0x3d602d80600a3d3981f3363d3d373d3d3d363d73${token('honeypot').slice(2).toLowerCase()}5af43d82803e903d91602b57fd5bf3` as const;
    const hash = await wallet.sendTransaction({ account: from!, data: init, chain: null });
    const receipt = await client.waitForTransactionReceipt({ hash });
    const r = onChain(String(receipt.contractAddress), '--json', '--no-simulation');
    const report = JSON.parse(r.stdout) as TokenReport;
    expect(report.flags.is_proxy.value).toBe(true);
    expect(report.flags.is_proxy.evidence.map((e) => e.detail).join(' ').toLowerCase()).toContain(token('honeypot').toLowerCase());
    expect(report.notes.join(' ')).toMatch(/EIP-1167 minimal proxy of 0x[0-9a-fA-F]{40}: that code was analysed/);
    expect(report.flags.limit_sell.value).toBe(true);
  }, 60_000);

  it('refuses an address without code with exit 2 and a dead endpoint with exit 5 (not a usage error), naming the problem', () => {
    const empty = onChain('0x000000000000000000000000000000000000bEEF');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('there is no contract at');
    const dead = runCli(['token', token('honeypot'), '--rpc', 'http://127.0.0.1:9', '--devnet', description], { timeoutMs: 60_000 });
    expect(dead.status).toBe(5);
    expect(dead.stderr).toMatch(/ARGUS_RPC/);
  }, 60_000);
});

describe('argus token offline (built CLI)', () => {
  it('reads runtime bytecode from a file: the honeypot code limits selling, and says what it could not check', async () => {
    const code = await createPublicClient({ transport: http(devnet.rpcUrl) }).getCode({ address: token('honeypot') as `0x${string}` });
    const file = path.join(dir, 'honeypot.hex');
    writeFileSync(file, `${code}\n`);
    const r = runCli(['token', '--bytecode', file, '--json']);
    const report = JSON.parse(r.stdout) as TokenReport;
    expect(report.flags.limit_sell.value).toBe(true);
    expect(report.simulation).toBeNull();
    expect(report.notes.join(' ')).toMatch(/offline/);
    expect(r.status).toBe(report.riskScore >= 70 ? 1 : 0);
  });

  it('reads creation (deployment) bytecode: runs the constructor in an in-process EVM and analyses the code it deploys', () => {
    const file = 'contracts/token-corpus/Scams.sol';
    const c = compileSolidity({ sources: { [file]: readFileSync(file, 'utf8') }, outputs: ['evm.bytecode.object'] }).find((x) => x.name === 'HoneypotToken')!;
    const hex = path.join(dir, 'honeypot-creation.hex');
    writeFileSync(hex, `${c.bytecode}\n`);
    const r = runCli(['token', '--bytecode', hex, '--json']);
    const report = JSON.parse(r.stdout) as TokenReport;
    expect(report.notes.join(' ')).toMatch(/creation \(deployment\) bytecode/);
    expect(report.flags.limit_sell.value).toBe(true);
  }, 60_000);

  it('reads Solidity source with its imports and picks the contract asked for', () => {
    const r = runCli(['token', '--source', 'contracts/scenarios/ScamTokens.sol', '--contract', 'FeeOnSellToken', '--json']);
    const report = JSON.parse(r.stdout) as TokenReport;
    expect(report.flags.slippage_modifiable.value).toBe(true);
    expect(report.flags.slippage_modifiable.evidence[0]).toMatchObject({ from: 'source' });
    // Each true flag is a finding too, about its source line, and the reasons are the weighted findings.
    const slippage = report.findings.find((f) => f.detector === 'token/slippage-modifiable');
    expect(slippage?.tags).toContain('goplus:slippage_modifiable');
    expect(slippage?.subject).toMatchObject({ kind: 'source', file: 'contracts/scenarios/ScamTokens.sol' });
    expect(report.reasons.map((x) => x.reason)).toContain(slippage?.explanation);
  });

  it('refuses bad input with exit 2 and a clear message', () => {
    expect(runCli(['token']).stderr).toMatch(/give a token address with --rpc, or --bytecode FILE, or --source FILE/);
    expect(runCli(['token', '0x000000000000000000000000000000000000bEEF']).stderr).toMatch(/needs --rpc/);
    const garbage = path.join(dir, 'garbage.hex');
    writeFileSync(garbage, 'this is not bytecode');
    const bad = runCli(['token', '--bytecode', garbage]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/not an even number of hex digits/);
    const huge = path.join(dir, 'huge.hex');
    writeFileSync(huge, '60'.repeat(2 * 1024 * 1024));
    const big = runCli(['token', '--bytecode', huge]);
    expect(big.status).toBe(2);
    expect(big.stderr).toMatch(/runtime bytecode is at most 24 KiB/);
    expect(runCli(['token', '--bytecode', path.join(dir, 'missing.hex')]).status).toBe(2);
  });
});
