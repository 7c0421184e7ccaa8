/**
 * `argus proposal <governor> [proposalId] --rpc URL`: simulates an OpenZeppelin Governor or GovernorBravo proposal on a fork
 * (vote, queue, timelock, execute) and says what it would change, with a verdict. The actions can come from
 * a JSON file instead (`--actions`, with targets, values, calldatas and description), proposed on the fork.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { getAddress, isAddress, type Abi, type Address, type Hex } from 'viem';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { severityRank, type Finding } from '../core/finding.js';
import { analyzeProposal, type ProposalActions, type ProposalReport } from '../governance/index.js';
import { auditSource } from '../audit/audit-source.js';

export interface ProposalCommandOptions {
  rpc?: string;
  actions?: string;
  abi?: string;
  source?: string;
  json?: boolean;
  failOn: string;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ArgusError(ERROR_CODES.FILE_NOT_FOUND, `cannot read ${what} ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${what} ${file} is not JSON`);
  }
}

/** Reads `{ targets, values, calldatas, description }` (values as decimal strings or numbers). */
export function parseActions(raw: unknown): ProposalActions {
  const o = raw as Record<string, unknown>;
  if (!o || typeof o !== 'object' || !Array.isArray(o.targets) || !Array.isArray(o.calldatas)) throw new UsageError('the actions file needs targets and calldatas arrays (and values, description)');
  const targets = o.targets.map((t) => {
    if (typeof t !== 'string' || !isAddress(t, { strict: false })) throw new UsageError(`target ${String(t)} is not an address`);
    return getAddress(t);
  });
  const values = (Array.isArray(o.values) ? o.values : targets.map(() => '0')).map((v) => {
    try {
      return BigInt(v as string);
    } catch {
      throw new UsageError(`value ${String(v)} is not a whole number of wei`);
    }
  });
  const calldatas = o.calldatas.map((c) => {
    if (typeof c !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(c)) throw new UsageError(`calldata ${String(c).slice(0, 20)} is not hex`);
    return c as Hex;
  });
  if (values.length !== targets.length || calldatas.length !== targets.length) throw new UsageError('targets, values and calldatas differ in length');
  return { targets, values, calldatas, description: typeof o.description === 'string' ? o.description : '' };
}

function print(report: ProposalReport): void {
  const colour = report.verdict === 'critical' ? pc.red : report.verdict === 'warning' ? pc.yellow : pc.green;
  console.log(`${pc.bold(`proposal ${report.proposalId}`)} on governor ${report.governor} (${report.stateAtStart} at start)`);
  if (report.description) console.log(`  ${report.description.split('\n')[0]}`);
  console.log(`verdict: ${colour(report.verdict.toUpperCase())}  (passed on the fork: ${report.passedOnFork}, executed: ${report.executedOnFork}, ${report.seconds} s)`);
  console.log(pc.bold('\ncalls'));
  for (const c of report.calls) console.log(`  ${c.target}${c.value !== '0' ? ` value ${c.value} wei` : ''}  ${c.function ?? '(plain transfer)'}(${c.args.join(', ')})`);
  console.log(`  ETH required: ${report.ethRequired}`);
  if (report.events.length) console.log(pc.bold('\nevents'));
  for (const e of report.events) console.log(`  ${e.address} ${e.name ?? '(unknown)'} ${Object.entries(e.args).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  if (report.storageChanges.length) console.log(pc.bold('\nstorage changes'));
  for (const s of report.storageChanges) console.log(`  ${s.address} slot ${s.slot}: ${s.before} -> ${s.after}`);
  console.log(pc.bold('\nfindings'));
  if (report.findings.length === 0) console.log('  none');
  for (const f of report.findings) console.log(`  ${f.severity.padEnd(8)} ${f.detector}: ${f.title}\n           ${f.explanation}`);
}

export async function runProposal(governor: string, proposalId: string | undefined, opts: ProposalCommandOptions): Promise<number> {
  if (!opts.rpc) throw new UsageError('--rpc is required: the chain to fork');
  if (!isAddress(governor, { strict: false })) throw new UsageError(`${governor} is not an address`);
  let id: bigint | undefined;
  if (proposalId !== undefined) {
    try {
      id = BigInt(proposalId);
    } catch {
      throw new UsageError(`proposal id ${proposalId} is not a number`);
    }
  }
  const actions = opts.actions ? parseActions(readJson(opts.actions, 'actions file')) : undefined;
  if (id === undefined && !actions) throw new UsageError('give a proposal id or --actions FILE');
  const abi = opts.abi ? (readJson(opts.abi, 'ABI file') as Abi) : undefined;
  const report = await analyzeProposal({ rpcUrl: opts.rpc, governor: getAddress(governor) as Address, proposalId: id, actions, abi, onProgress: opts.json ? undefined : (s) => process.stderr.write(pc.dim(`${s}…\n`)) });
  if (opts.source) {
    // governance-seatbelt runs Slither on the targets' source; Argus runs its own auditor.
    let text: string;
    try {
      text = readFileSync(opts.source, 'utf8');
    } catch (error) {
      throw new ArgusError(ERROR_CODES.FILE_NOT_FOUND, `cannot read ${opts.source}: ${(error as Error).message}`);
    }
    const audit: Finding[] = await auditSource(text, opts.source);
    report.findings.push(...audit);
  }
  if (opts.json) console.log(JSON.stringify(report, null, 2));
  else print(report);
  const threshold = opts.failOn;
  const rank = severityRank(threshold as Finding['severity']);
  if (rank < 0) throw new UsageError(`--fail-on must be one of info, low, medium, high, critical`);
  return report.findings.some((f) => severityRank(f.severity) >= rank) ? 1 : 0;
}

export function proposalCommand(): Command {
  return new Command('proposal')
    .description('simulate a DAO proposal on a fork (vote, queue, timelock, execute) and report what it changes, with a verdict')
    .argument('<governor>', 'the governor: OpenZeppelin Governor or GovernorBravo shape (told from what it answers)')
    .argument('[proposalId]', 'the proposal (its ProposalCreated event is read from the chain)')
    .option('--rpc <url>', 'JSON-RPC endpoint of the chain to fork')
    .option('--actions <file>', 'JSON with targets, values, calldatas and description: proposed on the fork by the largest delegate')
    .option('--abi <file>', 'an ABI (JSON array) to decode calldata with, besides the well-known interfaces')
    .option('--source <file>', "the target's Solidity source: audited with argus audit, findings added")
    .option('--json', 'the report as JSON')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above this severity', 'critical')
    .action(async (governor: string, proposalId: string | undefined, opts: ProposalCommandOptions) => {
      process.exitCode = await runProposal(governor, proposalId, opts);
    });
}
