/**
 * `argus protocol <address…> --rpc URL`: who can change each protocol and how fast, its oracle
 * dependence, concentration and recent privileged changes, with a score and its reasons. Exit 1 when a
 * protocol's risk is at or above --fail-on, or when a check could not decide (fail closed).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import pc from 'picocolors';
import { isAddress } from 'viem';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { assessProtocol, protocolCsv, protocolHtml, protocolSettings, type ProtocolReport, type RiskLevel } from '../protocol/index.js';

const LEVELS: RiskLevel[] = ['low', 'medium', 'high', 'critical'];
const colour = (l: RiskLevel) => (l === 'critical' || l === 'high' ? pc.red : l === 'medium' || l === 'unknown' ? pc.yellow : pc.green);

interface Options {
  rpc: string;
  fromBlock?: string;
  recentBlocks: string;
  source?: string;
  failOn: string;
  report?: string;
  json?: boolean;
}

export async function runProtocol(addresses: string[], opts: Options): Promise<number> {
  for (const a of addresses) if (!isAddress(a, { strict: false })) throw new UsageError(`'${a}' is not an address`);
  if (!/^https?:\/\//u.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// URL`);
  if (opts.fromBlock !== undefined && !/^\d+$/u.test(opts.fromBlock)) throw new UsageError('--from-block must be a block number');
  if (!/^\d+$/u.test(opts.recentBlocks)) throw new UsageError('--recent-blocks must be a whole number');
  if (!LEVELS.includes(opts.failOn as RiskLevel)) throw new UsageError(`--fail-on must be one of ${LEVELS.join(', ')}`);
  if (opts.source && addresses.length !== 1) throw new UsageError('--source is the verified source of one contract: give one address with it');
  let source: { file: string; text: string } | undefined;
  if (opts.source) {
    try {
      source = { file: opts.source, text: readFileSync(opts.source, 'utf8') };
    } catch (error) {
      throw new ArgusError(ERROR_CODES.FILE_UNREADABLE, `--source: ${(error as Error).message}`);
    }
  }
  const reports: ProtocolReport[] = [];
  const failed: string[] = [];
  for (const address of addresses) {
    try {
      reports.push(await assessProtocol(opts.rpc, address, { ...(opts.fromBlock ? { fromBlock: BigInt(opts.fromBlock) } : {}), recentBlocks: Number(opts.recentBlocks), ...(source ? { source } : {}) }));
    } catch (error) {
      // One protocol that cannot be read does not stop the others; it is reported and fails closed.
      failed.push(address);
      process.stderr.write(pc.red(`argus: ${address}: ${(error as Error).message}\n`));
    }
  }
  if (opts.report) {
    const text = opts.report.endsWith('.html') ? protocolHtml(reports, new Date().toISOString()) : opts.report.endsWith('.csv') ? protocolCsv(reports) : JSON.stringify({ generatedAt: new Date().toISOString(), reports }, null, 2) + '\n';
    writeFileSync(opts.report, text);
    process.stderr.write(pc.dim(`argus: report written to ${opts.report}\n`));
  }
  if (opts.json) process.stdout.write(JSON.stringify({ reports, failed }, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2) + '\n');
  else {
    for (const r of reports) {
      process.stdout.write(`${pc.bold(r.address)} ${colour(r.score.level)(`risk ${r.score.level}`)} ${r.score.points}/100 ${pc.dim(`(chain ${r.chainId}, block ${r.block})`)}\n`);
      for (const [k, v] of Object.entries(protocolSettings(r))) process.stdout.write(`  ${k.padEnd(16)} ${v}\n`);
      for (const x of r.score.reasons) process.stdout.write(`  ${x.points > 0 ? pc.yellow(`+${x.points}`.padStart(4)) : '    '} ${x.reason}\n`);
    }
  }
  if (failed.length && reports.length === 0) throw new ArgusError(ERROR_CODES.RPC, `no protocol could be read from ${opts.rpc}`);
  const threshold = LEVELS.indexOf(opts.failOn as RiskLevel);
  return failed.length > 0 || reports.some((r) => r.score.level === 'unknown' || LEVELS.indexOf(r.score.level) >= threshold) ? 1 : 0;
}

export function protocolCommand(): Command {
  return new Command('protocol')
    .description('protocol risk: who can change it (key, multisig, timelock, governor), upgradeability, pause and mint rights, oracles, concentration, recent privileged changes; a score with reasons')
    .argument('<addresses...>')
    .requiredOption('--rpc <url>', 'JSON-RPC endpoint')
    .option('--from-block <n>', 'first block for role, balance and change events (default 0)')
    .option('--recent-blocks <n>', 'privileged changes within this many blocks count as recent', '50000')
    .option('--source <file>', 'verified Solidity source of the contract: its audit findings count in the score')
    .option('--fail-on <level>', 'exit 1 at or above this risk (low, medium, high, critical); unknown always does', 'high')
    .option('--report <file>', 'also write a report: .html, .csv or .json')
    .option('--json', 'JSON output')
    .action(async (addresses: string[], opts: Options) => {
      process.exitCode = await runProtocol(addresses, opts);
    });
}
