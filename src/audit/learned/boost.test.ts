import { describe, expect, it } from 'vitest';
import { contributions, fitPlatt, margin, sigmoid, trainBoosted } from './boost.js';

describe('trainBoosted', () => {
  // An interaction no single feature explains: positive only when both flags are set.
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < 400; i++) {
    const a = i % 2;
    const b = Math.floor(i / 2) % 2;
    const noise = i % 7;
    X.push([a, b, noise]);
    y.push(a && b ? 1 : 0);
  }

  it('learns a conjunction with depth-2 trees and is deterministic', () => {
    const m = trainBoosted(X, y, { rounds: 40 });
    expect(sigmoid(margin(m, [1, 1, 3]))).toBeGreaterThan(0.9);
    expect(sigmoid(margin(m, [1, 0, 3]))).toBeLessThan(0.1);
    expect(sigmoid(margin(m, [0, 1, 3]))).toBeLessThan(0.1);
    expect(JSON.stringify(trainBoosted(X, y, { rounds: 40 }))).toBe(JSON.stringify(m));
  });

  it('attributes the score to the features that set it, summing to the margin', () => {
    const m = trainBoosted(X, y, { rounds: 40 });
    const c = contributions(m, [1, 1, 3], 3);
    expect(c[0]! + c[1]!).toBeGreaterThan(Math.abs(c[2]!));
    expect(m.base + c.reduce((s, v) => s + v, 0)).toBeCloseTo(margin(m, [1, 1, 3]), 6);
  });

  it('Platt scaling maps margins to calibrated probabilities', () => {
    const margins = [-3, -2, -1, 0, 1, 2, 3, 4];
    const labels = [0, 0, 0, 1, 0, 1, 1, 1];
    const { a, b } = fitPlatt(margins, labels);
    expect(a).toBeGreaterThan(0);
    expect(sigmoid(a * 4 + b)).toBeGreaterThan(sigmoid(a * -3 + b));
  });
});
