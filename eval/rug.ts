import path from 'node:path';
import { loadRugModel } from '../src/token/score/index.js';
import { averagePrecision, rocAuc } from '../src/token/score/metrics.js';
import { WINDOW_FEATURES } from '../src/token/score/dataset.js';
import {
  DEPLOYED,
  MAZORRA,
  MAZORRA_NOTE,
  VARIANTS,
  bootstrap,
  evaluate,
  loadDataset,
  metricsHeader,
  metricsLine,
  rowsOf,
  scoresOf,
  split,
  trainVariant,
  type VariantResult,
} from './rug-experiment.js';

/**
 * `npm run eval:rug`: the held-out evaluation of the committed model (models/rug-score.json) on the test
 * side of the same seeded split as training, recomputed; then the leakage variants (retrained here, with
 * the same seeds, in about a second each) on their own test rows and on the activity-matched test rows.
 * `--json` prints everything as JSON.
 */

const json = process.argv.includes('--json');
const started = performance.now();
const scorer = loadRugModel(path.join(process.cwd(), 'models', 'rug-score.json'));
const rows = loadDataset();
const s = split(rows);
const deployedVariant = VARIANTS.find((v) => v.name === scorer.file.variant);
if (!deployedVariant) throw new Error(`Committed model's variant ${scorer.file.variant} is unknown`);
if (deployedVariant.features.join() !== scorer.features.join()) throw new Error('Committed model features differ from its variant: retrain with npm run train:rug');

const committed = evaluate(scorer.gbdt, s, deployedVariant);
const matchedRows = rowsOf(s, 'matched', 'test');
const { y: my, s: ms } = scoresOf(scorer.gbdt, matchedRows);
const { y: ty, s: ts } = scoresOf(scorer.gbdt, rowsOf(s, deployedVariant.subset, 'test'));
const volumeRows = rowsOf(s, 'volume', 'test');
const { y: vy, s: vs } = scoresOf(scorer.gbdt, volumeRows);
const notRugAp = (y: number[], sc: number[]) =>
  averagePrecision(
    y.map((v) => 1 - v),
    sc.map((x) => 1 - x),
  );
const intervals = {
  test: { rocAuc: bootstrap(ty, ts, rocAuc), prAucNotRug: bootstrap(ty, ts, notRugAp) },
  matched: { rocAuc: bootstrap(my, ms, rocAuc), prAucNotRug: bootstrap(my, ms, notRugAp) },
  volume: { rocAuc: bootstrap(vy, vs, rocAuc), prAucNotRug: bootstrap(vy, vs, notRugAp) },
};
const variants: VariantResult[] = VARIANTS.map((v) => (v.name === deployedVariant.name ? committed : evaluate(trainVariant(s, v), s, v)));

if (json) {
  console.log(
    JSON.stringify(
      {
        model: { name: scorer.file.name, date: scorer.file.date, variant: scorer.file.variant, features: scorer.features },
        split: { train: s.train.length, test: s.test.length, matching: s.matching, matchedTestRows: matchedRows.length, matchedTestNotRug: matchedRows.filter((r) => r.label === 0).length, volumeTestRows: volumeRows.length, volumeTestNotRug: volumeRows.filter((r) => r.label === 0).length },
        committed: { test: committed.test, matchedTest: committed.matchedTest, volumeTest: committed.volumeTest, bootstrap95: intervals },
        variants: variants.map((r) => ({ name: r.variant.name, description: r.variant.description, features: r.variant.features, subset: r.variant.subset, flattering: r.variant.flattering ?? false, trainRows: r.trainRows, test: r.test, matchedTest: r.matchedTest, volumeTest: r.volumeTest })),
        mazorra: { ...MAZORRA, note: MAZORRA_NOTE },
      },
      null,
      2,
    ),
  );
} else {
  const m = committed.test;
  const iv = (x: [number, number]) => `[${x[0].toFixed(3)}, ${x[1].toFixed(3)}]`;
  console.log(`Rug score — held-out evaluation of models/rug-score.json (${scorer.file.name}, variant ${scorer.file.variant}, ${scorer.file.date})`);
  console.log(`Split: ${s.train.length} train / ${s.test.length} test (stratified, ${s.test.filter((r) => r.label === 0).length} not-rug in test). Positive class = rug. Threshold 0.5.`);
  console.log('');
  console.log(`Committed model (${scorer.features.length} features, no per-week / mean-period features):`);
  console.log(`  precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  PR-AUC ${m.prAuc.toFixed(3)}  ROC-AUC ${m.rocAuc.toFixed(3)} ${iv(intervals.test.rocAuc)}  PR-AUC(not rug) ${m.prAucMinority.toFixed(3)} ${iv(intervals.test.prAucNotRug)}`);
  console.log(`  confusion: TP ${m.confusion.tp}  FP ${m.confusion.fp}  TN ${m.confusion.tn}  FN ${m.confusion.fn}`);
  console.log(`  all-rug baseline: precision ${m.allRug.precision.toFixed(3)}, recall 1.000, F1 ${m.allRug.f1.toFixed(3)}; PR-AUC(not rug) of a random score ≈ ${(1 - m.allRug.precision).toFixed(3)}`);
  const mm = committed.matchedTest;
  console.log(
    `  on activity-matched test rows (${mm.n}, ${mm.n - mm.positives} not rug; ≤ ${s.matching.maxEvents} events, ≤ ${(s.matching.maxWeeks * 7).toFixed(2)} days): precision ${mm.precision.toFixed(3)} (all-rug ${mm.allRug.precision.toFixed(3)})  recall ${mm.recall.toFixed(3)}  ROC-AUC ${mm.rocAuc.toFixed(3)} ${iv(intervals.matched.rocAuc)}  PR-AUC(not rug) ${mm.prAucMinority.toFixed(3)} ${iv(intervals.matched.prAucNotRug)} (random ≈ ${(1 - mm.allRug.precision).toFixed(3)})`,
  );
  const vm = committed.volumeTest;
  console.log(
    `  on volume-matched test rows (${vm.n}, ${vm.n - vm.positives} not rug; ≤ ${s.matching.maxEvents} events, any window): precision ${vm.precision.toFixed(3)} (all-rug ${vm.allRug.precision.toFixed(3)})  recall ${vm.recall.toFixed(3)}  ROC-AUC ${vm.rocAuc.toFixed(3)} ${iv(intervals.volume.rocAuc)}  PR-AUC(not rug) ${vm.prAucMinority.toFixed(3)} ${iv(intervals.volume.prAucNotRug)} (random ≈ ${(1 - vm.allRug.precision).toFixed(3)})`,
  );
  console.log('');
  console.log('Leakage variants (own test rows; "all-18" on a random split is the flattering baseline):');
  console.log(metricsHeader());
  for (const r of variants) console.log(metricsLine(r.variant.name + (r.variant.flattering ? ' *' : r.variant.name === DEPLOYED ? ' †' : ''), r.test));
  console.log('Same models on the activity-matched test rows (events and window):');
  console.log(metricsHeader());
  for (const r of variants) console.log(metricsLine(r.variant.name, r.matchedTest));
  console.log('Same models on the volume-matched test rows:');
  console.log(metricsHeader());
  for (const r of variants) console.log(metricsLine(r.variant.name, r.volumeTest));
  console.log(`* flattering: uses ${WINDOW_FEATURES.length} window-dependent features (rugs observed until just before the rug, normal tokens for their whole life).  † committed model.`);
  console.log('');
  console.log(`Mazorra et al. (2022): precision ${MAZORRA.precision.toFixed(3)}, recall ${MAZORRA.recall.toFixed(3)}  |  ours (committed, full test): precision ${m.precision.toFixed(3)}, recall ${m.recall.toFixed(3)}`);
  console.log(MAZORRA_NOTE);
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
