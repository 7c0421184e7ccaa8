import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { analyzeUnits } from '../src/audit/analyze.js';
import { loadAuditModel } from '../src/audit/learned/model.js';
import { parseUnit } from '../src/solidity/sources.js';
import type { SourceUnit } from '../src/solidity/model/types.js';
import { datasetsRoot } from '../eval/datasets.js';

/**
 * `npm run bench:audit-model`: what the learned model adds to the audit's time, on the wild sample, in
 * one thread: analysis (rules) with and without the model, interleaved three times over the same parsed
 * files so that the machine's load falls on both alike. Parsing is left out (it is the same for both);
 * `npm run bench:audit` gives the whole audit's files per second with the model on (the default).
 */

const dir = path.join(datasetsRoot(), 'smartbugs-wild-sample', 'contracts');
const limit = Number(process.argv[2] ?? 400);
const names = readdirSync(dir).filter((n) => n.endsWith('.sol')).sort().slice(0, limit);
const units: SourceUnit[] = [];
for (const n of names) units.push(await parseUnit(n, readFileSync(path.join(dir, n), 'utf8')));
const model = loadAuditModel();
if (!model) throw new Error('models/audit-model.json missing: run npm run train:audit');
const ms = { rules: 0, model: 0 };
let learned = 0;
for (let round = 0; round < 3; round++) {
  for (const m of [null, model]) {
    const t = performance.now();
    for (const u of units) {
      const { findings } = analyzeUnits(u.path, [u], [], { model: m });
      if (m && round === 0) learned += findings.filter((f) => f.detector.startsWith('audit/learned-')).length;
    }
    ms[m ? 'model' : 'rules'] += performance.now() - t;
  }
}
const per = (x: number) => x / 3 / units.length;
console.log(`analysis of ${units.length} wild files, one thread, mean of 3 interleaved rounds:`);
console.log(`  rules only     ${per(ms.rules).toFixed(2)} ms/file`);
console.log(`  rules + model  ${per(ms.model).toFixed(2)} ms/file  (${(((ms.model - ms.rules) / ms.rules) * 100).toFixed(1)}% more; ${learned} learned findings)`);
