/**
 * The proposal report: the simulation and its findings in JSON-safe form (bigints as decimal strings), as
 * `argus proposal --json` prints it and the monitor or the dashboard would store it.
 */
import { formatEther, type Abi, type Address } from 'viem';
import type { Finding } from '../core/finding.js';
import { OP } from '../evm/disasm.js';
import { checkProposal, decodeCalls, hasOp, verdictOf, type DecodedCall, type Verdict } from './checks.js';
import { proposalStateName, simulateProposal, type SimulateOptions, type SimulationResult } from './simulate.js';

export interface ProposalReport {
  /** OpenZeppelin Governor or GovernorBravo shape. */
  governorKind: 'oz' | 'bravo';
  chainId: number;
  governor: Address;
  timelock: Address;
  proposalId: string;
  proposer: Address | null;
  description: string;
  stateAtStart: string;
  verdict: Verdict;
  findings: Finding[];
  calls: DecodedCall[];
  ethRequired: string;
  passedOnFork: boolean;
  executedOnFork: boolean;
  voters: Array<{ address: Address; votes: string; votesBeforeWindow: string; simulated: boolean }>;
  events: Array<{ address: Address; name: string | null; args: Record<string, string> }>;
  storageChanges: Array<{ address: Address; slot: string; before: string; after: string }>;
  touched: Array<{ address: Address; kind: 'eoa' | 'empty' | 'contract'; selfdestruct: boolean; delegatecall: boolean }>;
  proposerHistory: { proposer: Address; earlier: Array<{ id: string; state: string; block: string }>; proposedAtBlock: string; votesAtProposal: string; votesWindowBefore: string; firstPowerBlock: string | null; powerChanges: Array<{ block: string; votes: string }> } | null;
  /** Pre-Cancun rules (SELFDESTRUCT removes code); null when not told. */
  preCancun: boolean | null;
  codeCanChange: Array<{ address: Address; proxy: { implementation: Address; upgrader: Address | null } | null; selfdestruct: boolean; redeployable: boolean; undecided: boolean; path: string[] }>;
  /** Borrowed power tried on the open vote; null when the vote was no longer open. */
  voteCapture: { borrowable: string; countedWeight: string | null; sources: Array<{ address: Address; kind: string; amount: string }>; executedWithBorrowed: { selector: string; block: string } | null; deadline: string } | null;
  /** A function that executed the proposal before its vote ended with the votes cast for it. */
  instantPath: { selector: string; block: string } | null;
  /** The targets' recent user traffic replayed before and after execution: what left each contract. */
  replay: Array<{ contract: Address; asset: string; before: string; after: string; holding: string; txs: number; revertedBefore: number; revertedAfter: number }>;
  seconds: number;
}

const str = (v: unknown): string => (typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? `[${v.map(str).join(', ')}]` : String(v));

export function buildReport(sim: SimulationResult, extraAbi: Abi = []): ProposalReport {
  const findings = checkProposal(sim);
  const touched = [...new Set(sim.calls.map((c) => c.to).filter((a): a is Address => !!a))].map((address) => {
    const s = sim.after.get(address) ?? sim.before.get(address);
    const ops = sim.calls.filter((c) => c.from === address);
    // Executed in this run, or present in the code (could run on another input): seatbelt's touched-contract check.
    const code = s?.code ?? '0x';
    return {
      address,
      kind: code === '0x' ? (s && (s.nonce > 0 || s.balance > 0n) ? 'eoa' : 'empty') : 'contract',
      selfdestruct: ops.some((c) => c.op === 'SELFDESTRUCT') || hasOp(code, OP.SELFDESTRUCT) > 0,
      delegatecall: ops.some((c) => c.op === 'DELEGATECALL') || hasOp(code, OP.DELEGATECALL) > 0,
    } as const;
  });
  const h = sim.proposerHistory;
  return {
    governorKind: sim.kind,
    chainId: sim.chainId,
    governor: sim.governor,
    timelock: sim.timelock,
    proposalId: sim.proposalId.toString(),
    proposer: sim.proposer,
    description: sim.actions.description,
    stateAtStart: proposalStateName(sim.stateAtStart),
    verdict: verdictOf(findings),
    findings,
    calls: decodeCalls(sim, extraAbi).map((c) => ({ ...c, args: c.args.map(str) })),
    ethRequired: formatEther(sim.ethRequired),
    passedOnFork: sim.passed,
    executedOnFork: sim.executed,
    voters: sim.voters.map((v) => ({ address: v.address, votes: v.votes.toString(), votesBeforeWindow: v.votesBefore.toString(), simulated: v.simulated })),
    events: sim.logs.map((l) => ({ address: l.address, name: l.name, args: Object.fromEntries(Object.entries(l.args).map(([k, v]) => [k, str(v)])) })),
    storageChanges: sim.storage.map((s) => ({ ...s })),
    touched: [...touched],
    proposerHistory: h ? {
      proposer: h.proposer, proposedAtBlock: String(h.proposedAt), votesAtProposal: String(h.votesAtProposal), votesWindowBefore: String(h.votesWindowBefore),
      firstPowerBlock: h.firstPowerBlock === null ? null : String(h.firstPowerBlock),
      earlier: h.earlier.map((e) => ({ id: String(e.id), state: proposalStateName(e.state), block: String(e.blockNumber) })),
      powerChanges: h.powerChanges.map((c) => ({ block: String(c.blockNumber), votes: String(c.votes) })),
    } : null,
    preCancun: sim.preCancun,
    codeCanChange: sim.codeChange.filter((c) => c.proxy || c.selfdestruct).map((c) => ({ address: c.address, proxy: c.proxy, selfdestruct: c.selfdestruct, redeployable: c.redeployable, undecided: c.undecided, path: c.path })),
    voteCapture: sim.capture ? {
      borrowable: sim.capture.borrowable.toString(), countedWeight: sim.capture.countedWeight === null ? null : sim.capture.countedWeight.toString(),
      sources: sim.capture.sources.map((x) => ({ address: x.address, kind: x.kind, amount: x.amount.toString() })),
      executedWithBorrowed: sim.capture.executedWithBorrowed ? { selector: sim.capture.executedWithBorrowed.selector, block: String(sim.capture.executedWithBorrowed.block) } : null,
      deadline: String(sim.capture.deadline),
    } : null,
    instantPath: sim.instantPath ? { selector: sim.instantPath.selector, block: String(sim.instantPath.block) } : null,
    replay: sim.replay.map((r) => ({ contract: r.contract, asset: r.asset, before: r.before.toString(), after: r.after.toString(), holding: r.holding.toString(), txs: r.txs, revertedBefore: r.revertedBefore, revertedAfter: r.revertedAfter })),
    seconds: Math.round(sim.seconds * 1000) / 1000,
  };
}

/** Simulates and judges a proposal: the one call the CLI, the eval and the monitor make. */
export async function analyzeProposal(options: SimulateOptions & { abi?: Abi }): Promise<ProposalReport> {
  return buildReport(await simulateProposal(options), options.abi);
}
