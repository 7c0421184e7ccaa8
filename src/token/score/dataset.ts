import { readFileSync } from 'node:fs';
import { seededRandom } from './gbdt.js';

/**
 * The 18 features of the rugpull-uniswapv2-features dataset (Dataset_v1.9.csv, BOBAI / KITRI BoB 10th,
 * "RugPull_Prediction_AI"), in the file's column order. See features.ts for how each one is computed.
 */
export const RUG_FEATURES = [
  'mint_count_per_week',
  'burn_count_per_week',
  'mint_ratio',
  'swap_ratio',
  'burn_ratio',
  'mint_mean_period',
  'swap_mean_period',
  'burn_mean_period',
  'swap_in_per_week',
  'swap_out_per_week',
  'swap_rate',
  'lp_avg',
  'lp_std',
  'lp_creator_holding_ratio',
  'lp_lock_ratio',
  'token_burn_ratio',
  'token_creator_holding_ratio',
  'number_of_token_creation_of_creator',
] as const;
export type RugFeature = (typeof RUG_FEATURES)[number];
export type RugFeatures = Record<RugFeature, number>;

/**
 * Features that are a count or a mean time divided by the observed window. The dataset observes
 * positives (rugs) only up to the block before the rug and negatives over their whole life, so these
 * encode the window length and activity volume more than the token: the leakage the evaluation handles.
 */
export const WINDOW_FEATURES: readonly RugFeature[] = [
  'mint_count_per_week',
  'burn_count_per_week',
  'swap_in_per_week',
  'swap_out_per_week',
  'mint_mean_period',
  'swap_mean_period',
  'burn_mean_period',
];

/**
 * Event-mix features: shares of mints, swaps and burns among the pair's events, and buys per sell. They
 * are not divided by time but still depend on how many events were seen (one mint among 20 events for a
 * young pool vs one among 2,000 for an old one).
 */
export const MIX_FEATURES: readonly RugFeature[] = ['mint_ratio', 'swap_ratio', 'burn_ratio', 'swap_rate'];

/** Holder-state and creator features: snapshots of who holds LP and tokens, and the creator's history. */
export const STATE_FEATURES: readonly RugFeature[] = [
  'lp_avg',
  'lp_std',
  'lp_creator_holding_ratio',
  'lp_lock_ratio',
  'token_burn_ratio',
  'token_creator_holding_ratio',
  'number_of_token_creation_of_creator',
];

export interface RugRow {
  id: string;
  /** 1 = rug pull (Label TRUE), 0 = not (FALSE). */
  label: number;
  features: RugFeatures;
  /** Counts recovered from the ratios (see recoverActivity); null when no consistent integers were found. */
  activity: { mints: number; events: number; weeks: number } | null;
}

/** Parses Dataset_v1.9.csv (UTF-8 BOM, header row, comma-separated, Label TRUE/FALSE). */
export function parseRugCsv(text: string): RugRow[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((s) => s.trim());
  const idx = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`Column ${name} missing from the rug dataset header`);
    return i;
  };
  const idI = idx('id');
  const labelI = idx('Label');
  const featI = RUG_FEATURES.map(idx);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    const label = (cells[labelI] ?? '').trim().toUpperCase();
    if (label !== 'TRUE' && label !== 'FALSE') throw new Error(`Bad label ${label} in ${line.slice(0, 60)}`);
    const features = Object.fromEntries(RUG_FEATURES.map((f, k) => [f, Number(cells[featI[k] as number])])) as RugFeatures;
    return { id: (cells[idI] ?? '').trim(), label: label === 'TRUE' ? 1 : 0, features, activity: recoverActivity(features) };
  });
}

export function loadRugCsv(file: string): RugRow[] {
  return parseRugCsv(readFileSync(file, 'utf8'));
}

/**
 * The dataset stores only normalised features, but the counts behind them can be recovered: mint_ratio =
 * mints/events, swap_ratio = swaps/events and burn_ratio = burns/events with integer counts, so the
 * smallest mint count k ≥ 1 for which k/mint_ratio, and then swap_ratio and burn_ratio times it, are all
 * integers gives the event count; and mint_count_per_week = mints/(weeks + 1) gives the window in weeks.
 * Used only by the evaluation (to compare positives and negatives of similar activity), never as a feature.
 */
export function recoverActivity(f: RugFeatures): { mints: number; events: number; weeks: number } | null {
  const mr = f.mint_ratio;
  if (!(mr > 0) || !(f.mint_count_per_week > 0)) return null;
  const near = (x: number) => Math.abs(x - Math.round(x)) <= Math.max(2e-3, 5e-7 * x);
  for (let k = 1; k <= 5000; k++) {
    const events = k / mr;
    if (events > 2e6) break;
    if (!near(events)) continue;
    const n = Math.round(events);
    if (!near(f.swap_ratio * n) || !near(f.burn_ratio * n)) continue;
    if (Math.round(f.swap_ratio * n) + Math.round(f.burn_ratio * n) + k !== n) continue;
    return { mints: k, events: n, weeks: Math.max(0, k / f.mint_count_per_week - 1) };
  }
  return null;
}

/** Stratified random split: `testShare` of each class to the test side, shuffled by a seeded PRNG. */
export function stratifiedSplit<T extends { label: number }>(rows: T[], testShare: number, seed: string): { train: T[]; test: T[] } {
  const rand = seededRandom(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of [0, 1]) {
    const cls = rows.filter((r) => r.label === label);
    for (let i = cls.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [cls[i], cls[j]] = [cls[j] as T, cls[i] as T];
    }
    const nTest = Math.round(cls.length * testShare);
    test.push(...cls.slice(0, nTest));
    train.push(...cls.slice(nTest));
  }
  return { train, test };
}

/** Feature matrix of rows for the given feature names. */
export function matrix(rows: RugRow[], features: readonly string[]): number[][] {
  return rows.map((r) => features.map((f) => (r.features as Record<string, number>)[f] as number));
}
