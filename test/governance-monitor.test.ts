/**
 * The monitor's governance hook on the devnet DAO: a block with a ProposalCreated event makes the monitor
 * simulate the proposal (fork, vote, timelock, execute) and alert while the vote is still open; a benign
 * proposal raises nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeFunctionData, parseAbi, parseEther, type Hex } from 'viem';
import { rpc } from '../src/chain/rpc/json-rpc.js';
import { MonitorEngine, watchRange } from '../src/monitor/engine.js';
import { governanceProposalDetector } from '../src/monitor/detectors/governance-proposal.js';
import type { ProposalReport } from '../src/governance/index.js';
import { proposeOnDevnet, startGovLab, type GovLab } from '../eval/governance-run.js';

const abi = parseAbi(['function setFee(uint256)']);

describe('monitor: governance proposals simulated as they appear', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('alerts on a treasury drain in the block that proposes it, vote still open; stays quiet on a fee change', async () => {
    const from = BigInt(await rpc<Hex>(lab.ctx.url, 'eth_blockNumber')) + 1n;
    await proposeOnDevnet(lab, { name: 'fee', malicious: false, build: async (c) => ({ targets: [c.dao.pool], values: [0n], calldatas: [encodeFunctionData({ abi, functionName: 'setFee', args: [40n] })], description: 'fee 40' }) });
    await proposeOnDevnet(lab, { name: 'drain', malicious: true, build: async (c) => ({ targets: [c.fresh], values: [parseEther('450')], calldatas: ['0x'], description: 'reserve' }) });
    const to = BigInt(await rpc<Hex>(lab.ctx.url, 'eth_blockNumber'));
    const reports: ProposalReport[] = [];
    const engine = new MonitorEngine({ chainId: 31337, detectors: [governanceProposalDetector({ rpcUrl: lab.ctx.url, onReport: (r) => reports.push(r) })] });
    const findings = await watchRange(engine, { rpcUrl: lab.ctx.url, fromBlock: from, toBlock: to });
    expect(reports).toHaveLength(2);
    const alerts = findings.filter((f) => f.detector === 'monitor/governance-proposal');
    expect(alerts).toHaveLength(1);
    expect(alerts[0]?.severity).toBe('critical');
    expect(alerts[0]?.evidence).toMatchObject({ stage: 'created', voteOpen: true, stateAtStart: 'Pending' });
    expect(alerts[0]?.explanation).toMatch(/treasury outflow of 450 ETH/);
    // The vote is still open on the chain itself: the simulation ran on a fork.
    expect(BigInt(await rpc<Hex>(lab.ctx.url, 'eth_getBalance', [lab.ctx.fresh, 'latest']))).toBe(0n);
  }, 240_000);
});

describe('GET /api/v1/proposals/:governor/:id', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it("serves a proposal's report simulated on the server's chain, key required", async () => {
    const { createServer } = await import('../src/server/index.js');
    const id = await proposeOnDevnet(lab, { name: 'drain', malicious: true, build: async (c) => ({ targets: [c.fresh], values: [parseEther('300')], calldatas: ['0x'], description: 'reserve 2' }) });
    const app = await createServer({ apiKeys: ['k-governance-test-0123456789'], rateLimit: false, rpcUrl: lab.ctx.url, chainId: 31337 });
    try {
      const url = `/api/v1/proposals/${lab.ctx.dao.governor}/${id}`;
      expect((await app.inject({ url })).statusCode).toBe(401);
      expect((await app.inject({ url: '/api/v1/proposals/0x12/1', headers: { 'x-api-key': 'k-governance-test-0123456789' } })).statusCode).toBe(400);
      const r = await app.inject({ url, headers: { 'x-api-key': 'k-governance-test-0123456789' } });
      expect(r.statusCode).toBe(200);
      const report = r.json() as ProposalReport;
      expect(report.verdict).toBe('critical');
      expect(report.proposalId).toBe(String(id));
    } finally {
      await app.close();
    }
  }, 240_000);
});
