import { decodeEventLog, encodeFunctionData, getAddress, keccak256, parseAbi, toFunctionSelector, toHex, type Address, type Hex } from 'viem';
import type { Finding, Severity } from '../../core/finding.js';
import { severityRank } from '../../core/finding.js';
import { rpc } from '../../chain/rpc/json-rpc.js';
import { analyzeProposal, type ProposalReport } from '../../governance/index.js';
import { defineMonitorDetector, type MonitorDetector } from './detector.js';

/**
 * DAO proposals simulated as they appear: a transaction that proposes, queues or executes on a governor
 * (OpenZeppelin Governor or GovernorBravo shape, told by the function called) has its receipt read for
 * ProposalCreated / ProposalQueued; each proposal is then run to its end on a fork by `argus proposal`'s
 * engine (src/governance), and its verdict raised while the vote is still open (created) or before the
 * timelock ends (queued, when code may have been swapped since the vote). Needs the chain's RPC endpoint
 * (a fork is made of it). Proposals made through another contract (a multisig calling propose) are not seen
 * by the selector filter; give `governors` to read every transaction to them.
 */

const meta = {
  id: 'governance-proposal',
  title: 'DAO proposal that would hand over control, drain the treasury or cut safeguards',
  severity: 'critical' as const,
  confidence: 0.85,
  kind: 'protocol-exploit' as const,
  description: 'A proposal made or queued on a governor, simulated on a fork through vote, timelock and execution: its verdict and reasons.',
  recommendation: 'Vote against or cancel it; warn the DAO before the vote ends or the timelock runs out.',
};

const SELECTORS = new Set([
  'propose(address[],uint256[],bytes[],string)', 'propose(address[],uint256[],string[],bytes[],string)',
  'queue(address[],uint256[],bytes[],bytes32)', 'queue(uint256)', 'execute(address[],uint256[],bytes[],bytes32)', 'execute(uint256)',
].map((s) => toFunctionSelector(`function ${s}`)));

const EVENTS = parseAbi([
  'event ProposalCreated(uint256 proposalId, address proposer, address[] targets, uint256[] values, string[] signatures, bytes[] calldatas, uint256 voteStart, uint256 voteEnd, string description)',
  'event ProposalQueued(uint256 proposalId, uint256 eta)',
]);
const TOPICS = new Set(EVENTS.map((e) => keccak256(toHex(`${e.name}(${e.inputs.map((i) => i.type).join(',')})`))));

export interface GovernanceProposalOptions {
  /** The chain's JSON-RPC endpoint (forked for each proposal). */
  rpcUrl: string;
  /** Governors whose every transaction is read (else only direct propose/queue/execute calls). */
  governors?: readonly string[];
  /** Each report, for a store or the dashboard. */
  onReport?: (report: ProposalReport, stage: 'created' | 'queued') => void;
  /** The simulation (default: analyzeProposal on a new fork); tests may pass their own fork. */
  analyze?: typeof analyzeProposal;
}

interface Own {
  /** `${governor}:${id}:${stage}` already simulated. */
  seen: Set<string>;
  /** Per block (only the latest kept): large voting-power gains and proposal executions seen in receipts. */
  block: { number: bigint; gains: PowerGain[]; executions: Execution[]; reported: Set<string> } | null;
}

interface PowerGain { token: Address; delegate: Address; gained: bigint; supply: bigint; tx: Hex }
interface Execution { governor: Address; proposalId: bigint; tx: Hex }

const CAPTURE_TOPICS = {
  delegateVotesChanged: keccak256(toHex('DelegateVotesChanged(address,uint256,uint256)')),
  proposalExecuted: keccak256(toHex('ProposalExecuted(uint256)')),
};
const TOTAL_SUPPLY = parseAbi(['function totalSupply() view returns (uint256)']);
/** A gain of voting power this large a share of the token's supply is "large" (basis points). */
const LARGE_GAIN_BPS = 100n;

/**
 * A transaction that lends a token and takes it back (a transfer out and a transfer back between the same
 * two addresses): the shape of a flash loan, whose receipt is read for governance events.
 */
function loanRoundTrip(tx: { events: Array<{ standard: string; event: string; address: string; args: Record<string, unknown> }> }): boolean {
  const legs = new Set<string>();
  for (const e of tx.events) {
    if (e.standard !== 'erc20' || e.event !== 'Transfer') continue;
    const from = String(e.args.from).toLowerCase();
    const to = String(e.args.to).toLowerCase();
    if (legs.has(`${e.address.toLowerCase()}:${to}:${from}`)) return true;
    legs.add(`${e.address.toLowerCase()}:${from}:${to}`);
  }
  return false;
}

export function governanceProposalDetector(options: GovernanceProposalOptions): MonitorDetector<Own> {
  const governors = new Set((options.governors ?? []).map((g) => g.toLowerCase()));
  const analyze = options.analyze ?? analyzeProposal;
  return defineMonitorDetector(meta, (): Own => ({ seen: new Set(), block: null }), async (tx, own, env) => {
    if (tx.status !== 'success' || !tx.to) return [];
    const direct = SELECTORS.has(tx.input.slice(0, 10) as Hex) || governors.has(tx.to.toLowerCase());
    if (!direct && !loanRoundTrip(tx)) return [];
    const receipt = await rpc<{ logs: Array<{ address: Address; topics: Hex[]; data: Hex }> }>(options.rpcUrl, 'eth_getTransactionReceipt', [tx.hash]);
    const out: Finding[] = await captureInBlock(options.rpcUrl, tx, receipt.logs, own, env.chainId);
    for (const log of receipt.logs) {
      if (!TOPICS.has(log.topics[0] as Hex)) continue;
      let id: bigint;
      let stage: 'created' | 'queued';
      try {
        const d = decodeEventLog({ abi: EVENTS, topics: log.topics as [Hex, ...Hex[]], data: log.data });
        id = d.args.proposalId;
        stage = d.eventName === 'ProposalCreated' ? 'created' : 'queued';
      } catch {
        continue;
      }
      const governor = getAddress(log.address);
      const key = `${governor}:${id}:${stage}`;
      if (own.seen.has(key)) continue;
      own.seen.add(key);
      let report: ProposalReport;
      try {
        report = await analyze({ rpcUrl: options.rpcUrl, governor, proposalId: id });
      } catch (error) {
        // Fail closed: a proposal that could not be simulated is said so, not passed over.
        out.push(finding(env.chainId, tx, governor, id, stage, 'medium', `proposal ${id} on ${governor} could not be simulated: ${(error as Error).message}`, { error: (error as Error).message }));
        continue;
      }
      options.onReport?.(report, stage);
      if (report.verdict === 'info') continue;
      const worst = report.findings.reduce<Severity>((w, f) => (severityRank(f.severity) > severityRank(w) ? f.severity : w), 'info');
      const reasons = report.findings.filter((f) => f.severity === worst).map((f) => f.title);
      const open = stage === 'created';
      out.push(finding(env.chainId, tx, governor, id, stage, worst,
        `proposal ${id} ${stage} on ${governor}, ${open ? 'vote still open' : 'queued in the timelock'}: ${reasons.join('; ')}`,
        { verdict: report.verdict, voteOpen: open, stateAtStart: report.stateAtStart, reasons, detectors: [...new Set(report.findings.filter((f) => f.severity === worst).map((f) => f.detector))], proposer: report.proposer, governorKind: report.governorKind, simulatedSeconds: report.seconds }));
    }
    return out;
  });
}

/**
 * A governor executes a proposal in the same transaction, or the same block, as an account gains a large
 * share of the voting token's power: the vote was bought or borrowed for the execution (Beanstalk, 2022).
 * Critical in one transaction (nobody could have voted against in between), high in one block.
 */
async function captureInBlock(rpcUrl: string, tx: { hash: Hex; blockNumber: bigint }, logs: Array<{ address: Address; topics: Hex[]; data: Hex }>, own: Own, chainId: number): Promise<Finding[]> {
  if (!own.block || own.block.number !== tx.blockNumber) own.block = { number: tx.blockNumber, gains: [], executions: [], reported: new Set() };
  const b = own.block;
  const supplies = new Map<Address, bigint>();
  for (const log of logs) {
    const t0 = log.topics[0];
    if (t0 === CAPTURE_TOPICS.proposalExecuted && log.data.length >= 66) b.executions.push({ governor: getAddress(log.address), proposalId: BigInt(log.data.slice(0, 66)), tx: tx.hash });
    if (t0 !== CAPTURE_TOPICS.delegateVotesChanged || log.topics.length < 2 || log.data.length < 130) continue;
    const before = BigInt(`0x${log.data.slice(2, 66)}`);
    const after = BigInt(`0x${log.data.slice(66, 130)}`);
    if (after <= before) continue;
    const token = getAddress(log.address);
    if (!supplies.has(token)) {
      const out = await rpc<Hex>(rpcUrl, 'eth_call', [{ to: token, data: encodeFunctionData({ abi: TOTAL_SUPPLY, functionName: 'totalSupply' }) }, toHex(tx.blockNumber)]).catch(() => '0x' as Hex);
      supplies.set(token, out.length >= 66 ? BigInt(out.slice(0, 66)) : 0n);
    }
    const supply = supplies.get(token) ?? 0n;
    if (supply > 0n && (after - before) * 10_000n >= supply * LARGE_GAIN_BPS) b.gains.push({ token, delegate: getAddress(`0x${(log.topics[1] as Hex).slice(26)}`), gained: after - before, supply, tx: tx.hash });
  }
  const out: Finding[] = [];
  for (const e of b.executions) for (const g of b.gains) {
    const key = `${e.governor}:${e.proposalId}`;
    if (b.reported.has(key) || (e.tx !== tx.hash && g.tx !== tx.hash)) continue;
    b.reported.add(key);
    const sameTx = e.tx === g.tx;
    const share = Number((g.gained * 10_000n) / g.supply) / 100;
    out.push({
      detector: `monitor/${meta.id}`,
      title: 'DAO proposal executed with voting power acquired in the same ' + (sameTx ? 'transaction' : 'block'),
      severity: sameTx ? 'critical' : 'high',
      confidence: sameTx ? 0.9 : 0.7,
      tags: ['governance', 'stage:executed', 'vote-capture'],
      subject: { kind: 'transaction', chainId, hash: tx.hash, blockNumber: Number(tx.blockNumber) },
      explanation: `Proposal ${e.proposalId} on ${e.governor} was executed ${sameTx ? 'in the same transaction as' : 'in the same block as'} ${g.delegate} gained ${share.toFixed(2)} % of the voting token ${g.token}'s supply: the vote was bought or borrowed for this execution and nobody could vote against in between (Beanstalk, 2022).`,
      evidence: { governor: e.governor, proposalId: String(e.proposalId), executionTx: e.tx, powerTx: g.tx, delegate: g.delegate, token: g.token, gained: g.gained.toString(), supplyShare: share, sameTransaction: sameTx },
    });
  }
  return out;
}

function finding(chainId: number, tx: { hash: Hex; blockNumber: bigint }, governor: Address, id: bigint, stage: string, severity: Severity, explanation: string, evidence: Record<string, unknown>): Finding {
  return {
    detector: `monitor/${meta.id}`,
    title: meta.title,
    severity,
    confidence: meta.confidence,
    tags: ['governance', `stage:${stage}`],
    subject: { kind: 'transaction', chainId, hash: tx.hash, blockNumber: Number(tx.blockNumber) },
    explanation,
    evidence: { governor, proposalId: String(id), stage, ...evidence },
  };
}
