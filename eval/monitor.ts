import os from 'node:os';
import path from 'node:path';
import pc from 'picocolors';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { BackgroundTraffic, SimContext, simulate } from '../src/chain/scenarios/index.js';
import { MONITOR_DETECTORS, MonitorEngine, devnetKnownGood, watchRange, type MonitorDetector } from '../src/monitor/index.js';
import { BaselineScorer, loadBaselineModel } from '../src/monitor/baseline/model.js';
import { baselineObserver } from '../src/monitor/baseline/observe.js';
import { scoreIncidents, scoreMonitor } from './monitor-score.js';
import { scoreBaseline, type BaselineRun, type ScoredTx } from './baseline-score.js';
import { DEFAULT_BACKGROUND_CACHE, loadFirstContact, printBackground, printExploitScore, runExploitEval } from './monitor-exploits.js';

/**
 * `npm run eval:monitor`: for each seed, a fresh devnet, `simulate` in mixed mode (every attack inside
 * seeded background traffic), the whole chain streamed through the monitor engine from genesis, scored
 * against the ground truth (see monitor-score.ts). The engine never sees the ground truth.
 *
 * Then one more devnet with background traffic only (`--background N` actions, default 2,000; 0 skips
 * it): every finding there is a false alert, and its transactions count as background.
 *
 * Every engine also runs an observer that scores each transaction with the learned baseline's model
 * (models/monitor-baseline.json, trained on other seeds by `npm run train:monitor`): the held-out ROC-AUC,
 * precision and recall of that score are printed after the table (see baseline-score.ts).
 *
 * Then the second scenario set (eval/monitor-exploits.ts: sixteen DeFiHackLabs classes, development and
 * held-out apart, beside the first-contact figure, and false alerts over `--rich-background N` (default
 * 31,500) actions of the richer background, replayed from .argus/background-cache when recorded); `--no-exploits` skips it.
 *
 * Flags: --json, --seeds a,b,c, --wallets N (default 20), --background N, --details (false positives),
 * --no-exploits, --exploit-seeds a,b,c, --rich-background N (default 31,500), --background-cache DIR,
 * --no-background-cache (see monitor-exploits.ts).
 */

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const value = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const seeds = (value('--seeds') ?? 'monitor-1,monitor-2,monitor-3').split(',');
const wallets = Number(value('--wallets') ?? 20);
/** Tornado Cash's router (OFAC SDN list): the sanctions list the monitor is given. */
const LISTED = '0xd90e2f925DA726b50C4Ed8D0Fb90Ad053324F31b' as Address;

/** An engine with every detector plus an observer that records the baseline model's score of each transaction. */
function engineWithScores(scorer: BaselineScorer, options: ConstructorParameters<typeof MonitorEngine>[0]): { engine: MonitorEngine; scored: Map<string, ScoredTx> } {
  const scored = new Map<string, ScoredTx>();
  const observer = baselineObserver((o) => scored.set(o.tx.hash.toLowerCase(), { score: scorer.score(o.row), history: o.context.history }));
  return { engine: new MonitorEngine({ ...options, detectors: [...MONITOR_DETECTORS, observer as MonitorDetector<unknown>] }), scored };
}

async function main(): Promise<void> {
  const started = performance.now();
  const scorer = new BaselineScorer(loadBaselineModel());
  const runs = [];
  const baselineRuns: BaselineRun[] = [];
  for (const seed of seeds) {
    const devnet = await startDevnet({ port: 0 });
    try {
      const sim = await simulate(devnet.describe(), { seed, mode: 'mixed', wallets, backgroundBefore: 30, backgroundBetween: [2, 6], backgroundAfter: 20, sanctioned: [LISTED] });
      const { engine, scored } = engineWithScores(scorer, { chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), sanctioned: [LISTED], rpcUrl: devnet.rpcUrl });
      const findings = await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: BigInt(sim.blocks[1]) });
      const backgroundTxs = sim.actions.filter((a) => !a.attackId).length;
      runs.push({ seed, findings, incidents: engine.incidents(), attacks: sim.attacks, backgroundTxs, transactions: engine.state.transactions });
      baselineRuns.push({ scored, attacks: sim.attacks, background: new Set(sim.actions.filter((a) => !a.attackId).map((a) => a.hash.toLowerCase())), findings });
      if (!flag('--json')) console.error(pc.dim(`seed ${seed}: ${sim.attacks.length} attacks, ${engine.state.transactions} transactions (${backgroundTxs} background), ${findings.length} findings`));
    } finally {
      await devnet.stop();
    }
  }
  const backgroundOnly = Number(value('--background') ?? 2_000);
  if (backgroundOnly > 0) {
    const devnet = await startDevnet({ port: 0 });
    try {
      const ctx = await SimContext.create(devnet.describe());
      const bg = new BackgroundTraffic(ctx, 'monitor-background', { wallets: 30 });
      await bg.setup();
      await bg.run(backgroundOnly);
      const { engine, scored } = engineWithScores(scorer, { chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), sanctioned: [LISTED], rpcUrl: devnet.rpcUrl });
      const findings = await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: BigInt(await ctx.blockNumber()) });
      runs.push({ seed: 'background only', findings, incidents: engine.incidents(), attacks: [], backgroundTxs: bg.count, transactions: engine.state.transactions });
      baselineRuns.push({ scored, attacks: [], background: new Set(ctx.actions.map((a) => a.hash.toLowerCase())), findings });
      if (!flag('--json')) console.error(pc.dim(`background only: ${engine.state.transactions} transactions (${bg.count} background actions), ${findings.length} findings`));
    } finally {
      await devnet.stop();
    }
  }
  const score = scoreMonitor(runs);
  const incidents = scoreIncidents(runs);
  const baseline = scoreBaseline(baselineRuns, scorer.model);
  const seconds = (performance.now() - started) / 1000;
  if (flag('--json')) {
    process.stdout.write(JSON.stringify({ seeds, wallets, seconds, ...score, incidents, baseline }, null, 2) + '\n');
    return;
  }
  const pct = (x: number) => (100 * x).toFixed(1) + '%';
  console.log(pc.bold(`Monitor on argus simulate --mixed (${seeds.length} seeds, ${score.attacks} attacks, ${score.backgroundTxs} background transactions)`));
  console.log(`  ${'kind'.padEnd(20)} ${'caught'.padStart(7)}  ${'recall'.padStart(7)}  ${'delay'.padStart(6)}  ${'early'.padStart(5)}  detectors`);
  for (const [kind, k] of Object.entries(score.perKind)) {
    const colour = k.recall >= 0.95 ? pc.green : pc.red;
    console.log(`  ${kind.padEnd(20)} ${`${k.caught}/${k.attacks}`.padStart(7)}  ${colour(pct(k.recall).padStart(7))}  ${(k.meanDelayBlocks === null ? '-' : k.meanDelayBlocks.toFixed(1)).padStart(6)}  ${String(k.early).padStart(5)}  ${k.detectors.join(', ')}`);
  }
  console.log(`  ${pc.bold('overall'.padEnd(20))} ${`${score.caught}/${score.attacks}`.padStart(7)}  ${pc.bold(pct(score.recall).padStart(7))}  ${(score.meanDelayBlocks?.toFixed(1) ?? '-').padStart(6)}   (floor 95% per kind)`);
  console.log(`  precision ${score.truePositives}/${score.findings} = ${pc.bold(pct(score.precision))}   (floor 95%)`);
  console.log(`  false alerts per 10,000 background transactions: ${pc.bold(score.falseAlertsPer10k.toFixed(1))}   (floor 1)`);
  console.log(`  alerts before the exploitation stage: ${pct(score.earlyShare)} of caught attacks`);
  console.log(
    `  median blocks from the first exploitation transaction to the first alert: ${score.medianDelayFromExploitation ?? '-'}   (floor 0: same block)`,
  );
  console.log(
    `  alerted before exploitation, of attacks with a preparation stage: ${score.earlyWithPreparation}/${score.withPreparation}   (floor half)`,
  );
  console.log(`  incidents: ${incidents.incidents} for ${incidents.attacks} attacks; ${pc.bold(`${incidents.oneToOne}/${incidents.attacks}`)} attacks map to exactly one incident (${incidents.split} split, ${incidents.missed} missed, ${incidents.merged} incidents span several attacks)`);
  const m = scorer.model;
  const num = (x: number | null, d = 3) => (x === null ? '-' : x.toFixed(d));
  console.log(pc.bold(`\nLearned baseline (models/monitor-baseline.json: trained ${m.training.date} on ${m.training.seeds.join(', ')}; these seeds are held out)`));
  console.log(`  ROC-AUC, attacker transactions vs background, senders with >= ${m.minHistory} earlier transactions: ${pc.bold(num(baseline.auc))} (${baseline.positives} attack, ${baseline.negatives} background)`);
  console.log(`  ROC-AUC over all successful labelled transactions (short histories outside the training domain): ${num(baseline.aucAll)} (${baseline.positivesAll} attack, ${baseline.negativesAll} background)`);
  console.log(
    `  at the threshold ${m.threshold}: precision ${baseline.truePositives}/${baseline.truePositives + baseline.falsePositives} = ${baseline.precision === null ? '-' : pct(baseline.precision)}, recall ${baseline.truePositives}/${baseline.positives} = ${baseline.recall === null ? '-' : pct(baseline.recall)} of scored attacker transactions`,
  );
  console.log(`  monitor/baseline-anomaly alone: ${pc.bold(`${baseline.attacksCaught}/${baseline.attacks}`)} attacks, ${baseline.detectorFindings} findings, ${baseline.detectorFalseAlerts} false alerts`);
  if (flag('--details')) for (const f of score.falsePositiveList) console.log(pc.dim(`  FP ${f.detector} block ${f.block} ${f.subject}: ${f.explanation}`));
  if (!flag('--no-exploits')) {
    const exploitSeeds = (value('--exploit-seeds') ?? 'exploit-1,exploit-2,exploit-3').split(',');
    const cacheDir = flag('--no-background-cache') ? undefined : path.resolve(value('--background-cache') ?? DEFAULT_BACKGROUND_CACHE);
    const exploits = await runExploitEval({ seeds: exploitSeeds, richBackground: Number(value('--rich-background') ?? 31_500), wallets, log: (m) => console.error(pc.dim(m)), ...(cacheDir ? { background: { cacheDir } } : {}) });
    printExploitScore(exploits.score, exploitSeeds, loadFirstContact(), flag('--details'));
    if (exploits.background) printBackground(exploits.background, flag('--details'));
  }
  console.log(pc.dim(`\n${((performance.now() - started) / 1000).toFixed(1)} s, ${os.availableParallelism()} cores, ${new Date().toISOString()}`));
}

await main();
