import os from 'node:os';
import pc from 'picocolors';
import type { Address } from 'viem';
import { startDevnet } from '../src/chain/devnet/index.js';
import { BackgroundTraffic, SimContext, simulate } from '../src/chain/scenarios/index.js';
import { MonitorEngine, devnetKnownGood, watchRange } from '../src/monitor/index.js';
import { scoreIncidents, scoreMonitor } from './monitor-score.js';

/**
 * `npm run eval:monitor`: for each seed, a fresh devnet, `simulate` in mixed mode (every attack inside
 * seeded background traffic), the whole chain streamed through the monitor engine from genesis, scored
 * against the ground truth (see monitor-score.ts). The engine never sees the ground truth.
 *
 * Then one more devnet with background traffic only (`--background N` actions, default 2,000; 0 skips
 * it): every finding there is a false alert, and its transactions count as background.
 *
 * Flags: --json, --seeds a,b,c, --wallets N (default 20), --background N, --details (false positives).
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

async function main(): Promise<void> {
  const started = performance.now();
  const runs = [];
  for (const seed of seeds) {
    const devnet = await startDevnet({ port: 0 });
    try {
      const sim = await simulate(devnet.describe(), { seed, mode: 'mixed', wallets, backgroundBefore: 30, backgroundBetween: [2, 6], backgroundAfter: 20, sanctioned: [LISTED] });
      const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), sanctioned: [LISTED], rpcUrl: devnet.rpcUrl });
      const findings = await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: BigInt(sim.blocks[1]) });
      const backgroundTxs = sim.actions.filter((a) => !a.attackId).length;
      runs.push({ seed, findings, incidents: engine.incidents(), attacks: sim.attacks, backgroundTxs, transactions: engine.state.transactions });
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
      const engine = new MonitorEngine({ chainId: devnet.chainId, knownGood: devnetKnownGood(devnet), sanctioned: [LISTED], rpcUrl: devnet.rpcUrl });
      const findings = await watchRange(engine, { rpcUrl: devnet.rpcUrl, fromBlock: 0n, toBlock: BigInt(await ctx.blockNumber()) });
      runs.push({ seed: 'background only', findings, incidents: engine.incidents(), attacks: [], backgroundTxs: bg.count, transactions: engine.state.transactions });
      if (!flag('--json')) console.error(pc.dim(`background only: ${engine.state.transactions} transactions (${bg.count} background actions), ${findings.length} findings`));
    } finally {
      await devnet.stop();
    }
  }
  const score = scoreMonitor(runs);
  const incidents = scoreIncidents(runs);
  const seconds = (performance.now() - started) / 1000;
  if (flag('--json')) {
    process.stdout.write(JSON.stringify({ seeds, wallets, seconds, ...score, incidents }, null, 2) + '\n');
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
  if (flag('--details')) for (const f of score.falsePositiveList) console.log(pc.dim(`  FP ${f.detector} block ${f.block} ${f.subject}: ${f.explanation}`));
  console.log(pc.dim(`\n${seconds.toFixed(1)} s, ${os.availableParallelism()} cores, ${new Date().toISOString()}`));
}

await main();
