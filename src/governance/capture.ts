/**
 * Vote capture on the fork, tried rather than guessed: can voting power that did not exist at the proposal's
 * snapshot (borrowed by flash loan, bought on the spot) be counted, and can a proposal be executed while its
 * vote is still open (an emergency or instant path that skips the rest of the vote and any delay)?
 *
 * - Borrowable power: holders of the voting token that lend it within one transaction: ERC-3156 lenders
 *   (`maxFlashLoan(token)`) and Uniswap-V2-style pairs (flash swaps of their reserve), found among the
 *   token's recent recipients by what they answer, not by name.
 * - The probe: on a snapshot of the fork while the vote is open, the borrowable amount is moved from each
 *   source to a fresh account (what the loan would hand over inside the transaction), which delegates to
 *   itself and votes. The weight the governor records is the answer: 0 when it weighs votes at the
 *   snapshot, the borrowed amount when it weighs them when cast (Beanstalk, 2022).
 * - The instant path: every function of the governor is called with the proposal's id, and with its
 *   actions and description hash (the OpenZeppelin form); a call after which the proposal is Executed
 *   before its deadline is a path that skips the vote's end and the timelock. Tried with the borrowed
 *   power and, separately, with the votes the simulator cast for the proposal.
 * Everything runs inside evm_snapshot / evm_revert: the simulation continues from the untouched fork.
 */
import { decodeEventLog, encodeAbiParameters, encodeFunctionData, getAddress, keccak256, parseAbi, toFunctionSelector, toHex, type Address, type Hex } from 'viem';
import { rpc } from '../chain/rpc/json-rpc.js';
import { disassemble, dispatcher } from '../evm/disasm.js';
import { GOVERNOR_ABI } from './abi.js';
import { viewCall, type GovernorAdapter } from './kinds.js';
import { impersonate, sendLocal } from './tx.js';
import type { ProposalActions } from './types.js';

export interface FlashSource {
  address: Address;
  kind: 'erc3156' | 'pair';
  amount: bigint;
}

export interface CaptureProbe {
  sources: FlashSource[];
  borrowable: bigint;
  /** Weight the governor counted for the borrowed power; null when nothing was borrowable (not tried). */
  countedWeight: bigint | null;
  /** The proposal executed by the borrower before its vote ended: through which function, at which block. */
  executedWithBorrowed: InstantPath | null;
  deadline: bigint;
}

export interface InstantPath {
  selector: Hex;
  form: 'id' | 'actions';
  block: bigint;
}

const LENDING_ABI = parseAbi([
  'function maxFlashLoan(address) view returns (uint256)',
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function getReserves() view returns (uint112, uint112, uint32)',
  'function balanceOf(address) view returns (uint256)',
  'function transfer(address,uint256) returns (bool)',
  'function delegate(address)',
]);
const TRANSFER = keccak256(toHex('Transfer(address,address,uint256)'));
/** Selectors of the read-only functions of the OpenZeppelin Governor and GovernorBravo standards. */
const STANDARD_VIEWS = new Set([
  'state(uint256)', 'proposalSnapshot(uint256)', 'proposalDeadline(uint256)', 'proposalProposer(uint256)', 'proposalEta(uint256)', 'proposalNeedsQueuing(uint256)',
  'proposalVotes(uint256)', 'hasVoted(uint256,address)', 'hashProposal(address[],uint256[],bytes[],bytes32)', 'token()', 'timelock()', 'clock()', 'CLOCK_MODE()',
  'votingDelay()', 'votingPeriod()', 'proposalThreshold()', 'quorum(uint256)', 'quorumNumerator()', 'quorumNumerator(uint256)', 'quorumDenominator()', 'name()', 'version()',
  'COUNTING_MODE()', 'getVotes(address,uint256)', 'getVotesWithParams(address,uint256,bytes)', 'nonces(address)', 'eip712Domain()', 'supportsInterface(bytes4)',
  'BALLOT_TYPEHASH()', 'EXTENDED_BALLOT_TYPEHASH()', 'proposalCount()', 'proposals(uint256)', 'getReceipt(uint256,address)', 'getActions(uint256)', 'comp()', 'admin()',
  'pendingAdmin()', 'quorumVotes()', 'latestProposalIds(address)', 'MIN_VOTING_PERIOD()', 'MAX_VOTING_PERIOD()', 'MIN_VOTING_DELAY()', 'MAX_VOTING_DELAY()',
  'MIN_PROPOSAL_THRESHOLD()', 'MAX_PROPOSAL_THRESHOLD()', 'proposalMaxOperations()', 'DOMAIN_TYPEHASH()', 'initialProposalId()', 'implementation()',
  // The token-receiver hooks a Governor answers (pure in the standard).
  'onERC721Received(address,address,uint256,bytes)', 'onERC1155Received(address,address,uint256,uint256,bytes)', 'onERC1155BatchReceived(address,address,uint256[],uint256[],bytes)',
].map((sig) => toFunctionSelector(`function ${sig}`)));
/** A fresh account: never used on any chain, so its votes can only come from the probe. */
export const PROBE_BORROWER = getAddress('0xf1a5f1a5f1a5f1a5f1a5f1a5f1a5f1a5f1a5f1a5');
/** How far back the token's recipients are read for lenders (blocks). */
const HOLDER_WINDOW = 50_000n;

/** Contracts among the token's recent recipients that lend it within one transaction, and how much. */
export async function flashSources(url: string, token: Address): Promise<FlashSource[]> {
  const head = BigInt(await rpc<Hex>(url, 'eth_blockNumber'));
  const from = head > HOLDER_WINDOW ? head - HOLDER_WINDOW : 0n;
  const logs = await rpc<Array<{ topics: Hex[] }>>(url, 'eth_getLogs', [{ address: token, topics: [TRANSFER], fromBlock: toHex(from), toBlock: 'latest' }], { timeoutMs: 60_000 }).catch(() => []);
  const recipients = [...new Set(logs.map((l) => l.topics[2]).filter((t): t is Hex => !!t).map((t) => getAddress(`0x${t.slice(26)}`)))].slice(-500);
  const out: FlashSource[] = [];
  await Promise.all(recipients.map(async (a) => {
    if ((await rpc<Hex>(url, 'eth_getCode', [a, 'latest'])) === '0x') return;
    const held = (await viewCall<bigint>(url, token, LENDING_ABI, 'balanceOf', [a])) ?? 0n;
    if (held === 0n) return;
    const max = await viewCall<bigint>(url, a, LENDING_ABI, 'maxFlashLoan', [token]);
    if (max !== null && max > 0n) {
      out.push({ address: a, kind: 'erc3156', amount: max < held ? max : held });
      return;
    }
    const [t0, t1, reserves] = await Promise.all([viewCall<Address>(url, a, LENDING_ABI, 'token0'), viewCall<Address>(url, a, LENDING_ABI, 'token1'), viewCall<readonly [bigint, bigint, number]>(url, a, LENDING_ABI, 'getReserves')]);
    if (!reserves || !t0 || !t1) return;
    const reserve = getAddress(t0) === token ? reserves[0] : getAddress(t1) === token ? reserves[1] : 0n;
    // A flash swap can take all but one unit of the reserve.
    if (reserve > 1n) out.push({ address: a, kind: 'pair', amount: reserve - 1n });
  }));
  return out.sort((x, y) => (x.address < y.address ? -1 : 1));
}

const send = (url: string, from: Address, to: Address, data: Hex) => sendLocal(url, { from, to, data, gas: 5_000_000n });

/**
 * Calls each function of the governor with the proposal's id or actions, from `from`, until one leaves the
 * proposal Executed before `deadline`. Each attempt runs in its own snapshot; a hit is kept applied.
 */
export async function findInstantPath(url: string, gov: GovernorAdapter, id: bigint, actions: ProposalActions, deadline: bigint, from: Address): Promise<InstantPath | null> {
  const code = await rpc<Hex>(url, 'eth_getCode', [gov.governor, 'latest']);
  if (code === '0x') return null;
  const idArg = encodeAbiParameters([{ type: 'uint256' }], [id]).slice(2);
  const actionArgs = encodeAbiParameters([{ type: 'address[]' }, { type: 'uint256[]' }, { type: 'bytes[]' }, { type: 'bytes32' }], [actions.targets, actions.values, actions.calldatas, keccak256(toHex(actions.description))]).slice(2);
  const tries: Array<{ selector: Hex; form: 'id' | 'actions'; data: Hex }> = [];
  for (const { selector } of dispatcher(disassemble(code))) {
    // The standard's read-only functions cannot execute anything: not tried (a third of a governor's functions).
    if (STANDARD_VIEWS.has(selector.toLowerCase() as Hex)) continue;
    tries.push({ selector: selector as Hex, form: 'id', data: `${selector}${idArg}` as Hex });
    if (gov.kind === 'oz') tries.push({ selector: selector as Hex, form: 'actions', data: `${selector}${actionArgs}` as Hex });
  }
  // A call that reverts in eth_call cannot execute anything: only the others are sent.
  const live = (await Promise.all(tries.map(async (t) => {
    try {
      await rpc<Hex>(url, 'eth_call', [{ from, to: gov.governor, data: t.data, gas: '0x4c4b40' }, 'latest']);
      return t;
    } catch {
      return null;
    }
  }))).filter((t): t is NonNullable<typeof t> => !!t);
  for (const t of live) {
    const snap = await rpc<Hex>(url, 'evm_snapshot');
    let hit = false;
    try {
      const receipt = await send(url, from, gov.governor, t.data);
      const block = BigInt(receipt.blockNumber);
      hit = (await gov.state(id)) === 7 && block <= deadline;
      if (hit) return { selector: t.selector, form: t.form, block };
    } catch {
      // reverted when sent: not a path
    } finally {
      if (!hit) await rpc(url, 'evm_revert', [snap]);
    }
  }
  return null;
}

/** The weight recorded by VoteCast for `voter` in a receipt (OpenZeppelin and Bravo shapes). */
function castWeight(logs: Array<{ topics: Hex[]; data: Hex }>, voter: Address): bigint {
  for (const log of logs) {
    try {
      const d = decodeEventLog({ abi: GOVERNOR_ABI, topics: log.topics as [Hex, ...Hex[]], data: log.data });
      if (d.eventName === 'VoteCast' && getAddress(d.args.voter) === voter) return d.args.weight;
    } catch {
      // another event
    }
  }
  return 0n;
}

/** Runs the capture probe while the proposal's vote is open; leaves the fork as it found it. */
export async function probeCapture(url: string, gov: GovernorAdapter, id: bigint, actions: ProposalActions, deadline: bigint): Promise<CaptureProbe> {
  const sources = await flashSources(url, gov.token);
  const borrowable = sources.reduce((a, s) => a + s.amount, 0n);
  const result: CaptureProbe = { sources, borrowable, countedWeight: null, executedWithBorrowed: null, deadline };
  if (borrowable === 0n || (await gov.state(id)) !== 1) return result;
  const snap = await rpc<Hex>(url, 'evm_snapshot');
  try {
    for (const s of sources) {
      await impersonate(url, s.address);
      await send(url, s.address, gov.token, encodeFn('transfer', [PROBE_BORROWER, s.amount])).catch(() => undefined);
    }
    await impersonate(url, PROBE_BORROWER);
    await send(url, PROBE_BORROWER, gov.token, encodeFn('delegate', [PROBE_BORROWER])).catch(() => undefined);
    try {
      const receipt = await sendLocal(url, { from: PROBE_BORROWER, to: gov.governor, data: encodeGov('castVote', [id, 1]), gas: 5_000_000n });
      result.countedWeight = castWeight(receipt.logs, PROBE_BORROWER);
    } catch {
      result.countedWeight = 0n;
    }
    if (result.countedWeight > 0n) result.executedWithBorrowed = await findInstantPath(url, gov, id, actions, deadline, PROBE_BORROWER);
  } finally {
    await rpc(url, 'evm_revert', [snap]);
  }
  return result;
}

const encodeFn = (fn: 'transfer' | 'delegate', args: readonly unknown[]): Hex => encodeFunctionData({ abi: LENDING_ABI, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
const encodeGov = (fn: 'castVote', args: readonly unknown[]): Hex => encodeFunctionData({ abi: GOVERNOR_ABI, functionName: fn, args } as Parameters<typeof encodeFunctionData>[0]);
