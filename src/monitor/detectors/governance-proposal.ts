import { decodeEventLog, getAddress, keccak256, parseAbi, toFunctionSelector, toHex, type Address, type Hex } from 'viem';
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
}

export function governanceProposalDetector(options: GovernanceProposalOptions): MonitorDetector<Own> {
  const governors = new Set((options.governors ?? []).map((g) => g.toLowerCase()));
  const analyze = options.analyze ?? analyzeProposal;
  return defineMonitorDetector(meta, (): Own => ({ seen: new Set() }), async (tx, own, env) => {
    if (tx.status !== 'success' || !tx.to) return [];
    if (!SELECTORS.has(tx.input.slice(0, 10) as Hex) && !governors.has(tx.to.toLowerCase())) return [];
    const receipt = await rpc<{ logs: Array<{ address: Address; topics: Hex[]; data: Hex }> }>(options.rpcUrl, 'eth_getTransactionReceipt', [tx.hash]);
    const out: Finding[] = [];
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
