import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { margin, sigmoid } from '../src/audit/learned/boost.js';
import { analyzeUnits } from '../src/audit/analyze.js';
import { rangeOf } from '../src/audit/detectors/detector.js';
import { CATEGORY_META, LEARNED_CATEGORIES, scoreContracts, type AuditModelFile, type LearnedCategory } from '../src/audit/learned/model.js';
import type { Finding } from '../src/core/finding.js';
import { buildContracts } from '../src/solidity/model/build.js';
import { parseUnit } from '../src/solidity/sources.js';
import { removeBlindCopies, smartbugsCurated } from './datasets.js';
import { daspOf, scoreCurated, type ScoredFinding } from './audit-score.js';
import { bugFound, findingMatches, FAMILIES } from './inject/index.js';
import { buildDatasets, rowsOfAll, SEED, swcFiles, type LabelledFile, type Row } from './learned-data.js';
import { byFile, fitCategory, splitForCalibration, trainModel, type TrainingData } from './learned-train.js';

/**
 * `npm run eval:audit-model`: the learned audit model against the rules, per category, on
 *  - held-out families injected into test hosts (never in training), and development families on the
 *    same test hosts (hosts never in training);
 *  - leave-one-family-out over the development families (train without the family, test on it);
 *  - SmartBugs curated, which no model here trains on (the model is trained on the generator and SWC);
 *  - the wild sample's flag rate, on wild files used neither for training nor for the threshold.
 * Rules only, model only and rules + model, with recall, precision and flag rate; a PR sweep for the model.
 */

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');
const lines: string[] = [];
const out = (s = '') => {
  lines.push(s);
  console.log(s);
};

interface Audited {
  file: LabelledFile;
  rules: Finding[];
  combined: Finding[];
  /** Model-only view: one finding per function and category at or above `threshold`, with its score. */
  scored: Array<{ cls: LearnedCategory; p: number; finding: Finding }>;
}

async function auditAll(files: LabelledFile[], model: AuditModelFile): Promise<Audited[]> {
  const res: Audited[] = [];
  for (const file of files) {
    try {
      const unit = await parseUnit(file.name, file.source);
      const rules = analyzeUnits(file.name, [unit], []).findings;
      const combined = analyzeUnits(file.name, [unit], [], { model }).findings;
      const { contracts } = buildContracts([unit]);
      const scored: Audited['scored'] = [];
      for (const s of scoreContracts(model, contracts, new Set([unit.path]))) {
        for (const c of LEARNED_CATEGORIES) {
          const meta = CATEGORY_META[c];
          const subject = rangeOf(unit, s.features.fn.node);
          scored.push({ cls: c, p: s.scores[c], finding: { detector: `audit/learned-${c}`, title: meta.title, severity: 'medium', confidence: s.scores[c], tags: [meta.swc, `DASP:${meta.dasp}`], subject, explanation: '', evidence: {} } });
        }
      }
      res.push({ file, rules, combined, scored });
    } catch {
      res.push({ file, rules: [], combined: [], scored: [] });
    }
  }
  return res;
}

type View = 'rules' | 'model' | 'rules+model';
function findingsOf(a: Audited, view: View, model: AuditModelFile, threshold?: Partial<Record<LearnedCategory, number>>): Finding[] {
  if (view === 'rules') return a.rules;
  if (view === 'rules+model') return a.combined;
  return a.scored.filter((s) => s.p >= (threshold?.[s.cls] ?? model.categories[s.cls].threshold)).map((s) => s.finding);
}

function score(set: Audited[], cls: LearnedCategory, view: View, model: AuditModelFile, threshold?: Partial<Record<LearnedCategory, number>>) {
  let found = 0;
  let total = 0;
  let tp = 0;
  let flagged = 0;
  for (const a of set) {
    const fs = findingsOf(a, view, model, threshold);
    for (const b of a.file.bugs) {
      if (b.cls !== cls) continue;
      total++;
      if (bugFound(b, fs)) found++;
    }
    for (const f of fs) {
      if (!findingMatches(cls, f)) continue;
      flagged++;
      if (a.file.bugs.some((b) => b.cls === cls && bugFound(b, [f]))) tp++;
    }
  }
  return { found, total, tp, flagged };
}

function flagRate(set: Audited[], cls: LearnedCategory, view: View, model: AuditModelFile) {
  return set.filter((a) => findingsOf(a, view, model).some((f) => findingMatches(cls, f))).length;
}

async function main() {
  const started = performance.now();
  const ds = await buildDatasets();
  const trainRows = await rowsOfAll(ds.train);
  const swcRows = await rowsOfAll(swcFiles(), 100000);
  const wildRows = byFile(await rowsOfAll(ds.wildThreshold, 200000));
  const split = splitForCalibration([...trainRows, ...swcRows]);
  const model = trainModel({ ...split, wild: wildRows }, SEED);
  const shipped = readFileSync('models/audit-model.json', 'utf8');
  const same = shipped === JSON.stringify(model) + '\n';

  out(`eval:audit-model — seed ${SEED}; model retrained here ${same ? 'is byte-identical to' : 'DIFFERS from'} models/audit-model.json`);
  out(`training: ${ds.train.length} injected files (dev families only) + ${swcFiles().length} SWC cases; ${trainRows.length + swcRows.length} functions`);
  out(`test: ${ds.testDev.length} dev-family and ${ds.testHeldout.length} held-out-family files on ${ds.testDev.length} hosts never trained on; wild flag rate on ${ds.wildFlag.length} clean wild files used for nothing else`);
  const [dev, held, wild] = [await auditAll(ds.testDev, model), await auditAll(ds.testHeldout, model), await auditAll(ds.wildFlag, model)];

  const views: View[] = ['rules', 'model', 'rules+model'];
  for (const [name, set] of [
    ['HELD-OUT families', held],
    ['DEVELOPMENT families (test hosts)', dev],
  ] as const) {
    out();
    out(`${name}: recall (precision) per category; wild flag rate = share of clean wild files with a finding of the class`);
    out(`  ${'category'.padEnd(20)} ${views.map((v) => v.padEnd(26)).join('')}`);
    for (const c of LEARNED_CATEGORIES) {
      const cells = views.map((v) => {
        const s = score(set, c, v, model);
        return `${pct(s.found, s.total).padStart(6)} ${`(${pct(s.tp, s.flagged)})`.padEnd(9)} fl ${pct(flagRate(wild, c, v, model), wild.length).padEnd(6)}`.padEnd(26);
      });
      const t = score(set, c, 'rules', model).total;
      out(`  ${`${c} [${t}]`.padEnd(20)} ${cells.join('')}`);
    }
  }

  out();
  out('PR sweep, model only, held-out families: threshold → recall / precision per category');
  for (const t of [0.3, 0.5, 0.7, 0.9]) {
    const th = Object.fromEntries(LEARNED_CATEGORIES.map((c) => [c, t]));
    out(`  p>=${t.toFixed(1)}  ` + LEARNED_CATEGORIES.map((c) => {
      const s = score(held, c, 'model', model, th);
      return `${c} ${pct(s.found, s.total)}/${pct(s.tp, s.flagged)}`;
    }).join('  '));
  }

  // Leave one family out: refit the family's category without any training file that contains it.
  out();
  out('LEAVE-ONE-FAMILY-OUT (development families; the family\'s files are removed from training, its bugs are the test): recall at the refitted threshold');
  const familiesOfFile = ds.train.map((f) => new Set(f.bugs.map((b) => `${b.cls}/${b.family}`)));
  const perClass = new Map<string, { found: number; total: number }>();
  const famLines: string[] = [];
  for (const fam of FAMILIES.filter((f) => f.split === 'dev')) {
    const key = `${fam.cls}/${fam.id}`;
    const out_ = new Set(familiesOfFile.flatMap((s, i) => (s.has(key) ? [i] : [])));
    if (out_.size === 0) continue;
    const keep = (r: Row) => r.file >= 100000 || !out_.has(r.file);
    const data: TrainingData = { fit: split.fit.filter(keep), calibrate: split.calibrate.filter(keep), wild: wildRows };
    const cm = fitCategory(data, fam.cls);
    const groups = new Map<string, boolean>();
    for (const r of trainRows) {
      if (!out_.has(r.file) || r.family !== key) continue;
      const g = `${r.file}`;
      const p = sigmoid(cm.platt.a * margin(cm.model, r.x) + cm.platt.b);
      groups.set(g, (groups.get(g) ?? false) || p >= cm.threshold);
    }
    const found = [...groups.values()].filter(Boolean).length;
    const s = perClass.get(fam.cls) ?? { found: 0, total: 0 };
    s.found += found;
    s.total += groups.size;
    perClass.set(fam.cls, s);
    famLines.push(`    ${key.padEnd(48)} ${found}/${groups.size}`);
  }
  for (const c of LEARNED_CATEGORIES) {
    const s = perClass.get(c);
    if (s) out(`  ${c.padEnd(20)} ${pct(s.found, s.total).padStart(6)}  (${s.found}/${s.total} bugs)`);
  }
  if (process.argv.includes('--families')) for (const l of famLines) out(l);

  // SmartBugs curated: never trained on. The ICSE 2020 rule, rules only vs rules + model.
  out();
  out('SMARTBUGS CURATED (never trained on; model trained on generator + SWC only): recall per DASP category, rules → rules+model');
  const curated = smartbugsCurated();
  const scored: Record<'rules' | 'rules+model', ScoredFinding[][]> = { rules: [], 'rules+model': [] };
  for (const c of curated) {
    const text = readFileSync(c.blindPath, 'utf8');
    try {
      const unit = await parseUnit(c.blindPath, text);
      for (const [v, m] of [
        ['rules', null],
        ['rules+model', model],
      ] as const) {
        const fs = analyzeUnits(c.blindPath, [unit], [], { model: m }).findings;
        scored[v].push(fs.flatMap((f) => (f.subject.kind === 'source' ? [{ categories: [daspOf(f)], startLine: f.subject.startLine, endLine: f.subject.endLine, by: f.detector }] : [])));
      }
    } catch {
      scored.rules.push([]);
      scored['rules+model'].push([]);
    }
  }
  removeBlindCopies();
  const r = scoreCurated(curated, scored.rules).score;
  const rm = scoreCurated(curated, scored['rules+model']).score;
  for (const k of Object.keys(r.perCategory)) {
    const a = r.perCategory[k]!;
    const b = rm.perCategory[k]!;
    out(`  ${k.padEnd(26)} ${`${a.found}/${a.total}`.padStart(7)} → ${`${b.found}/${b.total}`.padEnd(7)}`);
  }
  out(`  ${'all'.padEnd(26)} ${pct(r.found, r.entries).padStart(7)} → ${pct(rm.found, rm.entries)}; findings on a labelled line: ${pct(r.onLabelledLine, r.findings)} of ${r.findings} → ${pct(rm.onLabelledLine, rm.findings)} of ${rm.findings}`);
  out();
  out(`(${((performance.now() - started) / 1000).toFixed(0)} s; printed by npm run eval:audit-model)`);
  mkdirSync('docs/figures', { recursive: true });
  // Saved the way readme-figures saves a command's output (header line, then stdout), so the README block
  // can be refreshed without a second ten-minute run.
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const header = `# npm run eval:audit-model on ${new Date().toISOString().slice(0, 10)} at commit ${commit} (${((performance.now() - started) / 1000).toFixed(0)} s)`;
  writeFileSync('docs/figures/eval-audit-model.txt', `${header}\n${lines.join('\n').trimEnd()}\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(3);
});
