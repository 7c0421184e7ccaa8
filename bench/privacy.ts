/**
 * npm run bench:privacy — how fast `argus privacy` reads and links: one seed of the devnet privacy scenario
 * is read back through the privacy ledger (blocks per second), then every heuristic and every address's
 * report are timed over its records, and over the records copied many times with fresh addresses (a
 * larger chain of the same shape).
 *
 *   node dist/bench/privacy.js [--copies 20]
 */
import { startDevnet } from '../src/chain/devnet/index.js';
import { PRIVACY_SEEDS } from '../src/chain/scenarios/privacy.js';
import { ActivityIndex } from '../src/privacy/index-activity.js';
import { allLinks } from '../src/privacy/heuristics.js';
import { analyseAddress } from '../src/privacy/analyse.js';
import type { PrivacyTx } from '../src/privacy/activity.js';
import { runSeed } from '../eval/privacy-run.js';

const args = process.argv.slice(2);
const copiesAt = args.indexOf('--copies');
const COPIES = copiesAt >= 0 ? Number(args[copiesAt + 1]) : 20;

/** The records again with every address (and hash) shifted into a fresh range: copy k of the same world. */
function copy(records: readonly PrivacyTx[], k: number): PrivacyTx[] {
  const shift = (s: string) => s.replace(/0x([0-9a-f]{2})/gu, (_, b: string) => `0x${((parseInt(b, 16) + k) % 256).toString(16).padStart(2, '0')}`);
  return JSON.parse(shift(JSON.stringify(records))) as PrivacyTx[];
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

async function main(): Promise<void> {
  const devnet = await startDevnet({ accounts: 2 });
  try {
    const seed = PRIVACY_SEEDS.development[0];
    const run = await runSeed(devnet, seed);
    const blocks = run.truth.toBlock - run.truth.fromBlock + 1;
    const lines = [`privacy ledger: ${blocks} blocks (${run.records.length} transactions) read back from the devnet in ${(run.syncMs / 1000).toFixed(2)} s (${(blocks / (run.syncMs / 1000)).toFixed(0)} blocks/s)`];
    for (const n of [1, COPIES]) {
      const records = n === 1 ? run.records : Array.from({ length: n }, (_, k) => copy(run.records, k)).flat();
      const [links, linkMs] = time(() => allLinks(new ActivityIndex(records)));
      const people = run.truth.people.flatMap((p) => p.addresses).slice(0, 20);
      const [, reportMs] = time(() => people.forEach((a) => analyseAddress(a, records, { chainId: run.truth.chainId })));
      lines.push(`${String(records.length).padStart(6)} transactions: all heuristics ${linkMs.toFixed(0)} ms (${links.length} links, ${((records.length / linkMs) * 1000).toFixed(0)} tx/s); one address's report ${(reportMs / people.length).toFixed(0)} ms`);
    }
    lines.push('(a shared 2-core machine: timings are noisy)');
    process.stdout.write(lines.join('\n') + '\n');
  } finally {
    await devnet.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:privacy failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 3;
});
