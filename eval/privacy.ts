/**
 * npm run eval:privacy — precision and recall of each address-linking heuristic on the devnet's privacy
 * scenario (src/chain/scenarios/privacy.ts), development seeds and held-out seeds side by side, with the
 * first-contact figures (docs/figures/privacy-first-contact.txt, recorded before any tuning) beside them.
 *
 *   node dist/eval/privacy.js [--seeds p1,p2] [--save-truth dir] [--from-saved dir]
 *
 * --save-truth keeps each seed's ground truth and links; --from-saved scores saved seeds without running
 * them again (the seeds can then be run in several processes on a loaded machine).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startDevnet } from '../src/chain/devnet/index.js';
import { PRIVACY_SEEDS, type PrivacyTruth } from '../src/chain/scenarios/privacy.js';
import { HEURISTIC_META, HEURISTICS, type Link } from '../src/privacy/heuristics.js';
import { runSeed } from './privacy-run.js';
import { scoreSeed, sumScores, type SeedScore } from './privacy-score.js';

const args = process.argv.slice(2);
const seedsAt = args.indexOf('--seeds');
const only = seedsAt >= 0 ? new Set((args[seedsAt + 1] ?? '').split(',')) : undefined;
const truthAt = args.indexOf('--save-truth');
const truthDir = truthAt >= 0 ? args[truthAt + 1] : undefined;
const savedAt = args.indexOf('--from-saved');
const savedDir = savedAt >= 0 ? args[savedAt + 1] : undefined;

const pct = (n: number, d: number) => (d === 0 ? '    -' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

function table(title: string, s: SeedScore): string[] {
  const lines = [`${title}`, `  ${'heuristic'.padEnd(26)} ${'source'.padEnd(40)} ${'links'.padStart(5)} ${'prec'.padStart(6)} ${'exposed'.padStart(7)} ${'recall'.padStart(6)}`];
  for (const h of HEURISTICS) {
    const c = s.perHeuristic[h];
    lines.push(`  ${h.padEnd(26)} ${HEURISTIC_META[h].source.padEnd(40)} ${String(c.links).padStart(5)} ${pct(c.correct, c.links)} ${String(c.exposed).padStart(7)} ${pct(c.found, c.exposed)}`);
  }
  const row = (what: string, c: SeedScore['cluster']) => `  ${what.padEnd(52)} precision ${pct(c.joinedSame, c.joinedPairs)} of ${String(c.joinedPairs).padStart(4)} joined pairs; recall ${pct(c.joinedTrue, c.truePairs)} of ${c.truePairs} same-person pairs`;
  lines.push(row('cluster, confirmed (strong links, transitive):', s.confirmed));
  lines.push(row('cluster with possible members (+ one other link):', s.withPossible));
  lines.push(row('every link transitive (the session-2 rule):', s.cluster));
  lines.push(`  mixer notes linked to their owner's deposit address by some heuristic: ${s.notes.linked}/${s.notes.total}`);
  return lines;
}

async function main(): Promise<void> {
  const devnet = savedDir ? undefined : await startDevnet({ accounts: 2, onProgress: () => undefined });
  const out: string[] = [];
  try {
    const parts: { name: string; seeds: readonly string[] }[] = [
      { name: 'development', seeds: PRIVACY_SEEDS.development },
      { name: 'held-out, seen in session 2', seeds: PRIVACY_SEEDS.heldOut },
      { name: 'fresh held-out (session 3)', seeds: PRIVACY_SEEDS.fresh },
    ];
    let txs = 0;
    let ms = 0;
    for (const part of parts) {
      const scores: SeedScore[] = [];
      for (const seed of part.seeds) {
        if (only && !only.has(seed)) continue;
        if (savedDir) {
          const saved = JSON.parse(readFileSync(path.join(savedDir, `${seed}.json`), 'utf8')) as { truth: PrivacyTruth; links: Link[]; transactions?: number; analyseMs?: number };
          scores.push(scoreSeed(saved.truth, saved.links));
          txs += saved.transactions ?? 0;
          ms += saved.analyseMs ?? 0;
          continue;
        }
        if (!devnet) throw new Error('no devnet');
        const run = await runSeed(devnet, seed, (m) => process.stderr.write(`${m}\n`));
        if (truthDir) {
          mkdirSync(truthDir, { recursive: true });
          writeFileSync(path.join(truthDir, `${seed}.json`), JSON.stringify({ truth: run.truth, links: run.links, transactions: run.records.length, analyseMs: run.analyseMs }, null, 1));
        }
        scores.push(scoreSeed(run.truth, run.links));
        txs += run.records.length;
        ms += run.analyseMs;
        process.stderr.write(`seed ${seed}: ${run.truth.counts.people} people, ${run.truth.counts.addresses} addresses, ${run.records.length} transactions, ${run.links.length} links (scenario ${(run.scenarioMs / 1000).toFixed(1)} s, read back ${(run.syncMs / 1000).toFixed(1)} s)\n`);
      }
      if (scores.length) out.push(...table(`${part.name} seeds (${scores.map((s) => s.seed).join(', ')})`, sumScores(scores)), '');
    }
    out.push(`heuristics over ${txs} transactions in ${ms.toFixed(0)} ms (timing: npm run bench:privacy)`);
    for (const [file, what] of [
      ['privacy-first-contact.txt', 'first contact (recorded before any tuning'],
      ['privacy-first-contact-s3.txt', 'first contact of the fresh held-out seeds (recorded before the session-3 cluster rule'],
    ] as const) {
      const first = path.join('docs', 'figures', file);
      if (existsSync(first)) out.push('', `${what}; docs/figures/${file}):`, ...readFileSync(first, 'utf8').trimEnd().split('\n').map((l) => `  ${l}`));
    }
  } finally {
    await devnet?.stop();
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`eval:privacy failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 3;
});
