/**
 * `argus privacy <address>`: how easily an address is linked to the others of the same person, by the
 * published heuristics, with the evidence, the cluster, an anonymity-set estimate per mixer withdrawal and
 * advice. Reads the privacy ledger of a store (`--store`, filled by an earlier `--rpc --store` run) or a
 * block range straight from a node (`--rpc`). Exit 1 when the address is linked or a withdrawal to it is
 * traceable; 0 when no link was found (which is said not to be anonymity).
 */
import { Command } from 'commander';
import pc from 'picocolors';
import { isAddress } from 'viem';
import { ArgusError, ERROR_CODES, UsageError } from '../core/errors.js';
import { analyseAddress, HEURISTIC_META, privacyFinding, privacyRecords, syncPrivacyLedger, type PrivacyReport } from '../privacy/index.js';
import { SqliteStore } from '../store/sqlite.js';
import { createProgress } from './progress.js';

interface PrivacyOptions {
  store?: string;
  rpc?: string;
  chain?: string;
  from?: string;
  to?: string;
  json?: boolean;
}

const block = (v: string | undefined, o: string) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/u.test(v)) throw new UsageError(`${o} must be a block number`);
  return BigInt(v);
};

async function runPrivacy(address: string, opts: PrivacyOptions): Promise<number> {
  if (!isAddress(address, { strict: false })) throw new UsageError(`'${address}' is not an address`);
  if (!opts.store && !opts.rpc) throw new UsageError('privacy needs a --store with the privacy ledger or an --rpc endpoint to read blocks from');
  if (opts.rpc && !/^(https?|wss?):\/\//u.test(opts.rpc)) throw new UsageError(`--rpc: '${opts.rpc}' is not an http(s):// or ws(s):// URL`);
  let fromBlock = block(opts.from, '--from');
  let toBlock = block(opts.to, '--to');
  let chainId = opts.chain !== undefined ? Number(opts.chain) : undefined;
  const store = new SqliteStore(opts.store ?? ':memory:');
  try {
    if (opts.rpc) {
      const { createRpcClient } = await import('../chain/rpc/client.js');
      const client = createRpcClient(opts.rpc, { profile: 'read' });
      try {
        chainId ??= await client.getChainId();
        const head = await client.getBlockNumber();
        toBlock ??= head;
        // Without --from (and no ledger to resume) the last 5,000 blocks: a node cannot be read from genesis here.
        fromBlock ??= toBlock > 5000n ? toBlock - 5000n : 0n;
      } catch (error) {
        throw new ArgusError(ERROR_CODES.RPC, `--rpc ${opts.rpc}: ${(error as Error).message.split('\n')[0]}`, {}, { cause: error });
      }
      const total = Number(toBlock - fromBlock + 1n);
      const progress = createProgress(!opts.json);
      let done = 0;
      try {
        await syncPrivacyLedger({ rpcUrl: opts.rpc, chainId, store, fromBlock, toBlock, pollingIntervalMs: 100, onBlock: (b) => progress.tick(++done, total, `block ${b}`) });
      } finally {
        progress.stop();
      }
    }
    chainId ??= 1;
    const records = await privacyRecords(store, chainId);
    const report = analyseAddress(address, records, { chainId });
    if (opts.json) process.stdout.write(JSON.stringify({ ...report, finding: privacyFinding(report) ?? null }, null, 2) + '\n');
    else printReport(report);
    return report.verdict === 'linked' || report.verdict === 'exposed' ? 1 : 0;
  } finally {
    await store.close();
  }
}

function printReport(r: PrivacyReport): void {
  const w = (s: string) => process.stdout.write(s + '\n');
  const colour = r.verdict === 'linked' ? pc.red : r.verdict === 'exposed' ? pc.yellow : pc.green;
  w(`${pc.bold(r.address)}  ${colour(r.verdict)}  (${r.transactions} transactions read, chain ${r.chainId})`);
  if (r.cluster.length > 1) {
    const possible = r.cluster.filter((m) => m.confidence === 'possible').length;
    w(pc.bold(`cluster: ${r.cluster.length - possible} addresses${possible ? `, and ${possible} possible (one link two people could also make)` : ''}`));
    for (const m of r.cluster.slice(1)) {
      const last = m.path.at(-1);
      w(`  ${m.address}  ${m.confidence === 'possible' ? pc.yellow('possible ') : ''}${pc.dim(m.path.map((l) => l.heuristic).join(' > '))}`);
      if (last) w(`    ${HEURISTIC_META[last.heuristic].source}: ${last.evidence}`);
    }
  }
  if (r.withdrawals.length) {
    w(pc.bold('mixer withdrawals to the cluster'));
    for (const x of r.withdrawals) w(`  ${x.withdrawal.slice(0, 12)}… ${x.denomination ?? x.pool} to ${x.recipient}: anonymity set ${x.naiveSet} notes, ${x.heuristicSet} after the heuristics${x.linkedBy.length ? ` (${x.linkedBy.join(', ')})` : ''}`);
  }
  if (r.advice.length) {
    w(pc.bold('advice'));
    for (const a of r.advice) w(`  - ${a}`);
  }
}

export function privacyCommand(): Command {
  return new Command('privacy')
    .description('how easily an address is linked to the other addresses of its owner (published heuristics), its cluster, mixer anonymity sets and advice')
    .argument('<address>')
    .option('--store <file>', 'SQLite store holding the privacy ledger (filled by a run with --rpc and --store)')
    .option('--rpc <url>', 'read blocks from this JSON-RPC endpoint (into --store when given)')
    .option('--chain <id>', 'chain id (default: asked of the node; 1 for a store alone)')
    .option('--from <block>', 'first block to read with --rpc (default: the head less 5,000)')
    .option('--to <block>', 'last block to read with --rpc (default: the head)')
    .option('--json', 'JSON output')
    .action(async (address: string, opts: PrivacyOptions) => {
      process.exitCode = await runPrivacy(address, opts);
    });
}
