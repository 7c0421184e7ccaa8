import path from 'node:path';
import { datasetsRoot } from './datasets.js';
import { Gbdt, seededRandom, type GbdtParams } from '../src/token/score/gbdt.js';
import { MIX_FEATURES, RUG_FEATURES, STATE_FEATURES, loadRugCsv, matrix, stratifiedSplit, type RugRow } from '../src/token/score/dataset.js';
import { heldOutMetrics, type HeldOutMetrics } from '../src/token/score/metrics.js';

/**
 * The experiment shared by `npm run train:rug` and `npm run eval:rug`: one stratified 80/20 split of
 * Dataset_v1.9.csv (seed below), and the variants that measure the dataset's leakage.
 *
 * The leakage: a rug's features are computed from its first event to the block before the rug (median
 * window 1.4 hours, 22 events, recovered from the ratios), a normal token's over its whole life (median
 * 57 days, ~490 events). Every per-week rate and normalised mean time then encodes "how long was it
 * watched", which a live token being scored does not share with either class.
 */

export const SPLIT_SEED = 'argus-rug-split-1';
export const TRAIN_SEED = 'argus-rug-gbdt-1';
export const TEST_SHARE = 0.2;
export const DATASET = 'rugpull-uniswapv2-features/Dataset_v1.9.csv';

export const PARAMS: Partial<GbdtParams> = { rounds: 150, depth: 4, learningRate: 0.1, bins: 32, lambda: 1, minChildWeight: 1, subsample: 0.8, seed: TRAIN_SEED };

export type Subset = 'all' | 'matched' | 'volume';

export interface Variant {
  name: string;
  features: readonly string[];
  /** Rows trained and tested on: all, or only the activity-matched ones (see matchedFilter). */
  subset: Subset;
  description: string;
  flattering?: boolean;
}

export const VARIANTS: Variant[] = [
  { name: 'all-18', features: RUG_FEATURES, subset: 'all', description: 'all 18 features, random stratified split', flattering: true },
  { name: 'no-window', features: [...MIX_FEATURES, ...STATE_FEATURES], subset: 'all', description: 'drops the 7 per-week and mean-period features (11 left)' },
  { name: 'state-only', features: STATE_FEATURES, subset: 'all', description: '7 holder-state and creator features only' },
  { name: 'all-18 matched', features: RUG_FEATURES, subset: 'matched', description: 'all 18, trained and tested on activity-matched rows only' },
  { name: 'no-window matched', features: [...MIX_FEATURES, ...STATE_FEATURES], subset: 'matched', description: '11 features, activity-matched rows only' },
  { name: 'state-only matched', features: STATE_FEATURES, subset: 'matched', description: '7 features, activity-matched rows only' },
  { name: 'all-18 volume', features: RUG_FEATURES, subset: 'volume', description: 'all 18, trained and tested on volume-matched rows (event count only)' },
  { name: 'no-window volume', features: [...MIX_FEATURES, ...STATE_FEATURES], subset: 'volume', description: '11 features, volume-matched rows only' },
];

/** The variant whose model is committed as models/rug-score.json. */
export const DEPLOYED = 'no-window';

export function loadDataset(): RugRow[] {
  return loadRugCsv(path.join(datasetsRoot(), DATASET));
}

export interface Matching {
  maxEvents: number;
  maxWeeks: number;
  quantile: number;
}

/**
 * Activity matching: keep rows (of either class) whose recovered event count and window length are at
 * most the 90th percentile of the rugs' (computed on the training side), so a negative in the comparison
 * was watched about as long and saw about as much activity as a rug before its rug.
 */
export function matching(train: RugRow[], quantile = 0.9): Matching {
  const pos = train.filter((r) => r.label === 1 && r.activity);
  const q = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(quantile * (xs.length - 1))] as number;
  return { maxEvents: q(pos.map((r) => r.activity?.events ?? 0)), maxWeeks: q(pos.map((r) => r.activity?.weeks ?? 0)), quantile };
}

export function isMatched(r: RugRow, m: Matching): boolean {
  return r.activity !== null && r.activity.events <= m.maxEvents && r.activity.weeks <= m.maxWeeks;
}

/** Looser: only the event count is matched (a normal token may have had those events over a longer window). */
export function isVolumeMatched(r: RugRow, m: Matching): boolean {
  return r.activity !== null && r.activity.events <= m.maxEvents;
}

export interface Split {
  train: RugRow[];
  test: RugRow[];
  matching: Matching;
}

export function split(rows: RugRow[]): Split {
  const { train, test } = stratifiedSplit(rows, TEST_SHARE, SPLIT_SEED);
  return { train, test, matching: matching(train) };
}

/** Balanced class weights: each class carries half the loss, so p = 0.5 means "as likely either way". */
export function balancedWeights(rows: RugRow[]): { pos: number; neg: number } {
  const pos = rows.filter((r) => r.label === 1).length;
  const neg = rows.length - pos;
  return { pos: rows.length / (2 * pos), neg: rows.length / (2 * neg) };
}

export function rowsOf(s: Split, subset: Subset, side: 'train' | 'test'): RugRow[] {
  const rows = side === 'train' ? s.train : s.test;
  if (subset === 'all') return rows;
  return rows.filter((r) => (subset === 'matched' ? isMatched(r, s.matching) : isVolumeMatched(r, s.matching)));
}

export function trainVariant(s: Split, v: Variant): Gbdt {
  const rows = rowsOf(s, v.subset, 'train');
  return Gbdt.fit(
    matrix(rows, v.features),
    rows.map((r) => r.label),
    [...v.features],
    { ...PARAMS, classWeight: balancedWeights(rows) },
  );
}

export interface VariantResult {
  variant: Variant;
  trainRows: number;
  /** Held-out metrics on the variant's own test rows. */
  test: HeldOutMetrics;
  /** The same model on the activity-matched test rows only (events and window). */
  matchedTest: HeldOutMetrics;
  /** The same model on the volume-matched test rows (events only). */
  volumeTest: HeldOutMetrics;
}

export function evaluate(model: Gbdt, s: Split, v: Variant): VariantResult {
  const score = (rows: RugRow[]) => {
    const X = matrix(rows, model.features);
    return heldOutMetrics(
      rows.map((r) => r.label),
      X.map((x) => model.predict(x)),
    );
  };
  return { variant: v, trainRows: rowsOf(s, v.subset, 'train').length, test: score(rowsOf(s, v.subset, 'test')), matchedTest: score(rowsOf(s, 'matched', 'test')), volumeTest: score(rowsOf(s, 'volume', 'test')) };
}

/** Mazorra, Adan & Daza (2022), "Do not rug on me", features at a fixed horizon after the pool's creation. */
export const MAZORRA = { precision: 0.869, recall: 0.784 };

/** Seeded bootstrap 95 % interval of a metric over the rows (resampled with replacement, `reps` times). */
export function bootstrap(y: number[], scores: number[], metric: (y: number[], s: number[]) => number, reps = 300, seed = 'argus-rug-boot'): [number, number] {
  const rand = seededRandom(seed);
  const values: number[] = [];
  for (let r = 0; r < reps; r++) {
    const ys: number[] = [];
    const ss: number[] = [];
    for (let i = 0; i < y.length; i++) {
      const j = Math.floor(rand() * y.length);
      ys.push(y[j] as number);
      ss.push(scores[j] as number);
    }
    const v = metric(ys, ss);
    if (Number.isFinite(v)) values.push(v);
  }
  values.sort((a, b) => a - b);
  return [values[Math.floor(0.025 * (values.length - 1))] as number, values[Math.floor(0.975 * (values.length - 1))] as number];
}

const f3 = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : '  n/a');

export function metricsHeader(): string {
  return `${'variant'.padEnd(20)} ${'test rows'.padEnd(17)} prec   recall F1     PR-AUC ROC-AUC PR-AUC(not-rug) specificity  all-rug prec`;
}

export function metricsLine(name: string, m: HeldOutMetrics): string {
  const spec = m.confusion.tn + m.confusion.fp === 0 ? Number.NaN : m.confusion.tn / (m.confusion.tn + m.confusion.fp);
  const rows = `${m.n} (${m.n - m.positives} not)`;
  return `${name.padEnd(20)} ${rows.padEnd(17)} ${f3(m.precision)}  ${f3(m.recall)}  ${f3(m.f1)}  ${f3(m.prAuc)}  ${f3(m.rocAuc)}   ${f3(m.prAucMinority)}           ${f3(spec)}        ${f3(m.allRug.precision)}`;
}

/** Scores of a model on rows, with labels. */
export function scoresOf(model: Gbdt, rows: RugRow[]): { y: number[]; s: number[] } {
  return { y: rows.map((r) => r.label), s: matrix(rows, model.features).map((x) => model.predict(x)) };
}

export const MAZORRA_NOTE =
  'Mazorra, Adan & Daza (2022) measure every pool at the same fixed horizon after its creation, on their own labelled set of Uniswap V2 pools with another class balance; this dataset observes rugs until just before the rug and normal tokens over their whole life, so the numbers are not directly comparable: our full-test precision and recall profit from that window difference (and from the class balance: see the precision of the all-rug baseline); ROC-AUC and not-rug PR-AUC on the matched rows are the fairer reading.';
