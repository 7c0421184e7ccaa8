/**
 * `simulateProposal`: runs a Governor proposal to its end on a fork and records what it changed. The fork
 * (src/evm/fork.ts) is driven through the real lifecycle: blocks mined to the vote's start, votes cast by
 * the largest delegates (impersonated) until the proposal passes, blocks mined past its deadline, `queue`,
 * time moved past the timelock delay, `execute`. Around the execution it reads, before and after, what
 * governance can change: balances, owners, ERC-1967 slots, the timelock delay and the governor's settings;
 * the execution's trace gives the storage written, the calls made and the contracts touched.
 */
import { decodeEventLog, encodeFunctionData, parseAbi, getAddress, keccak256, toHex, zeroAddress, type Abi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { rpc } from '../chain/rpc/json-rpc.js';
import { Fork } from '../evm/fork.js';
import { EIP1967, GOVERNOR_ABI, KNOWN_ABI, PROBE_ABI } from './abi.js';
import { governorAdapter, type GovernorAdapter, type GovernorKind, type ProposalRecord } from './kinds.js';
import { codeCanChange, isPreCancun } from './provenance.js';
import { readTrace, type CallRecord } from './trace.js';
import { CONTROLLERS, type CodeChange, type ContractState, type GovernanceParams, type ProposalActions } from './types.js';
export { CONTROLLERS, type CodeChange, type Controller, type ContractState, type GovernanceParams, type ProposalActions } from './types.js';
import { impersonate, RevertedError, sendLocal } from './tx.js';
import { findInstantPath, probeCapture, type CaptureProbe, type InstantPath } from './capture.js';
import { compareReplays, holdings, recentTraffic, replayOutflows, type ReplayComparison, type ReplayFlows, type TrafficTx } from './replay.js';
export type { CaptureProbe, InstantPath } from './capture.js';
export type { ReplayComparison } from './replay.js';




const CONTROLLER_ABI = parseAbi(CONTROLLERS.map((c) => `function ${c}() view returns (address)`));

export interface StorageWrite {
  address: Address;
  slot: Hex;
  before: Hex;
  after: Hex;
}

export type { CallRecord } from './trace.js';

export interface DecodedLog {
  address: Address;
  name: string | null;
  args: Record<string, unknown>;
  topics: Hex[];
  data: Hex;
}

export interface Voter {
  address: Address;
  votes: bigint;
  /** Voting power `window` blocks before the snapshot. */
  votesBefore: bigint;
  support: number;
  /** Cast by the simulator to pass the proposal (not on chain). */
  simulated: boolean;
}

export interface ProposerHistory {
  proposer: Address;
  /** The proposer's other proposals on this governor, before this one. */
  earlier: Array<{ id: bigint; state: number; blockNumber: bigint }>;
  proposedAt: bigint;
  votesAtProposal: bigint;
  /** Voting power one voting cycle before the proposal. */
  votesWindowBefore: bigint;
  /** First block at which the proposer held voting power (DelegateVotesChanged), null when never. */
  firstPowerBlock: bigint | null;
  /** The proposer's voting power changes, oldest first (at most the last 20). */
  powerChanges: Array<{ blockNumber: bigint; votes: bigint }>;
}


export interface SimulationResult {
  kind: GovernorKind;
  chainId: number;
  governor: Address;
  timelock: Address;
  token: Address;
  proposalId: bigint;
  proposer: Address | null;
  actions: ProposalActions;
  /** What each target receives (the signature's selector included for Bravo). */
  sentCalldatas: Hex[];
  stateAtStart: number;
  snapshot: bigint;
  quorum: bigint;
  window: bigint;
  voters: Voter[];
  passed: boolean;
  executed: boolean;
  revertReason: string | null;
  ethRequired: bigint;
  timelockEthBefore: bigint;
  logs: DecodedLog[];
  before: Map<Address, ContractState>;
  after: Map<Address, ContractState>;
  paramsBefore: GovernanceParams;
  paramsAfter: GovernanceParams;
  storage: StorageWrite[];
  calls: CallRecord[];
  traceAvailable: boolean;
  /** Strangers' calls to new code after execution that took control or destroyed code (see probe). */
  probes: Array<{ address: Address; selector: Hex; effect: string }>;
  /** Fork RPC URL while the simulation lives (for probes), not part of the report. */
  forkUrl: string;
  /** ERC-20 balances the governance contracts (governor + timelock) hold after execution, per token moved. */
  tokenBalancesAfter: Map<Address, bigint>;
  proposerHistory: ProposerHistory | null;
  /** The chain runs pre-Cancun rules (SELFDESTRUCT removes code); null when the probe could not tell. */
  preCancun: boolean | null;
  codeChange: CodeChange[];
  /** Borrowed power tried on the open vote (null when the vote was no longer open). */
  capture: CaptureProbe | null;
  /** A function that executed the proposal, with the simulator's votes, before the vote ended. */
  instantPath: InstantPath | null;
  /** The targets' recent traffic replayed before and after the execution: outflows per asset. */
  replay: ReplayComparison[];
  seconds: number;
}

const STATE_NAMES = ['Pending', 'Active', 'Canceled', 'Defeated', 'Succeeded', 'Queued', 'Expired', 'Executed'];
export const proposalStateName = (s: number): string => STATE_NAMES[s] ?? `state ${s}`;

async function call<T>(url: string, to: Address, abi: Abi, fn: string, args: readonly unknown[] = [], block: string = 'latest'): Promise<T | null> {
  const data = encodeFunctionData({ abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
  try {
    const out = await rpc<Hex>(url, 'eth_call', [{ to, data }, block]);
    if (out === '0x') return null;
    const { decodeFunctionResult } = await import('viem');
    return decodeFunctionResult({ abi, functionName: fn, data: out } as Parameters<typeof decodeFunctionResult>[0]) as T;
  } catch {
    return null;
  }
}

const slotAddress = (word: Hex): Address | null => {
  const v = BigInt(word);
  if (v === 0n || v >> 160n !== 0n) return null;
  return getAddress(`0x${v.toString(16).padStart(40, '0')}`);
};

export async function readContractState(url: string, address: Address, block: string = 'latest'): Promise<ContractState> {
  const [code, balance, nonce, impl, admin] = await Promise.all([
    rpc<Hex>(url, 'eth_getCode', [address, block]),
    rpc<Hex>(url, 'eth_getBalance', [address, block]),
    rpc<Hex>(url, 'eth_getTransactionCount', [address, block]),
    rpc<Hex>(url, 'eth_getStorageAt', [address, EIP1967.implementation, block]),
    rpc<Hex>(url, 'eth_getStorageAt', [address, EIP1967.admin, block]),
  ]);
  const controllers: ContractState['controllers'] = {};
  let owner: Address | null = null;
  if (code !== '0x') {
    const [o, ...rest] = await Promise.all([call<Address>(url, address, PROBE_ABI, 'owner', [], block), ...CONTROLLERS.map((c) => call<Address>(url, address, CONTROLLER_ABI, c, [], block))]);
    owner = o;
    for (const [i, c] of CONTROLLERS.entries()) controllers[c] = rest[i] === zeroAddress ? null : (rest[i] ?? null);
  }
  return { address, code, balance: BigInt(balance), nonce: Number(nonce), owner, implementation: slotAddress(impl), admin: slotAddress(admin), controllers };
}

export function decodeLog(log: { address: Address; topics: Hex[]; data: Hex }): DecodedLog {
  for (const abi of [KNOWN_ABI, GOVERNOR_ABI as Abi]) {
    try {
      const d = decodeEventLog({ abi, topics: log.topics as [Hex, ...Hex[]], data: log.data });
      return { address: getAddress(log.address), name: d.eventName ?? null, args: (d.args ?? {}) as Record<string, unknown>, topics: log.topics, data: log.data };
    } catch {
      // not this interface
    }
  }
  return { address: getAddress(log.address), name: null, args: {}, topics: log.topics, data: log.data };
}

async function blockNumber(url: string): Promise<bigint> {
  return BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
}

async function mineTo(url: string, target: bigint): Promise<void> {
  const now = await blockNumber(url);
  if (target > now) await rpc(url, 'hardhat_mine', [toHex(target - now)]);
}

/** Delegates known from the token's DelegateVotesChanged events. */
async function delegates(url: string, token: Address): Promise<Address[]> {
  const topic = keccak256(toHex('DelegateVotesChanged(address,uint256,uint256)'));
  const logs = await rpc<Array<{ topics: Hex[] }>>(url, 'eth_getLogs', [{ address: token, topics: [topic], fromBlock: '0x0', toBlock: 'latest' }], { timeoutMs: 60_000 });
  return [...new Set(logs.map((l) => getAddress(`0x${(l.topics[1] as Hex).slice(26)}`)))];
}

export interface SimulateOptions {
  /** Upstream JSON-RPC URL to fork. */
  rpcUrl: string;
  governor: Address;
  /** A proposal already made on chain… */
  proposalId?: bigint;
  /** …or actions to propose on the fork (by the largest delegate). */
  actions?: ProposalActions;
  /** A running fork to reuse (reset to the upstream's head first). */
  fork?: Fork;
  onProgress?: (step: string) => void;
}

export async function simulateProposal(options: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const own = !options.fork;
  // The fork runs the upstream's rules: a pre-Cancun chain gets a shanghai fork (SELFDESTRUCT removes code).
  const fork = options.fork ?? (await Fork.start({ upstreamUrl: options.rpcUrl, hardfork: (await isPreCancun(options.rpcUrl)) ? 'shanghai' : undefined }));
  try {
    if (!own) await fork.reset();
    return await runOnFork(fork, options, started);
  } finally {
    if (own) await fork.stop();
  }
}

async function runOnFork(fork: Fork, options: SimulateOptions, started: number): Promise<SimulationResult> {
  const url = fork.rpcUrl;
  const progress = options.onProgress ?? (() => undefined);
  const governor = getAddress(options.governor);
  const gov = await governorAdapter(url, governor);
  const { token, timelock } = gov;
  const [funded] = await rpc<Address[]>(url, 'eth_accounts');
  if (!funded) throw new ArgusError(ERROR_CODES.INTERNAL, 'the fork has no funded account');

  const known = await delegates(url, token);
  const all = await gov.proposals();
  let proposalId: bigint;
  let actions: ProposalActions;
  let proposer: Address | null;
  let proposedAt: bigint;
  if (options.proposalId !== undefined) {
    proposalId = options.proposalId;
    const found = all.find((p) => p.id === proposalId);
    if (!found) throw new ArgusError(ERROR_CODES.USAGE, `no ProposalCreated event for proposal ${proposalId} on governor ${governor}`);
    ({ actions, proposer, blockNumber: proposedAt } = found);
  } else if (options.actions) {
    actions = options.actions;
    const votes = await Promise.all(known.map(async (d) => ({ d, v: await gov.currentVotes(d) })));
    votes.sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : 0));
    proposer = votes[0]?.d ?? null;
    if (!proposer) throw new ArgusError(ERROR_CODES.USAGE, 'no delegate with voting power to propose on the fork');
    await impersonate(url, proposer);
    proposalId = await gov.propose(proposer, actions);
    proposedAt = await blockNumber(url);
  } else throw new ArgusError(ERROR_CODES.USAGE, 'give a proposal id or the proposal actions');
  if (actions.targets.length !== actions.values.length || actions.targets.length !== actions.calldatas.length) throw new ArgusError(ERROR_CODES.USAGE, 'targets, values and calldatas differ in length');
  // Decoding and the watch list read what the targets receive (a Bravo signature's selector included).
  const sent = gov.effectiveCalldatas(actions);

  const stateAtStart = await gov.state(proposalId);
  if (stateAtStart < 0) throw new ArgusError(ERROR_CODES.USAGE, `governor ${governor} does not know proposal ${proposalId}`);
  const snapshot = await gov.snapshot(proposalId);
  const deadline = await gov.deadline(proposalId);
  const votingDelay = await gov.votingDelay();
  const votingPeriod = await gov.votingPeriod();
  // Power gained within one voting cycle before the snapshot was bought or borrowed for this vote.
  const window = votingDelay + votingPeriod > 0n ? votingDelay + votingPeriod : 1n;
  const history = await proposerHistory(url, gov, all, proposer, proposalId, proposedAt, window, known);

  progress('voting');
  if (stateAtStart === 0) await mineTo(url, snapshot + 1n);
  // While the vote is open: would borrowed power count, and could it execute the proposal at once?
  const capture = (await gov.state(proposalId)) === 1 ? await probeCapture(url, gov, proposalId, actions, deadline) : null;
  const quorum = await gov.quorum(snapshot);
  const castTopic = keccak256(toHex('VoteCast(address,uint256,uint8,uint256,string)'));
  const cast = await rpc<Array<{ address: Address; topics: Hex[]; data: Hex }>>(url, 'eth_getLogs', [{ address: governor, topics: [castTopic], fromBlock: '0x0', toBlock: 'latest' }]);
  const voters: Voter[] = [];
  let instantPath: InstantPath | null = null;
  for (const log of cast) {
    const d = decodeEventLog({ abi: GOVERNOR_ABI, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    if (d.eventName !== 'VoteCast' || d.args.proposalId !== proposalId) continue;
    voters.push({ address: d.args.voter, votes: d.args.weight, votesBefore: await gov.pastVotes(d.args.voter, snapshot - window), support: d.args.support, simulated: false });
  }
  if ((await gov.state(proposalId)) === 1) {
    const power = await Promise.all(known.map(async (d) => ({ d, v: await gov.pastVotes(d, snapshot) })));
    power.sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : 0));
    for (const { d, v } of power) {
      const tally = await gov.tally(proposalId);
      if (tally && tally[1] + tally[2] >= quorum && tally[1] > tally[0] && (gov.kind === 'oz' || tally[1] >= quorum)) break;
      if (v === 0n || (await gov.hasVoted(proposalId, d))) continue;
      await impersonate(url, d);
      await gov.castVote(d, proposalId);
      voters.push({ address: d, votes: v, votesBefore: await gov.pastVotes(d, snapshot - window), support: 1, simulated: true });
    }
    // With the votes it has, can the proposal run before its vote ends (an emergency path)? Tried, then undone.
    if ((await gov.state(proposalId)) === 1) {
      const snap = await rpc<Hex>(url, 'evm_snapshot');
      try {
        instantPath = await findInstantPath(url, gov, proposalId, actions, deadline, funded);
      } finally {
        await rpc(url, 'evm_revert', [snap]);
      }
    }
    await mineTo(url, deadline + 1n);
  }
  const afterVote = await gov.state(proposalId);
  const passed = afterVote === 4 || afterVote === 5;
  let executed = false;
  let revertReason: string | null = null;
  const ethRequired = actions.values.reduce((a, b) => a + b, 0n);
  const timelockEthBefore = BigInt(await rpc<Hex>(url, 'eth_getBalance', [timelock, 'latest']));

  if (afterVote === 4 && (await gov.needsQueue(proposalId))) {
    progress('queueing');
    try {
      await gov.queue(funded, proposalId, actions);
    } catch (error) {
      if (!(error instanceof RevertedError)) throw error;
      revertReason = `queue reverted: ${error.message}`;
    }
  }
  if ((await gov.state(proposalId)) === 5) {
    const delay = (await gov.timelockDelay()) ?? 0n;
    await rpc(url, 'evm_increaseTime', [Number(delay) + 1]);
    await rpc(url, 'hardhat_mine', ['0x1']);
  }

  // Contracts to watch: governance itself, the targets, and every address in the calldata.
  const watched = new Set<Address>([governor, timelock, token, ...actions.targets.map((t) => getAddress(t))]);
  for (const data of sent) for (const word of (data.slice(10).match(/.{64}/g) ?? []) as string[]) {
    const a = slotAddress(`0x${word}`);
    if (a && BigInt(a) > 0xffffn) watched.add(a);
  }
  const preBlock = toHex(await blockNumber(url));
  const paramsBefore = await gov.params();
  // The targets' own recent traffic, replayed on the state before the execution (the baseline).
  const replayed: Array<{ target: Address; txs: TrafficTx[]; before: ReplayFlows; held: Map<Address | 'ETH', bigint> }> = [];
  if (passed) {
    progress('replaying traffic');
    for (const target of new Set(actions.targets.map((t) => getAddress(t)))) {
      if (target === governor || target === timelock || (await rpc<Hex>(url, 'eth_getCode', [target, 'latest'])) === '0x') continue;
      const txs = await recentTraffic(url, target, BigInt(preBlock));
      if (txs.length === 0) continue;
      const before = await replayOutflows(url, target, txs);
      replayed.push({ target, txs, before, held: await holdings(url, target, [...before.out.keys(), 'ETH']) });
    }
  }
  const logs: DecodedLog[] = [];
  let txHash: Hex | null = null;
  if (passed) {
    progress('executing');
    try {
      const receipt = await gov.execute(funded, proposalId, actions);
      executed = true;
      txHash = receipt.transactionHash;
      for (const l of receipt.logs) logs.push(decodeLog(l));
    } catch (error) {
      if (!(error instanceof RevertedError)) throw error;
      revertReason = error.message;
    }
  }
  const { storage, calls, available } = txHash ? await traceExecution(url, txHash, preBlock) : { storage: [], calls: [], available: false };
  for (const l of logs) {
    watched.add(l.address);
    for (const v of Object.values(l.args)) if (typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v)) watched.add(getAddress(v));
  }
  for (const c of calls) if (c.to) watched.add(c.to);
  watched.delete(zeroAddress);
  const before = new Map<Address, ContractState>();
  const after = new Map<Address, ContractState>();
  await Promise.all([...watched].map(async (a) => {
    before.set(a, await readContractState(url, a, preBlock));
    after.set(a, await readContractState(url, a, 'latest'));
  }));
  // New implementations are watched too (their code is what the protocol now runs).
  for (const s of [...after.values()]) if (s.implementation && !before.has(s.implementation)) {
    before.set(s.implementation, await readContractState(url, s.implementation, preBlock));
    after.set(s.implementation, await readContractState(url, s.implementation, 'latest'));
  }
  const paramsAfter = await gov.params();
  const tokenBalancesAfter = new Map<Address, bigint>();
  const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)']);
  for (const l of logs) if ((l.name === 'Transfer' || l.name === 'Approval') && !tokenBalancesAfter.has(l.address)) {
    const held = await Promise.all([governor, timelock].map(async (g) => (await call<bigint>(url, l.address, erc20, 'balanceOf', [g])) ?? 0n));
    tokenBalancesAfter.set(l.address, (held[0] ?? 0n) + (governor === timelock ? 0n : (held[1] ?? 0n)));
  }
  const chainId = Number(await rpc<Hex>(url, 'eth_chainId'));
  const probes = executed ? await probeNewCode(url, before, after, governor, timelock) : [];
  // What the DAO trusts: the targets, and whoever receives its ETH, tokens, allowances or powers.
  const trusted = new Set<Address>(actions.targets.map((t) => getAddress(t)));
  for (const c of calls) if (c.op === 'CALL' && c.value > 0n && c.to && (c.from === timelock || c.from === governor)) trusted.add(c.to);
  const isAddr = (v: unknown): v is Address => typeof v === 'string' && /^0x[0-9a-fA-F]{40}$/.test(v);
  for (const l of logs) {
    for (const key of ['spender', 'account', 'newOwner', 'newMinter', 'newPendingAdmin', 'newAdmin']) if (isAddr(l.args[key])) trusted.add(getAddress(l.args[key]));
    if (l.name === 'Transfer' && isAddr(l.args.to) && isAddr(l.args.from) && [governor, timelock].includes(getAddress(l.args.from))) trusted.add(getAddress(l.args.to));
  }
  for (const g of [governor, timelock, zeroAddress]) trusted.delete(g);
  const preCancun = await isPreCancun(url);
  const codeChange = await Promise.all([...trusted].map((a) => codeCanChange(url, options.rpcUrl, a, before.get(a) ?? null, preCancun)));
  // The same traffic on the state after the execution.
  const replay: ReplayComparison[] = [];
  if (executed) for (const r of replayed) {
    const afterFlows = await replayOutflows(url, r.target, r.txs);
    for (const a of afterFlows.out.keys()) if (!r.held.has(a)) r.held.set(a, (await holdings(url, r.target, [a])).get(a) ?? 0n);
    replay.push(...compareReplays(r.target, r.txs, r.before, afterFlows, r.held));
  }
  return {
    kind: gov.kind, chainId, governor, timelock, token, proposalId, proposer, actions, sentCalldatas: sent, stateAtStart, snapshot, quorum, window, voters, passed, executed, revertReason,
    ethRequired, timelockEthBefore, logs, before, after, paramsBefore, paramsAfter, storage, calls, traceAvailable: available, probes, forkUrl: url, tokenBalancesAfter,
    proposerHistory: history, preCancun, codeChange, capture, instantPath, replay,
    seconds: (performance.now() - started) / 1000,
  };
}

/** The execution's calls and the storage slots it wrote, before and after (src/governance/trace.ts). */
async function traceExecution(url: string, hash: Hex, preBlock: Hex): Promise<{ storage: StorageWrite[]; calls: CallRecord[]; available: boolean }> {
  const trace = await readTrace(url, hash);
  if (!trace) return { storage: [], calls: [], available: false };
  const storage: StorageWrite[] = [];
  for (const { address, slot } of trace.writes) {
    const [b, a] = await Promise.all([rpc<Hex>(url, 'eth_getStorageAt', [address, slot, preBlock]), rpc<Hex>(url, 'eth_getStorageAt', [address, slot, 'latest'])]);
    if (BigInt(b) !== BigInt(a)) storage.push({ address, slot, before: b, after: a });
  }
  return { storage, calls: trace.calls, available: true };
}

/**
 * After execution, a stranger calls each function of code the proposal installed (new implementations,
 * upgraded targets) with its own address as every argument. A call that makes the stranger owner or admin,
 * changes the implementation, or removes code means the proposal hands control to anyone: the Audius
 * re-initialisation and a self-destructible implementation are both seen this way, whatever the names.
 */
async function probeNewCode(url: string, before: Map<Address, ContractState>, after: Map<Address, ContractState>, governor: Address, timelock: Address): Promise<SimulationResult['probes']> {
  const { disassemble, dispatcher } = await import('../evm/disasm.js');
  const stranger = getAddress('0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe');
  await impersonate(url, stranger);
  const out: SimulationResult['probes'] = [];
  for (const [address, now] of after) {
    const then = before.get(address);
    if (!then || !now.implementation || now.implementation === then.implementation) continue;
    if (address === governor || address === timelock) continue;
    const impl = after.get(now.implementation);
    if (!impl || impl.code === '0x') continue;
    const oldSelectors = new Set(then.implementation ? dispatcher(disassemble(before.get(then.implementation)?.code ?? (await rpc<Hex>(url, 'eth_getCode', [then.implementation, 'latest'])))).map((e) => e.selector) : []);
    for (const { selector } of dispatcher(disassemble(impl.code))) {
      if (oldSelectors.has(selector)) continue;
      const snap = await rpc<Hex>(url, 'evm_snapshot');
      try {
        const arg = stranger.slice(2).toLowerCase().padStart(64, '0');
        await sendLocal(url, { from: stranger, to: address, data: `${selector}${arg.repeat(4)}` as Hex, gas: 3_000_000n }).catch(() => undefined);
        for (const target of [address, now.implementation]) {
          const s = await readContractState(url, target, 'latest');
          if (s.code === '0x') out.push({ address: target, selector: selector as Hex, effect: 'code destroyed' });
          else if (s.owner === stranger) out.push({ address: target, selector: selector as Hex, effect: 'stranger became owner' });
          else if (s.admin === stranger) out.push({ address: target, selector: selector as Hex, effect: 'stranger became admin' });
          else if (target === address && s.implementation !== now.implementation) out.push({ address: target, selector: selector as Hex, effect: 'implementation changed' });
        }
      } finally {
        await rpc(url, 'evm_revert', [snap]);
      }
    }
  }
  return out;
}

/** The proposer's earlier proposals on this governor and when its voting power arrived. */
async function proposerHistory(url: string, gov: GovernorAdapter, all: ProposalRecord[], proposer: Address | null, id: bigint, proposedAt: bigint, window: bigint, known: Address[]): Promise<ProposerHistory | null> {
  if (!proposer) return null;
  const earlier = await Promise.all(all.filter((p) => p.proposer === proposer && p.id !== id && p.blockNumber <= proposedAt).map(async (p) => ({ id: p.id, state: await gov.state(p.id), blockNumber: p.blockNumber })));
  const topic = keccak256(toHex('DelegateVotesChanged(address,uint256,uint256)'));
  const logs = known.includes(proposer) ? await rpc<Array<{ data: Hex; blockNumber: Hex }>>(url, 'eth_getLogs', [{ address: gov.token, topics: [topic, `0x${proposer.slice(2).toLowerCase().padStart(64, '0')}`], fromBlock: '0x0', toBlock: toHex(proposedAt) }], { timeoutMs: 60_000 }) : [];
  const powerChanges = logs.map((l) => ({ blockNumber: BigInt(l.blockNumber), votes: BigInt(`0x${l.data.slice(66, 130)}`) }));
  const firstPowerBlock = powerChanges.find((c) => c.votes > 0n)?.blockNumber ?? null;
  const at = proposedAt > 0n ? proposedAt - 1n : 0n;
  return {
    proposer, earlier, proposedAt,
    votesAtProposal: await gov.pastVotes(proposer, at),
    votesWindowBefore: await gov.pastVotes(proposer, at - window),
    firstPowerBlock,
    powerChanges: powerChanges.slice(-20),
  };
}
