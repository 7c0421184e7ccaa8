import { describe, expect, it } from 'vitest';
import { parseEther, type Address } from 'viem';
import { checkProposal, verdictOf } from './checks.js';
import type { GovernanceParams, SimulationResult } from './simulate.js';

const GOV = '0x1000000000000000000000000000000000000001' as Address;
const TL = '0x2000000000000000000000000000000000000002' as Address;
const params = (p: Partial<GovernanceParams> = {}): GovernanceParams => ({ minDelay: 3600n, votingDelay: 1n, votingPeriod: 50n, proposalThreshold: 0n, quorumNumerator: 4n, timelock: TL, ...p });

function sim(over: Partial<SimulationResult>): SimulationResult {
  return {
    chainId: 31337, governor: GOV, timelock: TL, token: GOV, proposalId: 1n, proposer: null, actions: { targets: [], values: [], calldatas: [], description: '' },
    stateAtStart: 0, snapshot: 100n, quorum: parseEther('40000'), window: 51n, voters: [], passed: true, executed: true, revertReason: null, ethRequired: 0n,
    timelockEthBefore: parseEther('500'), logs: [], before: new Map(), after: new Map(), paramsBefore: params(), paramsAfter: params(), storage: [], calls: [],
    traceAvailable: true, probes: [], forkUrl: '', tokenBalancesAfter: new Map(), seconds: 0, ...over,
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
  it('a proposal the fork could not pass is a warning, never silently fine', () => {
    expect(verdictOf(checkProposal(sim({ passed: false, executed: false })))).toBe('warning');
  });
});
