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
import { EIP1967, GOVERNOR_ABI, KNOWN_ABI, PROBE_ABI, TIMELOCK_ABI, VOTES_ABI } from './abi.js';
import { impersonate, RevertedError, sendLocal } from './tx.js';

export interface ProposalActions {
  targets: Address[];
  values: bigint[];
  /** As proposed: with a Bravo signature, the arguments only (the selector comes from the signature). */
  calldatas: Hex[];
  description: string;
  /** GovernorBravo's function signatures ('' where the calldata is complete). */
  signatures?: string[];
}

export interface GovernanceParams {
  minDelay: bigint | null;
  votingDelay: bigint | null;
  votingPeriod: bigint | null;
  proposalThreshold: bigint | null;
  quorumNumerator: bigint | null;
  timelock: Address | null;
}

export interface ContractState {
  address: Address;
  code: Hex;
  balance: bigint;
  nonce: number;
  owner: Address | null;
  implementation: Address | null;
  admin: Address | null;
}

export interface StorageWrite {
  address: Address;
  slot: Hex;
  before: Hex;
  after: Hex;
}

export interface CallRecord {
  op: 'CALL' | 'DELEGATECALL' | 'STATICCALL' | 'CALLCODE' | 'CREATE' | 'CREATE2' | 'SELFDESTRUCT';
  from: Address;
  to: Address | null;
  value: bigint;
}

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

export interface SimulationResult {
  chainId: number;
  governor: Address;
  timelock: Address;
  token: Address;
  proposalId: bigint;
  proposer: Address | null;
  actions: ProposalActions;
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
  const owner = code === '0x' ? null : await call<Address>(url, address, PROBE_ABI, 'owner', [], block);
  return { address, code, balance: BigInt(balance), nonce: Number(nonce), owner, implementation: slotAddress(impl), admin: slotAddress(admin) };
}

async function readParams(url: string, governor: Address, timelock: Address): Promise<GovernanceParams> {
  const g = (fn: string) => call<bigint>(url, governor, GOVERNOR_ABI, fn);
  const [minDelay, votingDelay, votingPeriod, proposalThreshold, quorumNumerator, tl] = await Promise.all([
    call<bigint>(url, timelock, TIMELOCK_ABI, 'getMinDelay'),
    g('votingDelay'),
    g('votingPeriod'),
    g('proposalThreshold'),
    g('quorumNumerator'),
    call<Address>(url, governor, GOVERNOR_ABI, 'timelock'),
  ]);
  return { minDelay, votingDelay, votingPeriod, proposalThreshold, quorumNumerator, timelock: tl };
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

/** Finds the proposal's actions from its ProposalCreated event on the governor. */
async function findProposal(url: string, governor: Address, proposalId: bigint): Promise<{ actions: ProposalActions; proposer: Address }> {
  const topic = keccak256(toHex('ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)'));
  const logs = await rpc<Array<{ address: Address; topics: Hex[]; data: Hex }>>(url, 'eth_getLogs', [{ address: governor, topics: [topic], fromBlock: '0x0', toBlock: 'latest' }], { timeoutMs: 60_000 });
  for (const log of logs) {
    const d = decodeEventLog({ abi: GOVERNOR_ABI, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    if (d.eventName !== 'ProposalCreated' || d.args.proposalId !== proposalId) continue;
    const a = d.args;
    return { proposer: a.proposer, actions: { targets: [...a.targets], values: [...a.values], calldatas: [...a.calldatas], description: a.description } };
  }
  throw new ArgusError(ERROR_CODES.USAGE, `no ProposalCreated event for proposal ${proposalId} on governor ${governor}`);
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
  const fork = options.fork ?? (await Fork.start({ upstreamUrl: options.rpcUrl }));
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
  if ((await rpc<Hex>(url, 'eth_getCode', [governor, 'latest'])) === '0x') throw new ArgusError(ERROR_CODES.USAGE, `${governor} has no code: not a governor`);
  const token = await call<Address>(url, governor, GOVERNOR_ABI, 'token');
  const timelock = (await call<Address>(url, governor, GOVERNOR_ABI, 'timelock')) ?? governor;
  if (!token) throw new ArgusError(ERROR_CODES.USAGE, `${governor} does not answer token(): not an OpenZeppelin Governor`);
  const [funded] = await rpc<Address[]>(url, 'eth_accounts');
  if (!funded) throw new ArgusError(ERROR_CODES.INTERNAL, 'the fork has no funded account');

  const known = await delegates(url, token);
  let proposalId: bigint;
  let actions: ProposalActions;
  let proposer: Address | null;
  if (options.proposalId !== undefined) {
    proposalId = options.proposalId;
    ({ actions, proposer } = await findProposal(url, governor, proposalId));
  } else if (options.actions) {
    actions = options.actions;
    const votes = await Promise.all(known.map(async (d) => ({ d, v: (await call<bigint>(url, token, VOTES_ABI, 'getVotes', [d])) ?? 0n })));
    votes.sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : 0));
    proposer = votes[0]?.d ?? null;
    if (!proposer) throw new ArgusError(ERROR_CODES.USAGE, 'no delegate with voting power to propose on the fork');
    await impersonate(url, proposer);
    await sendLocal(url, { from: proposer, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'propose', args: [actions.targets, actions.values, actions.calldatas, actions.description] }) });
    proposalId = (await call<bigint>(url, governor, GOVERNOR_ABI, 'hashProposal', [actions.targets, actions.values, actions.calldatas, keccak256(toHex(actions.description))])) ?? 0n;
  } else throw new ArgusError(ERROR_CODES.USAGE, 'give a proposal id or the proposal actions');
  if (actions.targets.length !== actions.values.length || actions.targets.length !== actions.calldatas.length) throw new ArgusError(ERROR_CODES.USAGE, 'targets, values and calldatas differ in length');
  const descriptionHash = keccak256(toHex(actions.description));
  const args = [actions.targets, actions.values, actions.calldatas, descriptionHash] as const;

  const state = async () => Number((await call<number>(url, governor, GOVERNOR_ABI, 'state', [proposalId])) ?? -1);
  const stateAtStart = await state();
  if (stateAtStart < 0) throw new ArgusError(ERROR_CODES.USAGE, `governor ${governor} does not know proposal ${proposalId}`);
  const snapshot = (await call<bigint>(url, governor, GOVERNOR_ABI, 'proposalSnapshot', [proposalId])) ?? 0n;
  const deadline = (await call<bigint>(url, governor, GOVERNOR_ABI, 'proposalDeadline', [proposalId])) ?? 0n;
  const votingDelay = (await call<bigint>(url, governor, GOVERNOR_ABI, 'votingDelay')) ?? 0n;
  const votingPeriod = (await call<bigint>(url, governor, GOVERNOR_ABI, 'votingPeriod')) ?? 0n;
  // Power gained within one voting cycle before the snapshot was bought or borrowed for this vote.
  const window = votingDelay + votingPeriod > 0n ? votingDelay + votingPeriod : 1n;

  progress('voting');
  if (stateAtStart === 0) await mineTo(url, snapshot + 1n);
  const quorum = (await call<bigint>(url, governor, GOVERNOR_ABI, 'quorum', [snapshot])) ?? 0n;
  const castTopic = keccak256(toHex('VoteCast(address,uint256,uint8,uint256,string)'));
  const cast = await rpc<Array<{ address: Address; topics: Hex[]; data: Hex }>>(url, 'eth_getLogs', [{ address: governor, topics: [castTopic], fromBlock: '0x0', toBlock: 'latest' }]);
  const voters: Voter[] = [];
  const pastVotes = async (who: Address, at: bigint) => (at < 0n ? 0n : ((await call<bigint>(url, token, VOTES_ABI, 'getPastVotes', [who, at])) ?? 0n));
  for (const log of cast) {
    const d = decodeEventLog({ abi: GOVERNOR_ABI, topics: log.topics as [Hex, ...Hex[]], data: log.data });
    if (d.eventName !== 'VoteCast' || d.args.proposalId !== proposalId) continue;
    voters.push({ address: d.args.voter, votes: d.args.weight, votesBefore: await pastVotes(d.args.voter, snapshot - window), support: d.args.support, simulated: false });
  }
  if ((await state()) === 1) {
    const power = await Promise.all(known.map(async (d) => ({ d, v: await pastVotes(d, snapshot) })));
    power.sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : 0));
    for (const { d, v } of power) {
      const tally = await call<readonly [bigint, bigint, bigint]>(url, governor, GOVERNOR_ABI, 'proposalVotes', [proposalId]);
      if (tally && tally[1] + tally[2] >= quorum && tally[1] > tally[0]) break;
      if (v === 0n || (await call<boolean>(url, governor, GOVERNOR_ABI, 'hasVoted', [proposalId, d]))) continue;
      await impersonate(url, d);
      await sendLocal(url, { from: d, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'castVote', args: [proposalId, 1] }) });
      voters.push({ address: d, votes: v, votesBefore: await pastVotes(d, snapshot - window), support: 1, simulated: true });
    }
    await mineTo(url, deadline + 1n);
  }
  const afterVote = await state();
  const passed = afterVote === 4 || afterVote === 5;
  let executed = false;
  let revertReason: string | null = null;
  const ethRequired = actions.values.reduce((a, b) => a + b, 0n);
  const timelockEthBefore = BigInt(await rpc<Hex>(url, 'eth_getBalance', [timelock, 'latest']));

  if (afterVote === 4 && (await call<boolean>(url, governor, GOVERNOR_ABI, 'proposalNeedsQueuing', [proposalId]))) {
    progress('queueing');
    await sendLocal(url, { from: funded, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'queue', args }) });
  }
  if ((await state()) === 5) {
    const delay = (await call<bigint>(url, timelock, TIMELOCK_ABI, 'getMinDelay')) ?? 0n;
    await rpc(url, 'evm_increaseTime', [Number(delay) + 1]);
    await rpc(url, 'hardhat_mine', ['0x1']);
  }

  // Contracts to watch: governance itself, the targets, and every address in the calldata.
  const watched = new Set<Address>([governor, timelock, token, ...actions.targets.map((t) => getAddress(t))]);
  for (const data of actions.calldatas) for (const word of (data.slice(10).match(/.{64}/g) ?? []) as string[]) {
    const a = slotAddress(`0x${word}`);
    if (a && BigInt(a) > 0xffffn) watched.add(a);
  }
  const preBlock = toHex(await blockNumber(url));
  const paramsBefore = await readParams(url, governor, timelock);
  const logs: DecodedLog[] = [];
  let txHash: Hex | null = null;
  if (passed) {
    progress('executing');
    try {
      const receipt = await sendLocal(url, { from: funded, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'execute', args }), value: 0n });
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
  const paramsAfter = await readParams(url, governor, timelock);
  const tokenBalancesAfter = new Map<Address, bigint>();
  const erc20 = parseAbi(['function balanceOf(address) view returns (uint256)']);
  for (const l of logs) if ((l.name === 'Transfer' || l.name === 'Approval') && !tokenBalancesAfter.has(l.address)) {
    const held = await Promise.all([governor, timelock].map(async (g) => (await call<bigint>(url, l.address, erc20, 'balanceOf', [g])) ?? 0n));
    tokenBalancesAfter.set(l.address, (held[0] ?? 0n) + (governor === timelock ? 0n : (held[1] ?? 0n)));
  }
  const chainId = Number(await rpc<Hex>(url, 'eth_chainId'));
  const probes = executed ? await probeNewCode(url, before, after, governor, timelock) : [];
  return {
    chainId, governor, timelock, token, proposalId, proposer, actions, stateAtStart, snapshot, quorum, window, voters, passed, executed, revertReason,
    ethRequired, timelockEthBefore, logs, before, after, paramsBefore, paramsAfter, storage, calls, traceAvailable: available, probes, forkUrl: url, tokenBalancesAfter,
    seconds: (performance.now() - started) / 1000,
  };
}

interface StructLog { op: string; depth: number; stack?: string[] }

const word = (s: string | undefined): bigint => (s === undefined ? 0n : BigInt(s.startsWith('0x') ? s : `0x${s}`));
const addrOf = (v: bigint): Address => getAddress(`0x${(v & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`);

/**
 * The execution's struct-log trace, read frame by frame: who called whom with how much ETH, which code ran
 * by DELEGATECALL, what was created or destroyed, and which storage slots of which contract were written.
 */
async function traceExecution(url: string, hash: Hex, preBlock: Hex): Promise<{ storage: StorageWrite[]; calls: CallRecord[]; available: boolean }> {
  let trace: { structLogs: StructLog[] };
  try {
    trace = await rpc(url, 'debug_traceTransaction', [hash, { disableMemory: true, disableStorage: true }], { timeoutMs: 120_000 });
  } catch {
    return { storage: [], calls: [], available: false };
  }
  const receipt = await rpc<{ to: Address }>(url, 'eth_getTransactionByHash', [hash]);
  const frames: Array<{ ctx: Address | null }> = [{ ctx: getAddress(receipt.to) }];
  const calls: CallRecord[] = [];
  const writes = new Map<string, { address: Address; slot: Hex }>();
  const logs = trace.structLogs;
  const pendingCreate: CallRecord[] = [];
  for (let i = 0; i < logs.length; i++) {
    const s = logs[i] as StructLog;
    const next = logs[i + 1];
    const frame = frames[s.depth - 1] ?? frames[frames.length - 1]!;
    frames.length = s.depth;
    const st = s.stack ?? [];
    const top = (k: number) => word(st[st.length - 1 - k]);
    const ctx = frame.ctx ?? zeroAddress;
    switch (s.op) {
      case 'CALL': case 'CALLCODE': case 'STATICCALL': case 'DELEGATECALL': {
        const to = addrOf(top(1));
        const value = s.op === 'CALL' || s.op === 'CALLCODE' ? top(2) : 0n;
        calls.push({ op: s.op, from: ctx, to, value });
        if (next && next.depth === s.depth + 1) frames[s.depth] = { ctx: s.op === 'CALL' || s.op === 'STATICCALL' ? to : ctx };
        break;
      }
      case 'CREATE': case 'CREATE2': {
        const rec: CallRecord = { op: s.op, from: ctx, to: null, value: top(0) };
        calls.push(rec);
        pendingCreate.push(rec);
        if (next && next.depth === s.depth + 1) frames[s.depth] = { ctx: null };
        break;
      }
      case 'SELFDESTRUCT':
        calls.push({ op: 'SELFDESTRUCT', from: ctx, to: addrOf(top(0)), value: 0n });
        break;
      case 'SSTORE': {
        const slot = toHex(top(0), { size: 32 });
        writes.set(`${ctx}:${slot}`, { address: ctx, slot });
        break;
      }
      default:
        break;
    }
    // Back in a creating frame: the new address is on top of the stack.
    if (next && next.depth < s.depth && pendingCreate.length > 0 && (logs[i + 1]?.stack?.length ?? 0) > 0) {
      const rec = pendingCreate.pop() as CallRecord;
      const v = word(next.stack?.[next.stack.length - 1]);
      if (v !== 0n) rec.to = addrOf(v);
    }
  }
  const storage: StorageWrite[] = [];
  for (const { address, slot } of writes.values()) {
    const [b, a] = await Promise.all([rpc<Hex>(url, 'eth_getStorageAt', [address, slot, preBlock]), rpc<Hex>(url, 'eth_getStorageAt', [address, slot, 'latest'])]);
    if (BigInt(b) !== BigInt(a)) storage.push({ address, slot, before: b, after: a });
  }
  return { storage, calls, available: true };
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
