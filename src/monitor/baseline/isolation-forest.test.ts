import { describe, expect, it } from 'vitest';
import { IsolationForest, averagePathLength, seededRandom } from './isolation-forest.js';

/** 500 inliers from a 3-d Gaussian blob (Box–Muller on the seeded PRNG) and 5 points far from it on feature 1. */
function data(seed: string): { inliers: number[][]; outliers: number[][] } {
  const rand = seededRandom(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const inliers = Array.from({ length: 500 }, () => [gauss(), gauss(), gauss()]);
  const outliers = Array.from({ length: 5 }, (_, i) => [gauss(), 8 + i, gauss()]);
  return { inliers, outliers };
}

describe('isolation forest', () => {
  const { inliers, outliers } = data('test-data');
  const forest = IsolationForest.fit([...inliers, ...outliers], { trees: 100, sampleSize: 256, seed: 'test-forest' });

  it('scores every planted outlier above every inlier', () => {
    const inlierMax = Math.max(...inliers.map((r) => forest.score(r)));
    const outlierMin = Math.min(...outliers.map((r) => forest.score(r)));
    expect(outlierMin).toBeGreaterThan(inlierMax);
    expect(outlierMin).toBeGreaterThan(0.6);
    // Typical points sit near or below 0.5 by construction of the normaliser c(n).
    const median = inliers.map((r) => forest.score(r)).sort((a, b) => a - b)[250]!;
    expect(median).toBeLessThan(0.5);
  });

  it('credits the feature that isolates the outlier', () => {
    const credit = forest.contributions(outliers[0]!);
    expect(credit.indexOf(Math.max(...credit))).toBe(1);
  });

  it('gives identical scores after a JSON round trip', () => {
    const copy = IsolationForest.fromJSON(JSON.parse(JSON.stringify(forest.toJSON())));
    for (const r of [...inliers.slice(0, 50), ...outliers]) expect(copy.score(r)).toBe(forest.score(r));
  });

  it('is deterministic for a seed and differs across seeds', () => {
    const again = IsolationForest.fit([...inliers, ...outliers], { trees: 100, sampleSize: 256, seed: 'test-forest' });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(forest.toJSON()));
    const other = IsolationForest.fit([...inliers, ...outliers], { trees: 100, sampleSize: 256, seed: 'other' });
    expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(forest.toJSON()));
  });

  it('handles constant columns and duplicate rows', () => {
    const rows = Array.from({ length: 300 }, (_, i) => [1, i % 2, 0]);
    const f = IsolationForest.fit(rows, { trees: 20, seed: 's' });
    // A feature that never varied in training is never split on, so it cannot move the score.
    expect(f.score([1, 0, 5])).toBe(f.score([1, 0, 0]));
    expect(Number.isFinite(f.score([1, 1, 0]))).toBe(true);
  });

  it('uses the textbook normaliser', () => {
    expect(averagePathLength(1)).toBe(0);
    expect(averagePathLength(2)).toBe(1);
    expect(averagePathLength(256)).toBeCloseTo(10.24, 1);
  });
});
