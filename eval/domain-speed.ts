/**
 * Batch speed of the domain checks against eth-phishing-detect on the same list, in a fresh process (the
 * evaluation's own heap, after training, slows any measurement). One core: the loop is single-threaded.
 * Usage: node dist/eval/domain-speed.js <model.json> <cutoff>   prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { DomainChecker, DomainList, SUSPICIOUS_AT } from '../src/fraud/domains/index.js';
import { DomainModel, type DomainModelFile } from '../src/fraud/domains/model.js';
import { ethPhishingDetect, legitSets, loadScamSniffer } from './domain-data.js';

const [modelFile, cutoff = '2025-01-01'] = process.argv.slice(2);
const model = modelFile ? new DomainModel(JSON.parse(readFileSync(modelFile, 'utf8')) as DomainModelFile) : null;
const all = loadScamSniffer();
const pastList = new DomainList('block');
for (const d of all) if (d.firstSeen < cutoff) pastList.add(d.domain, { source: 'ScamSniffer (before cut-off)', date: d.firstSeen });
const legit = legitSets();
// 120k domains drawn across all of ScamSniffer (known and new), plus the legitimate evaluation halves.
const batch: string[] = [];
for (let i = 0; batch.length < 120_000; i++) batch.push((all[(i * 7919) % all.length] as { domain: string }).domain);
for (const list of [legit.metamaskAllow.eval, legit.tokenProjects.eval, legit.wellKnown.eval]) batch.push(...list);
const full = new DomainChecker({ bundled: true, blocklists: [pastList], model, explain: false });
const epd = ethPhishingDetect();
for (let i = 0; i < 5000; i++) {
  full.check(batch[i] as string); // let the JIT compile both hot paths first
  epd(batch[i] as string);
}
// Best of three passes each.
let ours = Infinity;
let theirs = Infinity;
let flaggedOurs = 0;
let flaggedEpd = 0;
for (let pass = 0; pass < 3; pass++) {
  let t = performance.now();
  flaggedOurs = 0;
  for (const d of batch) if (full.check(d).score >= SUSPICIOUS_AT) flaggedOurs++;
  ours = Math.min(ours, (performance.now() - t) / 1000);
  t = performance.now();
  flaggedEpd = 0;
  for (const d of batch) if (epd(d)) flaggedEpd++;
  theirs = Math.min(theirs, (performance.now() - t) / 1000);
}
process.stdout.write(
  JSON.stringify({
    domains: batch.length,
    argusPerSecond: Math.round(batch.length / ours),
    ethPhishingDetectPerSecond: Math.round(batch.length / theirs),
    argusFlagged: flaggedOurs,
    ethPhishingDetectFlagged: flaggedEpd,
  }) + '\n',
);
