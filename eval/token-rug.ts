/**
 * The pre-rug model's held-out figures for `eval:token`: the committed model file scored on the same test
 * split `train:rug` held out, on all test tokens and on the activity-matched ones (see eval/rug.ts for the
 * full breakdown and the leakage variants).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadRugModel } from '../src/token/score/index.js';
import type { HeldOutMetrics } from '../src/token/score/metrics.js';
import { DATASET, VARIANTS, evaluate, loadDataset, rowsOf, split } from './rug-experiment.js';

export interface RugHeldOut {
  testRows: number;
  test: HeldOutMetrics;
  matchedRows: number;
  matched: HeldOutMetrics;
}

export function datasetsAvailable(): boolean {
  return existsSync(path.join(process.cwd(), '..', 'shared', 'datasets', DATASET));
}

export function rugModelHeldOut(): RugHeldOut {
  const scorer = loadRugModel();
  const variant = VARIANTS.find((v) => v.name === scorer.file.variant);
  if (!variant) throw new Error(`the committed model's variant ${scorer.file.variant} is unknown: retrain with npm run train:rug`);
  const s = split(loadDataset());
  const r = evaluate(scorer.gbdt, s, variant);
  const testRows = rowsOf(s, variant.subset, 'test');
  return {
    testRows: testRows.length,
    test: r.test,
    matchedRows: rowsOf(s, 'matched', 'test').length,
    matched: r.matchedTest,
  };
}
