/**
 * Trains the shipped domain model (models/domain-model.json) on every ScamSniffer domain first seen before
 * --cutoff (default: the day after the data ends, i.e. all of it), the training halves of the legitimate
 * sets and every real DeFi project host of ../shared (DefiLlama; the evaluation keeps a third of them out). The evaluation (eval/fraud-domains.ts) trains its own copy with an earlier cut-off.
 * Usage: node dist/eval/train-domains.js [--cutoff YYYY-MM-DD] [--out models/domain-model.json]
 */
import { writeFileSync } from 'node:fs';
import { loadProjectHosts } from './domain-data.js';
import { trainDomainModel } from './domain-training.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const cutoff = arg('--cutoff', '2025-07-01');
const out = arg('--out', 'models/domain-model.json');
const { model, stats } = trainDomainModel(cutoff, undefined, (s) => process.stdout.write(`${s}\n`), { projects: loadProjectHosts() });
writeFileSync(out, JSON.stringify(model.file) + '\n');
process.stdout.write(`${JSON.stringify(stats, null, 2)}\nwrote ${out}\n`);
