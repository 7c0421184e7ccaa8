import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeUnits } from '../src/audit/analyze.js';
import { FEATURE_NAMES, functionFeatures, unitsToScore } from '../src/audit/learned/features.js';
import type { LearnedCategory } from '../src/audit/learned/model.js';
import type { Finding } from '../src/core/finding.js';
import { buildContracts } from '../src/solidity/model/build.js';
import { parseUnit } from '../src/solidity/sources.js';
import type { SourceUnit } from '../src/solidity/model/types.js';
import { swcRegistry } from './datasets.js';
import { BUG_CLASSES, FAMILIES, inject, loadHosts, type BugClass, type InjectedFile, type Split } from './inject/index.js';
import type { Host } from './inject/generate.js';

/**
 * The learned audit model's data, built from the injection generator (eval/inject) without changing it:
 * hosts of the wild sample are split in two by a seeded order (training hosts, test hosts), and each
 * host receives bugs of one class from the development families only (training) or, on the other hosts,
 * from the development or the held-out families (test). A held-out family never reaches a training host.
 * Wild files that are no host at all are split again: one half picks each category's threshold, the
 * other half measures the flag rate.
 *
 * A row is one function: its features and, per class, whether it overlaps the labelled lines of a bug.
 */

export const SEED = 'argus-learned-v1';
const rank = (s: string) => createHash('sha256').update(s).digest().readUInt32BE(0);

export interface Row {
  x: number[];
  /** The class of the bug this function is part of, or null. */
  label: BugClass | null;
  family: string | null;
  /** Which file the row came from (an index into the dataset's files). */
  file: number;
}

export interface LabelledFile {
  name: string;
  source: string;
  cls: BugClass | null;
  bugs: InjectedFile['bugs'];
}

/** Parses one source and returns its units (a single file; no imports). */
async function unitOf(name: string, source: string): Promise<SourceUnit> {
  return parseUnit(name, source);
}

export async function rowsOf(file: LabelledFile, index: number): Promise<Row[]> {
  const unit = await unitOf(file.name, file.source);
  const { contracts } = buildContracts([unit]);
  return unitsToScore(contracts, new Set([unit.path])).map(({ fn, contract }) => {
    const f = functionFeatures(fn, contract);
    const bug = file.bugs.find((b) => b.ranges.some(([a, z]) => fn.node.startLine <= z && fn.node.endLine >= a));
    return { x: f.values, label: bug ? bug.cls : null, family: bug ? `${bug.cls}/${bug.family}` : null, file: index };
  });
}

/** The rule findings of one file (rules only), for the comparison. */
export async function ruleFindings(file: LabelledFile): Promise<Finding[]> {
  const unit = await unitOf(file.name, file.source);
  return analyzeUnits(file.name, [unit], []).findings;
}

function familiesFor(cls: BugClass, split: Split, host: Host) {
  return FAMILIES.filter((f) => f.cls === cls && f.split === split && (f.dialects.includes(host.dialect) || f.dialects.every((d) => d === '0.8')));
}

export interface Datasets {
  train: LabelledFile[];
  testDev: LabelledFile[];
  testHeldout: LabelledFile[];
  wildThreshold: LabelledFile[];
  wildFlag: LabelledFile[];
}

/**
 * `hosts` hosts in all (default 630: 60% train, 40% test), `wild` clean wild files in each of the two
 * wild halves (default 300).
 */
export async function buildDatasets(hosts = 630, wild = 300, perFile = 3): Promise<Datasets> {
  const dir = path.join(process.env.ARGUS_DATASETS ?? path.resolve(process.cwd(), '../shared/datasets'), 'smartbugs-wild-sample', 'contracts');
  const all = await loadHosts(dir, SEED, hosts);
  const nTrain = Math.round(all.length * 0.6);
  const make = (host: Host, k: number, split: Split, tag: string): LabelledFile | null => {
    const cls = BUG_CLASSES[k % BUG_CLASSES.length]!;
    const pool = familiesFor(cls, split, host).sort((a, b) => rank(`${SEED}|${tag}|${host.name}|${a.id}`) - rank(`${SEED}|${tag}|${host.name}|${b.id}`));
    if (pool.length === 0) return null;
    const start = k % pool.length;
    const chosen = Array.from({ length: Math.min(perFile, pool.length) }, (_, j) => pool[(start + j) % pool.length]!);
    const f = inject(host, chosen, createHash('sha256').update(SEED + tag + host.name).digest('hex').slice(0, 4), cls);
    return { name: f.file, source: f.source, cls, bugs: f.bugs };
  };
  const train: LabelledFile[] = [];
  const testDev: LabelledFile[] = [];
  const testHeldout: LabelledFile[] = [];
  all.forEach((h, k) => {
    if (k < nTrain) {
      const f = make(h, k, 'dev', 'train');
      if (f) train.push(f);
    } else {
      const d = make(h, k, 'dev', 'test');
      if (d) testDev.push(d);
      const o = make(h, k, 'heldout', 'heldout');
      if (o) testHeldout.push(o);
    }
  });
  const hostNames = new Set(all.map((h) => h.name));
  const rest = readdirSync(dir)
    .filter((n) => n.endsWith('.sol') && !hostNames.has(n))
    .sort((a, b) => rank(`${SEED}|wild|${a}`) - rank(`${SEED}|wild|${b}`) || a.localeCompare(b));
  const clean = (n: string): LabelledFile => ({ name: n, source: readFileSync(path.join(dir, n), 'utf8'), cls: null, bugs: [] });
  const half = Math.min(wild, Math.floor(rest.length / 2));
  return { train, testDev, testHeldout, wildThreshold: rest.slice(0, half).map(clean), wildFlag: rest.slice(half, 2 * half).map(clean) };
}

/** SWC id → the generator's class it corresponds to. */
export const SWC_CLASS: Record<string, BugClass> = {
  'SWC-107': 'reentrancy',
  'SWC-116': 'timestamp',
  'SWC-114': 'tod',
  'SWC-101': 'arithmetic',
  'SWC-104': 'unhandled-exception',
  'SWC-105': 'unchecked-send',
  'SWC-115': 'tx-origin',
};

/** SWC registry cases as labelled files: lines of a mapped SWC id are bugs; fixed twins have none. */
export function swcFiles(): LabelledFile[] {
  return swcRegistry().map((c) => {
    const bugs: InjectedFile['bugs'] = c.issues
      .filter((i) => SWC_CLASS[i.swc] && i.lines.length > 0)
      .map((i) => ({ cls: SWC_CLASS[i.swc]!, family: `swc:${i.swc}`, split: 'dev' as const, dialect: '0.4' as const, ranges: i.lines.map((l) => [l, l] as [number, number]) }));
    return { name: c.originalPath, source: readFileSync(c.blindPath, 'utf8'), cls: bugs[0]?.cls ?? null, bugs };
  });
}

export async function rowsOfAll(files: LabelledFile[], offset = 0): Promise<Row[]> {
  const out: Row[] = [];
  for (let i = 0; i < files.length; i++) {
    try {
      out.push(...(await rowsOf(files[i]!, offset + i)));
    } catch {
      // One file the model cannot read never stops the batch; the audit reports such files itself.
    }
  }
  return out;
}

export const CLASS_OF: Record<BugClass, LearnedCategory> = Object.fromEntries(BUG_CLASSES.map((c) => [c, c])) as Record<BugClass, LearnedCategory>;
export { FEATURE_NAMES };
