/**
 * The learned baseline's model file (models/monitor-baseline.json, written by eval/train-baseline.ts):
 * the isolation forest over FEATURE_NAMES, the alert threshold chosen on the training scores, what a
 * typical training row looks like (for explanations) and how the model was trained. Plus the scorer
 * that turns a row into a score and an explanation: which features isolated it, their values, and the
 * sender's history they were measured against.
 */
import { readFileSync } from 'node:fs';
import { FEATURE_NAMES, type FeatureContext } from './features.js';
import { IsolationForest, type ForestJson } from './isolation-forest.js';
import { formatToken, formatUnits, tokenName, tokenUnits, type TokenInfo } from '../../core/amounts.js';
import { packagePath } from '../../core/package-root.js';

export const BASELINE_MODEL_VERSION = 1;

/**
 * A float amount of base units (a geometric mean) to four significant digits as an exact bigint: 1e24 is
 * 1000000000000000000000000n, where BigInt(1e24) would be 999999999999999983222784n (and print as
 * 999,999.9999 tokens).
 */
function approximateUnits(x: number): bigint {
  if (!(x >= 1000)) return BigInt(Math.round(Math.max(0, x)));
  const [mantissa, exponent] = x.toExponential(3).split('e') as [string, string];
  return BigInt(mantissa.replace('.', '')) * 10n ** BigInt(Number(exponent) - 3);
}

export interface BaselineModel {
  version: number;
  featureNames: string[];
  /** Only senders with at least this many earlier transactions are scored (and were trained on). */
  minHistory: number;
  /** Alert when score >= threshold. */
  threshold: number;
  thresholdRule: string;
  forest: ForestJson;
  /** Per feature: mean isolation credit over the training rows, median and 99th percentile of its value. */
  typical: { contribution: number[]; p50: number[]; p99: number[] };
  training: { date: string; seeds: string[]; runs: string[]; transactions: number; rows: number; trees: number; sampleSize: number; forestSeed: string; scores: { p50: number; p99: number; p999: number; max: number } };
}

export interface Departure {
  feature: string;
  value: number;
  /** Training median and 99th percentile of the feature. */
  p50: number;
  p99: number;
  /** Isolation credit above the training rows' mean credit. */
  excess: number;
}

/** models/monitor-baseline.json of the package. */
export function defaultModelPath(): string {
  return packagePath('models', 'monitor-baseline.json');
}

/** Reads and checks a model file; a model over other features than this code computes is refused. */
export function loadBaselineModel(file = defaultModelPath()): BaselineModel {
  const model = JSON.parse(readFileSync(file, 'utf8')) as BaselineModel;
  if (model.version !== BASELINE_MODEL_VERSION) throw new Error(`${file}: unsupported baseline model version ${String(model.version)}`);
  if (model.featureNames.join() !== FEATURE_NAMES.join()) throw new Error(`${file}: the model's features (${model.featureNames.join(', ')}) are not this code's (${FEATURE_NAMES.join(', ')}); retrain with npm run train:monitor`);
  return model;
}

export class BaselineScorer {
  private readonly forest: IsolationForest;

  constructor(readonly model: BaselineModel) {
    this.forest = IsolationForest.fromJSON(model.forest);
  }

  score(row: readonly number[]): number {
    return this.forest.score(row);
  }

  /** The features that isolated `row` more than they isolate a typical training row, most first. */
  departures(row: readonly number[], top = 3): Departure[] {
    const credit = this.forest.contributions(row);
    const t = this.model.typical;
    return credit
      .map((c, i) => ({ feature: FEATURE_NAMES[i]!, value: row[i]!, p50: t.p50[i]!, p99: t.p99[i]!, excess: c - t.contribution[i]! }))
      .filter((d) => d.excess > 0)
      .sort((a, b) => b.excess - a.excess)
      .slice(0, top);
  }

  /**
   * One sentence: score, departing features against the training range, and the sender's own history;
   * the token's amounts in its units when `tokenInfo` (of `context.token`) gives its decimals.
   */
  explain(score: number, departures: readonly Departure[], context: FeatureContext, tokenInfo?: TokenInfo): string {
    const r = (x: number) => (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3));
    const parts = departures.map((d) => `${d.feature} = ${r(d.value)} (training median ${r(d.p50)}, 99th percentile ${r(d.p99)})`);
    let history = `against a history of ${context.history} transactions (mean ${context.meanEth.toPrecision(3)} ETH)`;
    const t = context.token;
    if (t) {
      const decimals = tokenInfo?.decimals;
      const unit = decimals == null ? ' base units' : '';
      // The typical amount is a geometric mean (a float); in the token's units when its decimals are known.
      const typical = decimals != null && Number.isFinite(t.meanAmount) ? formatUnits(approximateUnits(t.meanAmount), decimals) : t.meanAmount.toPrecision(3);
      history +=
        t.history > 0
          ? `; for ${tokenName(t.address, tokenInfo)} ${t.history} earlier transfers (typical amount ${typical}${unit}, this one ${tokenUnits(t.amount, tokenInfo)}${unit})`
          : `; its first transfer of ${formatToken(t.amount, t.address, tokenInfo)}`;
    }
    return `anomaly score ${score.toFixed(3)} (threshold ${this.model.threshold.toFixed(3)}): ${parts.join(', ') || 'no single feature stands out'}, ${history}.`;
  }
}
