/**
 * `argus proposal` on a real devnet DAO (OpenZeppelin Governor + TimelockController + ERC20Votes): proposals
 * made on the devnet, simulated on a Hardhat fork of it (vote, queue, timelock, execute). Timings live in
 * bench/governance.ts.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, parseAbi, parseEther } from 'viem';
import { analyzeProposal } from '../src/governance/index.js';
import { roleId } from '../src/governance/devnet.js';
import { proposeOnDevnet, startGovLab, type GovLab } from '../eval/governance-run.js';
import type { GovScenario } from '../eval/governance-scenarios.js';
import { runCli, tempDir } from './cli-helpers.js';

const abi = parseAbi(['function setFee(uint256)', 'function grantRole(bytes32,address)']);

describe('argus proposal on the devnet DAO', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('passes a benign fee change through vote, queue and timelock, and reports the storage write', async () => {
    const scenario: GovScenario = { name: 'fee', malicious: false, build: async (c) => ({ targets: [c.dao.pool], values: [0n], calldatas: [encodeFunctionData({ abi, functionName: 'setFee', args: [42n] })], description: 'fee to 42' }) };
    const proposalId = await proposeOnDevnet(lab, scenario);
    const report = await analyzeProposal({ rpcUrl: lab.ctx.url, governor: lab.ctx.dao.governor, proposalId, fork: lab.fork });
    expect(report.stateAtStart).toBe('Pending');
    expect(report.executedOnFork).toBe(true);
    expect(report.verdict).toBe('info');
    expect(report.calls[0]).toMatchObject({ function: 'setFee', args: ['42'] });
    expect(report.storageChanges.some((s) => s.address === lab.ctx.dao.pool && BigInt(s.after) === 42n)).toBe(true);
  }, 120_000);

  it('calls a treasury drain to a fresh address critical, with the amount and recipient', async () => {
    const scenario: GovScenario = { name: 'drain', malicious: true, build: async (c) => ({ targets: [c.fresh], values: [parseEther('400')], calldatas: ['0x'], description: 'reserve' }) };
    const proposalId = await proposeOnDevnet(lab, scenario);
    const report = await analyzeProposal({ rpcUrl: lab.ctx.url, governor: lab.ctx.dao.governor, proposalId, fork: lab.fork });
    expect(report.verdict).toBe('critical');
    const outflow = report.findings.find((f) => f.detector === 'governance/treasury-outflow');
    expect(outflow?.severity).toBe('critical');
    expect(outflow?.evidence).toMatchObject({ amount: parseEther('400').toString(), freshRecipient: true });
  }, 120_000);

  it('the CLI simulates actions from a file and exits 1 on minting rights for an outsider', () => {
    const file = path.join(tempDir(), 'actions.json');
    writeFileSync(file, JSON.stringify({ targets: [lab.ctx.dao.mintable], values: ['0'], calldatas: [encodeFunctionData({ abi, functionName: 'grantRole', args: [roleId('MINTER_ROLE'), lab.ctx.attacker] })], description: 'market maker' }));
    const r = runCli(['proposal', lab.ctx.dao.governor, '--rpc', lab.ctx.url, '--actions', file, '--json'], { timeoutMs: 90_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout) as { verdict: string; findings: Array<{ detector: string; severity: string }> };
    expect(report.verdict).toBe('critical');
    expect(report.findings.some((f) => f.detector === 'governance/minting-rights' && f.severity === 'critical')).toBe(true);
  }, 120_000);

  it('refuses a governor without code as usage (exit 2)', () => {
    const r = runCli(['proposal', '0x000000000000000000000000000000000000dEaD', '1', '--rpc', lab.ctx.url]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no code/);
  }, 60_000);
});
