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
    traceAvailable: true, probes: [], forkUrl: '', tokenBalancesAfter: new Map(), proposerHistory: null, preCancun: false, codeChange: [], capture: null, instantPath: null, replay: [], seconds: 0, ...over,
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

  it('borrowed power that executes the proposal before its vote ends is critical for a newcomer, a warning for an established proposer', () => {
    const src = { address: '0x4000000000000000000000000000000000000004' as Address, kind: 'erc3156' as const, amount: parseEther('800000') };
    const capture = { sources: [src], borrowable: src.amount, countedWeight: src.amount, executedWithBorrowed: { selector: '0x12345678' as const, form: 'actions' as const, block: 120n }, deadline: 150n };
    const proposer = '0x5000000000000000000000000000000000000005' as Address;
    const history = (before: bigint, at: bigint) => ({ proposer, earlier: [], proposedAt: 99n, votesAtProposal: at, votesWindowBefore: before, firstPowerBlock: 90n, powerChanges: [] });
    const newcomer = checkProposal(sim({ capture, proposerHistory: history(0n, parseEther('2000')) }));
    expect(newcomer.find((f) => f.detector === 'governance/flash-loan-vote')?.severity).toBe('critical');
    const holder = checkProposal(sim({ capture, proposerHistory: history(parseEther('100000'), parseEther('100000')) }));
    expect(holder.find((f) => f.detector === 'governance/flash-loan-vote')?.severity).toBe('medium');
    // Weighed at the snapshot: the borrowed vote counts 0, nothing to say.
    expect(checkProposal(sim({ capture: { ...capture, countedWeight: 0n, executedWithBorrowed: null } })).some((f) => f.detector === 'governance/flash-loan-vote')).toBe(false);
  });
  it('replayed traffic paid twice as much after the proposal is critical; the same payout is silent', () => {
    const contract = '0x6000000000000000000000000000000000000006' as Address;
    const token = '0x7000000000000000000000000000000000000007' as Address;
    const r = { contract, asset: token, before: parseEther('1000'), after: parseEther('2500'), holding: parseEther('100000'), txs: 6, revertedBefore: 0, revertedAfter: 0, worst: null };
    expect(checkProposal(sim({ replay: [r] })).find((f) => f.detector === 'governance/replay-outflow')?.severity).toBe('critical');
    expect(checkProposal(sim({ replay: [{ ...r, after: parseEther('1001') }] }))).toEqual([]);
    expect(checkProposal(sim({ replay: [{ ...r, after: parseEther('1000'), revertedAfter: 3 }] })).find((f) => f.detector === 'governance/replay-reverts')?.severity).toBe('medium');
  });
});
