/**
 * The governor kinds the simulator drives, behind one interface: an OpenZeppelin Governor (proposal ids
 * are hashes of the actions, queue/execute take the actions, votes from an ERC20Votes token, quorum as a
 * fraction, a TimelockController) and Compound's GovernorBravo shape (numbered proposals, queue/execute by
 * id, function signatures, a Comp-like token's `getPriorVotes`, a fixed `quorumVotes`, a Timelock with
 * `delay`). The kind is told by what the contract answers, not by a list of addresses.
 */
import { decodeEventLog, decodeFunctionResult, encodeFunctionData, getAddress, keccak256, toFunctionSelector, toHex, type Abi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES } from '../core/errors.js';
import { rpc } from '../chain/rpc/json-rpc.js';
import { BRAVO_ABI, BRAVO_TIMELOCK_ABI, COMP_ABI, GOVERNOR_ABI, TIMELOCK_ABI, VOTES_ABI } from './abi.js';
import { sendLocal } from './tx.js';
import type { GovernanceParams, ProposalActions } from './types.js';

export type GovernorKind = 'oz' | 'bravo';

export interface ProposalRecord {
  id: bigint;
  proposer: Address;
  actions: ProposalActions;
  blockNumber: bigint;
}

export interface GovernorAdapter {
  kind: GovernorKind;
  governor: Address;
  token: Address;
  timelock: Address;
  /** Every proposal the governor announced (ProposalCreated), oldest first. */
  proposals(): Promise<ProposalRecord[]>;
  propose(from: Address, actions: ProposalActions): Promise<bigint>;
  state(id: bigint): Promise<number>;
  snapshot(id: bigint): Promise<bigint>;
  deadline(id: bigint): Promise<bigint>;
  votingDelay(): Promise<bigint>;
  votingPeriod(): Promise<bigint>;
  quorum(snapshot: bigint): Promise<bigint>;
  pastVotes(who: Address, at: bigint): Promise<bigint>;
  currentVotes(who: Address): Promise<bigint>;
  hasVoted(id: bigint, who: Address): Promise<boolean>;
  /** Against, for, abstain. */
  tally(id: bigint): Promise<readonly [bigint, bigint, bigint] | null>;
  castVote(from: Address, id: bigint): Promise<void>;
  /** Succeeded proposals that go through a timelock are queued first. */
  needsQueue(id: bigint): Promise<boolean>;
  queue(from: Address, id: bigint, actions: ProposalActions): Promise<void>;
  timelockDelay(): Promise<bigint | null>;
  execute(from: Address, id: bigint, actions: ProposalActions): Promise<{ transactionHash: Hex; logs: Array<{ address: Address; topics: Hex[]; data: Hex }> }>;
  params(): Promise<GovernanceParams>;
  /** The calldata the target receives (Bravo: the signature's selector before the arguments). */
  effectiveCalldatas(actions: ProposalActions): Hex[];
}

export async function viewCall<T>(url: string, to: Address, abi: Abi, fn: string, args: readonly unknown[] = [], block: string = 'latest'): Promise<T | null> {
  const data = encodeFunctionData({ abi, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
  try {
    const out = await rpc<Hex>(url, 'eth_call', [{ to, data }, block]);
    if (out === '0x') return null;
    return decodeFunctionResult({ abi, functionName: fn, data: out } as Parameters<typeof decodeFunctionResult>[0]) as T;
  } catch {
    return null;
  }
}

type RawLog = { address: Address; topics: Hex[]; data: Hex; blockNumber: Hex };

async function createdLogs(url: string, governor: Address): Promise<RawLog[]> {
  const topic = keccak256(toHex('ProposalCreated(uint256,address,address[],uint256[],string[],bytes[],uint256,uint256,string)'));
  return rpc<RawLog[]>(url, 'eth_getLogs', [{ address: governor, topics: [topic], fromBlock: '0x0', toBlock: 'latest' }], { timeoutMs: 60_000 });
}

/** Tells the kind from what the governor answers; a contract that is neither is a usage error. */
export async function governorAdapter(url: string, governor: Address): Promise<GovernorAdapter> {
  const code = await rpc<Hex>(url, 'eth_getCode', [governor, 'latest']);
  if (code === '0x') throw new ArgusError(ERROR_CODES.USAGE, `${governor} has no code: not a governor`);
  const comp = await viewCall<Address>(url, governor, BRAVO_ABI, 'comp');
  const count = comp ? await viewCall<bigint>(url, governor, BRAVO_ABI, 'proposalCount') : null;
  if (comp && count !== null) {
    const timelock = await viewCall<Address>(url, governor, BRAVO_ABI, 'timelock');
    if (!timelock) throw new ArgusError(ERROR_CODES.USAGE, `${governor} looks like GovernorBravo but answers no timelock()`);
    return bravo(url, governor, getAddress(comp), getAddress(timelock));
  }
  const token = await viewCall<Address>(url, governor, GOVERNOR_ABI, 'token');
  if (!token) throw new ArgusError(ERROR_CODES.USAGE, `${governor} answers neither token() (OpenZeppelin Governor) nor comp() and proposalCount() (GovernorBravo): not a governor Argus can simulate`);
  const timelock = (await viewCall<Address>(url, governor, GOVERNOR_ABI, 'timelock')) ?? governor;
  return openZeppelin(url, governor, getAddress(token), getAddress(timelock));
}

function openZeppelin(url: string, governor: Address, token: Address, timelock: Address): GovernorAdapter {
  const g = <T>(fn: string, args: readonly unknown[] = []) => viewCall<T>(url, governor, GOVERNOR_ABI, fn, args);
  const hashArgs = (a: ProposalActions) => [a.targets, a.values, a.calldatas, keccak256(toHex(a.description))] as const;
  return {
    kind: 'oz', governor, token, timelock,
    async proposals() {
      return (await createdLogs(url, governor)).map((log) => {
        const d = decodeEventLog({ abi: GOVERNOR_ABI, eventName: 'ProposalCreated', topics: log.topics as [Hex, ...Hex[]], data: log.data }).args;
        return { id: d.proposalId, proposer: getAddress(d.proposer), blockNumber: BigInt(log.blockNumber), actions: { targets: [...d.targets], values: [...d.values], calldatas: [...d.calldatas], description: d.description } };
      });
    },
    async propose(from, a) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'propose', args: [a.targets, a.values, a.calldatas, a.description] }) });
      return (await g<bigint>('hashProposal', hashArgs(a))) ?? 0n;
    },
    state: async (id) => Number((await g<number>('state', [id])) ?? -1),
    snapshot: async (id) => (await g<bigint>('proposalSnapshot', [id])) ?? 0n,
    deadline: async (id) => (await g<bigint>('proposalDeadline', [id])) ?? 0n,
    votingDelay: async () => (await g<bigint>('votingDelay')) ?? 0n,
    votingPeriod: async () => (await g<bigint>('votingPeriod')) ?? 0n,
    quorum: async (snapshot) => (await g<bigint>('quorum', [snapshot])) ?? 0n,
    pastVotes: async (who, at) => (at < 0n ? 0n : ((await viewCall<bigint>(url, token, VOTES_ABI, 'getPastVotes', [who, at])) ?? 0n)),
    currentVotes: async (who) => (await viewCall<bigint>(url, token, VOTES_ABI, 'getVotes', [who])) ?? 0n,
    hasVoted: async (id, who) => (await g<boolean>('hasVoted', [id, who])) ?? false,
    tally: (id) => g<readonly [bigint, bigint, bigint]>('proposalVotes', [id]),
    async castVote(from, id) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'castVote', args: [id, 1] }) });
    },
    needsQueue: async (id) => (await g<boolean>('proposalNeedsQueuing', [id])) ?? false,
    async queue(from, _id, a) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'queue', args: hashArgs(a) }) });
    },
    timelockDelay: () => viewCall<bigint>(url, timelock, TIMELOCK_ABI, 'getMinDelay'),
    execute: (from, _id, a) => sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: GOVERNOR_ABI, functionName: 'execute', args: hashArgs(a) }), value: 0n }),
    async params() {
      const [minDelay, votingDelay, votingPeriod, proposalThreshold, quorumNumerator, tl] = await Promise.all([
        viewCall<bigint>(url, timelock, TIMELOCK_ABI, 'getMinDelay'), g<bigint>('votingDelay'), g<bigint>('votingPeriod'), g<bigint>('proposalThreshold'), g<bigint>('quorumNumerator'), g<Address>('timelock'),
      ]);
      return { minDelay, votingDelay, votingPeriod, proposalThreshold, quorumNumerator, quorumVotes: null, timelock: tl };
    },
    effectiveCalldatas: (a) => a.calldatas,
  };
}

function bravo(url: string, governor: Address, token: Address, timelock: Address): GovernorAdapter {
  const g = <T>(fn: string, args: readonly unknown[] = []) => viewCall<T>(url, governor, BRAVO_ABI, fn, args);
  type P = readonly [bigint, Address, bigint, bigint, bigint, bigint, bigint, bigint, boolean, boolean];
  const proposal = (id: bigint) => g<P>('proposals', [id]);
  return {
    kind: 'bravo', governor, token, timelock,
    async proposals() {
      return (await createdLogs(url, governor)).map((log) => {
        const d = decodeEventLog({ abi: BRAVO_ABI, eventName: 'ProposalCreated', topics: log.topics as [Hex, ...Hex[]], data: log.data }).args;
        return { id: d.id, proposer: getAddress(d.proposer), blockNumber: BigInt(log.blockNumber), actions: { targets: [...d.targets], values: [...d.values], calldatas: [...d.calldatas], signatures: [...d.signatures], description: d.description } };
      });
    },
    async propose(from, a) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'propose', args: [a.targets, a.values, a.signatures ?? a.targets.map(() => ''), a.calldatas, a.description] }) });
      return (await g<bigint>('proposalCount')) ?? 0n;
    },
    state: async (id) => Number((await g<number>('state', [id])) ?? -1),
    snapshot: async (id) => (await proposal(id))?.[3] ?? 0n,
    deadline: async (id) => (await proposal(id))?.[4] ?? 0n,
    votingDelay: async () => (await g<bigint>('votingDelay')) ?? 0n,
    votingPeriod: async () => (await g<bigint>('votingPeriod')) ?? 0n,
    quorum: async () => (await g<bigint>('quorumVotes')) ?? 0n,
    pastVotes: async (who, at) => (at < 0n ? 0n : ((await viewCall<bigint>(url, token, COMP_ABI, 'getPriorVotes', [who, at])) ?? 0n)),
    currentVotes: async (who) => (await viewCall<bigint>(url, token, COMP_ABI, 'getCurrentVotes', [who])) ?? 0n,
    hasVoted: async (id, who) => (await g<{ hasVoted: boolean }>('getReceipt', [id, who]))?.hasVoted ?? false,
    async tally(id) {
      const p = await proposal(id);
      return p ? ([p[6], p[5], p[7]] as const) : null;
    },
    async castVote(from, id) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'castVote', args: [id, 1] }) });
    },
    needsQueue: async () => true,
    async queue(from, id) {
      await sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'queue', args: [id] }) });
    },
    timelockDelay: () => viewCall<bigint>(url, timelock, BRAVO_TIMELOCK_ABI, 'delay'),
    execute: (from, id) => sendLocal(url, { from, to: governor, data: encodeFunctionData({ abi: BRAVO_ABI, functionName: 'execute', args: [id] }), value: 0n }),
    async params() {
      const [minDelay, votingDelay, votingPeriod, proposalThreshold, quorumVotes, tl] = await Promise.all([
        viewCall<bigint>(url, timelock, BRAVO_TIMELOCK_ABI, 'delay'), g<bigint>('votingDelay'), g<bigint>('votingPeriod'), g<bigint>('proposalThreshold'), g<bigint>('quorumVotes'), g<Address>('timelock'),
      ]);
      return { minDelay, votingDelay, votingPeriod, proposalThreshold, quorumNumerator: null, quorumVotes, timelock: tl };
    },
    effectiveCalldatas: (a) => a.calldatas.map((data, i) => {
      const sig = a.signatures?.[i] ?? '';
      return sig === '' ? data : (`${toFunctionSelector(sig)}${data.slice(2)}` as Hex);
    }),
  };
}
