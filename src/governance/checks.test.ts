import { describe, expect, it } from 'vitest';
import { parseEther, type Address } from 'viem';
import { checkProposal, verdictOf } from './checks.js';
import type { GovernanceParams, SimulationResult } from './simulate.js';

const GOV = '0x1000000000000000000000000000000000000001' as Address;
const TL = '0x2000000000000000000000000000000000000002' as Address;
const params = (p: Partial<GovernanceParams> = {}): GovernanceParams => ({ minDelay: 3600n, votingDelay: 1n, votingPeriod: 50n, proposalThreshold: 0n, quorumNumerator: 4n, quorumVotes: null, timelock: TL, ...p });

function sim(over: Partial<SimulationResult>): SimulationResult {
  return {
    kind: 'oz', chainId: 31337, governor: GOV, timelock: TL, token: GOV, proposalId: 1n, proposer: null, actions: { targets: [], values: [], calldatas: [], description: '' }, sentCalldatas: [],
    stateAtStart: 0, snapshot: 100n, quorum: parseEther('40000'), window: 51n, voters: [], passed: true, executed: true, revertReason: null, ethRequired: 0n,
    timelockEthBefore: parseEther('500'), logs: [], before: new Map(), after: new Map(), paramsBefore: params(), paramsAfter: params(), storage: [], calls: [],
    traceAvailable: true, probes: [], forkUrl: '', tokenBalancesAfter: new Map(), proposerHistory: null, preCancun: false, codeChange: [], seconds: 0, ...over,
  };
}

describe('checkProposal', () => {
  it('a halved timelock delay is critical, a longer one is info', () => {
    expect(verdictOf(checkProposal(sim({ paramsAfter: params({ minDelay: 1200n }) })))).toBe('critical');
    expect(verdictOf(checkProposal(sim({ paramsAfter: params({ minDelay: 7200n }) })))).toBe('info');
    expect(verdictOf(checkProposal(sim({ paramsAfter: params({ minDelay: 3000n }) })))).toBe('warning');
  });
  it('votes gained inside the window that meet the quorum are critical; old votes are not', () => {
    const voter = '0x3000000000000000000000000000000000000003' as Address;
    const bought = checkProposal(sim({ voters: [{ address: voter, votes: parseEther('400000'), votesBefore: 0n, support: 1, simulated: false }] }));
    expect(bought.find((f) => f.detector === 'governance/vote-power-in-window')?.severity).toBe('critical');
    const old = checkProposal(sim({ voters: [{ address: voter, votes: parseEther('400000'), votesBefore: parseEther('400000'), support: 1, simulated: false }] }));
    expect(old).toEqual([]);
  });
  it('a target that can be placed again after self-destructing is critical on a pre-Cancun chain, a warning when the rules are unknown', () => {
    const target = '0x4000000000000000000000000000000000000004' as Address;
    const change = { address: target, proxy: null, selfdestruct: true, creation: { creator: GOV, op: 'CREATE2' as const, blockNumber: 7n }, redeployable: true, path: ['placed by CREATE2'], undecided: false };
    const pre = checkProposal(sim({ preCancun: true, codeChange: [change] }));
    expect(pre.find((f) => f.detector === 'governance/code-can-change')?.severity).toBe('critical');
    expect(checkProposal(sim({ preCancun: null, codeChange: [change] })).find((f) => f.detector === 'governance/code-can-change')?.severity).toBe('medium');
    const fixed = checkProposal(sim({ preCancun: true, codeChange: [{ ...change, selfdestruct: false, redeployable: false, creation: null }] }));
    expect(fixed).toEqual([]);
  });
  it('a proxy someone outside governance can upgrade is a warning', () => {
    const target = '0x4000000000000000000000000000000000000004' as Address;
    const out = checkProposal(sim({ codeChange: [{ address: target, proxy: { implementation: GOV, upgrader: target }, selfdestruct: false, creation: null, redeployable: false, path: [], undecided: false }] }));
    expect(verdictOf(out)).toBe('warning');
    expect(checkProposal(sim({ codeChange: [{ address: target, proxy: { implementation: GOV, upgrader: TL }, selfdestruct: false, creation: null, redeployable: false, path: [], undecided: false }] }))).toEqual([]);
  });
  it('a proposal the fork could not pass is a warning, never silently fine', () => {
    expect(verdictOf(checkProposal(sim({ passed: false, executed: false })))).toBe('warning');
  });
});
