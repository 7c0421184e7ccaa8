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
import { proposeOnDevnet, proposeScenario, startGovLab, type GovLab } from '../eval/governance-run.js';

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

describe('monitor: a proposal executed with voting power borrowed in the same transaction', () => {
  let lab: GovLab;
  beforeAll(async () => {
    lab = await startGovLab();
  }, 180_000);
  afterAll(async () => {
    await lab?.stop();
  });

  it('the flash-loan raid (borrow, delegate, vote, emergency commit, repay) is critical; the proposal is executed on the devnet itself', async () => {
    const { SCENARIOS_3 } = await import('../eval/governance-scenarios.js');
    const { governorAdapter } = await import('../src/governance/kinds.js');
    const { flashSources } = await import('../src/governance/capture.js');
    const { deployLocal, callLocal } = await import('../src/governance/devnet.js');
    const { keccak256, toHex } = await import('viem');
    const scenario = SCENARIOS_3.find((s) => s.reason === 'flash-loan-vote')!;
    const { id, governor } = await proposeScenario(lab, scenario);
    const gov = await governorAdapter(lab.ctx.url, governor);
    const proposal = (await gov.proposals()).find((p) => p.id === id)!;
    const [lender] = await flashSources(lab.ctx.url, gov.token);
    expect(lender?.kind).toBe('erc3156');
    const raider = await deployLocal(lab.ctx.url, lab.ctx.attacker, 'VoteRaider');
    // The loan's fee (1 bp) comes from the attacker's own tokens.
    await callLocal(lab.ctx.url, lab.ctx.attacker, gov.token, 'DaoToken', 'transfer', [raider, (lender!.amount / 10_000n) + 1n]);
    const from = BigInt(await rpc<Hex>(lab.ctx.url, 'eth_blockNumber')) + 1n;
    const a = proposal.actions;
    await callLocal(lab.ctx.url, lab.ctx.attacker, raider, 'VoteRaider', 'raid', [lender!.address, gov.token, lender!.amount, { governor, id, targets: a.targets, values: a.values, calldatas: a.calldatas, descriptionHash: keccak256(toHex(a.description)) }]);
    expect(await gov.state(id)).toBe(7); // executed while its vote was open
    const to = BigInt(await rpc<Hex>(lab.ctx.url, 'eth_blockNumber'));
    const engine = new MonitorEngine({ chainId: 31337, detectors: [governanceProposalDetector({ rpcUrl: lab.ctx.url })] });
    const findings = await watchRange(engine, { rpcUrl: lab.ctx.url, fromBlock: from, toBlock: to });
    const capture = findings.filter((f) => f.tags.includes('vote-capture'));
    expect(capture).toHaveLength(1);
    expect(capture[0]?.severity).toBe('critical');
    expect(capture[0]?.evidence).toMatchObject({ governor, proposalId: String(id), sameTransaction: true, delegate: raider });
    expect(capture[0]?.explanation).toMatch(/executed in the same transaction as .* gained 80\.00 % of the voting token/);
  }, 300_000);
});
